/**
 * multiprocessing's synchronization primitives on shared memory:
 * Lock, RLock, Semaphore, BoundedSemaphore, Event, Condition.
 *
 * @example
 *   const lock = new Lock(world, 'lock');
 *   // in a process:
 *   lock.acquire();      // blocks like Python's, returns true
 *   lock.release();      // ValueError if it was not held
 */
import { EK } from './events';
import { PyError, Unwind } from './errors';
import { S, State } from './layout';
import { LOCK_DOZE_MS, WaitEnd } from './runtime';
import type { World, ObjectInfo } from './world';

/** Lock words: futex state (0 free, 1 held, 2 held with waiters), owner pid, wake counter. */
const L = { state: 0, owner: 1, version: 2, words: 4 } as const;

/** An object whose paths under contention a worker's rehearsal runs too (src/kernel/rehearsal.ts). */
export interface Rehearsable {
  rehearseContended(): void;
}

/**
 * Take the futex word at `at` (0 → `as`: 1, or 2 when others may sleep on it) if it is freed within
 * `spins` looks; false, the word untouched, if not. Parallel policy, before a contended acquire sleeps
 * (`Runtime.lockSpins`): a sleeper costs its holder a notify syscall at each release until it runs
 * again, and a holder in a loop takes the lock back before the sleeper wakes, so it sleeps again.
 */
export function spinTake(i32: Int32Array, at: number, as: 1 | 2, spins: number): boolean {
  for (let k = 0; k < spins; k++) if (Atomics.load(i32, at) === 0 && Atomics.compareExchange(i32, at, 0, as) === 0) return true;
  return false;
}

/** Who holds a lock and who waits for it, for the view and the tests. */
export interface LockSnapshot {
  held: boolean;
  owner: number;
  /** Pids blocked on it, in the order they blocked. */
  waiters: number[];
}

/** Pids blocked on object `id`, oldest first. */
export function waitersOf(world: World, id: number): number[] {
  const mem = world.mem;
  const out: { pid: number; since: number }[] = [];
  for (let p = 0; p < mem.maxProcs; p++) {
    if (mem.load(p, S.state) === State.blocked && mem.load(p, S.blockedOn) === id) out.push({ pid: p, since: mem.load(p, S.blockSeq) });
  }
  // The words wrap past 2^31 events: compared by their difference as a 32-bit word.
  return out.sort((a, b) => (a.since - b.since) | 0).map((w) => w.pid);
}

/**
 * Python's `with x:` for anything with acquire/release. A Python exception
 * releases on the way out; an Unwind (terminate, reset) does not — a killed
 * process runs no cleanup, so what it held stays held.
 */
function withHeld<T>(x: { acquire(): boolean; release(): void }, body: () => T): T {
  x.acquire();
  let result: T;
  try {
    result = body();
  } catch (e) {
    if (!(e instanceof Unwind)) x.release();
    throw e;
  }
  x.release();
  return result;
}

abstract class SharedObject {
  readonly info: ObjectInfo;
  protected readonly i32: Int32Array;

  constructor(
    protected readonly world: World,
    kind: ObjectInfo['kind'],
    name: string,
    words: number,
  ) {
    this.info = world.allocate(kind, name, words);
    this.i32 = world.mem.i32;
  }

  get id(): number {
    return this.info.id;
  }

  get name(): string {
    return this.info.name;
  }

  protected w(offset: number): number {
    return this.info.base + offset;
  }
}

/**
 * The futex mutex shared by Lock and RLock. Under the parallel mode it is the
 * classic three-state futex (waiters sleep in the kernel on the lock word);
 * under a scheduled mode a process that finds it held becomes BLOCKED and
 * the release makes it READY again.
 */
abstract class MutexBase extends SharedObject {
  constructor(world: World, kind: 'lock' | 'rlock', name: string, extraWords = 0) {
    super(world, kind, name, L.words + extraWords);
    if (world.init) this.i32[this.w(L.owner)] = -1;
  }

