/**
 * deadlock — four ways to get stuck with locks, each with its fix:
 * - `self`: a process calls `acquire()` twice on a `Lock` (not re-entrant, it waits
 *   for itself); `fix=on` uses an `RLock`, which counts.
 * - `abba`: two processes take `lock_a` and `lock_b` in opposite orders, with a
 *   pause between; `fix=on` has both take them in one global order.
 * - `philosophers`: the tutorials' noodle-and-fork table generalised to `n`
 *   philosophers, each taking the fork on the left, then the one on the right;
 *   `fix=on` takes the lower-numbered fork first.
 * - `terminate`: the main process terminates a worker while it holds the lock, so
 *   the others block on a lock nobody will ever release; `fix=on` asks the worker
 *   to stop through an Event and lets it release on its way out.
 *
 * Judge: a deadlock's sentence comes from the wait-for graph (src/kinds/waitFor.ts):
 * the cycle, or the dead holder.
 */
import { Console } from '../../core/data';
import { Event, Lock, RLock } from '../../core/sync';
import type { World } from '../../core/world';
import { counted } from '../../i18n/plural';
import type { Figure, Judgement, Localized, Scenario } from '../types';
import { joinEach, memoLines, onOff, sayWith, startEach } from '../common';
import { stuckSentence, type GraphObject } from '../../kinds/waitFor';

type Case = 'self' | 'abba' | 'philosophers' | 'terminate';

interface Params {
  n: number;
  case: Case;
  fix: 'on' | 'off';
  [k: string]: number | string;
}

/** The `terminate` case's other processes (they queue for the lock after the worker). */
const OTHERS = 2;

function setup(world: World, params: Params) {
  const fix = params.fix === 'on';
  const c = params.case;
  return {
    console: new Console(world, 256, 16 * 1024),
    lock: c === 'self' ? (fix ? new RLock(world, 'lock') : new Lock(world, 'lock')) : c === 'terminate' ? new Lock(world, 'lock') : null,
    pair: c === 'abba' ? [new Lock(world, 'lock_a'), new Lock(world, 'lock_b')] : [],
    forks: c === 'philosophers' ? Array.from({ length: params.n }, (_, i) => new Lock(world, `forks[${i}]`)) : [],
    ready: c === 'terminate' ? new Event(world, 'ready') : null,
    stop: c === 'terminate' ? new Event(world, 'stop') : null,
  };
}
type Objs = ReturnType<typeof setup>;

const SELF = (fix: boolean) => `from multiprocessing import Process, ${fix ? 'RLock' : 'Lock'}

def worker(lock):
    lock.acquire()  # first time
    print('worker: got the lock once')
    lock.acquire()  # the owner asks again
    print('worker: got the lock twice')
    lock.release()  # once
    lock.release()  # twice

if __name__ == '__main__':
    lock = ${fix ? 'RLock()  # re-entrant: its owner may take it again' : 'Lock()  # not re-entrant: a second acquire waits for itself'}
    p = Process(target=worker, args=(lock,))
    p.start()
    p.join()
    print('main: done')
`;

const ABBA = (fix: boolean) => `from multiprocessing import Process, Lock
import time

def worker(first, second, name):
    first.acquire()
    print(f'{name}: got the first lock')
    time.sleep(0.1)  # just long enough for the other to take its first
    second.acquire()
    print(f'{name}: got both locks')
    second.release()
    first.release()

if __name__ == '__main__':
    lock_a = Lock()
    lock_b = Lock()
    p1 = Process(target=worker, args=(lock_a, lock_b, 'p1'))
    p2 = Process(target=worker, args=(${fix ? 'lock_a, lock_b' : 'lock_b, lock_a'}, 'p2'))  # ${fix ? 'one global order: a before b' : 'the opposite order'}
    for p in (p1, p2):
        p.start()
    for p in (p1, p2):
        p.join()
    print('main: done')
`;

const PHILOSOPHERS = (fix: boolean, n: number) => `from multiprocessing import Process, Lock
import time

N = ${n}

def philosopher(i, forks):
    left, right = i, (i + 1) % N
${fix ? '    first, second = min(left, right), max(left, right)  # lower number first\n' : '    first, second = left, right  # everyone reaches left first\n'}    forks[first].acquire()
    print(f'philosopher {i} picks up fork {first}')
    time.sleep(0.1)
    forks[second].acquire()
    print(f'philosopher {i} eats noodles')
    forks[second].release()
    forks[first].release()

if __name__ == '__main__':
    forks = [Lock() for _ in range(N)]
    table = [Process(target=philosopher, args=(i, forks)) for i in range(N)]
    for p in table:
        p.start()
    for p in table:
        p.join()
    print('main: everyone has eaten')
`;

