/**
 * Scenarios that only the benchmark page runs: its own process workers
 * (src/bench/process.worker.ts) list them; the app never bundles them. The
 * queue stress is the app's bench-only `queue-stress` (src/scenarios), so the
 * app page and this page run the same module.
 *
 * Each one counts something in plain shared words next to its objects, so the
 * page can check the run did what it claims (mutual exclusion held, every
 * item arrived exactly once) without trusting the event log it measures.
 */
import { Console } from '../core/data';
import { EK } from '../core/events';
import { Lock } from '../core/sync';
import type { World } from '../core/world';
import type { Judgement, RunResult, Scenario, ScenarioParams } from '../scenarios/types';

const TITLE = (en: string) => ({ en, zh: en });

function judgeFinished<O>(result: RunResult<O>): Judgement {
  const verdict = result.status === 'finished' ? 'ok' : result.status === 'deadlock' ? 'deadlock' : 'running';
  return { verdict, explanation: TITLE('Benchmark run.'), figures: [] };
}

/** Fields every bench scenario shares; `id`, `setup`, `programs` and friends vary. */
const common = {
  summary: TITLE('Benchmark only.'),
  params: [],
  options: [],
  defaultMode: 'parallel' as const,
  main: 'main',
  judge: judgeFinished,
};

// ---- start + join ----------------------------------------------------------

export interface SpawnParams extends ScenarioParams {
  procs: number;
}

function spawnSetup(world: World) {
  const counter = world.allocate('value', 'counter', 2);
  return { console: new Console(world, 16, 1024), lock: new Lock(world, 'lock'), counter: counter.base };
}

/** `procs` children that each take the lock once; the parent starts them all, then joins them all. */
export const benchSpawn: Scenario<ReturnType<typeof spawnSetup>, SpawnParams> = {
  ...common,
  id: 'bench-spawn',
  title: TITLE('Benchmark: start + join'),
  maxProcesses: (p) => p.procs + 1,
  python: (p) => `from multiprocessing import Process, Lock

def worker(lock):
    with lock:
        pass

if __name__ == '__main__':
    lock = Lock()
    ps = [Process(target=worker, args=(lock,)) for _ in range(${p.procs})]
    for p in ps: p.start()
    for p in ps: p.join()
`,
  setup: spawnSetup,
  programs: {
    main: (p) => {
      const kids = Array.from({ length: p.params.procs }, () => p.Process({ target: 'worker' }));
      p.at(10);
      for (const k of kids) k.start();
      p.at(11);
      for (const k of kids) k.join();
    },
    worker: (p) => {
      const i32 = p.world.mem.i32;
      p.at(4);
      p.objs.lock.acquire();
      i32[p.objs.counter]!++;
      p.at(5);
      p.objs.lock.release();
    },
  },
};

// ---- lock / unlock throughput ------------------------------------------------

export interface LockParams extends ScenarioParams {
  procs: number;
  iters: number;
}

function lockSetup(world: World) {
  const counter = world.allocate('value', 'counter', 2);
  return { console: new Console(world, 16, 1024), lock: new Lock(world, 'lock'), counter: counter.base };
}

/**
 * `procs` children that each acquire and release one Lock `iters` times and
 * bump a plain (non-atomic) shared word inside: the final count equals
 * procs × iters only if mutual exclusion held.
 */
export const benchLock: Scenario<ReturnType<typeof lockSetup>, LockParams> = {
  ...common,
  id: 'bench-lock',
  title: TITLE('Benchmark: lock/unlock'),
  maxProcesses: (p) => p.procs + 1,
  python: (p) => `from multiprocessing import Process, Lock, Value

def worker(lock, n):
    for _ in range(${p.iters}):
        lock.acquire()
        n.value += 1  # plain shared word, no op
        lock.release()

if __name__ == '__main__':
    lock = Lock()
    n = Value('i', 0, lock=False)
    ps = [Process(target=worker, args=(lock, n)) for _ in range(${p.procs})]
    for p in ps: p.start()
    for p in ps: p.join()
`,
  setup: lockSetup,
  programs: {
    main: (p) => {
      const kids = Array.from({ length: p.params.procs }, () => p.Process({ target: 'worker' }));
      p.at(14);
      for (const k of kids) k.start();
      p.at(15);
      for (const k of kids) k.join();
    },
    worker: (p) => {
      const { lock, counter } = p.objs;
      const i32 = p.world.mem.i32;
      const n = p.params.iters;
      for (let i = 0; i < n; i++) {
        p.at(5);
        lock.acquire();
        i32[counter]!++;
        p.at(7);
        lock.release();
      }
    },
  },
};

// ---- event pipeline ----------------------------------------------------------

export interface EventsParams extends ScenarioParams {
  procs: number;
  events: number;
}

function eventsSetup(world: World) {
  return { console: new Console(world, 16, 1024) };
}

/** `procs` children that append `events` bare events each, as fast as the ring lets them. */
export const benchEvents: Scenario<ReturnType<typeof eventsSetup>, EventsParams> = {
  ...common,
  id: 'bench-events',
  title: TITLE('Benchmark: event pipeline'),
  maxProcesses: (p) => p.procs + 1,
  python: () => `# each child appends one 'note' event per iteration (no Python equivalent)\n`,
  setup: eventsSetup,
  programs: {
    main: (p) => {
      const kids = Array.from({ length: p.params.procs }, () => p.Process({ target: 'worker' }));
      for (const k of kids) k.start();
      for (const k of kids) k.join();
    },
    worker: (p) => {
      const rt = p.rt;
      const n = p.params.events;
      for (let i = 0; i < n; i++) rt.emit(EK.note, -1, 1, i);
    },
  },
};

export const benchScenarios: Scenario[] = [benchSpawn, benchLock, benchEvents];