  /** Take the futex for the running process; false on timeout or non-blocking failure. */
  protected take(block: boolean, timeout: number | null): boolean {
    const rt = this.world.rt;
    const i32 = this.i32;
    const st = this.w(L.state);
    const limit = block ? timeout : 0;
    let got: boolean;
    if (rt.scheduled) {
      got = rt.waitFor(this.id, EK.acquire, rt.line, this.w(L.version), () => (Atomics.compareExchange(i32, st, 0, 1) === 0 ? true : undefined), limit) ?? false;
    } else {
      got = Atomics.compareExchange(i32, st, 0, 1) === 0 || (limit !== 0 && (spinTake(i32, st, 1, rt.lockSpinsNow()) || this.contend(limit)));
    }
    // A plain store: the owner word is for the view and RLock's owner check (its own thread's write);
    // the futex's next atomic (this release's sub) publishes it to other threads.
    if (got) i32[this.w(L.owner)] = rt.pid;
    return got;
  }

  /** Parallel slow path: sleep on the lock word itself (state 2 = someone waits). */
  private contend(timeout: number | null): boolean {
    const rt = this.world.rt;
    const i32 = this.i32;
    const st = this.w(L.state);
    const deadline = timeout === null ? Infinity : rt.now() + rt.scaled(timeout);
    rt.beginBlock(this.id, rt.line, deadline);
    if (this.doze(deadline)) {
      rt.keepTaken(this.giveBack);
      rt.endBlock(this.id, rt.line, false);
      return true;
    }
    let c = Atomics.exchange(i32, st, 2);
    while (c !== 0) {
      if (!rt.waitWordPassingOn(st, 2, deadline)) {
        // Timed out: one last try so a release that raced the timeout is not lost.
        if (Atomics.compareExchange(i32, st, 0, 2) === 0) break;
        rt.endBlock(this.id, rt.line, true);
        return false;
      }
      // Woken: a holder in a loop has likely taken it back already, so look a while before sleeping again.
      if (spinTake(i32, st, 2, rt.lockSpinsNow())) break;
      c = Atomics.exchange(i32, st, 2);
    }
    // Shown blocked until here: killed meanwhile, it gives back what it took (a release after the terminate: a live waiter's).
    rt.keepTaken(this.giveBack);
    rt.endBlock(this.id, rt.line, false);
    return true;
  }

  /** A take that a kill undoes (`Runtime.keepTaken`): the futex goes back, with the wake-up a release gives. */
  private readonly giveBack = () => this.give();

  /**
   * Parallel, before sleeping marked (state 2): sleep a short while on the word left as it is (1), then look
   * again, up to `Runtime.lockDozes` times; true once taken. A marked sleeper costs every release of the
   * holder a notify syscall and a wake until it wins a race it mostly loses (a holder in a loop takes the lock
   * back ns after its release); an unmarked dozer costs the holder nothing, and leaves its core to the holder
   * and the event reader. False at once when others already sleep marked (the releases notify anyway), at
   * the deadline, and when a release's notify woke this doze: that wake was meant for a marked sleeper, so
   * this thread goes on as one (it takes with 2, and so notifies at its own release).
   */
  private doze(deadline: number): boolean {
    const rt = this.world.rt;
    const i32 = this.i32;
    const st = this.w(L.state);
    for (let n = rt.lockDozes; n > 0; n--) {
      if (Atomics.load(i32, st) === 2) return false;
      const end = Math.min(deadline, rt.now() + LOCK_DOZE_MS / 1000);
      if (rt.waitWordPassingOn(st, 1, end) === WaitEnd.notified) return false;
      if (Atomics.compareExchange(i32, st, 0, 1) === 0 || spinTake(i32, st, 1, rt.lockSpinsNow())) return true;
      if (end >= deadline) return false;
    }
    return false;
  }

  /** Give the futex back and wake a waiter. */
  protected give(): void {
    const rt = this.world.rt;
    const i32 = this.i32;
    const st = this.w(L.state);
    i32[this.w(L.owner)] = -1; // published by the atomic that frees the futex, just below
    if (rt.scheduled) {
      Atomics.store(i32, st, 0);
      rt.wake(this.id, this.w(L.version));
    } else if (Atomics.sub(i32, st, 1) !== 1) {
      Atomics.store(i32, st, 0);
      Atomics.notify(i32, st, 1);
    }
  }

  /** `with lock:` — releases on a Python exception, but not when the process is terminated. */
  with<T>(body: () => T): T {
    return withHeld(this, body);
  }

