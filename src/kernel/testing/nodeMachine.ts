/**
 * Runs scenarios on real threads under Node for the tests: a pool of
 * worker_threads (one per process slot), the shared buffer, and the same
 * Scheduler the kernel worker uses.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { Memory, S, NO_EXITCODE, type LayoutConfig } from '../../core/layout';
import { World, heapWordsFor } from '../../core/world';
import { RingReader, decodeEvent, type LogEvent } from '../../core/events';
import { H, writeLang } from '../../core/layout';
import type { Lang } from '../../i18n/i18n';
import { stopRun, type RunnableScenario } from '../../core/process';
import { Scheduler, type RunConfig, type RunStatus } from '../scheduler';
import { AttachBoard, attachEach, isAttachFailure, type AttachTarget } from '../attach';
import { workerBundle } from './workerBundle';

/** Test threads load in well under this, even on two busy cores. */
const ATTACH_TIMEOUT_MS = 60_000;

export interface NodeRunResult<O> {
  mem: Memory;
  world: World;
  objs: O;
  status: RunStatus;
  events: LogEvent[];
  scheduler: Scheduler;
  exitcodes: (number | null)[];
}

export interface NodeRunOptions {
  layout?: Partial<LayoutConfig>;
  /** Skip the event log (throughput stress tests). */
  quiet?: boolean;
  /** The language the run's own messages are printed in (default English). */
  lang?: Lang;
  /** Keep decoded events (costly for millions). */
  keepEvents?: boolean;
  /** Step mode: the pids to grant, in order (then stop). */
  schedule?: number[];
  maxSteps?: number;
  timeoutMs?: number;
  /** Parallel mode: end the run as a deadlock once "everyone blocked" has held this long (as the page does); otherwise only `finished` ends it. */
  deadlockAfterMs?: number;
}

/** How a test machine's process threads differ from the page's. */
export interface NodeMachineOptions {
  /**
   * Each process's longest single wait (Runtime's waitSliceMs; 50 ms by default). Longer than a test,
   * a process blocked in a wait sees a terminate only when a notify wakes it: a race made certain.
   */
  waitSliceMs?: number;
  /**
   * The module the threads import, when not `registryModule`: a catalogue of loaders (src/scenarios/catalogue.ts)
   * lets each thread import only the scenarios it runs, as the page's workers do.
   */
  workerModule?: string;
}

/**
 * Start one test process worker (src/kernel/testing/nodeWorker.ts) serving the scenarios of `registryModule`: from
 * `bundle` (workerBundle.ts) when given, else compiled by tsx in the thread.
 */
export function startNodeWorker(registryModule: string, options: NodeMachineOptions = {}, bundle?: string): Worker {
  return new Worker(bundle ?? fileURLToPath(new URL('./bootstrap.mjs', import.meta.url)), { workerData: { registryModule: options.workerModule ?? registryModule, waitSliceMs: options.waitSliceMs } });
}

/** Resolves once `w` has loaded (it says so first). */
export function nodeWorkerReady(w: Worker): Promise<Worker> {
  return new Promise<Worker>((resolve, reject) => {
    w.once('message', () => resolve(w));
    w.once('error', reject);
  });
}

/**
 * A start with no worker ready for this long is a hang. Each worker's start (tsx loading the registry) costs about
 * 440 ms of CPU, so 12 of them took 38 s at a load of 47 and over a minute in all at a load near 60: a deadline for
 * the whole start failed slow but healthy machines, so the deadline is for progress.
 */
export const START_STALL_MS = 60_000;

/** Resolves with every one of `started` once all are ready; rejects when none became ready for `stallMs`, or one failed. */
export function allReady<W>(started: Promise<W>[], stallMs = START_STALL_MS): Promise<W[]> {
  return new Promise<W[]>((resolve, reject) => {
    let left = started.length;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => reject(new Error(`${left} of ${started.length} test workers not ready: none became ready in ${stallMs} ms`)), stallMs);
    };
    if (left > 0) arm();
    for (const p of started) {
      p.then(
        () => {
          if (--left === 0) clearTimeout(timer);
          else arm();
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    }
    void Promise.all(started).then(resolve, () => {});
  });
}

