/**
 * producer-consumer — one producer makes `items` items with random delays
 * (0.1–0.5 s each) and puts them on a Queue; one consumer takes them with
 * `get(timeout=TIMEOUT)` and leaves when that raises queue.Empty. With the
 * default timeout (2 s, longer than any delay) every item is consumed once;
 * a timeout of 0 makes the consumer give up before the first item arrives,
 * and the items are left in the queue (Lost).
 */
import { figure } from '../challenges';
import { agree, counted } from '../../i18n/plural';
import { Console } from '../../core/data';
import { Queue } from '../../core/queue';
import type { World } from '../../core/world';
import { itemBalance } from '../result';
import type { Judgement, Scenario } from '../types';
import { isPy, memoLines, NOBODY_MOVES, queueJudging } from '../common';

interface Params {
  items: number;
  timeout: number;
  [k: string]: number | string;
}

function setup(world: World) {
  return { console: new Console(world, 256, 16 * 1024), q: new Queue(world, 0, 'q') };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Queue
import queue
import random
import time

ITEMS = ${p.items}
TIMEOUT = ${p.timeout}  # seconds the consumer waits for the next item

def producer(q):
    for i in range(ITEMS):
        time.sleep(random.uniform(0.1, 0.5))  # making an item takes a while
        q.put(f'item {i}')
        print(f'produced item {i}')

def consumer(q):
    while True:
        try:
            item = q.get(timeout=TIMEOUT)
        except queue.Empty:
            print(f'nothing for {TIMEOUT} s: the consumer leaves')
            break
        print(f'consumed {item}')
        time.sleep(random.uniform(0.1, 0.3))  # working on it

if __name__ == '__main__':
    q = Queue()
    prod = Process(target=producer, args=(q,), name='producer')
    cons = Process(target=consumer, args=(q,), name='consumer')
    prod.start()
    cons.start()
    prod.join()
    cons.join()
    print('main: done, items left in the queue:', q.qsize())
`;

const lines = memoLines(SOURCE, () => '', () => ({
  make: 'time.sleep(random.uniform(0.1, 0.5))',
  put: "q.put(f'item {i}')",
  produced: "print(f'produced item {i}')",
  get: 'item = q.get(timeout=TIMEOUT)',
  leaves: 'the consumer leaves',
  consumed: "print(f'consumed {item}')",
  work: 'time.sleep(random.uniform(0.1, 0.3))',
  startProd: 'prod.start()',
  startCons: 'cons.start()',
  joinProd: 'prod.join()',
  joinCons: 'cons.join()',
  done: "print('main: done, items left",
}));

export const producerConsumer: Scenario<Objs, Params> = {
  id: 'producer-consumer',
  title: { en: 'Producer and consumer', zh: '生产者与消费者' },
  summary: {
    en: 'One producer puts items on a queue at random intervals; one consumer takes them with get(timeout=…) and leaves when the queue stays empty that long. Set the timeout to 0 and the consumer gives up before the work is done.',
    zh: '一个生产者隔一段随机时间往队列里放一件物品；一个消费者用 get(timeout=…) 取出，队列空了那么久就离开。把超时设为 0，消费者会在活干完之前就放弃。',
  },
  topic: 'queues',
  hook: {
    en: 'A producer, a consumer and a timeout: who gives up first?',
    zh: '一个生产者、一个消费者和一个超时：谁先放弃？',
  },
  challenges: [
    {
      id: 'give-up',
      goal: { en: 'Make the consumer leave before all the items arrive.', zh: '让消费者在所有物品到达之前离开。' },
      met: (r) => r.verdict === 'violated' && figure(r, 'Consumed') < figure(r, 'Produced'),
    },
  ],
  params: [
    { name: 'items', default: 5, min: 1, max: 50, label: { en: 'Items', zh: '物品数' } },
    { name: 'timeout', default: 2, min: 0, max: 10, label: { en: 'get() timeout (s)', zh: 'get() 超时（秒）' } },
  ],
  options: [],
  defaultMode: 'clock',
  maxProcesses: () => 3,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      const prod = p.Process({ target: 'producer', name: 'producer' });
      const cons = p.Process({ target: 'consumer', name: 'consumer' });
      p.at(L.startProd);
      prod.start();
      p.at(L.startCons);
      cons.start();
      p.at(L.joinProd);
      prod.join();
      p.at(L.joinCons);
      cons.join();
      p.at(L.done);
      const left = p.objs.q.qsize();
      p.print('main: done, items left in the queue:', left);
    },
    producer: (p) => {
      const L = lines(p.params);
      for (let i = 0; i < p.params.items; i++) {
        p.at(L.make).sleep(p.uniform(0.1, 0.5));
        p.at(L.put);
        p.objs.q.put(`item ${i}`);
        p.at(L.produced).print(`produced item ${i}`);
      }
    },
    consumer: (p) => {
      const L = lines(p.params);
      for (;;) {
        let item: unknown;
        try {
          p.at(L.get);
          item = p.objs.q.get(true, p.params.timeout);
        } catch (e) {
          if (!isPy(e, 'queue.Empty')) throw e;
          p.at(L.leaves).print(`nothing for ${p.params.timeout} s: the consumer leaves`);
          break;
        }
        p.at(L.consumed).print(`consumed ${String(item)}`);
        p.at(L.work).sleep(p.uniform(0.1, 0.3));
      }
    },
  },
  judge(result, params): Judgement {
    const { b, say, deadlock } = queueJudging(result, itemBalance(result), false);
    if (result.status === 'deadlock') return deadlock(NOBODY_MOVES);
    if (result.status === 'running') return say('running', `Running: ${b.produced} produced, ${b.consumed} consumed so far.`, `运行中：已生产 ${b.produced} 件，已消费 ${b.consumed} 件。`);
    if (b.duplicated > 0) return say('violated', `${counted(b.duplicated, 'item')} ${agree(b.duplicated, 'was', 'were')} consumed more than once.`, `有 ${b.duplicated} 件物品被消费了不止一次。`);
    if (b.lost > 0 || b.produced < params.items)
      return say(
        'violated',
        `The consumer waited only ${params.timeout} s, gave up while the producer was still working, and left ${b.lost} of ${counted(b.produced, 'item')} unconsumed in the queue.`,
        `消费者只等了 ${params.timeout} 秒，在生产者还在干活时就放弃了，队列里剩下 ${b.produced} 件中的 ${b.lost} 件没人消费。`,
      );
    return say(
      'ok',
      `All ${counted(b.produced, 'item')} ${agree(b.produced, 'was', 'were')} consumed exactly once; then get(timeout=${params.timeout}) raised queue.Empty and the consumer left.`,
      `全部 ${b.produced} 件物品都恰好被消费一次；之后 get(timeout=${params.timeout}) 抛出 queue.Empty，消费者离开。`,
    );
  },
};
