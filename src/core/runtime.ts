/**
 * What a process sees of the machine: the gate before every op, blocking and
 * waking, sleeping, its clock, and the event log. Primitives are written
 * against this and nothing else, so they run unchanged in a browser worker
 * and in a Node worker thread.
 *
 * Scheduled modes (step, clock): exactly one process runs at a time. Before
 * each op a process parks at its gate until the kernel grants it. A blocking
 * op that cannot proceed marks the process BLOCKED and parks it again; the
 * kernel will not grant it until a waker marks it READY (or its timeout is the
 * next thing to happen). The run is a pure function of (scenario, params,
 * seed, schedule).
 *
 * Parallel mode: the gate is open. Processes race on real threads and block
 * with Atomics.wait on the very words they contend for.
 */
import { defaultWallClock, type WallClock } from './clock';
import { EK, RingWriter } from './events';
import { Unwind } from './errors';
import { Flag, Gate, H, Memory, Mode, S, State, paceSpeed, paceTurbo } from './layout';
import { PageFirst, YIELD_BOUNDS, type YieldBounds } from './pageFirst';
import { StartPace } from './startPace';
import { Rng, deriveSeed } from './rng';

/** Mean virtual seconds one op costs under the clock mode. */
export const OP_COST = 0.001;
/** Longest single Atomics.wait on a shared object's word, so a terminate or reset is seen promptly. */
const WAIT_SLICE_MS = 50;
/**
 * Longest single wait of a process parked at its gate (scheduled modes). Whoever ends a parked process
 * notifies its gate word (a grant, terminate()/kill(), Reset's `Machine.stop`, a dead worker's reaper), so
 * this is only a safety net: with 50 ms slices, 1,000 parked processes woke 20,000 times a second to
 * read their kill word (measured: ~0.9 of a core on the 2-core machine during a 1,000-lane clock run).
 */
export const GATE_SLICE_MS = 1000;

/** How many times a contended Lock acquire looks at the lock word before it sleeps: about a µs. */
export const LOCK_SPINS = 128;
/** Contended Lock acquires between two counts of the run's running processes (`lockSpinsNow`). */
export const LOCK_SPIN_RECOUNT = 16;
/**
 * After its spin a contended Lock acquire dozes up to LOCK_DOZES times, LOCK_DOZE_MS each, before it sleeps
 * marked as a waiter (`MutexBase.doze`): an unmarked dozer costs the holder's releases no notify. Linux adds
 * its timer slack (50 µs) to each doze.
 */
export const LOCK_DOZES = 4;
export const LOCK_DOZE_MS = 0.02;

/**
 * Under the parallel policy at most this many events share one clock reading (see `Runtime.stamp`):
 * in a tight run of events, one reading every few µs is as fine as Chromium's clock itself
 * (5 µs steps in a cross-origin-isolated page).
 */
export const STAMP_REUSE = 32;
/**
 * A writer trusts the clock word (`H.tick`) instead of Date.now() only while the word was at most this
 * old at its last clock reading: an older word means the reader is not running to refresh it. A
 * running reader's word lags by up to 2 ms (whole ms, stored when Date.now() moves on).
 */
export const TICK_STALE_MS = 3;
/** ... and only while it is dense: its last STAMP_REUSE events took less than this (a slow writer keeps Date.now()). */
const DENSE_MS = 1;

export { defaultWallClock, type WallClock };

/**
 * How `Runtime.waitWord` ended: the deadline passed (0, so `!waitWord(...)` reads "timed out"); the
 * word had moved (seen before waiting or after a wait slice ran out); an Atomics.notify on the word
 * woke this thread. Each wait returns its own ending: nothing outlives the wait that set it.
 */
export const WaitEnd = { timedOut: 0, moved: 1, notified: 2 } as const;
export type WaitEnd = (typeof WaitEnd)[keyof typeof WaitEnd];

