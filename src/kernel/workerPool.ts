/**
 * The process worker pool: worker i serves process slot i of every run, so a
 * run of n processes needs the first n workers. A new worker spends tens of
 * milliseconds (more on busy cores) loading and parsing its module, so the pool
 * grows ahead of need in idle time (`warm`): when a lab opens or a count
 * changes, the workers a run will need are started a few at a time while the
 * page is idle, and `prepare` then only attaches them. Reset reuses every
 * worker; a dead one is replaced.
 *
 * One simulated process = one real thread, always: a process may block
 * (Atomics.wait on a lock word, a gate, a sleep) and a blocked thread cannot run
 * anyone else, so processes are never multiplexed onto fewer workers. The cap
 * bounds what a page may ask for instead (measured: ~3.5 MB and, on two busy
 * cores, ~50 ms of start-up per worker; 1,000 workers fit in ~3.5 GB).
 */

/** Enough for the largest run a scenario allows: 1,000 clients + their parent. */
export const POOL_CAP = 1024;
/** Workers loading at once while warming: more only queue for the same cores and delay the first ones. */
const WARM_CONCURRENCY = 4;

/** The idle-time callback the pool grows in (the browser's requestIdleCallback; tests pass their own). */
export type IdleScheduler = (work: (deadline: { timeRemaining(): number }) => void) => void;

export const browserIdle: IdleScheduler = (work) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 500 });
  else setTimeout(() => work({ timeRemaining: () => 8 }), 0);
};

export interface PoolHooks<E> {
  /** Start worker `index` (not yet loaded). */
  spawn(index: number): E;
  /** Resolves once the worker has loaded its module and answers. */
  ready(entry: E): Promise<unknown>;
  /** It died or failed (replace it). */
  dead(entry: E): boolean;
  /** End its thread. */
  terminate(entry: E): void;
}

/** A run needs more processes than the pool may hold. */
export class PoolFull extends Error {
  constructor(
    readonly wanted: number,
    readonly cap: number,
  ) {
    super(`a run of ${wanted} processes needs ${wanted} worker threads; this page allows ${cap}`);
    this.name = 'PoolFull';
  }
}

/** A wait for workers the page no longer needs: a newer `warm` asked for fewer. */
export class WarmSuperseded extends Error {
  constructor(
    readonly wanted: number,
    readonly target: number,
  ) {
    super(`a wait for ${wanted} workers was superseded: the page now needs ${target}`);
    this.name = 'WarmSuperseded';
  }
}

