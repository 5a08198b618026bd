/**
 * Small programs that exercise the primitives under real threads (tests only).
 */
import { readFileSync } from 'node:fs';
import { Console, Value } from '../data';
import { PyError } from '../errors';
import { H, S, State } from '../layout';
import { Queue, JoinableQueue, Pipe } from '../queue';
import { Event, Lock, RLock, Semaphore, BoundedSemaphore } from '../sync';
import type { Child, Program, RunnableScenario } from '../process';
import type { World } from '../world';
import { Pool } from '../pool';
import { Manager } from '../manager';
import { condKilled, killTake, killWoken } from './killedWaiters';

/** Python's `for p in ps: p.start()` then `for p in ps: p.join()`. */
function startAndJoin(kids: Child[]): void {
  for (const k of kids) k.start();
  for (const k of kids) k.join();
}

interface CounterParams {
  procs: number;
  n: number;
  locked: boolean;
}
function counterSetup(world: World) {
  return { console: new Console(world, 64, 4096), lock: new Lock(world), num: new Value(world, 'i', 0, false, 'num') };
}
type CounterObjs = ReturnType<typeof counterSetup>;
const counter: RunnableScenario<CounterObjs, CounterParams> = {
  id: 'counter',
  setup: counterSetup,
  main: 'main',
  programs: {
    main: (p) => {
      startAndJoin(Array.from({ length: p.params.procs }, () => p.Process({ target: 'worker' })));
    },
    worker: (p) => {
      const { lock, num } = p.objs;
      for (let i = 0; i < p.params.n; i++) {
        if (p.params.locked) lock.acquire();
        num.add(1);
        if (p.params.locked) lock.release();
      }
    },
  },
};

interface RcounterParams {
  procs: number;
  n: number;
  /** RLock (taken twice per round, re-entrantly) or Lock. */
  reentrant: boolean;
}
function rcounterSetup(world: World) {
  // A plain read-modify-write under the lock: a second holder would lose increments.
  const total = world.allocate('value', 'total', 1);
  return { console: new Console(world, 64, 4096), lock: new Lock(world, 'lock'), rlock: new RLock(world, 'rlock'), total: total.base };
}
type RcounterObjs = ReturnType<typeof rcounterSetup>;
/** Lock/RLock contention with a non-atomic critical section (the owner word's plain stores, the events' order). */
const rcounter: RunnableScenario<RcounterObjs, RcounterParams> = {
  id: 'rcounter',
  setup: rcounterSetup,
  main: 'main',
  programs: {
    main: (p) => {
      startAndJoin(Array.from({ length: p.params.procs }, () => p.Process({ target: 'worker' })));
    },
    worker: (p) => {
      const { lock, rlock, total } = p.objs;
      const i32 = p.world.mem.i32;
      for (let i = 0; i < p.params.n; i++) {
        if (p.params.reentrant) {
          rlock.acquire();
          rlock.acquire();
          i32[total] = i32[total]! + 1;
          rlock.release();
          rlock.release();
        } else {
          lock.acquire();
          i32[total] = i32[total]! + 1;
          lock.release();
        }
      }
    },
  },
};

interface MpmcParams {
  producers: number;
  consumers: number;
  items: number;
  capacity: number;
}
function mpmcSetup(world: World, params: MpmcParams) {
  const q = new Queue(world, params.capacity, 'q');
  const tally = world.allocate('value', 'tally', params.producers * params.items);
  return { console: new Console(world, 64, 4096), q, tally: tally.base };
}
type MpmcObjs = ReturnType<typeof mpmcSetup>;
/** Start the producers and consumers, join the producers, then one None per consumer and join them. */
function producersThenSentinels(p: Parameters<Program<{ q: Queue }, MpmcParams>>[0]): void {
  const prods = Array.from({ length: p.params.producers }, (_, i) => p.Process({ target: 'producer', args: [i] }));
  const cons = Array.from({ length: p.params.consumers }, () => p.Process({ target: 'consumer' }));
  for (const k of [...prods, ...cons]) k.start();
  for (const k of prods) k.join();
  for (let i = 0; i < p.params.consumers; i++) p.objs.q.put(null);
  for (const k of cons) k.join();
}
const mpmc: RunnableScenario<MpmcObjs, MpmcParams> = {
  id: 'mpmc',
  setup: mpmcSetup,
  main: 'main',
  programs: {
    main: producersThenSentinels,
    producer: (p) => {
      const base = (p.args[0] as number) * p.params.items;
      for (let i = 0; i < p.params.items; i++) p.objs.q.put(base + i);
    },
    consumer: (p) => {
      const i32 = p.world.mem.i32;
      for (;;) {
        const item = p.objs.q.get();
        if (item === null) return;
        Atomics.add(i32, p.objs.tally + (item as number), 1);
      }
    },
  },
};