/**
 * S.kill values, the one word a process checks before each op: terminate() asked for it;
 * the worker itself died (the page sets it); kill() (SIGKILL) asked for it; the run was
 * stopped (Reset, a new run: `stopRun` writes it into every slot next to H.stop).
 */
export const Kill = { terminate: 1, workerDied: 2, kill: 3, stop: 4 } as const;

/**
 * Stop a run: every process unwinds at its next op, its gate's wake-up or its wait slice (without cleanup, and
 * without recording an end). H.stop is for the threads that are not processes (the
 * kernel, idle workers, a full ring); each process reads only its own kill word.
 */
export function stopRun(mem: Memory): void {
  Atomics.store(mem.i32, H.stop, 1);
  for (let pid = 0; pid < mem.maxProcs; pid++) {
    Atomics.store(mem.i32, mem.at(pid, S.kill), Kill.stop);
    wakeGate(mem, pid);
  }
}

/**
 * Wake `pid` at its gate to see the kill word just written. A parked process sleeps until notified
 * (GATE_SLICE_MS is only a safety net), and a notify that lands between its last look at the kill word
 * and its wait is lost: so the gate word is moved off `parked` first, and a wait that starts late finds
 * it changed and returns at once (the process then reads its kill word; `op` also reads it once parked).
 */
export function wakeGate(mem: Memory, pid: number): void {
  const at = mem.at(pid, S.gate);
  Atomics.compareExchange(mem.i32, at, Gate.parked, Gate.running);
  Atomics.notify(mem.i32, at);
}

export class Runtime {
  readonly i32: Int32Array;
  readonly rng: Rng;
  /** Its own stream, so op costs do not shift the program's random numbers. */
  private readonly costRng: Rng;
  readonly mode: number;
  readonly scheduled: boolean;
  private readonly quiet: boolean;
  private readonly slot: number;
  /** The Python line the program is at; ops are tagged with it. */
  line = 0;
  /** A word nobody writes, to sleep on with a timeout. */
  private readonly idleWord: number;
  /**
   * The op announced last (event kind code, object, argument, line). Only a scheduled gate
   * reads the announcement as the op happens, so the parallel policy keeps it here and
   * writes it to the process table only when the process is about to wait (`publishOp`).
   */
  private opKind = 0;
  private opObj = -1;
  private opArg = 0;
  private opLine = 0;
  /**
   * Parallel policy: whether this process's state word says RUNNING. Once a process runs, only
   * its own thread writes that word (spawn writes NEW before it starts, the end is written after
   * its last op), so the word need not be read back before every op.
   */
  private running = false;
  /** Pids this process started (`Child.start`), in order: its exit handler looks at these only, not at the whole table. */
  readonly children: number[] = [];
  /** What the system does as this process ends, however it ends (also terminated): close the pipe ends it held. No ops. */
  readonly atEnd: (() => void)[] = [];
  /** This process's event ring (its thread is the only writer). */
  private readonly ring: RingWriter;
  /**
   * The parallel run's start (wall ms), read at this process's first clock read (the kernel writes
   * it at boot, before any process starts; 0 until then) and kept: reading it per event would
   * share a cache line with H.seq, which every emit bumps.
   */
  private epoch = 0;
  /**
   * The event stamp under the parallel policy (`stamp`): the last clock reading (seconds since the
   * run began), how many more events may reuse it, Date.now() just before it was read, the clock
   * word (`H.tick`) as loaded just before that, and whether the word is followed (`tickFresh`:
   * the word was fresh and the writer dense at that reading) or Date.now() checked per event.
   */
  private stampSeconds = 0;
  private stampLeft = 0;
  private stampMs = 0;
  private tickSeen = 0;
  private tickFresh = false;
  /** Whether the last whole batch of STAMP_REUSE events took under DENSE_MS. */
  private dense = false;
  /** The Python lab keeps the per-event Date.now() check (`checkClockPerEvent`). */
  private followTick = true;
  /** Parallel policy: backs off at op boundaries while the page is late (pageFirst.ts). */
  readonly pageFirst: PageFirst;
  /** A crowded parallel run's pace of starting children (startPace.ts); made at the first start. */
  private pace: StartPace | null | undefined;
  /** Parallel policy: looks at a held Lock's word before sleeping on it (`spinTake`); tests raise it. */
  lockSpins = LOCK_SPINS;
  /** Parallel policy: dozes of a contended Lock acquire before it sleeps marked (`MutexBase.doze`); tests set it. */
  lockDozes = LOCK_DOZES;
  /** The machine's cores (the platform's count; tests set it): a Lock spins only while the run's running processes fit them. */
  cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency || 1;