export class WorkerPool<E extends object> {
  private readonly entries: E[] = [];
  /** How many workers warming aims for. */
  private target = 0;
  private loading = 0;
  private idleQueued = false;
  /** Workers whose loading has ended (loaded, or failed: attaching finds out which). */
  private readonly loaded = new WeakSet<object>();
  /** Each started worker's loading (ends once it is in `loaded`). */
  private readonly loadings = new WeakMap<object, Promise<void>>();
  private waiting: { n: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  /** Workers started so far (replacements included): the tests' and the bench's count. */
  spawned = 0;

  constructor(
    private readonly hooks: PoolHooks<E>,
    readonly cap = POOL_CAP,
    private readonly idle: IdleScheduler = browserIdle,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  /** Worker `index`, or undefined when the pool is smaller. */
  at(index: number): E | undefined {
    return this.entries[index];
  }

  /** The first `n` workers, started now if they are not there yet (a run is about to attach them). */
  take(n: number): E[] {
    if (n > this.cap) throw new PoolFull(n, this.cap);
    while (this.entries.length < n) this.entries.push(this.start(this.entries.length));
    return this.entries.slice(0, n);
  }

  /** End worker `index` and start another in its place. */
  replace(index: number): E {
    const old = this.entries[index];
    if (old !== undefined) this.hooks.terminate(old);
    return (this.entries[index] = this.start(index));
  }

  /**
   * The page now needs `n` workers (a lab opened, a count changed): grow toward them (never beyond the cap)
   * and replace dead ones, a few at a time, in idle time. `n` replaces the earlier aim, so a smaller lab stops
   * the growth an earlier, larger one asked for (the workers already started stay): otherwise that growth
   * went on while the smaller lab ran (open 1,000 clients, switch to 100, Run: 28–54 more workers started in
   * the run's first 4 s). A wait for more than `n` workers (a superseded `prepare`) fails with `WarmSuperseded`.
   */
  warm(n: number): void {
    this.target = Math.min(n, this.cap);
    const dropped = this.waiting.filter((w) => w.n > this.target);
    if (dropped.length) {
      this.waiting = this.waiting.filter((w) => w.n <= this.target);
      for (const w of dropped) w.reject(new WarmSuperseded(w.n, this.target));
    }
    this.queueIdle();
  }

  /**
   * Resolves once the first `n` workers have loaded, warming toward them if
   * needed: a run's new workers load a few at a time instead of all at once,
   * so none waits (and times out) behind a thousand others.
   */
  whenReady(n: number): Promise<void> {
    if (n > this.cap) return Promise.reject(new PoolFull(n, this.cap));
    this.target = Math.max(this.target, n);
    this.queueIdle();
    if (this.isReady(n)) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ n, resolve, reject }));
  }

  /** Resolves once warming has nothing left to do (every worker it aims for has loaded). */
  whenWarm(): Promise<void> {
    return this.whenReady(this.target);
  }

  /** End every worker (their threads free every buffer they held); warming starts over from zero. */
  clear(): void {
    for (const e of this.entries) this.hooks.terminate(e);
    this.entries.length = 0;
    this.target = 0;
  }

  /**
   * Every worker is watched until it has loaded, however it was started (warming, `take`, `replace`):
   * one that `take` started (the Python lab's pre-warm takes four at once) was never counted loaded,
   * and a later `whenReady` that included it waited forever ("Starting workers..." to the end).
   */
  private start(index: number): E {
    this.spawned++;
    const entry = this.hooks.spawn(index);
    const loading = this.hooks
      .ready(entry)
      .catch(() => undefined) // a worker that fails to load is dead: the next pass replaces it
      .then(() => {
        this.loaded.add(entry);
        this.queueIdle();
      });
    this.loadings.set(entry, loading);
    return entry;
  }

  private isReady(n: number): boolean {
    if (this.entries.length < n) return false;
    for (let i = 0; i < n; i++) if (!this.loaded.has(this.entries[i]!)) return false;
    return true;
  }

  private needsWork(): boolean {
    return this.entries.length < this.target || this.entries.some((e) => this.hooks.dead(e));
  }

  private queueIdle(): void {
    if (this.waiting.length) {
      const done = this.waiting.filter((w) => this.isReady(w.n));
      this.waiting = this.waiting.filter((w) => !done.includes(w));
      for (const w of done) w.resolve();
    }
    if (this.idleQueued || this.loading >= WARM_CONCURRENCY || !this.needsWork()) return;
    this.idleQueued = true;
    this.idle((deadline) => {
      this.idleQueued = false;
      this.grow(deadline);
    });
  }

  private grow(deadline: { timeRemaining(): number }): void {
    // At least one per call: a page busy every frame still gets its workers (the callback's timeout).
    for (let first = true; this.loading < WARM_CONCURRENCY && (first || deadline.timeRemaining() > 1); first = false) {
      const deadAt = this.entries.findIndex((e) => this.hooks.dead(e));
      let entry: E;
      if (deadAt >= 0) entry = this.replace(deadAt);
      else if (this.entries.length < this.target) this.entries.push((entry = this.start(this.entries.length)));
      else break;
      this.loading++;
      void this.loadings.get(entry)!.finally(() => {
        this.loading--;
        this.queueIdle();
      });
    }
    this.queueIdle();
  }
}