export class NodeMachine {
  private last: Memory | null = null;
  /** Resolves when the run under way (if any) has ended. */
  private turn: Promise<void> = Promise.resolve();
  /** The workers answer attach orders here, as the page's do (src/kernel/attach.ts). */
  private readonly board: AttachBoard;
  private readonly target: AttachTarget = {
    post: (pid, order) => this.workers[pid]!.postMessage(order),
    replace: (pid) => {
      void this.workers[pid]!.terminate();
      this.workers[pid] = this.listen(startNodeWorker(this.registryModule, this.options, this.bundle));
    },
  };

  private constructor(
    private readonly workers: Worker[],
    private readonly registry: Record<string, RunnableScenario<unknown, unknown>>,
    private readonly registryModule: string,
    private readonly options: NodeMachineOptions,
    private readonly bundle: string,
  ) {
    this.board = new AttachBoard(workers.length);
    for (const w of workers) this.listen(w);
  }

  private listen(w: Worker): Worker {
    w.on('message', (m: unknown) => {
      if (isAttachFailure(m) && this.workers.includes(w)) this.board.fail(m);
    });
    return w;
  }

  /** `registryModule` is a module URL exporting `scenarios` (a catalogue: src/scenarios/registry.ts, src/core/testing/scenarios.ts). */
  static async create(registryModule: string, size: number, options: NodeMachineOptions = {}): Promise<NodeMachine> {
    const mod = (await import(registryModule)) as { scenarios: RunnableScenario<unknown, unknown>[] };
    const bundle = await workerBundle(options.workerModule ?? registryModule);
    const started = Array.from({ length: size }, () => startNodeWorker(registryModule, options, bundle));
    const workers = await allReady(started.map(nodeWorkerReady)).catch(async (e: unknown) => {
      await Promise.all(started.map((w) => w.terminate()));
      throw e;
    });
    return new NodeMachine(workers, Object.fromEntries(mod.scenarios.map((s) => [s.id, s])), registryModule, options, bundle);
  }

  /** Let every worker load what `scenarioId` needs (a Python interpreter each), all at once. */
  async prepare(scenarioId: string): Promise<void> {
    await Promise.all(
      this.workers.map(
        (w, pid) =>
          new Promise<void>((resolve) => {
            const on = (m: { type: string; pid: number }) => {
              if (m.type === 'prepared' && m.pid === pid) {
                w.off('message', on);
                resolve();
              }
            };
            w.on('message', on);
            w.postMessage({ type: 'prepare', scenarioId, pid });
          }),
      ),
    );
  }

  /**
   * Send worker `pid` one of the test worker's own orders (src/kernel/testing/nodeWorker.ts): keep its event loop
   * busy for `ms` (a slow pickup), or serve no slot (a pickup that never comes). Resolves once it has the order.
   */
  order(pid: number, message: { type: 'busy'; ms: number } | { type: 'detach' }): Promise<void> {
    const w = this.workers[pid]!;
    return new Promise<void>((resolve) => {
      const on = (m: { type?: string; order?: string }) => {
        if (m.type !== 'obeyed' || m.order !== message.type) return;
        w.off('message', on);
        resolve();
      };
      w.on('message', on);
      w.postMessage(message);
    });
  }