interface QstressParams extends MpmcParams {
  /** put/get timeout in seconds (each Full/Empty is counted and retried); 0: block without one. */
  timeout: number;
  /** Items travel as [n, text of padOf(n, pad) chars] (many wider than a slot): each consumer checks the text's length. */
  pad?: number;
}
/** The padding of item `n`: 0 to `pad` - 1 chars, a mix of one-slot and several-slot items. */
const padOf = (n: number, pad: number) => (n * 97) % pad;
function qstressSetup(world: World, params: QstressParams) {
  const q = new Queue(world, params.capacity, 'q');
  const tally = world.allocate('value', 'tally', params.producers * params.items);
  // FIFO breaks seen by consumers, queue.Full and queue.Empty raised by timeouts, padded items whose text came back wrong.
  const stats = world.allocate('value', 'stats', 4);
  return { console: new Console(world, 64, 4096), q, tally: tally.base, stats: stats.base };
}
/** Retry `op` while it raises `name` (a timeout), counting each into word `counter`. */
function retrying<T>(i32: Int32Array, counter: number, name: 'queue.Full' | 'queue.Empty', op: () => T): T {
  for (;;) {
    try {
      return op();
    } catch (e) {
      if (!(e instanceof PyError) || e.pyName !== name) throw e;
      Atomics.add(i32, counter, 1);
    }
  }
}
type QstressObjs = ReturnType<typeof qstressSetup>;
/** mpmc with timeouts on both sides; each consumer checks that every producer's items reach it in order (FIFO). */
const qstress: RunnableScenario<QstressObjs, QstressParams> = {
  id: 'qstress',
  setup: qstressSetup,
  main: 'main',
  programs: {
    main: producersThenSentinels,
    producer: (p) => {
      const i32 = p.world.mem.i32;
      const base = (p.args[0] as number) * p.params.items;
      const timeout = p.params.timeout || null;
      const pad = p.params.pad;
      for (let i = 0; i < p.params.items; i++) {
        const item = pad ? [base + i, 'é'.repeat(padOf(base + i, pad) >> 1) + 'x'.repeat(padOf(base + i, pad) - (padOf(base + i, pad) >> 1))] : base + i;
        retrying(i32, p.objs.stats + 1, 'queue.Full', () => p.objs.q.put(item, true, timeout));
      }
    },
    consumer: (p) => {
      const i32 = p.world.mem.i32;
      const timeout = p.params.timeout || null;
      const last = new Array<number>(p.params.producers).fill(-1);
      for (;;) {
        const got = retrying(i32, p.objs.stats + 2, 'queue.Empty', () => p.objs.q.get(true, timeout)) as number | [number, string] | null;
        if (got === null) return;
        const item = typeof got === 'number' ? got : got[0];
        if (typeof got !== 'number' && got[1].length !== padOf(item, p.params.pad!)) Atomics.add(i32, p.objs.stats + 3, 1);
        const from = Math.floor(item / p.params.items);
        if (item <= last[from]!) Atomics.add(i32, p.objs.stats, 1);
        last[from] = item;
        Atomics.add(i32, p.objs.tally + item, 1);
      }
    },
  },
};