const TERMINATE = (fix: boolean) => `from multiprocessing import Process, Lock, Event
import time

def worker(lock, ready, stop):
    lock.acquire()  # takes the lock first
    ready.set()
    print('worker: has the lock')
    for _ in range(4):
        if stop.is_set():
            break
        time.sleep(0.5)  # a long job, holding the lock
    print('worker: releasing the lock')
    lock.release()  # free for the next

def other(lock, i):
    lock.acquire()  # waits its turn
    print(f'other {i}: has the lock')
    lock.release()  # done with it

if __name__ == '__main__':
    lock, ready, stop = Lock(), Event(), Event()
    w = Process(target=worker, args=(lock, ready, stop))
    w.start()
    ready.wait()  # the worker holds the lock now
${fix ? '    stop.set()  # ask it to stop: it releases on its way out\n    w.join()' : '    w.terminate()  # killed holding the lock: no release ever runs\n    w.join()'}
    others = [Process(target=other, args=(lock, i)) for i in range(1, ${OTHERS + 1})]
    for p in others:
        p.start()
    for p in others:
        p.join()
    print('main: done')
`;

function source(p: Params): string {
  const fix = p.fix === 'on';
  if (p.case === 'self') return SELF(fix);
  if (p.case === 'abba') return ABBA(fix);
  if (p.case === 'philosophers') return PHILOSOPHERS(fix, p.n);
  return TERMINATE(fix);
}

/** Each case's lines, found by markers in its source (per case and fix). */
const MARKS: Record<Case, (fix: boolean) => Record<string, string>> = {
  self: () => ({ acq1: '# first time', once: 'got the lock once', acq2: 'asks again', twice: 'got the lock twice', rel1: '# once', rel2: '# twice', start: 'p.start()', join: 'p.join()', done: 'main: done' }),
  abba: () => ({ acq1: 'first.acquire()', got1: 'got the first lock', sleep: 'time.sleep(0.1)', acq2: 'second.acquire()', both: 'got both locks', rel2: 'second.release()', rel1: 'first.release()', start: 'p.start()', join: 'p.join()', done: 'main: done' }),
  philosophers: () => ({ acq1: 'forks[first].acquire()', got1: 'picks up fork', sleep: 'time.sleep(0.1)', acq2: 'forks[second].acquire()', both: 'eats noodles', rel2: 'forks[second].release()', rel1: 'forks[first].release()', start: 'p.start()', join: 'p.join()', done: 'everyone has eaten' }),
  terminate: (fix) => ({
    wAcq: 'takes the lock first',
    set: 'ready.set()',
    has: 'worker: has the lock',
    check: 'if stop.is_set()',
    sleep: 'time.sleep(0.5)',
    bye: 'releasing the lock',
    wRel: 'free for the next',
    oAcq: 'waits its turn',
    oHas: "other {i}: has the lock",
    oRel: 'lock.release()  # done with it',
    wStart: 'w.start()',
    wait: 'ready.wait()',
    end: fix ? 'stop.set()' : 'w.terminate()',
    wJoin: 'w.join()',
    start: 'p.start()',
    join: 'p.join()',
    done: 'main: done',
  }),
};
const lineOf = memoLines<Params, string>(source, (p) => `${p.case}/${p.fix}`, (p) => MARKS[p.case](p.fix === 'on'));

