/**
 * queue-stress — bench-only (opened by URL, not listed on the start page or in
 * the picker): `producers` processes put `items` numbered items each through
 * one bounded `Queue(maxsize)`; `consumers` processes take until they get
 * None; main joins the producers, puts one None per consumer, joins the
 * consumers. `npm run bench` measures the app page running it at 4 × 4 ×
 * 100,000 through Queue(8) in parallel turbo (the frame gaps a learner would
 * see), and bench.html runs the same module without React (items/s against
 * CPython's `queue_items`).
 *
 * Besides the log, each item has a plain shared word counting how often a
 * consumer got it, so bench.html can check Lost/Duplicated without trusting the
 * event log it measures. The judge reads the log, like every queue scenario.
 */
import { agree, counted, num } from '../../i18n/plural';
import { Console } from '../../core/data';
import { Queue } from '../../core/queue';
import type { World } from '../../core/world';
import type { Judgement, Scenario } from '../types';
import { memoLines, NOBODY_MOVES, producersThenSentinels, queueJudging } from '../common';
import { itemsOnly } from '../sentinels';

interface Params {
  producers: number;
  consumers: number;
  items: number;
  maxsize: number;
  [k: string]: number | string;
}

/** The most items per producer (the bench's full size). */
export const QUEUE_STRESS_MAX_ITEMS = 100_000;

function setup(world: World, params: Params) {
  const q = new Queue(world, params.maxsize, 'q');
  // One word per item: how many times a consumer got it (lost = 0, duplicated > 1).
  const tally = world.allocate('value', 'tally', params.producers * params.items);
  return { console: new Console(world, 16, 1024), q, tally: tally.base };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Array, Process, Queue

def producer(q, k):
    for i in range(${p.items}):
        q.put(k * ${p.items} + i)

def consumer(q, seen):
    while (item := q.get()) is not None:
        seen[item] += 1  # how often each item arrived

if __name__ == '__main__':
    q = Queue(${p.maxsize})
    seen = Array('i', ${p.producers * p.items}, lock=False)
    producers = [Process(target=producer, args=(q, k)) for k in range(${p.producers})]
    consumers = [Process(target=consumer, args=(q, seen)) for _ in range(${p.consumers})]
    for proc in producers + consumers:
        proc.start()
    for prod in producers:
        prod.join()
    for _ in consumers:
        q.put(None)
    for cons in consumers:
        cons.join()
`;

// The layout does not depend on the parameters: one line map for all.
const lines = memoLines(SOURCE, () => '', () => ({
  put: 'q.put(k *',
  get: 'q.get()',
  start: 'proc.start()',
  joinProducer: 'prod.join()',
  putNone: 'q.put(None)',
  joinConsumer: 'cons.join()',
}));

export const queueStress: Scenario<Objs, Params> = {
  id: 'queue-stress',
  title: { en: 'Queue stress (benchmark)', zh: '队列压力测试（基准）' },
  summary: {
    en: 'Benchmark only: producers push numbered items through one bounded queue to consumers as fast as they can; every item must arrive exactly once.',
    zh: '仅用于基准测试：生产者尽快把编号物品经一个有界队列交给消费者；每件物品都必须恰好到达一次。',
  },
  topic: 'queues',
  params: [
    { name: 'producers', default: 4, min: 1, max: 8, label: { en: 'Producers', zh: '生产者数' } },
    { name: 'consumers', default: 4, min: 1, max: 8, label: { en: 'Consumers', zh: '消费者数' } },
    { name: 'items', default: 1000, min: 1, max: QUEUE_STRESS_MAX_ITEMS, label: { en: 'Items per producer', zh: '每个生产者的物品数' } },
    { name: 'maxsize', default: 8, min: 1, max: 64, label: { en: 'maxsize', zh: '最大容量 maxsize' } },
  ],
  options: [],
  defaultMode: 'parallel',
  maxProcesses: (p) => 1 + p.producers + p.consumers,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      const { q } = p.objs;
      const producers = Array.from({ length: p.params.producers }, (_, k) => p.Process({ target: 'producer', args: [k], name: `producer-${k}` }));
      const consumers = Array.from({ length: p.params.consumers }, (_, k) => p.Process({ target: 'consumer', name: `consumer-${k}` }));
      producersThenSentinels(p, q, producers, consumers, p.params.consumers, L);
    },
    producer: (p) => {
      const L = lines(p.params);
      const base = (p.args[0] as number) * p.params.items;
      p.at(L.put);
      for (let i = 0; i < p.params.items; i++) p.objs.q.put(base + i);
    },
    consumer: (p) => {
      const L = lines(p.params);
      const i32 = p.world.mem.i32;
      for (;;) {
        p.at(L.get);
        const item = p.objs.q.get();
        if (item === null) return;
        Atomics.add(i32, p.objs.tally + (item as number), 1);
      }
    },
  },
  judge(result, params): Judgement {
    const { b, say, deadlock } = queueJudging(result, itemsOnly(result, params.producers * params.items), true);
    if (result.status === 'deadlock') return deadlock(NOBODY_MOVES);
    if (result.status === 'running') return say('running', `Running: ${num.en(b.produced)} produced, ${num.en(b.consumed)} consumed so far.`, `运行中：已生产 ${num.zh(b.produced)} 件，已消费 ${num.zh(b.consumed)} 件。`);
    if (b.lost > 0 || b.duplicated > 0) return say('violated', `${counted(b.lost, 'item')} ${agree(b.lost, 'was', 'were')} never consumed and ${num.en(b.duplicated)} ${agree(b.duplicated, 'was', 'were')} consumed twice.`, `有 ${num.zh(b.lost)} 件物品没人消费，${num.zh(b.duplicated)} 件被消费了两次。`);
    return say('ok', `All ${counted(b.produced, 'item')} went through the queue and ${agree(b.produced, 'was', 'were')} consumed exactly once.`, `全部 ${num.zh(b.produced)} 件物品都经过队列，并且恰好被消费一次。`);
  },
};