  /**
   * The rehearsal's contended paths (src/kernel/rehearsal.ts), on its private buffer, by the running process:
   * the word held by nobody who will give it back, a timed acquire spins, dozes once (one, so the walk does not
   * depend on the clock), sleeps on it and times out; then, held with a waiter marked, the give wakes one.
   * Leaves the futex free. Parallel mode only.
   */
  rehearseContended(): void {
    const rt = this.world.rt;
    const i32 = this.i32;
    const st = this.w(L.state);
    const dozes = rt.lockDozes;
    rt.lockDozes = 1;
    try {
      Atomics.store(i32, st, 1);
      if (this.take(true, 1e-4)) throw new Error(`the rehearsal took ${this.name}, held`);
    } finally {
      rt.lockDozes = dozes;
    }
    Atomics.store(i32, st, 2);
    this.give();
  }

  abstract acquire(block?: boolean, timeout?: number | null): boolean;
  abstract release(): void;

  /** Snapshot for the view (no op, no event). */
  snapshot(): LockSnapshot {
    return {
      held: Atomics.load(this.i32, this.w(L.state)) !== 0,
      owner: Atomics.load(this.i32, this.w(L.owner)),
      waiters: waitersOf(this.world, this.id),
    };
  }
}

/** multiprocessing.Lock: not re-entrant — a second acquire by the owner blocks forever. */
export class Lock extends MutexBase {
  constructor(world: World, name = 'lock') {
    super(world, 'lock', name);
  }

  acquire(block = true, timeout: number | null = null): boolean {
    const rt = this.world.rt;
    rt.op(EK.acquire, this.id, rt.line);
    const got = this.take(block, timeout);
    rt.emit(EK.acquire, this.id, rt.line, block ? 1 : 0, got ? 1 : 0);
    return got;
  }

  release(): void {
    const rt = this.world.rt;
    rt.op(EK.release, this.id, rt.line);
    // A plain read: whoever took it synchronised with us before this release (else the program races anyway).
    if (this.i32[this.w(L.state)] === 0) throw new PyError('ValueError', 'semaphore or lock released too many times');
    // Log first: once given, another thread may acquire and log before us, and the log would show two owners.
    rt.emit(EK.release, this.id, rt.line);
    this.give();
  }
}

const R = { count: L.words, words: 2 } as const;

/** multiprocessing.RLock: the owner may acquire again; each acquire needs a release. */
export class RLock extends MutexBase {
  constructor(world: World, name = 'rlock') {
    super(world, 'rlock', name, R.words);
  }

  acquire(block = true, timeout: number | null = null): boolean {
    const rt = this.world.rt;
    rt.op(EK.acquire, this.id, rt.line);
    let got = true;
    if (Atomics.load(this.i32, this.w(L.owner)) === rt.pid) this.i32[this.w(R.count)]!++;
    else if ((got = this.take(block, timeout))) this.i32[this.w(R.count)] = 1;
    rt.emit(EK.acquire, this.id, rt.line, block ? 1 : 0, got ? 1 : 0);
    return got;
  }

  release(): void {
    const rt = this.world.rt;
    rt.op(EK.release, this.id, rt.line);
    if (Atomics.load(this.i32, this.w(L.owner)) !== rt.pid) throw new PyError('AssertionError', 'attempt to release recursive lock not owned by thread');
    const left = --this.i32[this.w(R.count)]!;
    rt.emit(EK.release, this.id, rt.line, left); // before give(), as in Lock.release
    if (left === 0) this.give();
  }

  /** How many times the owner holds it. */
  get depth(): number {
    return Atomics.load(this.i32, this.w(R.count));
  }
}

const SEM = { value: 0, max: 1, version: 2, words: 4 } as const;

/** multiprocessing.Semaphore(value): at most `value` holders at once. */
export class Semaphore extends SharedObject {
  constructor(
    world: World,
    /** The counter it starts with (configuration: the view folds from it). */
    readonly initial = 1,
    name = 'semaphore',
    /** BoundedSemaphore: a release above `initial` raises ValueError. */
    readonly bounded = false,
  ) {
    super(world, 'semaphore', name, SEM.words);
    const value = initial;
    if (value < 0) throw new PyError('ValueError', 'semaphore initial value must be >= 0');
    if (world.init) {
      this.i32[this.w(SEM.value)] = value;
      this.i32[this.w(SEM.max)] = bounded ? value : -1;
    }
  }