/** Two processes blocked on one queue (two putters on a full one, or two getters on an empty one); main terminates the first. */
function qkillSetup(world: World) {
  return { console: new Console(world, 64, 4096), q: new Queue(world, 1, 'q') };
}
type QkillObjs = ReturnType<typeof qkillSetup>;
type QkillProgram = RunnableScenario<QkillObjs, unknown>['programs'][string];
/** Wait (in small sleeps) until process `pid` sleeps on object `obj` (a queue's or a pipe's id). */
function untilAsleep(p: { world: World; sleep(seconds: number): void }, pid: number, obj: number): void {
  while (p.world.mem.load(pid, S.state) !== State.blocked || p.world.mem.load(pid, S.blockedOn) !== obj) p.sleep(0.01);
}
const qGetter: QkillProgram = (p) => {
  p.print('getter', p.args[0] as number, 'got', p.objs.q.get());
};
const qkill: RunnableScenario<QkillObjs, { side: 'put' | 'get' }> = {
  id: 'qkill',
  setup: qkillSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const q = p.objs.q;
      const putters = p.params.side === 'put';
      if (putters) q.put('first');
      const kids = [0, 1].map((i) => p.Process({ target: putters ? 'putter' : 'getter', args: [i] }));
      // One after the other, each until it sleeps on the queue: the first is the one a wake-up reaches first.
      for (const k of kids) {
        k.start();
        untilAsleep(p, k.pid, q.id);
      }
      kids[0]!.terminate();
      kids[0]!.join();
      if (putters) p.print('got', q.get(), q.get());
      else q.put('only');
      kids[1]!.join();
      p.print('exitcodes', kids[0]!.exitcode, kids[1]!.exitcode, 'left', q.qsize());
    },
    putter: (p) => {
      p.objs.q.put(`from ${p.args[0] as number}`);
    },
    getter: qGetter,
  },
};

/**
 * A getter woken by a put just as it is terminated: main terminates the sleeping getter and puts at
 * once, so the put's wake-up reaches a thread that dies on waking. A second getter then sleeps on the
 * queue, and the next put must still wake it (the wake the dead getter never used must not count).
 */
const qkillWoken: RunnableScenario<QkillObjs, Record<string, never>> = {
  id: 'qkill-woken',
  setup: qkillSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const q = p.objs.q;
      const first = p.Process({ target: 'getter', args: [0] });
      first.start();
      untilAsleep(p, first.pid, q.id);
      first.terminate(); // it notices at its next wake-up: the put's, or its wait slice's end
      q.put('a');
      first.join();
      const second = p.Process({ target: 'twice' });
      second.start();
      untilAsleep(p, second.pid, q.id); // after it took 'a'
      q.put('b');
      second.join(5);
      const stuck = second.is_alive();
      if (stuck) second.terminate();
      p.print('exitcodes', first.exitcode, stuck ? 'stuck' : second.exitcode, 'left', q.qsize());
    },
    getter: qGetter,
    twice: (p) => {
      p.print('got', p.objs.q.get(), p.objs.q.get());
    },
  },
};

/**
 * A receiver asleep on a one-way pipe whose sender closes it: the close wakes it (EOFError) and counts
 * that wake as a put's would, so the pipe's wake bookkeeping is back at rest afterwards.
 */
function pipeCloseSetup(world: World) {
  return { console: new Console(world, 64, 4096), pipe: Pipe(world, false, 'pipe') };
}
const pipeCloseWoken: RunnableScenario<ReturnType<typeof pipeCloseSetup>, Record<string, never>> = {
  id: 'pipe-close-woken',
  setup: pipeCloseSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const [reader, writer] = p.objs.pipe;
      const child = p.Process({ target: 'reader' });
      child.start();
      untilAsleep(p, child.pid, reader.id);
      writer.close();
      child.join();
      p.print('exitcode', child.exitcode);
    },
    reader: (p) => {
      try {
        p.objs.pipe[0].recv();
      } catch (e) {
        if (!(e instanceof PyError) || e.pyName !== 'EOFError') throw e;
        p.print('EOFError');
      }
    },
  },
};

