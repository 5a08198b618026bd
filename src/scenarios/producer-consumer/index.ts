/**
 * producer-consumer — one producer makes `items` items with random delays
 * (0.1–0.5 s each) and puts them on a Queue; one consumer takes them with
 * `get(timeout=TIMEOUT)` and leaves when that raises queue.Empty. With the
 * default timeout (2 s, longer than any delay) every item is consumed once;
 * a timeout of 0 makes the consumer give up before the first item arrives,
 * and the items are left in the queue (Lost).
 *
 * This module also holds the small helpers the other queue scenarios share
 * (line maps, the item figures, naming who is stuck on what).
 */
import { Console } from '../../core/data';
import { PyError } from '../../core/errors';
import { EVENT_KINDS } from '../../core/events';
import { PROCESS_OBJ_BASE, S } from '../../core/layout';
import { Queue } from '../../core/queue';
import type { World } from '../../core/world';
import { itemBalance } from '../result';
import type { Figure, Judgement, Localized, RunResult, Scenario } from '../types';

// ---- shared helpers (queue-tickets, sentinels, joinable, pipe, queue-basics) ----

/** 1-based line of the one line of `src` containing each marker; throws when a marker is missing or ambiguous. */
export function lineMap<K extends string>(src: string, marks: Record<K, string>): Record<K, number> {
  const lines = src.split('\n');
  const out = {} as Record<K, number>;
  for (const k of Object.keys(marks) as K[]) {
    const hits = lines.flatMap((l, i) => (l.includes(marks[k]) ? [i + 1] : []));
    if (hits.length !== 1) throw new Error(`line marker "${marks[k]}" found ${hits.length} times`);
    out[k] = hits[0]!;
  }
  return out;
}

/** Memoize a per-params line map on a key (the option values that change the source). */
export function memoLines<P, K extends string>(source: (p: P) => string, key: (p: P) => string, marks: (p: P) => Record<K, string>): (p: P) => Record<K, number> {
  const cache = new Map<string, Record<K, number>>();
  return (p) => {
    const k = key(p);
    let m = cache.get(k);
    if (!m) cache.set(k, (m = lineMap(source(p), marks(p))));
    return m;
  };
}

export const onOff = { off: { en: 'off', zh: '关' }, on: { en: 'on', zh: '开' } };

export const pyBool = (on: boolean) => (on ? 'True' : 'False');

/** True when `e` is the Python exception `name` (anything else, an Unwind included, must be rethrown). */
export function isPy(e: unknown, name: PyError['pyName']): e is PyError {
  return e instanceof PyError && e.pyName === name;
}

export interface Stuck {
  pid: number;
  name: string;
  /** The call it waits in, e.g. `q.get()` or `buyer-4.join()`. */
  call: string;
}

/** Processes blocked right now, and the call each waits in. */
export function stuckProcs(result: Pick<RunResult<unknown>, 'procs' | 'world'>): Stuck[] {
  const out: Stuck[] = [];
  for (const pr of result.procs) {
    if (pr.state !== 'blocked' || pr.blockedOn < 0) continue;
    let call: string;
    if (pr.blockedOn >= PROCESS_OBJ_BASE) {
      const child = result.procs.find((c) => c.pid === pr.blockedOn - PROCESS_OBJ_BASE);
      call = `${child?.name ?? `process ${pr.blockedOn - PROCESS_OBJ_BASE}`}.join()`;
    } else {
      const obj = result.world.objects[pr.blockedOn]?.name ?? `object ${pr.blockedOn}`;
      const kind = EVENT_KINDS[result.world.mem.load(pr.pid, S.opKind)];
      const method = kind === 'qjoin' ? 'join' : (kind ?? 'wait');
      call = `${obj}.${method}()`;
    }
    out.push({ pid: pr.pid, name: pr.name, call });
  }
  return out;
}