  /**
   * Looks a contended Lock acquire may take now (`spinTake`): `lockSpins` while the run's running processes fit
   * `cores`, else none. With more running than cores the holder is often waiting for a core the spinner holds,
   * so a spin only delays the release (4 processes on 2 cores measured 4.13 -> 3.93 M pairs/s with it). The
   * count scans the slots, so it is redone once every LOCK_SPIN_RECOUNT contended acquires (a 1,000-slot run).
   */
  lockSpinsNow(): number {
    if (this.spinRecount-- > 0) return this.spinNow;
    this.spinRecount = LOCK_SPIN_RECOUNT - 1;
    const i32 = this.i32;
    const mem = this.mem;
    const n = Math.min(Atomics.load(i32, H.nextPid), mem.maxProcs);
    // This process counts as running while it looks, even from a sleep it was just woken from (it is BLOCKED then).
    let running = Atomics.load(i32, this.slot + S.state) === State.running ? 0 : 1;
    for (let p = 0; p < n; p++) {
      if (Atomics.load(i32, mem.at(p, S.state)) === State.running && ++running > this.cores) return (this.spinNow = 0);
    }
    return (this.spinNow = this.lockSpins);
  }
  private spinNow = 0;
  private spinRecount = 0;

  constructor(
    readonly mem: Memory,
    readonly pid: number,
    private readonly wall: WallClock = defaultWallClock,
    /** Longest single Atomics.wait of `waitWord` (a test machine makes it long, so a kill is seen only when a notify wakes the process). */
    private readonly waitSliceMs = WAIT_SLICE_MS,
    /** How long this thread may back off for a late page (a test machine waits until the page draws). */
    pageBounds: YieldBounds = YIELD_BOUNDS,
  ) {
    this.i32 = mem.i32;
    this.slot = mem.layout.slot(pid);
    this.mode = Atomics.load(this.i32, H.mode);
    this.scheduled = this.mode !== Mode.parallel;
    this.quiet = Atomics.load(this.i32, H.quiet) === 1;
    const seed = Atomics.load(this.i32, H.seed) >>> 0;
    this.rng = new Rng(deriveSeed(seed, pid));
    this.costRng = new Rng(deriveSeed(seed, pid + 0x10000));
    this.idleWord = H.magic;
    this.ring = new RingWriter(mem, pid);
    this.pageFirst = new PageFirst(this.i32, pageBounds);
  }

  /** How this process paces the children it starts: null when its run does not (scheduled, or not crowded). */
  startPace(): StartPace | null {
    if (this.pace === undefined) this.pace = StartPace.applies(this.mem, this.scheduled) ? new StartPace(this.mem, () => this.checkAlive()) : null;
    return this.pace;
  }

  // ---- clock -------------------------------------------------------------

  /** Seconds: virtual under step/clock, real since the run began under parallel. */
  now(): number {
    if (this.scheduled) return this.mem.loadF(this.pid, S.clock);
    if (this.epoch === 0) this.epoch = this.mem.f64[H.epochLo >> 1]!;
    // Every reading also serves the next events' stamps: the word first, then Date.now(), then the
    // clock, so the reading is at least as new as both (see `stamp`).
    const tick = Atomics.load(this.i32, H.tick);
    const ms = Date.now();
    // A whole batch of STAMP_REUSE events since the last reading (or a wait: then it took long): was it dense?
    if (this.stampLeft <= 0) this.dense = ms - this.stampMs < DENSE_MS;
    this.stampMs = ms;
    this.stampLeft = STAMP_REUSE;
    const seconds = (this.stampSeconds = (this.wall() - this.epoch) / 1000);
    this.tickSeen = tick;
    this.tickFresh = this.followTick && this.dense && seconds * 1000 - tick <= TICK_STALE_MS;
    return seconds;
  }

