/**
 * multiprocessing.Pool, built as CPython builds it: `processes` daemonic worker
 * processes, each looping "take a task from the task queue; None means stop;
 * run it; put (job, i, result) on the result queue". The parent puts the
 * tasks and collects the results; both queues are real shared Queues, so every
 * hand-over is an op the page can show (which worker took which task, the
 * task queue draining, the workers being reused).
 *
 * A task is `[job, i, func, chunk]` (chunk: a list of argument tuples, as
 * CPython's `mapstar` chunks); a result is `[job, i, true, values]` or
 * `[job, i, false, [exception name, message]]`. `map` chunks its input as
 * CPython does (chunksize = ceil(len / (4 × processes))); `imap_unordered`
 * and `apply_async` send one call per task.
 *
 * Departure: CPython's parent runs a result-handler thread that fires
 * callbacks as results arrive. A simulated process has one thread, so the
 * parent dispatches results (and runs callbacks, in arrival order) whenever it
 * waits on the pool: `AsyncResult.get()`, `map`, the `imap_unordered`
 * iterator, and `join()` — which, as in CPython, returns only after every
 * callback ran.
 *
 * @example
 *   // setup:    pool: new Pool(world, { processes: 3, target: 'pool_worker' })
 *   // worker:   pool_worker: (p) => p.objs.pool.serve(p, { square: (p, x) => x * x }, LINE.pool)
 *   // main:     const pool = p.objs.pool.open(p);           // Pool(3): starts the workers
 *   //           const squares = pool.map('square', [0, 1, 2]);
 *   //           pool.close(); pool.join();
 */
import { PyError, unwireError, wireError, type WiredError } from './errors';
import type { Child, ProcessApi } from './process';
import { Queue } from './queue';
import type { World } from './world';

export interface PoolOptions {
  processes: number;
  /** The program each worker process runs; it must call `serve`. */
  target: string;
  name?: string;
  /** Slots of each queue (CPython's are unbounded; shared memory needs a bound): at least the tasks in flight plus one sentinel per worker. Default 64. */
  capacity?: number;
}

/** A function a worker can run by name: gets the worker's process API and the call's arguments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PoolFunc = (p: ProcessApi<any, any>, ...args: any[]) => unknown;

type Task = [job: number, i: number, func: string, chunk: unknown[][]];
type Reply = [job: number, i: number, ok: boolean, value: unknown];

/** CPython's map chunksize: ceil(len / (4 × processes)). */
export function mapChunksize(length: number, processes: number): number {
  if (length === 0) return 0;
  const [q, r] = [Math.floor(length / (processes * 4)), length % (processes * 4)];
  return r ? q + 1 : q || 1;
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size));
  return out;
}

/** The shared part of a pool: its two queues and its size (created in setup, the same in every process). */
export class Pool {
  readonly tasks: Queue;
  readonly results: Queue;
  readonly processes: number;
  readonly target: string;
  readonly name: string;

  constructor(world: World, opts: PoolOptions) {
    if (opts.processes < 1) throw new PyError('ValueError', 'Number of processes must be at least 1');
    this.processes = opts.processes;
    this.target = opts.target;
    this.name = opts.name ?? 'pool';
    // CPython's inqueue and outqueue are unbounded SimpleQueues; these hold every task of a run.
    const capacity = opts.capacity ?? 64;
    this.tasks = new Queue(world, capacity, `${this.name} tasks`, 'queue', true);
    this.results = new Queue(world, capacity, `${this.name} results`, 'queue', true);
  }

  /** `Pool(processes)` in the parent: start the daemonic workers; the handle collects their results. */
  open<O, P>(p: ProcessApi<O, P>): PoolHandle {
    const workers: Child[] = [];
    for (let k = 1; k <= this.processes; k++) {
      const w = p.Process({ target: this.target, name: `ForkPoolWorker-${k}`, daemon: true });
      w.start();
      workers.push(w);
    }
    return new PoolHandle(this, workers);
  }

  /** CPython's `worker()`: run tasks until the None sentinel. Each call's exception goes back to the parent. */
  serve<O, P>(p: ProcessApi<O, P>, funcs: Record<string, PoolFunc>, line: number): void {
    for (;;) {
      p.at(line);
      const task = this.tasks.get() as Task | null;
      if (task === null) return;
      const [job, i, func, chunk] = task;
      let reply: Reply;
      try {
        const f = funcs[func];
        if (!f) throw new PyError('AttributeError', `Can't get attribute '${func}'`);
        reply = [job, i, true, chunk.map((args) => f(p, ...args))];
      } catch (e) {
        reply = [job, i, false, wireError(e)];
      }
      p.at(line);
      this.results.put(reply);
    }
  }
}

