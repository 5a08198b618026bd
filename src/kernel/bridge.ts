/**
 * The main thread's side of the machine: it owns every worker's life (pool,
 * ready handshake, timeouts, crash reports, replacement) and builds each run's
 * shared buffer. It never blocks: control goes through Comlink, data is read
 * off shared memory.
 */
import { wrap, type Remote } from 'comlink';
import { H, Memory, Mode, S, State } from '../core/layout';
import { markEnded, wakeJoiners } from '../core/process';

/** What Python reports for a process killed by SIGKILL. */
const KILLED_EXITCODE = -9;
import { World, heapWordsFor } from '../core/world';
import type { Scenario, ScenarioParams } from '../scenarios/types';
import type { KernelApi } from './kernel.worker';
import type { ProcessWorkerApi, SpawnProcessWorker } from './processWorker';
import type { RunConfig } from './scheduler';
import { compiledPython } from '../python/wasm';

/** How long a worker may take to answer before it is replaced. */
const ATTACH_TIMEOUT_MS = 3000;
/** Longer than the scheduler's settle limit, so a slow first op is never mistaken for a dead kernel. */
const KERNEL_LOAD_TIMEOUT_MS = 12_000;
/**
 * A program that loads a language runtime first (Python: 2–5 s per cold
 * interpreter, more when several load at once on two cores) gets this much
 * patience at each step, and its workers this long to answer an attach.
 */
const RUNTIME_PATIENCE_MS = 90_000;
const RUNTIME_ATTACH_TIMEOUT_MS = 30_000;
/** Total bytes of event rings in one run (split between processes). */
const RING_BUDGET_BYTES = 64 * 1024 * 1024;

interface Pooled<T> {
  worker: Worker;
  api: Remote<T>;
  crashed: string | null;
}

export interface PreparedRun {
  mem: Memory;
  world: World;
  objs: unknown;
  processes: number;
}

export type CrashListener = (pid: number, message: string) => void;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Largest power of two ≤ n. */
function pow2floor(n: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, n)));
}

export class Machine {
  private readonly pool: Pooled<ProcessWorkerApi>[] = [];
  private kernel: Pooled<KernelApi> | null = null;
  private current: Memory | null = null;
  onCrash: CrashListener = () => {};

  /** `spawnProcess` comes from the entry point: it decides which programs the workers can run. */
  constructor(private readonly spawnProcess: SpawnProcessWorker) {}

  get kernelApi(): Remote<KernelApi> {
    if (!this.kernel) throw new Error('no kernel');
    return this.kernel.api;
  }

  get poolSize(): number {
    return this.pool.length;
  }