/** "buyer-4 waits in q.get(), MainProcess waits in buyer-4.join()" in both languages. */
export function stuckPhrase(stuck: Stuck[]): Localized {
  return {
    en: stuck.map((s) => `${s.name} waits in ${s.call}`).join(', '),
    zh: stuck.map((s) => `${s.name} 卡在 ${s.call}`).join('，'),
  };
}

export type Balance = ReturnType<typeof itemBalance>;

export function balanceFigures(b: Balance, stillBlocked?: number): Figure[] {
  const f: Figure[] = [
    { key: 'Produced', label: { en: 'Produced', zh: '已生产' }, value: b.produced },
    { key: 'Consumed', label: { en: 'Consumed', zh: '已消费' }, value: b.consumed },
    { key: 'Lost', label: { en: 'Lost', zh: '丢失' }, value: b.lost },
    { key: 'Duplicated', label: { en: 'Duplicated', zh: '重复' }, value: b.duplicated },
  ];
  if (stillBlocked !== undefined) f.push({ key: 'Still blocked', label: { en: 'Still blocked', zh: '仍在阻塞' }, value: stillBlocked });
  return f;
}

/** The judgement of a deadlocked run: who waits in what. */
export function deadlockJudgement(result: Pick<RunResult<unknown>, 'procs' | 'world'>, figures: Figure[], why: Localized): Judgement {
  const who = stuckPhrase(stuckProcs(result));
  return { verdict: 'deadlock', figures, explanation: { en: `Deadlock: ${who.en}. ${why.en}`, zh: `死锁：${who.zh}。${why.zh}` } };
}

// ---- the scenario ----

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
    print('main: done,', q.qsize(), 'item(s) left in the queue')
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
  done: "print('main: done,'",
}));

export const producerConsumer: Scenario<Objs, Params> = {
  id: 'producer-consumer',
  title: { en: 'Producer and consumer', zh: '生产者与消费者' },
  summary: {
    en: 'One producer puts items on a queue at random intervals; one consumer takes them with get(timeout=…) and leaves when the queue stays empty that long. Set the timeout to 0 and the consumer gives up before the work is done.',
    zh: '一个生产者隔一段随机时间往队列里放一件物品；一个消费者用 get(timeout=…) 取出，队列空了那么久就离开。把超时设为 0，消费者会在活干完之前就放弃。',
  },
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
      p.print('main: done,', left, 'item(s) left in the queue');
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
    const b = itemBalance(result);
    const figures = balanceFigures(b);
    const say = (verdict: Judgement['verdict'], en: string, zh: string): Judgement => ({ verdict, figures, explanation: { en, zh } });
    if (result.status === 'deadlock') return deadlockJudgement(result, figures, { en: 'Nobody can move.', zh: '没有进程能继续。' });
    if (result.status === 'running') return say('running', `Running: ${b.produced} produced, ${b.consumed} consumed so far.`, `运行中：已生产 ${b.produced} 件，已消费 ${b.consumed} 件。`);
    if (b.duplicated > 0) return say('violated', `${b.duplicated} item(s) were consumed more than once.`, `有 ${b.duplicated} 件物品被消费了不止一次。`);
    if (b.lost > 0 || b.produced < params.items)
      return say(
        'violated',
        `The consumer waited only ${params.timeout} s, gave up while the producer was still working, and left ${b.lost} of ${b.produced} item(s) unconsumed in the queue.`,
        `消费者只等了 ${params.timeout} 秒，在生产者还在干活时就放弃了，队列里剩下 ${b.produced} 件中的 ${b.lost} 件没人消费。`,
      );
    return say(
      'ok',
      `All ${b.produced} item(s) were consumed exactly once; then get(timeout=${params.timeout}) raised queue.Empty and the consumer left.`,
      `全部 ${b.produced} 件物品都恰好被消费一次；之后 get(timeout=${params.timeout}) 抛出 queue.Empty，消费者离开。`,
    );
  },
};