/** What the parent holds after `Pool(n)`: the workers and the jobs still waiting for results. */
export class PoolHandle {
  private nextJob = 0;
  private readonly jobs = new Map<number, Job>();
  private state: 'run' | 'close' = 'run';

  constructor(
    private readonly pool: Pool,
    readonly workers: readonly Child[],
  ) {}

  /** `pool.map(func, iterable)`: results in input order, however the workers finish. */
  map(func: string, iterable: readonly unknown[], chunksize?: number): unknown[] {
    const size = chunksize ?? mapChunksize(iterable.length, this.pool.processes);
    const chunks = size > 0 ? chunked(iterable, size) : [];
    const job = this.submit(func, chunks.map((c) => c.map((x) => [x])), new Job(chunks.length));
    while (!job.ready) this.dispatchOne();
    return job.value() as unknown[];
  }

  /** `pool.apply_async(func, args, callback=…)`: one task; the callback runs in the parent when its result arrives. */
  apply_async(func: string, args: readonly unknown[], callback?: (value: unknown) => void): AsyncResult {
    const job = new Job(1, callback, true);
    this.submit(func, [[[...args]]], job);
    return new AsyncResult(job, () => this.dispatchOne());
  }

  /** `pool.imap_unordered(func, iterable)`: values as the workers finish them. */
  *imap_unordered(func: string, iterable: readonly unknown[], chunksize = 1): Generator<unknown> {
    const chunks = chunked(iterable, Math.max(1, chunksize));
    const job = this.submit(func, chunks.map((c) => c.map((x) => [x])), new Job(chunks.length));
    let given = 0;
    for (;;) {
      while (given < job.arrived.length) yield job.arrived[given++];
      if (job.ready) {
        job.raiseIfFailed();
        return;
      }
      this.dispatchOne();
    }
  }

  /** No more tasks: each worker gets the None sentinel after the tasks already queued. */
  close(): void {
    this.state = 'close';
    for (let k = 0; k < this.workers.length; k++) this.pool.tasks.put(null);
  }

  /** Wait for every outstanding result (running its callback), then for the workers to exit. */
  join(): void {
    if (this.state === 'run') throw new PyError('ValueError', 'Pool is still running');
    while ([...this.jobs.values()].some((j) => !j.ready)) this.dispatchOne();
    for (const w of this.workers) w.join();
  }

  private submit(func: string, chunks: unknown[][][], job: Job): Job {
    if (this.state !== 'run') throw new PyError('ValueError', 'Pool not running');
    const id = this.nextJob++;
    this.jobs.set(id, job);
    chunks.forEach((chunk, i) => this.pool.tasks.put([id, i, func, chunk] satisfies Task));
    if (chunks.length === 0) this.jobs.delete(id);
    return job;
  }

  /** Take one result off the result queue and hand it to its job (CPython's result-handler thread, one step). */
  private dispatchOne(): void {
    const [id, i, ok, value] = this.pool.results.get() as Reply;
    const job = this.jobs.get(id);
    if (!job) return;
    job.deliver(i, ok, value);
    if (job.ready) this.jobs.delete(id);
  }
}

/** One submitted call of map / imap_unordered / apply_async, as the parent tracks it. */
class Job {
  private readonly chunks: unknown[][] = [];
  /** Values in arrival order (imap_unordered yields these). */
  readonly arrived: unknown[] = [];
  private remaining: number;
  private error: WiredError | null = null;

  constructor(
    count: number,
    private readonly callback?: (value: unknown) => void,
    private readonly single = false,
  ) {
    this.remaining = count;
  }

  get ready(): boolean {
    return this.remaining === 0;
  }

  deliver(i: number, ok: boolean, value: unknown): void {
    this.remaining--;
    if (!ok) {
      this.error ??= value as WiredError;
      return;
    }
    const values = value as unknown[];
    this.chunks[i] = values;
    this.arrived.push(...values);
    if (this.ready && !this.error && this.callback) this.callback(this.value());
  }

  get successful(): boolean {
    return this.error === null;
  }

  raiseIfFailed(): void {
    if (this.error) throw unwireError(this.error);
  }

  /** The result: one value (apply_async) or every chunk's values in input order (map). */
  value(): unknown {
    this.raiseIfFailed();
    const all = this.chunks.flat();
    return this.single ? all[0] : all;
  }
}

/** `AsyncResult`: get() waits (dispatching every result that arrives meanwhile), ready(), successful(). */
export class AsyncResult {
  constructor(
    private readonly job: Job,
    private readonly dispatchOne: () => void,
  ) {}

  get(): unknown {
    while (!this.job.ready) this.dispatchOne();
    return this.job.value();
  }

  ready(): boolean {
    return this.job.ready;
  }

  successful(): boolean {
    if (!this.job.ready) throw new PyError('ValueError', 'result is not ready');
    return this.job.successful;
  }
}
