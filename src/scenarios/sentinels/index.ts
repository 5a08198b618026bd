/**
 * sentinels — `producers` processes each put `items` items on one Queue;
 * `consumers` processes take items until they get `None`. Main joins the
 * producers, then puts `sentinels` Nones: one per consumer is needed. The
 * default (2) equals the default number of consumers; with fewer sentinels
 * than consumers, the consumers left without a None wait in get() forever
 * and main waits to join them (deadlock). Extra Nones stay in the queue.
 *
 * Judge: the producers' items are the first producers × items serials put
 * on the queue (main puts the Nones only after joining every producer), so
 * Produced/Consumed/Lost/Duplicated count real items, not sentinels.
 */
import { agree, counted } from '../../i18n/plural';
import { Console } from '../../core/data';
import { Queue } from '../../core/queue';
import type { World } from '../../core/world';
import { itemBalance } from '../result';
import type { Judgement, RunResult, Scenario } from '../types';
import { memoLines, NOBODY_MOVES, producersThenSentinels, queueJudging } from '../common';

interface Params {
  producers: number;
  consumers: number;
  items: number;
  sentinels: number;
  [k: string]: number | string;
}

function setup(world: World) {
  return { console: new Console(world, 512, 32 * 1024), q: new Queue(world, 0, 'q') };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Queue
import random
import time

PRODUCERS = ${p.producers}
CONSUMERS = ${p.consumers}
ITEMS = ${p.items}  # per producer
SENTINELS = ${p.sentinels}  # one None per consumer is needed

def producer(q, n):
    for i in range(ITEMS):
        time.sleep(random.uniform(0.05, 0.2))  # making an item
        q.put(f'P{n}-{i}')
    print(f'producer {n} done')

def consumer(q, n):
    while True:
        item = q.get()
        if item is None:  # the sentinel: no more work
            print(f'consumer {n} got None and leaves')
            break
        print(f'consumer {n} got {item}')
        time.sleep(random.uniform(0.05, 0.2))  # working on it

if __name__ == '__main__':
    q = Queue()
    producers = [Process(target=producer, args=(q, n), name=f'producer-{n}') for n in range(PRODUCERS)]
    consumers = [Process(target=consumer, args=(q, n), name=f'consumer-{n}') for n in range(CONSUMERS)]
    for proc in producers + consumers:
        proc.start()
    for prod in producers:
        prod.join()
    for _ in range(SENTINELS):
        q.put(None)
    for cons in consumers:
        cons.join()
    print('main: every consumer has left')
`;

const lines = memoLines(SOURCE, () => '', () => ({
  make: 'time.sleep(random.uniform(0.05, 0.2))  # making',
  put: "q.put(f'P{n}-{i}')",
  producerDone: "print(f'producer {n} done')",
  get: 'item = q.get()',
  gotNone: 'got None and leaves',
  got: "print(f'consumer {n} got {item}')",
  work: 'time.sleep(random.uniform(0.05, 0.2))  # working',
  start: 'proc.start()',
  joinProducer: 'prod.join()',
  putNone: 'q.put(None)',
  joinConsumer: 'cons.join()',
  end: "print('main: every consumer has left')",
}));

/** Balance over the producers' items only (serials 1…producers×items; the Nones come after). */
export function itemsOnly(result: Pick<RunResult<unknown>, 'puts' | 'takes'>, realItems: number) {
  const puts = new Map([...result.puts].map(([obj, serials]) => [obj, serials.filter((s) => s <= realItems)] as const));
  const takes = new Map([...result.takes].map(([obj, m]) => [obj, new Map([...m].filter(([s]) => s <= realItems))] as const));
  return itemBalance({ puts, takes });
}

export const sentinels: Scenario<Objs, Params> = {
  id: 'sentinels',
  title: { en: 'Sentinels: one None per consumer', zh: '哨兵：每个消费者一个 None' },
  summary: {
    en: 'Producers fill a queue; consumers take items until they get None. Main joins the producers, then puts one None per consumer. Put fewer Nones than there are consumers and the rest wait in get() forever.',
    zh: '生产者往队列里放物品；消费者一直取，直到取到 None。主进程等生产者都结束后，为每个消费者放一个 None。None 比消费者少，剩下的消费者就会永远卡在 get() 里。',
  },
  topic: 'queues',
  hook: {
    en: 'One None per consumer, or someone waits forever.',
    zh: '每个消费者一个 None，否则总有人永远等下去。',
  },
  challenges: [
    {
      id: 'stranded',
      goal: { en: 'Leave a consumer waiting for a None that never comes.', zh: '让一个消费者永远等一个不会来的 None。' },
      met: (r) => r.verdict === 'deadlock',
    },
  ],
  params: [
    { name: 'producers', default: 2, min: 1, max: 5, label: { en: 'Producers', zh: '生产者数' } },
    { name: 'items', default: 5, min: 1, max: 20, label: { en: 'Items per producer', zh: '每个生产者的物品数' } },
    { name: 'consumers', default: 2, min: 1, max: 5, label: { en: 'Consumers', zh: '消费者数' } },
    // The default equals the default number of consumers: one None each.
    { name: 'sentinels', default: 2, min: 0, max: 10, label: { en: 'Sentinels (None) — one per consumer', zh: '哨兵（None）——每个消费者一个' } },
  ],
  options: [],
  defaultMode: 'clock',
  maxProcesses: (p) => 1 + p.producers + p.consumers,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      const { q } = p.objs;
      const producers = Array.from({ length: p.params.producers }, (_, n) => p.Process({ target: 'producer', args: [n], name: `producer-${n}` }));
      const consumers = Array.from({ length: p.params.consumers }, (_, n) => p.Process({ target: 'consumer', args: [n], name: `consumer-${n}` }));
      producersThenSentinels(p, q, producers, consumers, p.params.sentinels, L);
      p.at(L.end).print('main: every consumer has left');
    },
    producer: (p) => {
      const L = lines(p.params);
      const n = p.args[0] as number;
      for (let i = 0; i < p.params.items; i++) {
        p.at(L.make).sleep(p.uniform(0.05, 0.2));
        p.at(L.put);
        p.objs.q.put(`P${n}-${i}`);
      }
      p.at(L.producerDone).print(`producer ${n} done`);
    },
    consumer: (p) => {
      const L = lines(p.params);
      const n = p.args[0] as number;
      for (;;) {
        p.at(L.get);
        const item = p.objs.q.get();
        if (item === null) {
          p.at(L.gotNone).print(`consumer ${n} got None and leaves`);
          break;
        }
        p.at(L.got).print(`consumer ${n} got ${String(item)}`);
        p.at(L.work).sleep(p.uniform(0.05, 0.2));
      }
    },
  },
  judge(result, params): Judgement {
    const { b, say, deadlock } = queueJudging(result, itemsOnly(result, params.producers * params.items), true);
    if (result.status === 'deadlock') {
      const missing = params.consumers - params.sentinels;
      return deadlock(
        missing > 0
          ? { en: `Main put ${counted(params.sentinels, 'None', 'Nones')} for ${counted(params.consumers, 'consumer')}, so ${counted(missing, 'consumer')} never ${agree(missing, 'gets', 'get')} one.`, zh: `主进程为 ${params.consumers} 个消费者只放了 ${params.sentinels} 个 None，有 ${missing} 个消费者永远等不到。` }
          : NOBODY_MOVES,
      );
    }
    if (result.status === 'running') return say('running', `Running: ${b.produced} produced, ${b.consumed} consumed so far.`, `运行中：已生产 ${b.produced} 件，已消费 ${b.consumed} 件。`);
    if (b.lost > 0 || b.duplicated > 0)
      return say('violated', `${counted(b.lost, 'item')} ${agree(b.lost, 'was', 'were')} never consumed and ${b.duplicated} ${agree(b.duplicated, 'was', 'were')} consumed twice.`, `有 ${b.lost} 件物品没人消费，${b.duplicated} 件被消费了两次。`);
    const extra = Math.max(0, params.sentinels - params.consumers);
    return say(
      'ok',
      `All ${counted(b.produced, 'item')} ${agree(b.produced, 'was', 'were')} consumed exactly once, and each consumer left on its own None${extra ? ` (${counted(extra, 'extra None', 'extra Nones')} ${agree(extra, 'stays', 'stay')} in the queue)` : ''}.`,
      `全部 ${b.produced} 件物品都恰好被消费一次，每个消费者都在取到自己的 None 后离开${extra ? `（多出的 ${extra} 个 None 留在队列里）` : ''}。`,
    );
  },
};