interface SemParams {
  procs: number;
  value: number;
  rounds: number;
}
function semSetup(world: World, params: SemParams) {
  const stats = world.allocate('value', 'stats', 2); // current holders, max seen
  return { console: new Console(world, 64, 4096), sem: new Semaphore(world, params.value), stats: stats.base };
}
type SemObjs = ReturnType<typeof semSetup>;
const sem: RunnableScenario<SemObjs, SemParams> = {
  id: 'sem',
  setup: semSetup,
  main: 'main',
  programs: {
    main: (p) => {
      startAndJoin(Array.from({ length: p.params.procs }, () => p.Process({ target: 'worker' })));
    },
    worker: (p) => {
      const i32 = p.world.mem.i32;
      const at = p.objs.stats;
      for (let r = 0; r < p.params.rounds; r++) {
        p.objs.sem.with(() => {
          const now = Atomics.add(i32, at, 1) + 1;
          for (let seen = Atomics.load(i32, at + 1); now > seen; seen = Atomics.load(i32, at + 1)) Atomics.compareExchange(i32, at + 1, seen, now);
          for (let spin = 0; spin < 200; spin++) Atomics.load(i32, at);
          Atomics.sub(i32, at, 1);
        });
      }
    },
  },
};

function eventSetup(world: World) {
  return { console: new Console(world, 64, 4096), ev: new Event(world), woke: new Value(world, 'i', 0, false, 'woke') };
}
type EventObjs = ReturnType<typeof eventSetup>;
const event: RunnableScenario<EventObjs, { waiters: number }> = {
  id: 'event',
  setup: eventSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const kids = Array.from({ length: p.params.waiters }, () => p.Process({ target: 'waiter' }));
      for (const k of kids) k.start();
      p.sleep(0.05);
      p.objs.ev.set();
      for (const k of kids) k.join();
    },
    waiter: (p) => {
      if (p.objs.ev.wait()) Atomics.add(p.world.mem.i32, p.objs.woke.info.base, 1);
    },
  },
};

/** A waiter woken by set() that runs only after clear(): CPython's Event.wait() then returns False (it reads the flag once woken). */
const eventBlink: RunnableScenario<EventObjs, Record<string, never>> = {
  id: 'eventBlink',
  setup: eventSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const k = p.Process({ target: 'waiter' });
      k.start();
      p.objs.ev.set();
      p.objs.ev.clear();
      k.join();
    },
    waiter: (p) => {
      Atomics.store(p.world.mem.i32, p.objs.woke.info.base, p.objs.ev.wait() ? 1 : 2);
    },
  },
};

/** Each program raises one Python error; the test checks the name. */
function errorsSetup(world: World) {
  return {
    console: new Console(world, 64, 4096),
    lock: new Lock(world),
    rlock: new RLock(world),
    bsem: new BoundedSemaphore(world, 1),
    q: new Queue(world, 1, 'q'),
    jq: new JoinableQueue(world, 2, 'jq'),
    pipe: Pipe(world, true),
    timing: world.allocate('value', 'timing', 4).base,
  };
}
type ErrorsObjs = ReturnType<typeof errorsSetup>;

/** Nanoseconds this thread has been runnable but waiting for a core (Linux schedstat's run_delay); 0 elsewhere. */
function runDelayNs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]);
  } catch {
    return 0;
  }
}

/**
 * `wait()`, then the µs this thread spent queued for a core meanwhile in `timing` (the timeout test's share of a
 * loaded machine, apart from the wait the code asked for).
 */