  acquire(block = true, timeout: number | null = null): boolean {
    const rt = this.world.rt;
    const i32 = this.i32;
    const at = this.w(SEM.value);
    rt.op(EK.acquire, this.id, rt.line);
    const tryTake = () => {
      for (;;) {
        const v = Atomics.load(i32, at);
        if (v <= 0) return undefined;
        if (Atomics.compareExchange(i32, at, v, v - 1) === v) return true;
      }
    };
    const got = rt.waitFor(this.id, EK.acquire, rt.line, this.w(SEM.version), tryTake, block ? timeout : 0, this.giveBack) ?? false;
    rt.emit(EK.acquire, this.id, rt.line, block ? 1 : 0, got ? 1 : 0);
    return got;
  }

  /** A permit a kill made the blocked taker give back (`Runtime.keepTaken`): back, with a release's wake-up, unlogged (its take was not logged). */
  private readonly giveBack = () => {
    Atomics.add(this.i32, this.w(SEM.value), 1);
    this.world.rt.wake(this.id, this.w(SEM.version), 1);
  };

  release(): void {
    const rt = this.world.rt;
    const i32 = this.i32;
    const at = this.w(SEM.value);
    rt.op(EK.release, this.id, rt.line);
    const max = i32[this.w(SEM.max)]!;
    for (;;) {
      const v = Atomics.load(i32, at);
      if (max >= 0 && v >= max) throw new PyError('ValueError', 'semaphore or lock released too many times');
      if (Atomics.compareExchange(i32, at, v, v + 1) === v) break;
    }
    rt.wake(this.id, this.w(SEM.version), 1);
    rt.emit(EK.release, this.id, rt.line, Atomics.load(i32, at));
  }

  /** `with sem:` — see `withHeld`. */
  with<T>(body: () => T): T {
    return withHeld(this, body);
  }

  /** Current counter (a snapshot). */
  get value(): number {
    return Atomics.load(this.i32, this.w(SEM.value));
  }
}

/** multiprocessing.BoundedSemaphore: releasing above the initial value raises ValueError. */
export class BoundedSemaphore extends Semaphore {
  constructor(world: World, value = 1, name = 'semaphore') {
    super(world, value, name, true);
  }
}

const EV = { flag: 0, version: 1, words: 2 } as const;

/** multiprocessing.Event: set / clear / is_set / wait(timeout). */
export class Event extends SharedObject {
  constructor(world: World, name = 'event') {
    super(world, 'event', name, EV.words);
  }

  set(): void {
    const rt = this.world.rt;
    rt.op(EK.set, this.id, rt.line);
    Atomics.store(this.i32, this.w(EV.flag), 1);
    rt.wake(this.id, this.w(EV.version));
    rt.emit(EK.set, this.id, rt.line);
  }

  clear(): void {
    const rt = this.world.rt;
    rt.op(EK.clear, this.id, rt.line);
    Atomics.store(this.i32, this.w(EV.flag), 0);
    rt.emit(EK.clear, this.id, rt.line);
  }

  is_set(): boolean {
    return Atomics.load(this.i32, this.w(EV.flag)) === 1;
  }

  /**
   * Returns the flag as it is once the waiter runs: true, or false when the timeout passed first or when a
   * set() woke it but a clear() came before it ran. CPython reads the flag after its wake-up in the same way
   * (and does not wait on), so a set() then clear() can make wait() return False even without a timeout.
   */
  wait(timeout: number | null = null): boolean {
    const rt = this.world.rt;
    rt.op(EK.wait, this.id, rt.line);
    const flag = this.w(EV.flag);
    const version = this.w(EV.version);
    const since = Atomics.load(this.i32, version);
    const look = () => (Atomics.load(this.i32, flag) === 1 ? true : Atomics.load(this.i32, version) !== since ? false : undefined);
    const r = rt.waitFor(this.id, EK.wait, rt.line, version, look, timeout) ?? false;
    rt.emit(EK.wait, this.id, rt.line, 0, r ? 1 : 0);
    return r;
  }
}