  /**
   * An event's time. Under the parallel policy a clock reading serves up to STAMP_REUSE events; the
   * clock is read again sooner when the process waited (`waitWord`), and otherwise:
   * - while the writer follows the clock word (`tickFresh`), as soon as the word moves: the reader
   *   stores the run's milliseconds into `H.tick` at every drain call, so a stamp is never older
   *   than the word the event sees. One shared load per event, no clock.
   * - else, as soon as Date.now() shows another millisecond than just before the reading: a stamp
   *   is less than 1 ms older than its op.
   * The word is followed only when, at the reading, it was at most TICK_STALE_MS old and the
   * writer's previous STAMP_REUSE events took under DENSE_MS: a reader that is not running (its word
   * goes stale) or a slow writer falls back to Date.now() at its next reading, at most STAMP_REUSE
   * events later. Why: in a Chromium worker performance.now() costs about 270 ns of CPU and
   * Date.now() about 50, while the rest of an emit is 40–60 ns. Either way stamps never go
   * backwards within a process (a reading is reused or replaced by a later one of the same clock).
   */
  private stamp(): number {
    if (this.scheduled) return this.mem.loadF(this.pid, S.clock);
    if (--this.stampLeft > 0 && (this.tickFresh ? Atomics.load(this.i32, H.tick) === this.tickSeen : Date.now() === this.stampMs)) return this.stampSeconds;
    return this.restamp();
  }

  /**
   * `stamp`'s new reading, without the clock when the last reading still serves: Date.now() shows the same
   * millisecond as just before it (so it is under 1 ms old, the bound `stamp` keeps per event) and it is not
   * older than the word. A dense writer uses up STAMP_REUSE events in µs, so most of its readings are in the
   * same millisecond: each skips a performance.now() (~270 ns in a Chromium worker, ~8 ns per event). The word's
   * age is judged against the reused reading (under 1 ms old): judged 1 ms older instead, the bench's writers
   * fell back to Date.now() per event for 12–59 % of their events instead of 7–34 % (load 40–45), which cost
   * more than the clock saved. Either way every stamp keeps the bound: a reused reading is under 1 ms old.
   */
  private restamp(): number {
    const tick = Atomics.load(this.i32, H.tick);
    const ms = Date.now();
    const last = this.stampSeconds * 1000;
    if (ms !== this.stampMs || last < tick) return this.now();
    if (this.stampLeft <= 0) this.dense = true; // the batch took under a millisecond: same Date.now() as at its start
    this.stampLeft = STAMP_REUSE;
    this.tickSeen = tick;
    this.tickFresh = this.followTick && this.dense && last - tick <= TICK_STALE_MS;
    return this.stampSeconds;
  }

  /** Check Date.now() per event, never the clock word (the Python lab: an op costs µs of interpreter, the word buys nothing there). */
  checkClockPerEvent(): void {
    this.followTick = false;
    this.tickFresh = false;
  }

  private get speed(): number {
    return paceSpeed(this.i32);
  }

  /** Virtual seconds as this mode spends them: real seconds divided by speed under parallel. */
  scaled(seconds: number): number {
    return this.scheduled ? seconds : seconds / this.speed;
  }

  private get turbo(): boolean {
    return paceTurbo(this.i32);
  }

  // ---- liveness ----------------------------------------------------------

  /** Unwind (without cleanup) if this process was terminated or the run reset. */
  checkAlive(): void {
    // One word for both (stopRun writes Kill.stop into every slot); H.stop decides only once it is set.
    if (Atomics.load(this.i32, this.slot + S.kill) !== 0) throw this.unwind(false);
  }