function timedWait(p: { world: World; objs: ErrorsObjs }, wait: () => void): void {
  const before = runDelayNs();
  try {
    wait();
  } finally {
    Atomics.store(p.world.mem.i32, p.objs.timing, Math.round((runDelayNs() - before) / 1000));
  }
}
const errorPrograms: Record<string, Program<ErrorsObjs, { which: string; timeout: number }>> = {
  main: (p) => {
    const k = p.Process({ target: p.params.which, daemon: p.params.which === 'daemonChild' });
    k.start();
    k.join();
  },
  releaseUnlocked: (p) => p.objs.lock.release(),
  overRelease: (p) => p.objs.bsem.release(),
  rlockForeign: (p) => p.objs.rlock.release(),
  full: (p) => {
    p.objs.q.put(1);
    p.objs.q.put_nowait(2);
  },
  empty: (p) => timedWait(p, () => p.objs.q.get(true, p.params.timeout)),
  emptyNowait: (p) => {
    p.objs.q.get_nowait();
  },
  taskDone: (p) => {
    p.objs.jq.put('x');
    p.objs.jq.get();
    p.objs.jq.task_done();
    p.objs.jq.task_done();
  },
  daemonChild: (p) => {
    p.Process({ target: 'releaseUnlocked' }).start();
  },
  tooBig: (p) => p.objs.q.put('x'.repeat(1000)),
  eof: (p) => {
    const [a, b] = p.objs.pipe;
    a.send('hi');
    a.close();
    if (b.recv() !== 'hi') throw new PyError('AssertionError', 'wrong item');
    b.recv();
  },
  lockTimeout: (p) => {
    p.objs.lock.acquire();
    let took = true;
    timedWait(p, () => (took = p.objs.lock.acquire(true, p.params.timeout)));
    if (took) throw new PyError('AssertionError', 'second acquire should time out');
    throw new PyError('RuntimeError', 'lock timeout ok');
  },
};
const errors: RunnableScenario<ErrorsObjs, { which: string; timeout: number }> = { id: 'errors', setup: errorsSetup, main: 'main', programs: errorPrograms };

function tinySetup(world: World) {
  return { console: new Console(world, 64, 4096), lock: new Lock(world) };
}
type TinyObjs = ReturnType<typeof tinySetup>;
/** Two users print two lines each under a lock; used for schedule and fold tests. */
const tiny: RunnableScenario<TinyObjs, { locked: boolean; lines: number; spinMs?: number }> = {
  id: 'tiny',
  setup: tinySetup,
  main: 'main',
  programs: {
    main: (p) => {
      p.at(10);
      const kids = [p.Process({ target: 'user', args: ['A'] }), p.Process({ target: 'user', args: ['B'] })];
      startAndJoin(kids);
    },
    user: (p) => {
      const who = p.args[0] as string;
      // A child that computes before its first op (picked up, not yet at a step); a Reset ends the spin.
      for (const end = Date.now() + (p.params.spinMs ?? 0); Date.now() < end && !Atomics.load(p.rt.mem.i32, H.stop); );
      if (p.params.locked) p.at(3).objs.lock.acquire();
      for (let i = 0; i < p.params.lines; i++) {
        p.at(5).print(`${who} line ${i}`);
        p.at(6).sleep(p.random() * 0.1);
      }
      if (p.params.locked) p.at(7).objs.lock.release();
    },
  },
};

/** A lock whose owner dies holding it (terminate runs no cleanup), and a non-reentrant second acquire. */
function lifeSetup(world: World) {
  return { console: new Console(world, 64, 4096), lock: new Lock(world), ev: new Event(world) };
}
type LifeObjs = ReturnType<typeof lifeSetup>;
const life: RunnableScenario<LifeObjs, { case: 'terminate' | 'reenter' | 'daemon' | 'raise' | 'napEnd' }> = {
  id: 'life',
  setup: lifeSetup,
  main: 'main',
  programs: {
    main: (p) => {
      if (p.params.case === 'terminate') {
        const k = p.Process({ target: 'holder' });
        k.start();
        p.objs.ev.wait();
        k.terminate();
        k.join();
        p.print('exitcode', k.exitcode, 'alive', k.is_alive());
        p.objs.lock.acquire(); // blocks forever: the victim still holds it
      } else if (p.params.case === 'raise') {
        p.Process({ target: 'forever', daemon: true }).start();
        throw new PyError('ValueError', 'main gives up');
      } else if (p.params.case === 'napEnd') {
        // The child's last statement is sleep(1): it must not end (and wake this join) before 1 s.
        const k = p.Process({ target: 'napper' });
        k.start();
        k.join(0.5);
        p.print('after join(0.5) alive', k.is_alive());
        k.join();
        p.print('after join() alive', k.is_alive());
      } else if (p.params.case === 'reenter') {
        p.objs.lock.acquire();
        p.objs.lock.acquire();
      } else {
        p.Process({ target: 'forever', daemon: true }).start();
        p.print('main done');
      }
    },
    holder: (p) => {
      p.objs.lock.acquire();
      p.objs.ev.set();
      for (;;) p.sleep(0.01);
    },
    forever: (p) => {
      for (;;) p.sleep(0.01);
    },
    napper: (p) => {
      p.sleep(1);
    },
  },
};