  /** The scenarios worker `pid` has loaded or is loading (a catalogue's worker loads only what it was given to run). */
  loaded(pid: number): Promise<string[]> {
    const w = this.workers[pid]!;
    return new Promise<string[]>((resolve) => {
      const on = (m: { type?: string; ids?: string[] }) => {
        if (m.type !== 'loaded') return;
        w.off('message', on);
        resolve(m.ids!);
      };
      w.on('message', on);
      w.postMessage({ type: 'loaded' });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** A fresh buffer for the scenario, its objects set up and every worker attached; nothing booted. */
  async attach<O>(scenarioId: string, params: unknown, opts: Pick<NodeRunOptions, 'layout' | 'quiet' | 'lang'> = {}): Promise<{ mem: Memory; world: World; objs: O }> {
    const scenario = this.registry[scenarioId];
    if (!scenario) throw new Error(`no scenario ${scenarioId}`);
    // Unwind whatever the previous run left blocked (a deadlock, a daemon) before reusing the threads.
    if (this.last) NodeMachine.stop(this.last);
    const heapWords = heapWordsFor((w) => scenario.setup(w, params), (words) => Memory.create({ maxProcs: 1, ringEvents: 2, heapWords: words })) + (scenario.runtimeHeapWords ?? 0);
    const mem = Memory.create({ maxProcs: this.workers.length, heapWords, ...opts.layout });
    this.last = mem;
    if (opts.quiet) mem.i32[H.quiet] = 1;
    if (opts.lang) writeLang(mem.i32, opts.lang);
    const world = new World(mem, true);
    const objs = scenario.setup(world, params) as O;
    await attachEach(this.board, this.workers.length, (pid) => this.board.order(pid, mem.sab, scenarioId, params), this.target, { first: ATTACH_TIMEOUT_MS, retry: ATTACH_TIMEOUT_MS });
    return { mem, world, objs };
  }

  /**
   * One run at a time, as on the page: runs asked for together (a test's Promise.all) take the
   * workers in turn, instead of a later one's attach taking them from an earlier one mid-run.
   */
  async run<O>(scenarioId: string, params: unknown, config: Omit<RunConfig, 'mainProgram'>, opts: NodeRunOptions = {}): Promise<NodeRunResult<O>> {
    const previous = this.turn;
    let done = () => {};
    this.turn = new Promise<void>((resolve) => (done = resolve));
    await previous;
    try {
      return await this.runNow<O>(scenarioId, params, config, opts);
    } finally {
      done();
    }
  }

  private async runNow<O>(scenarioId: string, params: unknown, config: Omit<RunConfig, 'mainProgram'>, opts: NodeRunOptions): Promise<NodeRunResult<O>> {
    const scenario = this.registry[scenarioId];
    if (!scenario) throw new Error(`no scenario ${scenarioId}`);
    const { mem, world, objs } = await this.attach<O>(scenarioId, params, opts);
    const mainProgram = Object.keys(scenario.programs).indexOf(scenario.main);
    const scheduler = new Scheduler(mem, { ...config, mainProgram });
    const reader = new RingReader(mem);
    const events: LogEvent[] = [];
    const drain = () =>
      reader.drain((pid, rec) => {
        if (opts.keepEvents !== false) events.push(decodeEvent(mem, pid, rec));
      });
    scheduler.boot(Date.now());
    const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
    let status: RunStatus;
    if (scheduler.scheduled) {
      let steps = 0;
      const schedule = opts.schedule ? [...opts.schedule] : null;
      while ((status = scheduler.status()) === 'running' && steps < (opts.maxSteps ?? Infinity)) {
        if (schedule) {
          const pid = schedule.shift();
          if (pid === undefined) break;
          scheduler.grant(pid);
        } else if (scheduler.step() < 0) break;
        steps++;
        drain();
        if (Date.now() > deadline) throw new Error('scheduled run timed out');
      }
    } else {
      let stuckSince = Infinity;
      for (;;) {
        drain();
        status = scheduler.status();
        if (status === 'finished') break;
        stuckSince = status === 'deadlock' ? Math.min(stuckSince, Date.now()) : Infinity;
        if (opts.deadlockAfterMs !== undefined && Date.now() - stuckSince >= opts.deadlockAfterMs) break;
        if (Date.now() > deadline) throw new Error(`parallel run timed out (status ${status})`);
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    drain();
    const exitcodes = Array.from({ length: Atomics.load(mem.i32, H.nextPid) }, (_, pid) => {
      const c = mem.load(pid, S.exitcode);
      return c === NO_EXITCODE ? null : c;
    });
    return { mem, world, objs, status, events, scheduler, exitcodes };
  }

  /**
   * Per worker: its idle waits still pending and how many of the buffers it was
   * handed are still reachable after a full GC (the leak test's measure).
   */
  probe(): Promise<{ waits: number; buffers: number }[]> {
    return Promise.all(
      this.workers.map(
        (w) =>
          new Promise<{ waits: number; buffers: number }>((resolve) => {
            const on = (m: { type: string; waits: number; buffers: number }) => {
              if (m.type !== 'probed') return;
              w.off('message', on);
              resolve({ waits: m.waits, buffers: m.buffers });
            };
            w.on('message', on);
            w.postMessage({ type: 'probe' });
          }),
      ),
    );
  }

  /** Stop a run: unwind every process (what Reset does). */
  static stop(mem: Memory): void {
    stopRun(mem);
    for (let pid = 0; pid < mem.maxProcs; pid++) {
      Atomics.store(mem.i32, mem.at(pid, S.interrupt), 2);
      Atomics.notify(mem.i32, mem.at(pid, S.start));
    }
  }
}