  /** The unwind for this process's kill word (set); `notified`: a notify had just ended its wait (see Unwind). */
  private unwind(notified: boolean): Unwind {
    return new Unwind(Atomics.load(this.i32, H.stop) ? 'reset' : 'terminated', notified);
  }

  setState(state: number): void {
    Atomics.store(this.i32, this.slot + S.state, state);
    this.running = state === State.running;
  }

  // ---- the gate ----------------------------------------------------------

  /**
   * Announce the next op and, under a scheduled mode, wait for the grant.
   * `kind` (an event kind code, EK) is what the UI shows as "about to"; `line` is the Python line.
   * Under the parallel policy this is the hot path of every op: one shared load, no fence.
   */
  op(kind: number, obj: number, line: number, arg = 0): void {
    // The kill check inline, its throw out of line: with the scheduled gate below in a method of its own the
    // parallel path stays small enough for V8 to inline into every op (10 ns an op less in Node, ARCHITECTURE).
    if (Atomics.load(this.i32, this.slot + S.kill) !== 0) throw this.unwind(false);
    this.opKind = kind;
    this.opObj = obj;
    this.opArg = arg;
    this.opLine = line;
    if (this.scheduled) {
      this.gate();
      return;
    }
    if (!this.running) this.setState(State.running);
    // A kill or Reset during a back-off is seen before the op, not after it.
    if (this.pageFirst.op() > 0) this.checkAlive();
  }

  /** A scheduled mode's half of `op`: publish the announced op and wait for the kernel's grant. */
  private gate(): void {
    const i32 = this.i32;
    const slot = this.slot;
    this.publishOp();
    const st = Atomics.load(i32, slot + S.state);
    if (st === State.running || st === State.new) Atomics.store(i32, slot + S.state, State.ready);
    Atomics.store(i32, slot + S.gate, Gate.parked);
    // A kill written since the look above: its wakeGate may have found the gate not yet parked.
    this.checkAlive();
    this.ringDoorbell();
    while (Atomics.load(i32, slot + S.gate) !== Gate.granted) {
      Atomics.wait(i32, slot + S.gate, Gate.parked, GATE_SLICE_MS);
      this.checkAlive();
    }
    Atomics.store(i32, slot + S.gate, Gate.running);
    // Real ops do not all take the same time: a seeded jitter (0.5–1.5 × OP_COST) lets the
    // clock mode interleave equal-cost loops differently per seed, yet replay exactly.
    this.mem.storeF(this.pid, S.clock, this.mem.loadF(this.pid, S.clock) + OP_COST * (0.5 + this.costRng.next()));
    // The kernel writes this process's state too (a wake makes it READY): read it back.
    if (Atomics.load(i32, slot + S.state) !== State.running) Atomics.store(i32, slot + S.state, State.running);
  }

  /** Write the announced op into the process table (where the gate, the page and a dead worker's reaper read it). */
  private publishOp(): void {
    const i32 = this.i32;
    const slot = this.slot;
    i32[slot + S.opKind] = this.opKind;
    i32[slot + S.opObj] = this.opObj;
    i32[slot + S.opArg] = this.opArg;
    Atomics.store(i32, slot + S.opLine, this.opLine);
  }

  /** Tell the kernel something changed (a park, an exit). */
  ringDoorbell(): void {
    Atomics.add(this.i32, H.doorbell, 1);
    Atomics.notify(this.i32, H.doorbell);
  }

  /** Append an event stamped with this process's time (`stamp`). */
  emit(kind: number, obj: number, line: number, arg = 0, result = 0, payload?: string): number {
    if (this.quiet) return -1;
    return this.ring.append(kind, obj, arg, result, line, this.stamp(), payload);
  }

  // ---- blocking ----------------------------------------------------------