/** Consumers call task_done() the instant they get an item: the count must already include it. */
function joinRaceSetup(world: World) {
  return { console: new Console(world, 64, 4096), jq: new JoinableQueue(world, 4, 'jq') };
}
type JoinRaceObjs = ReturnType<typeof joinRaceSetup>;
const joinRace: RunnableScenario<JoinRaceObjs, { items: number; consumers: number }> = {
  id: 'joinRace',
  setup: joinRaceSetup,
  main: 'main',
  programs: {
    main: (p) => {
      for (let i = 0; i < p.params.consumers; i++) p.Process({ target: 'consumer', daemon: true }).start();
      for (let i = 0; i < p.params.items; i++) p.objs.jq.put(i);
      p.objs.jq.join();
    },
    consumer: (p) => {
      for (;;) {
        p.objs.jq.get();
        p.objs.jq.task_done();
      }
    },
  },
};

/** Two waiters woken by one release: the loser must block again, so the end is a clean deadlock. */
function contendSetup(world: World) {
  return { console: new Console(world, 64, 4096), lock: new Lock(world), ev: new Event(world) };
}
type ContendObjs = ReturnType<typeof contendSetup>;
const contend: RunnableScenario<ContendObjs, Record<string, never>> = {
  id: 'contend',
  setup: contendSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const kids = ['first', 'holder', 'holder'].map((target) => p.Process({ target }));
      startAndJoin(kids);
    },
    first: (p) => {
      p.objs.lock.acquire();
      p.sleep(0.5);
      p.objs.lock.release();
      p.objs.ev.wait();
    },
    holder: (p) => {
      p.objs.lock.acquire();
      p.objs.ev.wait(); // never set: whoever got the lock keeps it
    },
  },
};

/**
 * Every kind left in a telling state at rest, for "fold == memory": an RLock
 * held twice, semaphores with holders left inside and a release by a
 * non-holder, an Event set again, a JoinableQueue with unfinished tasks, a
 * duplex Pipe with messages in flight both ways and one end closed.
 */
function kindsSetup(world: World) {
  return {
    console: new Console(world, 64, 4096),
    rlock: new RLock(world, 'rlock'),
    sem: new Semaphore(world, 3, 'sem'),
    bsem: new BoundedSemaphore(world, 2, 'bsem'),
    ev: new Event(world, 'ev'),
    jq: new JoinableQueue(world, 8, 'jq'),
    pipe: Pipe(world, true, 'pipe'),
  };
}
type KindsObjs = ReturnType<typeof kindsSetup>;
const kinds: RunnableScenario<KindsObjs, { procs: number }> = {
  id: 'kinds',
  setup: kindsSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const { rlock, sem, bsem, ev, jq, pipe } = p.objs;
      rlock.acquire();
      rlock.acquire();
      rlock.acquire();
      rlock.release();
      startAndJoin(Array.from({ length: p.params.procs }, () => p.Process({ target: 'guest' })));
      sem.release(); // a signal from a process that never acquired
      bsem.acquire();
      ev.set();
      ev.clear();
      ev.set();
      for (const x of [1, 2, 3]) jq.put(x);
      jq.get();
      jq.get();
      jq.task_done();
      const [a, b] = pipe;
      for (const x of ['m0', 'm1', 'm2']) a.send(x);
      b.recv();
      b.send('ack');
      a.close();
    },
    guest: (p) => {
      // Every other guest leaves without releasing: it stays "inside" at rest. With more odd pids
      // than permits the even ones could block forever (a real deadlock): tests use procs <= 4.
      p.objs.sem.acquire();
      if (p.pid % 2 === 0) p.objs.sem.release();
    },
  },
};