export const deadlock: Scenario<Objs, Params> = {
  id: 'deadlock',
  topic: 'deadlocks',
  title: { en: 'Deadlock: waiting for each other forever', zh: '死锁：互相等待，永远等下去' },
  summary: {
    en: 'Pick a case: a lock taken twice by its owner, two locks taken in opposite orders, philosophers sharing forks, or a worker killed while it holds the lock. The wait-for graph shows who waits for whom; switch “fix” on to see the cure.',
    zh: '选一种情况：持有者第二次获取同一把锁、两把锁以相反顺序获取、哲学家共用叉子，或者持锁的进程被 terminate。等待图显示谁在等谁；打开“修复”看看解决办法。',
  },
  params: [{ name: 'n', default: 5, min: 2, max: 8, label: { en: 'Philosophers', zh: '哲学家人数' }, when: { case: 'philosophers' } }],
  options: [
    {
      name: 'case',
      values: ['self', 'abba', 'philosophers', 'terminate'],
      default: 'abba',
      label: { en: 'Case', zh: '情况' },
      valueLabels: {
        self: { en: 'acquire twice', zh: '连续 acquire 两次' },
        abba: { en: 'two locks, opposite order', zh: '两把锁，顺序相反' },
        philosophers: { en: 'philosophers and forks', zh: '哲学家与叉子' },
        terminate: { en: 'terminate while holding', zh: '持锁时被 terminate' },
      },
    },
    {
      name: 'fix',
      values: ['off', 'on'],
      default: 'off',
      label: { en: 'Fix', zh: '修复' },
      valueLabels: onOff,
    },
  ],
  defaultMode: 'step',
  maxProcesses: (p) => (p.case === 'philosophers' ? p.n + 1 : p.case === 'terminate' ? OTHERS + 2 : 3),
  python: source,
  setup,
  // The judge reads who is blocked on what, not the console.
  printsCommute: true,
  main: 'main',
  programs: {
    main: (p) => {
      const c = p.params.case;
      const at = lineOf(p.params);
      if (c === 'terminate') {
        const { ready, stop } = p.objs;
        const w = p.Process({ target: 'worker' });
        p.at(at.wStart!);
        w.start();
        p.at(at.wait!);
        ready!.wait();
        p.at(at.end!);
        if (p.params.fix === 'on') stop!.set();
        else w.terminate();
        p.at(at.wJoin!);
        w.join();
        const others = Array.from({ length: OTHERS }, (_, k) => p.Process({ target: 'other', args: [k + 1] }));
        startEach(p, others, at.start!);
        joinEach(p, others, at.join!);
      } else {
        const targets = c === 'self' ? [{ target: 'selfWorker' }] : c === 'abba' ? [{ target: 'abbaWorker', args: [0, 'p1'] }, { target: 'abbaWorker', args: [1, 'p2'] }] : Array.from({ length: p.params.n }, (_, i) => ({ target: 'philosopher', args: [i] }));
        const procs = targets.map((t) => p.Process(t));
        startEach(p, procs, at.start!);
        joinEach(p, procs, at.join!);
      }
      p.at(at.done!).print(c === 'philosophers' ? 'main: everyone has eaten' : 'main: done');
    },
    selfWorker: (p) => {
      const lock = p.objs.lock!;
      const at = lineOf(p.params);
      p.at(at.acq1!);
      lock.acquire();
      p.at(at.once!).print('worker: got the lock once');
      p.at(at.acq2!);
      lock.acquire();
      p.at(at.twice!).print('worker: got the lock twice');
      p.at(at.rel1!);
      lock.release();
      p.at(at.rel2!);
      lock.release();
    },
    abbaWorker: (p) => {
      const [a, b] = p.objs.pair;
      const [k, name] = p.args as [number, string];
      // p2 gets (lock_b, lock_a) unless fixed: one global order.
      const [first, second] = k === 1 && p.params.fix === 'off' ? [b!, a!] : [a!, b!];
      takeBoth(p, first, second, lineOf(p.params), `${name}: got the first lock`, `${name}: got both locks`);
    },
    philosopher: (p) => {
      const { forks } = p.objs;
      const n = p.params.n;
      const i = p.args[0] as number;
      const left = i;
      const right = (i + 1) % n;
      const [first, second] = p.params.fix === 'on' ? [Math.min(left, right), Math.max(left, right)] : [left, right];
      takeBoth(p, forks[first]!, forks[second]!, lineOf(p.params), `philosopher ${i} picks up fork ${first}`, `philosopher ${i} eats noodles`);
    },
    worker: (p) => {
      const { ready, stop } = p.objs;
      const lock = p.objs.lock!;
      const at = lineOf(p.params);
      p.at(at.wAcq!);
      lock.acquire();
      p.at(at.set!);
      ready!.set();
      p.at(at.has!).print('worker: has the lock');
      for (let k = 0; k < 4; k++) {
        p.at(at.check!);
        if (stop!.is_set()) break;
        p.at(at.sleep!).sleep(0.5);
      }
      p.at(at.bye!).print('worker: releasing the lock');
      p.at(at.wRel!);
      lock.release();
    },
    other: (p) => {
      const lock = p.objs.lock!;
      const at = lineOf(p.params);
      p.at(at.oAcq!);
      lock.acquire();
      p.at(at.oHas!).print(`other ${p.args[0] as number}: has the lock`);
      p.at(at.oRel!);
      lock.release();
    },
  },
  judge(result, params): Judgement {
    const blocked = result.procs.filter((pr) => pr.state === 'blocked').length;
    const figures: Figure[] = [{ key: 'Still blocked', label: { en: 'Still blocked', zh: '仍在阻塞' }, value: blocked }];
    const say = sayWith(figures);
    if (result.status === 'running') return say('running', `Running: ${counted(blocked, 'process', 'processes')} blocked right now.`, `运行中：此刻有 ${blocked} 个进程在阻塞。`);
    if (result.status === 'deadlock') {
      const graph = stuckSentence(result.procs, heldLocks(result.objs));
      const why = WHY[params.case];
      if (!graph) return { verdict: 'deadlock', figures, explanation: { en: `Deadlock: nobody can move. ${why.en}`, zh: `死锁：没有进程能继续。${why.zh}` } };
      return { verdict: 'deadlock', figures, explanation: { en: `Deadlock: ${graph.en}. ${why.en}`, zh: `死锁：${graph.zh}。${why.zh}` } };
    }
    const cure = CURE[params.case];
    return say('ok', cure.en, cure.zh);
  },
};