  /**
   * Wait until `attempt` returns something other than undefined, or until
   * `timeout` seconds pass (then undefined). `word` is the shared word whose
   * change means "worth another try"; wakers bump it and call `wake`.
   * The first attempt happens at once, inside the op that was just granted.
   * Parallel: once shown blocked, a process killed meanwhile keeps nothing an attempt took
   * (`keepTaken`: `giveBack` returns it), and one a notify woke as it was killed passes the wake on.
   */
  waitFor<T>(obj: number, kind: number, line: number, word: number, attempt: () => T | undefined, timeout: number | null, giveBack?: () => void): T | undefined {
    let blocked = false;
    const deadline = timeout === null ? Infinity : this.now() + this.scaled(Math.max(0, timeout));
    for (;;) {
      const seen = Atomics.load(this.i32, word);
      const r = attempt();
      if (r !== undefined) {
        if (blocked) {
          if (!this.scheduled) this.keepTaken(giveBack);
          this.endBlock(obj, line, false);
        }
        return r;
      }
      if (timeout !== null && timeout <= 0) return undefined;
      if (!blocked) {
        this.beginBlock(obj, line, deadline);
        blocked = true;
      } else if (this.scheduled) {
        // Woken, granted, and beaten to it by another waiter: block again (not READY, or the
        // scheduler would keep granting a process that cannot move, and timeouts would never fire).
        this.setState(State.blocked);
      }
      const woke = this.scheduled ? this.parkBlocked(obj, kind, line) : this.waitWordPassingOn(word, seen, deadline);
      if (!woke) {
        // One last try: a timeout that races a wake-up still takes the item.
        const last = this.scheduled ? undefined : attempt();
        if (last !== undefined) this.keepTaken(giveBack);
        this.endBlock(obj, line, last === undefined);
        return last;
      }
    }
  }

  /**
   * Parallel: a process shown blocked whose attempt just took something (a permit, a token, the lock) keeps it only if it
   * was not killed meanwhile; else `giveBack` returns it (as a release would, with its wake-up) and the process unwinds.
   * The kill word is read after the take, so the take is the guard: a killer writes the kill word and then releases, and a
   * take that got that release comes after it, so this read sees the kill. (The Queue reads it under its ring's lock.)
   * A kill that lands just after the take is seen too: the process was still shown blocked, so it never had the thing.
   */
  keepTaken(giveBack?: () => void): void {
    if (Atomics.load(this.i32, this.slot + S.kill) === 0) return;
    giveBack?.();
    throw this.unwind(false);
  }

  /**
   * `waitWord`, and when a kill ends the wait just as a notify woke it, notify one other waiter in its place: the waker
   * (a release, a notify) woke a fixed number, and this thread will never use that wake-up (with 50 ms slices the others
   * would find the word moved only at their slice's end; with longer ones, never).
   */
  waitWordPassingOn(word: number, seen: number, deadline: number): WaitEnd {
    try {
      return this.waitWord(word, seen, deadline);
    } catch (e) {
      if (e instanceof Unwind && e.notified) Atomics.notify(this.i32, word, 1);
      throw e;
    }
  }

  beginBlock(obj: number, line: number, deadline: number): void {
    const i32 = this.i32;
    // What it waits to do (a queue's putters and getters differ): the parallel policy announces it only now.
    if (!this.scheduled) this.publishOp();
    i32[this.slot + S.blockSeq] = Atomics.load(i32, H.seq);
    this.mem.storeF(this.pid, S.deadline, deadline);
    Atomics.store(i32, this.slot + S.blockedOn, obj);
    this.setState(State.blocked);
    this.emit(EK.block, obj, line, 0, Number.isFinite(deadline) ? 1 : 0);
  }

  endBlock(obj: number, line: number, timedOut: boolean): void {
    Atomics.store(this.i32, this.slot + S.blockedOn, -1);
    this.mem.storeF(this.pid, S.deadline, Infinity);
    this.setState(State.running);
    this.emit(EK.wake, obj, line, 0, timedOut ? 1 : 0);
  }

  /** Scheduled modes: park while BLOCKED; false when the kernel fired our timeout. */
  private parkBlocked(obj: number, kind: number, line: number): boolean {
    this.op(kind, obj, line);
    const flags = this.i32[this.slot + S.flags]!;
    if (flags & Flag.timedOut) {
      this.i32[this.slot + S.flags] = flags & ~Flag.timedOut;
      return false;
    }
    return true;
  }