  private spawnProcessWorker(index: number): Pooled<ProcessWorkerApi> {
    const worker = this.spawnProcess(`lockstep-process-${index}`);
    const pooled: Pooled<ProcessWorkerApi> = { worker, api: wrap<ProcessWorkerApi>(worker), crashed: null };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      pooled.crashed = e.message || 'worker error';
      this.markCrashed(index, pooled.crashed);
    });
    return pooled;
  }

  private spawnKernel(): Pooled<KernelApi> {
    const worker = new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module', name: 'lockstep-kernel' });
    const pooled: Pooled<KernelApi> = { worker, api: wrap<KernelApi>(worker), crashed: null };
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      pooled.crashed = e.message || 'kernel error';
    });
    return pooled;
  }

  /** A crashed worker's process ends as if SIGKILLed (exitcode -9), so nothing waits for it forever. */
  private markCrashed(pid: number, message: string): void {
    const mem = this.current;
    if (mem && pid < mem.maxProcs && mem.load(pid, S.state) > State.free && mem.load(pid, S.state) < State.done) {
      if (Atomics.load(mem.i32, H.mode) !== Mode.parallel) wakeJoiners(mem, pid, mem.loadF(pid, S.clock));
      markEnded(mem, pid, State.terminated, KILLED_EXITCODE, 0);
    }
    this.onCrash(pid, message);
  }

  /** Unwind every process of the current run (blocked ones wake within one wait slice). */
  stop(): void {
    const mem = this.current;
    if (!mem) return;
    Atomics.store(mem.i32, H.stop, 1);
    Atomics.store(mem.i32, H.pause, 1);
    Atomics.notify(mem.i32, H.pause);
    Atomics.notify(mem.i32, H.doorbell);
    for (let pid = 0; pid < mem.maxProcs; pid++) {
      // A Python interpreter busy in pure Python unwinds at its next bytecode check.
      Atomics.store(mem.i32, mem.at(pid, S.interrupt), 2);
      Atomics.notify(mem.i32, mem.at(pid, S.gate));
      Atomics.notify(mem.i32, mem.at(pid, S.ringTail));
      // Idle workers wait (async) on their start word: wake them so they let go of this buffer.
      Atomics.notify(mem.i32, mem.at(pid, S.start));
    }
  }

  /**
   * Build a fresh buffer for a run, attach (and if needed grow or heal) the
   * worker pool, and boot the main process in the kernel.
   */
  async prepare(scenario: Scenario, params: ScenarioParams, config: Omit<RunConfig, 'mainProgram'>): Promise<PreparedRun> {
    this.stop();
    const processes = scenario.maxProcesses(params);
    const ringEvents = Math.min(65536, pow2floor(RING_BUDGET_BYTES / (64 * processes)));
    const heapWords = heapWordsFor((w) => scenario.setup(w, params), (words) => Memory.create({ maxProcs: 1, ringEvents: 2, heapWords: words })) + (scenario.runtimeHeapWords ?? 0);
    const mem = Memory.create({ maxProcs: processes, ringEvents, heapWords });
    const world = new World(mem, true);
    const objs = scenario.setup(world, params);
    this.current = mem;

    if (!this.kernel || this.kernel.crashed) {
      this.kernel?.worker.terminate();
      this.kernel = this.spawnKernel();
    }
    while (this.pool.length < processes) this.pool.push(this.spawnProcessWorker(this.pool.length));
    const needsRuntime = scenario.prepare !== undefined;
    const wasm = needsRuntime ? await compiledPython() : undefined;
    // The first interpreter loads (and snapshots) before the others start from its snapshot.
    const snapshot = wasm ? await this.pythonSnapshot(wasm) : undefined;
    const attachTimeout = needsRuntime ? RUNTIME_ATTACH_TIMEOUT_MS : ATTACH_TIMEOUT_MS;
    await Promise.all(
      Array.from({ length: processes }, async (_, pid) => {
        let pooled = this.pool[pid]!;
        try {
          if (pooled.crashed) throw new Error(pooled.crashed);
          await withTimeout(pooled.api.attach(mem.sab, scenario.id, params, pid, wasm, snapshot), attachTimeout, `worker ${pid}`);
        } catch {
          // Stuck or crashed: replace it (terminate is the only way to stop a runaway thread).
          pooled.worker.terminate();
          pooled = this.pool[pid] = this.spawnProcessWorker(pid);
          await withTimeout(pooled.api.attach(mem.sab, scenario.id, params, pid, wasm, snapshot), attachTimeout * 2, `new worker ${pid}`);
        }
      }),
    );
    const mainProgram = Object.keys(scenario.programs).indexOf(scenario.main);
    const patienceMs = needsRuntime ? RUNTIME_PATIENCE_MS : undefined;
    try {
      // Loading boots main and waits (up to the scheduler's settle limit) for its first op.
      await withTimeout(this.kernel.api.load(mem.sab, { ...config, mainProgram, patienceMs }), patienceMs ? patienceMs + 2000 : KERNEL_LOAD_TIMEOUT_MS, 'kernel');
    } catch (e) {
      // The old kernel may already have booted main on this buffer, so a new kernel must not
      // reuse it: drop both, report, and let Reset build everything afresh.
      this.stop();
      this.kernel.worker.terminate();
      this.kernel = null;
      throw e;
    }
    return { mem, world, objs, processes };
  }

  private snapshot: Promise<Uint8Array | undefined> | null = null;

  /**
   * Load worker 0's interpreter from scratch and keep the memory snapshot it
   * makes, in shared memory (one copy, read by every worker that starts from it).
   */
  private pythonSnapshot(wasm: WebAssembly.Module): Promise<Uint8Array | undefined> {
    this.snapshot ??= (async () => {
      if (this.pool.length === 0) this.pool.push(this.spawnProcessWorker(0));
      const r = await this.pool[0]!.api.warmPython(wasm);
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
    const wasm = await compiledPython();
    const snapshot = await this.pythonSnapshot(wasm);
    while (this.pool.length < count) this.pool.push(this.spawnProcessWorker(this.pool.length));
    return Promise.all(this.pool.slice(0, count).map(async (p) => (await p.api.warmPython(wasm, snapshot)).loadMs));
  }

  /** Kill one process's worker for real (tests and the "crash" demo): the run reports it and Reset heals. */
  killWorker(pid: number): void {
    const pooled = this.pool[pid];
    if (!pooled) return;
    pooled.worker.terminate();
    pooled.crashed = 'terminated by the user';
    this.markCrashed(pid, pooled.crashed);
  }

  dispose(): void {
    this.stop();
    for (const p of this.pool) p.worker.terminate();
    this.pool.length = 0;
    this.kernel?.worker.terminate();
    this.kernel = null;
  }
}