type At = Record<string, number>;

/** first.acquire(); print; sleep; second.acquire(); print; release both (abba and the philosophers). */
function takeBoth(p: { at(line: number): { print(...parts: unknown[]): void; sleep(s: number): void } }, first: Lock, second: Lock, at: At, got1: string, both: string): void {
  p.at(at.acq1!);
  first.acquire();
  p.at(at.got1!).print(got1);
  p.at(at.sleep!).sleep(0.1);
  p.at(at.acq2!);
  second.acquire();
  p.at(at.both!).print(both);
  p.at(at.rel2!);
  second.release();
  p.at(at.rel1!);
  first.release();
}

/** This run's locks and their owners now, for the wait-for graph. */
function heldLocks(objs: Objs): GraphObject[] {
  const locks = [objs.lock, ...objs.pair, ...objs.forks].filter((l): l is Lock | RLock => l !== null && l !== undefined);
  return locks.map((l) => {
    const owner = l.snapshot().owner;
    return { id: l.id, ids: [l.id], name: l.name, holders: owner >= 0 ? [owner] : [] };
  });
}

const WHY: Record<Case, Localized> = {
  self: { en: 'A Lock is not re-entrant: its owner waits for itself. An RLock counts its owner’s acquires.', zh: 'Lock 不可重入：持有者在等它自己。RLock 会为持有者计数。' },
  abba: { en: 'Each holds the lock the other needs; taking locks in one global order prevents it.', zh: '每个进程都持有对方需要的那把锁；所有进程按同一个全局顺序取锁就能避免。' },
  philosophers: { en: 'Everyone holds a left fork and waits for the right one: a circle of waiting.', zh: '每个人都拿着左边的叉子、等右边的：形成了一个等待环。' },
  terminate: { en: 'terminate() runs no cleanup, so the lock the worker held is never released.', zh: 'terminate() 不会做任何清理，所以被杀死的进程持有的锁永远不会释放。' },
};

const CURE: Record<Case, Localized> = {
  self: { en: 'The RLock let its owner take it twice and counted both releases: everyone finished.', zh: 'RLock 允许持有者获取两次，并计数两次释放：所有进程都结束了。' },
  abba: { en: 'Both took lock_a before lock_b: one waited for the other, nobody waited in a circle, everyone finished.', zh: '两个进程都先取 lock_a 再取 lock_b：一个等另一个，没有形成等待环，全部结束。' },
  philosophers: { en: 'Taking the lower-numbered fork first breaks the circle: every philosopher ate.', zh: '先拿编号小的叉子就打破了等待环：每位哲学家都吃到了面条。' },
  terminate: { en: 'Asked to stop through an Event, the worker released the lock on its way out and the others took it in turn.', zh: '通过 Event 请求它停下，工作进程在退出前释放了锁，其他进程依次拿到了它。' },
};
