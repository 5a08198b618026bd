/**
 * The main thread's side of the machine: it owns every worker's life (pool,
 * ready handshake, timeouts, crash reports, replacement) and builds each run's
 * shared buffer. It never blocks: control goes through Comlink, data is read
 * off shared memory.
 */
import { wrap, type Remote } from 'comlink';
import { H, Layout, Memory, S, State, DEFAULT_LAYOUT, ringEventsFor, type LayoutConfig } from '../core/layout';
import { stopRun } from '../core/process';
import { defaultWallClock } from '../core/runtime';
import { World, heapWordsFor } from '../core/world';
import type { Scenario, ScenarioParams } from '../scenarios/types';
import type { KernelApi } from './kernel.worker';
import type { ProcessWorkerApi, PythonLoad, SpawnProcessWorker } from './processWorker';
import { AttachBoard, AttachSuperseded, attachEach, isAttachFailure, preloadOrder, type AttachTarget } from './attach';
import { bootMain, type RunConfig } from './scheduler';
import { compiledPython, prebuiltSnapshot } from '../python/wasm';
import { WorkerPool, type IdleScheduler } from './workerPool';
import { deathWatch, KernelGone, watchLife, withTimeout, type DeathWatch } from './deathWatch';
import { Reaper } from './reaper';

/** How long a loaded worker may take to answer an attach order before it is replaced. */
const ATTACH_TIMEOUT_MS = 3000;
/**
 * A new worker first loads and parses its module: a hundred of them at once on
 * two busy cores take seconds, and replacing a slow one only adds to the load.
 */
const FIRST_ANSWER_TIMEOUT_MS = 15_000;
/** Longer than the scheduler's settle limit, so a slow first op is never mistaken for a dead kernel. */
const KERNEL_LOAD_TIMEOUT_MS = 12_000;
/**
 * A program that loads a language runtime first (Python: 2–5 s per cold
 * interpreter, more when several load at once on two cores) gets this much
 * patience at each step, and its workers this long to answer an attach.
 */
const RUNTIME_PATIENCE_MS = 90_000;
const RUNTIME_ATTACH_TIMEOUT_MS = 30_000;
/** Setups whose heap size a Machine remembers (a learner moving a count makes a few); beyond, it forgets them all. */
const HEAP_SIZES_KEPT = 64;
/** After a failed allocation: rebuild the workers and try again this many times before giving up. */
const ALLOCATION_RETRIES = 2;

interface Pooled<T> {
  worker: Worker;
  api: Remote<T>;
  crashed: string | null;
  /** Stop watching for this worker's death (it is being replaced on purpose). */
  unwatch: () => void;
  /** It has answered once (its module is loaded): from now on it should answer promptly. */
  answered: boolean;
  /** Calls to it fail when it dies instead of never answering. */
  calls: DeathWatch;
  /** The Web Lock a process worker holds for its life ('' if none): free once its thread is gone. */
  lifeLock: string;
  /** Scenarios a process worker was told to load (src/kernel/loadedScenarios.ts). */
  scenarios: Set<string>;
}

function pooledWorker<T>(worker: Worker): Pooled<T> {
  return { worker, api: wrap<T>(worker), crashed: null, answered: false, unwatch: () => {}, calls: deathWatch(), lifeLock: '', scenarios: new Set() };
}

/**
 * Resolves once a terminated worker's thread is gone: terminate() only asks, and the thread may run on
 * a moment. Its life lock comes free when it is (at once for a worker without one: no Web Locks).
 */
function untilGone(p: Pooled<unknown>): Promise<unknown> {
  if (!p.lifeLock || typeof navigator === 'undefined' || !navigator.locks) return Promise.resolve();
  return navigator.locks.request(p.lifeLock, () => undefined);
}

export interface PreparedRun {
  mem: Memory;
  world: World;
  objs: unknown;
  processes: number;
}

/**
 * A process worker failed. `process`: `killed` — its process was live and is
 * now recorded as killed (exitcode -9); `finished` — its process had already
 * ended; `none` — it had not run one yet (one started there later ends killed).
 */
export interface CrashReport {
  pid: number;
  /** The browser's own text of the error; null when it gave none, or when the page ended the worker (`terminated`): the page words those. */
  message: string | null;
  terminated?: true;
  process: 'killed' | 'finished' | 'none';
}

export type CrashListener = (report: CrashReport) => void;