const CV = { tokens: 0, waiters: 1, version: 2, lock: 3, words: 4 } as const;

/**
 * multiprocessing.Condition(lock): wait() releases the lock, sleeps until a
 * notify hands it a token, then takes the lock back.
 */
export class Condition extends SharedObject {
  constructor(
    world: World,
    readonly lock: Lock | RLock,
    name = 'condition',
  ) {
    super(world, 'condition', name, CV.words);
    // Its lock's object id, so a context that finds the condition in the object table (the page) can name the lock.
    // (Plus one: a zero word means "not written yet".)
    if (world.init) Atomics.store(this.i32, this.w(CV.lock), lock.id + 1);
  }

  /** The object id of the lock of the condition at heap word `base`, or -1 while its creator has not written it. */
  static lockIdAt(world: World, base: number): number {
    return Atomics.load(world.mem.i32, base + CV.lock) - 1;
  }

  wait(timeout: number | null = null): boolean {
    const rt = this.world.rt;
    const i32 = this.i32;
    if (this.lock.snapshot().owner !== rt.pid) throw new PyError('RuntimeError', 'cannot wait on un-acquired lock');
    // Like Python, give up every level of an RLock while waiting, and take them all back after.
    const depth = this.lock instanceof RLock ? this.lock.depth : 1;
    const at = this.w(CV.tokens);
    const takeToken = () => {
      for (;;) {
        const v = Atomics.load(i32, at);
        if (v <= 0) return undefined;
        if (Atomics.compareExchange(i32, at, v, v - 1) === v) return true;
      }
    };
    let notified: boolean;
    Atomics.add(i32, this.w(CV.waiters), 1);
    try {
      for (let k = 0; k < depth; k++) this.lock.release();
      rt.op(EK.wait, this.id, rt.line);
      notified = rt.waitFor(this.id, EK.wait, rt.line, this.w(CV.version), takeToken, timeout, this.giveBack) ?? false;
    } finally {
      // Also when terminated: a waiter still counted would be given a token by a later notify, for the next wait() to take at once.
      Atomics.sub(i32, this.w(CV.waiters), 1);
    }
    rt.emit(EK.wait, this.id, rt.line, 0, notified ? 1 : 0);
    for (let k = 0; k < depth; k++) this.lock.acquire();
    return notified;
  }

  /**
   * A token a kill made the blocked waiter give back (`Runtime.keepTaken`): to another waiter not yet notified, woken as
   * notify() wakes it; with none (the waiter itself still counts), dropped, as a notify with nobody waiting wakes nobody.
   */
  private readonly giveBack = () => {
    const i32 = this.i32;
    const at = this.w(CV.tokens);
    for (;;) {
      const t = Atomics.load(i32, at);
      if (Atomics.load(i32, this.w(CV.waiters)) - 1 - t <= 0) return;
      if (Atomics.compareExchange(i32, at, t, t + 1) === t) break;
    }
    this.world.rt.wake(this.id, this.w(CV.version), 1);
  };

  notify(n = 1): void {
    const rt = this.world.rt;
    rt.op(EK.notify, this.id, rt.line, Math.min(n, 0x7fffffff));
    if (this.lock.snapshot().owner !== rt.pid) throw new PyError('RuntimeError', 'cannot notify on un-acquired lock');
    const i32 = this.i32;
    const waiting = Atomics.load(i32, this.w(CV.waiters)) - Atomics.load(i32, this.w(CV.tokens));
    const give = Math.max(0, Math.min(n, waiting));
    if (give > 0) {
      Atomics.add(i32, this.w(CV.tokens), give);
      rt.wake(this.id, this.w(CV.version), give);
    }
    rt.emit(EK.notify, this.id, rt.line, Math.min(n, 0x7fffffff), give);
  }

  notify_all(): void {
    this.notify(Number.MAX_SAFE_INTEGER);
  }

  /** Waiters not yet notified (Python's repr shows it; no op, no event). */
  get waiting(): number {
    return Atomics.load(this.i32, this.w(CV.waiters)) - Atomics.load(this.i32, this.w(CV.tokens));
  }
}