  /**
   * Parallel mode: futex wait while `word` still holds `seen`, in slices so a
   * terminate or reset is noticed. How it ended (WaitEnd.timedOut when the
   * deadline, in seconds since the run began (see `now`), passed). A kill seen
   * on waking unwinds with `notified` set when a notify had just woken it.
   */
  waitWord(word: number, seen: number, deadline: number): WaitEnd {
    // Published for the deadlock check (runStatus); left in place after the wake, while the state may still say blocked.
    Atomics.store(this.i32, this.slot + S.waitSeen, seen);
    Atomics.store(this.i32, this.slot + S.waitAt, word + 1);
    for (;;) {
      if (Atomics.load(this.i32, word) !== seen) {
        // Moved before the wait began: still look at the kill word, or a terminated process would take what moved it.
        this.checkAlive();
        return WaitEnd.moved;
      }
      let slice = this.waitSliceMs;
      if (Number.isFinite(deadline)) {
        const left = (deadline - this.now()) * 1000;
        if (left <= 0) return WaitEnd.timedOut;
        slice = Math.min(slice, left);
      }
      const r = Atomics.wait(this.i32, word, seen, slice);
      this.stampLeft = 0; // time passed: the next event reads the clock
      if (Atomics.load(this.i32, this.slot + S.kill) !== 0) throw this.unwind(r === 'ok');
      if (r === 'ok') return WaitEnd.notified;
      if (r === 'not-equal') return WaitEnd.moved;
    }
  }

  /**
   * Wake whoever waits on `obj` via `word`: bump the word (parallel waiters
   * futex-wait on it) and, under a scheduled mode, make every process
   * BLOCKED on `obj` READY at this process's time. They retry when granted.
   */
  wake(obj: number, word: number, count = Infinity, onlyKind?: number): void {
    Atomics.add(this.i32, word, 1);
    if (!this.scheduled) {
      Atomics.notify(this.i32, word, count);
      return;
    }
    const mem = this.mem;
    const t = this.now();
    for (let p = 0; p < mem.maxProcs; p++) {
      if (mem.load(p, S.state) !== State.blocked || mem.load(p, S.blockedOn) !== obj) continue;
      if (onlyKind === undefined || mem.load(p, S.opKind) === onlyKind) {
        mem.storeF(p, S.clock, Math.max(mem.loadF(p, S.clock), t));
        mem.store(p, S.state, State.ready);
      }
    }
  }

  /**
   * The clock mode, as a process ends: a sleep moved its clock ahead, but the
   * time it slept until has not come yet for the others. Park once more, so the
   * end (and whoever it wakes: a join, a timeout) happens at its turn.
   */
  endAtItsTime(): void {
    if (this.mode !== Mode.clock || Atomics.load(this.i32, this.slot + S.state) !== State.sleeping) return;
    this.op(EK.exit, -1, this.line);
  }

  // ---- time --------------------------------------------------------------

  /** time.sleep(seconds): virtual under step/clock, real (scaled) under parallel, skipped in turbo. */
  sleep(seconds: number, line: number): void {
    this.op(EK.sleep, -1, line, Math.round(seconds * 1000));
    // Before the event, even when it does not wait (0 s, turbo): the page shows a lane that logged a sleep as sleeping, with its announced op.
    if (!this.scheduled) this.publishOp();
    this.emit(EK.sleep, -1, line, Math.round(seconds * 1000));
    if (this.scheduled) {
      this.mem.storeF(this.pid, S.clock, this.now() + seconds);
      this.setState(State.sleeping);
      return;
    }
    if (this.turbo || seconds <= 0) return;
    this.setState(State.sleeping);
    this.waitWord(this.idleWord, Atomics.load(this.i32, this.idleWord), this.now() + this.scaled(seconds));
    this.setState(State.running);
  }
}