interface PoolMgrParams {
  which: 'map' | 'map-raises' | 'join-running' | 'apply' | 'imap' | 'counter' | 'keyerror';
  processes: number;
  tasks: number;
  locked: boolean;
}
function poolMgrSetup(world: World, params: PoolMgrParams) {
  const manager = new Manager(world, { target: 'server', clients: 7 });
  return {
    console: new Console(world, 256, 16 * 1024),
    pool: new Pool(world, { processes: params.processes, target: 'worker' }),
    lock: new Lock(world),
    manager,
    d: manager.dict('d'),
    l: manager.list('l'),
  };
}
type PoolMgrObjs = ReturnType<typeof poolMgrSetup>;
/** Pool and Manager: results, callbacks, errors in the parent, lost or exact updates through proxies. */
const poolmgr: RunnableScenario<PoolMgrObjs, PoolMgrParams> = {
  id: 'poolmgr',
  setup: poolMgrSetup,
  main: 'main',
  programs: {
    main: (p) => {
      const { which, tasks } = p.params;
      const xs = Array.from({ length: tasks }, (_, x) => x);
      if (which === 'counter' || which === 'keyerror') {
        const { manager, d, l } = p.objs;
        manager.start(p);
        d.create();
        l.create();
        d.setitem('count', 0);
        if (which === 'keyerror') {
          try {
            d.getitem('missing');
          } catch (e) {
            if (!(e instanceof PyError)) throw e;
            p.print('caught', e.pyName);
          }
          manager.shutdown();
          return;
        }
        startAndJoin(Array.from({ length: p.params.processes }, (_, i) => p.Process({ target: 'client', args: [i] })));
        p.print('count', d.getitem('count'), 'length', l.len());
        manager.shutdown();
        return;
      }
      const pool = p.objs.pool.open(p);
      if (which === 'join-running') pool.join();
      if (which === 'map' || which === 'map-raises') p.print(pool.map('square', xs));
      if (which === 'apply') {
        const got: unknown[] = [];
        const rs = xs.map((x) => pool.apply_async('square', [x], (y) => got.push(y)));
        p.print('first', rs[0]!.get(), 'ready', rs[0]!.ready());
        pool.close();
        pool.join();
        p.print('callbacks', got.length, rs.every((r) => r.ready() && r.successful()));
        p.print([...got].sort((a, b) => (a as number) - (b as number)));
        return;
      }
      if (which === 'imap') p.print([...pool.imap_unordered('square', xs)].sort((a, b) => (a as number) - (b as number)));
      pool.close();
      pool.join();
      p.print('workers alive', pool.workers.filter((w) => w.is_alive()).length);
    },
    worker: (p) =>
      p.objs.pool.serve(
        p,
        {
          square: (w, x: number) => {
            if (w.params.which === 'map-raises' && x === 3) throw new PyError('ValueError', 'three is bad luck');
            w.print(`${w.name} ${x}`);
            return x * x;
          },
        },
        0,
      ),
    server: (p) => p.objs.manager.serve(p, 0),
    client: (p) => {
      const { d, l, lock } = p.objs;
      for (let k = 0; k < p.params.tasks; k++) {
        if (p.params.locked) lock.acquire();
        d.setitem('count', (d.getitem('count') as number) + 1);
        if (p.params.locked) lock.release();
        l.append(p.args[0]);
      }
    },
  },
};

/** The test scenarios, in the shape a scenario catalogue exports (the Node machine loads `scenarios`). */
export const scenarios = [counter, rcounter, mpmc, qstress, qkill, qkillWoken, pipeCloseWoken, sem, event, eventBlink, errors, tiny, life, joinRace, contend, kinds, poolmgr, killTake, killWoken, condKilled] as unknown as RunnableScenario<unknown, unknown>[];