/** The browser would not give a run its shared buffer, even after the workers were rebuilt. */
export class OutOfMemory extends Error {
  constructor(readonly bytes: number) {
    super(`not enough memory for the run's shared buffer (${Math.ceil(bytes / 2 ** 20)} MB)`);
    this.name = 'OutOfMemory';
  }
}

export interface PrepareOptions {
  /** Events per process ring (a power of two); by default the rings share the budget (`ringEventsFor`). */
  ringEvents?: number;
  /** false: set up and attach only; an explorer job (src/explore/jobs.ts) boots the runs itself. */
  boot?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Machine {
  private readonly pool: WorkerPool<Pooled<ProcessWorkerApi>>;
  /** Where the process workers answer a run's attach orders (one word each), instead of one reply message each. */
  private readonly board: AttachBoard;
  private readonly attachTarget: AttachTarget = {
    post: (pid, order) => this.pool.at(pid)!.worker.postMessage(order),
    replace: (pid) => void this.pool.replace(pid),
  };
  private kernel: Pooled<KernelApi> | null = null;
  private current: Memory | null = null;
  /** The current run under the parallel mode, loaded and not started yet: `startParallel` starts its main program. */
  private unstarted: { mem: Memory; mainProgram: number } | null = null;
  /** The current run's processes whose worker died: each frame `reap` keeps them ended and logs their end. */
  private readonly reaper = new Reaper();
  /** Heap words each scenario + parameters' setup needs (a setup is deterministic): found once, not at every Reset. */
  private readonly heapSizes = new Map<string, number>();
  /** Fault injection for tests: the next this many allocations fail as if memory ran out. */
  private allocationFaults = 0;
  /** The newest `prepare`: an older one still awaiting (its workers loading) stops at its next step. */
  private preparing = 0;
  /** The scenario the pool warms for: each worker loads its module before it counts as ready. */
  private aim: string | undefined;
  onCrash: CrashListener = () => {};
  /** The kernel worker died (an error, with its text; or it closed: null): nothing can be stepped until Reset. */
  onKernelDied: (message: string | null) => void = () => {};

  /** `spawnProcess` comes from the entry point: it decides which programs the workers can run. */
  constructor(
    private readonly spawnProcess: SpawnProcessWorker,
    idle?: IdleScheduler,
  ) {
    this.pool = new WorkerPool<Pooled<ProcessWorkerApi>>(
      {
        spawn: (index) => this.spawnProcessWorker(index),
        ready: async (p) => {
          const aim = this.aim;
          if (aim !== undefined) p.scenarios.add(aim);
          p.lifeLock = await withTimeout(p.api.ping(aim), FIRST_ANSWER_TIMEOUT_MS, 'worker');
          p.answered = true;
        },
        dead: (p) => p.crashed !== null,
        terminate: (p) => p.worker.terminate(),
      },
      undefined,
      idle,
    );
    this.board = new AttachBoard(this.pool.cap);
  }

  get kernelApi(): Remote<KernelApi> {
    if (!this.kernel) throw new Error('no kernel');
    return this.kernel.api;
  }

  /** A call to the kernel that fails as soon as the kernel dies, instead of never answering. */
  callKernel<T>(call: (k: Remote<KernelApi>) => Promise<T>): Promise<T> {
    const k = this.kernel;
    if (!k) return Promise.reject(new Error('no kernel'));
    if (k.crashed) return Promise.reject(new Error(k.crashed));
    return k.calls.untilDeath(call(k.api));
  }

  /** Pids of the current run whose worker died. */
  get deadPids(): ReadonlySet<number> {
    return this.reaper.pids;
  }

  get poolSize(): number {
    return this.pool.size;
  }

  /** Process workers started since the page opened (replacements included). */
  get workersSpawned(): number {
    return this.pool.spawned;
  }

  /** The most processes a run may have (one worker thread each). */
  get maxProcesses(): number {
    return this.pool.cap;
  }

  /**
   * Start the workers a run of `processes` will need, in idle time (a lab opened,
   * a count moved), so that `prepare` finds them loaded and only attaches them.
   * The latest call decides: a smaller count stops the growth a larger one began. Given a scenario, every
   * worker loads its module (and rehearses it) while it warms, not when a run attaches it.
   */
  warm(processes: number, scenarioId?: string): void {
    if (scenarioId !== undefined) this.aimAt(scenarioId);
    this.pool.warm(processes);
  }

  /** Warm for `scenarioId` from now on: workers already started are told to load it (a one-way message each). */
  private aimAt(scenarioId: string): void {
    this.aim = scenarioId;
    for (let i = 0; i < this.pool.size; i++) {
      const p = this.pool.at(i)!;
      if (p.crashed || p.scenarios.has(scenarioId)) continue;
      p.scenarios.add(scenarioId);
      p.worker.postMessage(preloadOrder(scenarioId));
    }
  }

  /** Resolves once warming is done (tests and the bench time a warm start from here). */
  whenWarm(): Promise<void> {
    return this.pool.whenWarm();
  }

  private spawnProcessWorker(index: number): Pooled<ProcessWorkerApi> {
    const worker = this.spawnProcess(`lockstep-process-${index}`);
    const pooled = pooledWorker<ProcessWorkerApi>(worker);
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      if (this.pool.at(index) !== pooled) return;
      pooled.crashed = e.message || 'worker error';
      // A run being attached need not wait out the timeout for this one ('' : no text, which the page words).
      this.board.abandon(index, e.message || '');
      // Reported once its task ended: the thread has left any program, so its ring is the reaper's at once.
      this.markCrashed({ pid: index, message: e.message || null }, Promise.resolve());
    });
    worker.addEventListener('message', (e) => {
      if (isAttachFailure(e.data) && this.pool.at(index) === pooled) this.board.fail(e.data);
    });
    return pooled;
  }

  private spawnKernel(): Pooled<KernelApi> {
    const worker = new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module', name: 'lockstep-kernel' });
    const pooled = pooledWorker<KernelApi>(worker);
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.kernelDied(pooled, e.message || null);
    });
    // A kernel that closes or is killed fires no event: its life lock says so (too slow to take it: loading reports that).
    pooled.unwatch = watchLife((name) => pooled.api.hold(name), () => this.kernelDied(pooled, null), KERNEL_LOAD_TIMEOUT_MS);
    return pooled;
  }

  private kernelDied(pooled: Pooled<KernelApi>, message: string | null): void {
    if (this.kernel !== pooled || pooled.crashed) return;
    const reason = message === null ? new KernelGone() : new Error(message);
    pooled.crashed = reason.message;
    pooled.calls.die(reason);
    this.onKernelDied(message);
  }

  /**
   * A crashed worker's process ends as if SIGKILLed (exitcode -9), so nothing waits for it forever.
   * `gone` resolves once the worker's thread can write no more (its `killed` event waits for it: see Reaper).
   */
  private markCrashed(report: Omit<CrashReport, 'process'>, gone: Promise<unknown>): void {
    const { pid } = report;
    const mem = this.current;
    let process: CrashReport['process'] = 'none';
    if (mem && pid < mem.maxProcs) {
      if (this.reaper.bury(mem, pid, gone)) process = 'killed';
      else if (mem.load(pid, S.state) !== State.free) process = 'finished';
    }
    this.onCrash({ ...report, process });
  }

  /** Keep the dead dead and log their ends (called once per frame; see Reaper). */
  reap(): void {
    if (this.current) this.reaper.reap(this.current);
  }

  /** Unwind every process of the current run (blocked ones wake within one wait slice). */
  stop(): void {
    const mem = this.current;
    if (!mem) return;
    stopRun(mem);
    Atomics.store(mem.i32, H.pause, 1);
    Atomics.notify(mem.i32, H.pause);
    Atomics.notify(mem.i32, H.doorbell);
    for (let pid = 0; pid < mem.maxProcs; pid++) {
      // A Python interpreter busy in pure Python unwinds at its next bytecode check.
      Atomics.store(mem.i32, mem.at(pid, S.interrupt), 2);
      Atomics.notify(mem.i32, mem.at(pid, S.ringTail));
      // Idle workers wait (async) on their start word: wake them so they let go of this buffer.
      Atomics.notify(mem.i32, mem.at(pid, S.start));
    }
  }

  /**
   * A fresh buffer. If the browser refuses it, old buffers may still be held by
   * worker threads: rebuild every worker (a thread's end frees all it held) and
   * try again, then give up with a reason the page can show.
   */
  private async allocate(cfg: LayoutConfig, current: () => void): Promise<Memory> {
    for (let attempt = 0; ; attempt++) {
      // An overtaken prepare retries no more: its rebuild would end the newer run's workers and kernel.
      current();
      try {
        if (this.allocationFaults > 0) {
          this.allocationFaults--;
          throw new RangeError('Array buffer allocation failed (injected)');
        }
        return Memory.create(cfg);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        if (attempt === ALLOCATION_RETRIES) throw new OutOfMemory(new Layout(cfg).totalWords * 4);
        this.dropWorkers();
        await sleep(100 * (attempt + 1));
      }
    }
  }

  /**
   * Build a fresh buffer for a run, attach (and if needed grow or heal) the
   * worker pool, and boot the main process in the kernel.
   */
  async prepare(scenario: Scenario, params: ScenarioParams, config: Omit<RunConfig, 'mainProgram'>, opts: PrepareOptions = {}): Promise<PreparedRun> {
    const token = ++this.preparing;
    // A prepare overtaken while it awaited (the learner left a lab whose workers were still loading) must not
    // go on: attaching its workers later took them from the newer run, whose next child no worker picked up.
    const current = () => {
      if (token !== this.preparing) throw new AttachSuperseded();
    };
    this.stop();
    this.current = null;
    this.unstarted = null;
    this.reaper.clear();
    // A run no warm announced (the explorer's) still gets its scenario loaded before the attach, where it can be.
    if (this.aim !== scenario.id) this.aimAt(scenario.id);
    const processes = scenario.maxProcesses(params);
    const heapWords = this.heapWordsOf(scenario, params);
    const mem = await this.allocate({ ...DEFAULT_LAYOUT, maxProcs: processes, ringEvents: opts.ringEvents ?? ringEventsFor(processes), heapWords }, current);
    current();
    const world = new World(mem, true);
    const objs = scenario.setup(world, params);
    this.current = mem;

    if (!this.kernel || this.kernel.crashed) {
      this.dropKernel();
      this.kernel = this.spawnKernel();
    }
    const kernel = this.kernel;
    const needsRuntime = scenario.prepare !== undefined;
    // The compile and the snapshot's download start now and overlap the pool's warming (both are once per page).
    const runtime = needsRuntime ? Promise.all([compiledPython(), prebuiltSnapshot()]) : undefined;
    void runtime?.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    // New workers load a few at a time in idle time; a warm pool is ready at once.
    await this.pool.whenReady(processes);
    current();
    const wasm = runtime ? (await runtime)[0] : undefined;
    // The first interpreter loads (and snapshots) before the others start from its snapshot.
    const snapshot = wasm ? await this.pythonSnapshot(wasm) : undefined;
    current();
    const workers = this.pool.take(processes);
    // A worker that loads an interpreter gets the runtime's time on top of its usual one.
    const runtimeTimeout = needsRuntime ? RUNTIME_ATTACH_TIMEOUT_MS : 0;
    // A worker whose thread died is replaced before it is asked.
    workers.forEach((p, pid) => p.crashed && this.pool.replace(pid));
    const firstAnswer = workers.every((p) => p.answered && !p.crashed) ? ATTACH_TIMEOUT_MS : FIRST_ANSWER_TIMEOUT_MS;
    const extra: PythonLoad | undefined = wasm ? { wasm, snapshot } : undefined;
    await attachEach(this.board, processes, (pid) => this.board.order(pid, mem.sab, scenario.id, params, extra), this.attachTarget, {
      first: runtimeTimeout + firstAnswer,
      retry: runtimeTimeout + FIRST_ANSWER_TIMEOUT_MS,
    });
    current();
    for (const p of this.pool.take(processes)) p.answered = true;
    if (opts.boot === false) return { mem, world, objs, processes };
    const mainProgram = Object.keys(scenario.programs).indexOf(scenario.main);
    const patienceMs = needsRuntime ? RUNTIME_PATIENCE_MS : undefined;
    try {
      // Loading boots main and waits (up to the scheduler's settle limit) for its first op.
      await withTimeout(kernel.calls.untilDeath(kernel.api.load(mem.sab, { ...config, mainProgram, patienceMs })), patienceMs ? patienceMs + 2000 : KERNEL_LOAD_TIMEOUT_MS, 'kernel');
    } catch (e) {
      // The old kernel may already have booted main on this buffer, so a new kernel must not
      // reuse it: drop both, report, and let Reset build everything afresh.
      this.stop();
      if (this.kernel === kernel) this.dropKernel();
      throw e;
    }
    if (config.mode === 'parallel' && this.current === mem) this.unstarted = { mem, mainProgram };
    return { mem, world, objs, processes };
  }

  /**
   * Parallel mode: start the prepared run's main process from here (the kernel only loaded it; under
   * this mode it neither gates nor watches). False when there is nothing to start: no prepared
   * parallel run, or it was started already.
   */
  startParallel(): boolean {
    const run = this.unstarted;
    if (!run || run.mem !== this.current || Atomics.load(run.mem.i32, H.stop)) return false;
    this.unstarted = null;
    bootMain(run.mem, run.mainProgram, defaultWallClock());
    return true;
  }

  private heapWordsOf(scenario: Scenario, params: ScenarioParams): number {
    const key = `${scenario.id} ${JSON.stringify(params)}`;
    let words = this.heapSizes.get(key);
    if (words === undefined) {
      words = heapWordsFor((w) => scenario.setup(w, params), (heapWords) => Memory.create({ maxProcs: 1, ringEvents: 2, heapWords })) + (scenario.runtimeHeapWords ?? 0);
      if (this.heapSizes.size >= HEAP_SIZES_KEPT) this.heapSizes.clear();
      this.heapSizes.set(key, words);
    }
    return words;
  }

  private snapshot: Promise<Uint8Array | undefined> | null = null;

  /**
   * The snapshot every worker's interpreter starts from: the build's, or else
   * (a server without it) the one worker 0 makes after loading from scratch,
   * kept in shared memory (one copy, read by every worker that starts from it).
   */
  private pythonSnapshot(wasm: WebAssembly.Module): Promise<Uint8Array | undefined> {
    this.snapshot ??= (async () => {
      const prebuilt = await prebuiltSnapshot();
      if (prebuilt) return prebuilt;
      const r = await this.pool.take(1)[0]!.api.warmPython(wasm);
      if (!r.snapshot) return undefined;
      const shared = new Uint8Array(new SharedArrayBuffer(r.snapshot.length));
      shared.set(r.snapshot);
      return shared;
    })().catch((e: unknown) => {
      this.snapshot = null;
      throw e;
    });
    return this.snapshot;
  }

  /**
   * Load Python interpreters in the first `count` process workers now (the
   * first from scratch, the others from its snapshot), so the learner's first
   * Run does not wait for them. Resolves with each interpreter's load time in ms.
   */
  async prewarmPython(count: number): Promise<number[]> {
    // The compile and the snapshot's download overlap (one after the other, the 31 MB waited for the compile).
    const [wasm] = await Promise.all([compiledPython(), prebuiltSnapshot()]);
    const snapshot = await this.pythonSnapshot(wasm);
    return Promise.all(this.pool.take(count).map(async (p) => (await p.api.warmPython(wasm, snapshot)).loadMs));
  }

  private dropKernel(): void {
    this.kernel?.unwatch();
    this.kernel?.worker.terminate();
    this.kernel = null;
  }

  /** End every worker thread (and so every buffer they hold); the next prepare starts new ones. */
  private dropWorkers(): void {
    this.pool.clear();
    this.dropKernel();
  }

  // ---- fault injection (tests, and the "crash" demo); Reset heals each ----

  /** Kill one process's worker for real: its process ends as killed (-9) and the run goes on without it. */
  killWorker(pid: number): void {
    const pooled = this.pool.at(pid);
    if (!pooled) return;
    pooled.worker.terminate();
    pooled.crashed = 'terminated by the page';
    this.markCrashed({ pid, message: null, terminated: true }, untilGone(pooled));
  }

  /** Make a process worker throw an uncaught error (a fault outside any program). */
  faultWorker(pid: number): void {
    void this.pool.at(pid)?.api.fault('injected fault');
  }

  /** Kill the kernel worker for real (silently, as a closing worker would be). */
  killKernel(): void {
    this.kernel?.worker.terminate();
  }

  /** Make the next `n` buffer allocations fail as if memory ran out. */
  failAllocations(n: number): void {
    this.allocationFaults = n;
  }

  /** Idle waits the process workers still have pending: each pins a run's buffer, so one per worker at most. */
  async pendingWaits(): Promise<number> {
    const counts = await Promise.all(this.pool.take(this.pool.size).map((p) => (p.crashed ? 0 : withTimeout(p.api.waits(), ATTACH_TIMEOUT_MS, 'worker').catch(() => 0))));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Each process worker's loaded scenarios, by pool index (a worker that died: none). */
  loadedScenarios(): Promise<string[][]> {
    return Promise.all(this.pool.take(this.pool.size).map((p) => (p.crashed ? [] : withTimeout(p.api.loadedScenarios(), ATTACH_TIMEOUT_MS, 'worker').catch(() => []))));
  }

  dispose(): void {
    this.stop();
    this.dropWorkers();
  }
}
