/**
 * The kernel's scheduler: it owns the gate. Under the step mode the learner
 * chooses whom to grant; under the clock mode it runs a discrete-event
 * simulation (the READY process with the smallest virtual clock goes next,
 * ties broken by the seeded generator); under the parallel mode it only
 * boots the main process and watches.
 *
 * Plain TypeScript on shared memory: it runs in the kernel worker, and in the
 * test thread under Node (where Atomics.wait is allowed on the main thread).
 */
import { pidLabel } from '../core/pid';
import { Flag, Gate, H, Memory, Mode, S, State, writePace, type RunMode } from '../core/layout';
import { Rng, deriveSeed } from '../core/rng';
import { patienceMs, pickedUp, pickupPatienceMs } from '../core/process';

/** `awaiting`: every live process is blocked, some on a Mailbox waiting for the learner. */
export type RunStatus = 'idle' | 'running' | 'awaiting' | 'finished' | 'deadlock';

/** A process that cannot move and what it waits for. */
export interface Stuck {
  pid: number;
  obj: number;
}

export interface RunConfig {
  mode: RunMode;
  seed: number;
  /** Index of the main program in the scenario's program list. */
  mainProgram: number;
  speed?: number;
  turbo?: boolean;
  /** How long to wait for a process to reach its next step (default 10 s; longer while Python interpreters load). */
  patienceMs?: number;
  /** A schedule to follow: "next" grants plan[step] while that process can move (a loaded or shared schedule). */
  plan?: number[];
}

const SETTLE_SLICE_MS = 20;

/** A child that the granted process started was not picked up by any worker in time: the machine's fault, not the program's. */
export class NoPickup extends Error {
  constructor(
    readonly child: string,
    readonly waitedMs: number,
  ) {
    super(`no worker picked up ${child} within ${Math.round(waitedMs / 1000)} s`);
    this.name = 'NoPickup';
  }
}

/** A process did not reach its next step within the step's patience (the page says so in the learner's language). */
export class Stalled extends Error {
  constructor(
    readonly process: string,
    readonly waitedMs: number,
  ) {
    super(`${process} did not reach its next step`);
    this.name = 'Stalled';
  }
}

/** A child of `pid` whose start is under way (started, not yet at its first op), or -1. */
function startingChild(mem: Memory, pid: number): number {
  const n = Math.min(Atomics.load(mem.i32, H.nextPid), mem.maxProcs);
  for (let c = n - 1; c > pid; c--) if (mem.load(c, S.state) === State.new && mem.load(c, S.ppid) === pid) return c;
  return -1;
}

/**
 * Start the main process (program `mainProgram`) in slot 0: a few stores and a notify, so any
 * context may do it. Under the parallel mode the page does (Machine.startParallel): a Run then
 * starts the program at once, not after a message to the kernel and its reply.
 */
export function bootMain(mem: Memory, mainProgram: number, wallNowMs: number): void {
  mem.f64[H.epochLo >> 1] = wallNowMs;
  mem.setProcessName(0, 'MainProcess');
  mem.store(0, S.ppid, -1);
  mem.store(0, S.program, mainProgram);
  mem.storeF(0, S.clock, 0);
  mem.storeF(0, S.deadline, Infinity);
  mem.store(0, S.state, State.new);
  Atomics.store(mem.i32, H.nextPid, 1);
  Atomics.add(mem.i32, mem.at(0, S.start), 1);
  Atomics.notify(mem.i32, mem.at(0, S.start));
}

export class Scheduler {
  private readonly rng: Rng;
  private lastPid = -1;
  readonly scheduled: boolean;
  /** Pids granted so far, in order: the schedule that replays this run. */
  readonly schedule: number[] = [];

  constructor(
    readonly mem: Memory,
    readonly config: RunConfig,
  ) {
    const i32 = mem.i32;
    Atomics.store(i32, H.mode, Mode[config.mode]);
    Atomics.store(i32, H.seed, config.seed | 0);
    writePace(i32, { speed: config.speed ?? 1, turbo: config.turbo ?? false });
    Atomics.store(i32, H.patienceMs, config.patienceMs ?? 0);
    this.scheduled = config.mode !== 'parallel';
    this.rng = new Rng(deriveSeed(config.seed >>> 0, 0xc10c));
  }

  /** Start the main process (pid 0) and, when scheduled, wait until it parks at its first op. */
  boot(wallNowMs: number): void {
    bootMain(this.mem, this.config.mainProgram, wallNowMs);
    if (this.scheduled) this.settle(0);
  }

  /**
   * Wait until `pid` has parked at its gate or ended. While it waits for a child it started to be picked up
   * (`p.start()`), the wait lasts as long as the pickup's patience, not the step's: a slow pickup is not the
   * parent's fault, and one that never comes is reported as what it is (NoPickup, naming the child). A late
   * pickup gives the step's patience afresh; a child picked up but not yet at its first op is computing, and
   * is named when it takes longer than a step may.
   */
  private settle(pid: number): void {
    const { mem } = this;
    const i32 = mem.i32;
    let since = Date.now();
    /** Past the step's patience, this child was still waiting for its pickup. */
    let late = false;
    for (;;) {
      const seen = Atomics.load(i32, H.doorbell);
      if (this.isParked(pid) || mem.load(pid, S.state) >= State.done) return;
      if (Atomics.load(i32, H.stop)) return;
      const waited = Date.now() - since;
      if (waited > patienceMs(mem)) {
        const child = startingChild(mem, pid);
        if (child >= 0 && !pickedUp(mem, child)) {
          if (waited > pickupPatienceMs(mem)) throw new NoPickup(mem.processName(child) || pidLabel(child), waited);
          late = true;
        } else if (late) {
          // Picked up just now: the child's way to its first op and the parent's to its next step start here.
          late = false;
          since = Date.now();
        } else {
          const stalled = child >= 0 ? child : pid;
          throw new Stalled(mem.processName(stalled) || pidLabel(stalled), waited);
        }
      }
      Atomics.wait(i32, H.doorbell, seen, SETTLE_SLICE_MS);
    }
  }

  private isParked(pid: number): boolean {
    return this.mem.load(pid, S.gate) === Gate.parked;
  }

  private get started(): number {
    return Atomics.load(this.mem.i32, H.nextPid);
  }

  /** Can `pid` be granted now? READY or SLEEPING, or BLOCKED with a timeout that can fire. */
  canStep(pid: number): boolean {
    return canStepAt(this.mem, pid);
  }

  /** Virtual time of the last granted op (for pacing a clock run). */
  lastTime = 0;

  /** When `pid` would next act (public for pacing). */
  timeOf(pid: number): number {
    return this.when(pid);
  }

  /** When `pid` would next act: its clock, or its timeout's deadline if blocked. */
  private when(pid: number): number {
    const st = this.mem.load(pid, S.state);
    return st === State.blocked ? this.mem.loadF(pid, S.deadline) : this.mem.loadF(pid, S.clock);
  }

  /** Grant one op to `pid` and wait until it parks again or ends. */
  grant(pid: number): void {
    if (!this.canStep(pid)) throw new Error(`${this.mem.processName(pid) || pidLabel(pid)} cannot be stepped now`);
    const mem = this.mem;
    // Odd from here until the process has parked again or ended (see observedStatus).
    Atomics.add(mem.i32, H.grants, 1);
    try {
      this.grantAndSettle(pid);
    } finally {
      Atomics.add(mem.i32, H.grants, 1);
    }
  }

  private grantAndSettle(pid: number): void {
    const mem = this.mem;
    if (mem.load(pid, S.state) === State.blocked) {
      // Its timeout is what happens next: it wakes at its deadline, timed out.
      mem.storeF(pid, S.clock, Math.max(mem.loadF(pid, S.clock), mem.loadF(pid, S.deadline)));
      mem.store(pid, S.flags, mem.load(pid, S.flags) | Flag.timedOut);
      mem.store(pid, S.state, State.ready);
    }
    this.lastPid = pid;
    this.lastTime = Math.max(this.lastTime, this.when(pid));
    this.schedule.push(pid);
    mem.store(pid, S.gate, Gate.granted);
    Atomics.notify(mem.i32, mem.at(pid, S.gate));
    this.settle(pid);
  }

  /**
   * Step mode's "next": the next READY or SLEEPING pid after the last one,
   * round robin. A timeout fires only when nobody else can move (then the
   * earliest deadline); a learner can still fire one early by stepping that lane.
   */
  nextRoundRobin(): number {
    const n = this.started;
    let timed = -1;
    for (let k = 1; k <= n; k++) {
      const pid = (this.lastPid + k + n) % n;
      if (!this.canStep(pid)) continue;
      if (this.mem.load(pid, S.state) !== State.blocked) return pid;
      if (timed < 0 || this.when(pid) < this.when(timed)) timed = pid;
    }
    return timed;
  }

  /** Clock mode's choice: the smallest virtual time; ties by the seeded generator. */
  nextByClock(): number {
    let best = Infinity;
    let ties: number[] = [];
    // Read once: a getter in the loop's test was an atomic load per process per op (1,000 per op at 1,000 processes).
    const n = this.started;
    for (let pid = 0; pid < n; pid++) {
      if (!this.canStep(pid)) continue;
      const t = this.when(pid);
      if (t < best - 1e-12) {
        best = t;
        ties = [pid];
      } else if (Math.abs(t - best) <= 1e-12) ties.push(pid);
    }
    if (ties.length === 0) return -1;
    return ties.length === 1 ? ties[0]! : ties[this.rng.int(ties.length)]!;
  }

  /** The pid the current mode would grant next (the plan's, if one is loaded), or -1. */
  next(): number {
    const planned = this.config.plan?.[this.schedule.length];
    if (planned !== undefined && this.canStep(planned)) return planned;
    return this.config.mode === 'clock' ? this.nextByClock() : this.nextRoundRobin();
  }

  /** Step once by mode; returns the pid granted, or -1 when nothing can move. */
  step(): number {
    const pid = this.next();
    if (pid >= 0) this.grant(pid);
    return pid;
  }

  /** Processes that are blocked with no timeout, and on what. */
  stuck(): Stuck[] {
    const out: Stuck[] = [];
    for (let pid = 0; pid < Math.min(this.started, this.mem.maxProcs); pid++) {
      if (this.mem.load(pid, S.state) === State.blocked) out.push({ pid, obj: this.mem.load(pid, S.blockedOn) });
    }
    return out;
  }

  /** Finished when every started process ended; deadlock when nothing can move but someone is blocked. */
  status(): RunStatus {
    return runStatus(this.mem, this.scheduled ? (pid) => this.canStep(pid) : undefined);
  }
}

/** Whether `pid` is parked at its gate and may be granted (also read by the page). */
export function canStepAt(mem: Memory, pid: number): boolean {
  if (pid < 0 || pid >= Math.min(Atomics.load(mem.i32, H.nextPid), mem.maxProcs)) return false;
  if (mem.load(pid, S.gate) !== Gate.parked) return false;
  const st = mem.load(pid, S.state);
  if (st === State.ready || st === State.sleeping) return true;
  return st === State.blocked && Number.isFinite(mem.loadF(pid, S.deadline));
}

/**
 * Scheduled modes: whether `pid` can still move — it can be stepped, or it is between its grant and its next
 * park (mid-op: its gate is not parked). A status read while a step is under way (a snapshot asked for just
 * before the learner's click) must not call the run deadlocked because the one process moving is not parked.
 */
export function movesWhenScheduled(mem: Memory, pid: number): boolean {
  return canStepAt(mem, pid) || mem.load(pid, S.gate) !== Gate.parked;
}

/**
 * A scheduled run's status as an observer reads it while the kernel may be granting (the view worker, for
 * a pull the page sent just before a Step click). Its scan reads one slot after another: a step that runs
 * meanwhile could make an early slot stale (blocked when read, woken since) by the time a later one is read
 * (parked or ended), a deadlock that never was. So the scan counts only if no grant was under way or
 * happened around it (`H.grants` even and unchanged); otherwise the run is still moving.
 */
export function observedStatus(mem: Memory): RunStatus {
  const before = Atomics.load(mem.i32, H.grants);
  if (before & 1) return 'running';
  const status = runStatus(mem, (pid) => movesWhenScheduled(mem, pid));
  return Atomics.load(mem.i32, H.grants) === before ? status : 'running';
}

/**
 * Parallel policy: whether blocked `pid` has been woken (the word it futex-waits on has changed) and
 * only waits for the OS to run it. Under load that can take longer than the quiet period that calls a
 * deadlock (a lock released to a waiter, the releaser gone): it must not count as stuck.
 */
function wokenAt(mem: Memory, pid: number): boolean {
  const at = mem.load(pid, S.waitAt) - 1;
  return at >= 0 && Atomics.load(mem.i32, at) !== mem.load(pid, S.waitSeen);
}

/**
 * The state of a run read off shared memory. `canMove` says whether a live
 * process may still act; by default (the parallel mode, or an observer) any
 * process not blocked without a timeout may. Under the parallel mode a
 * "deadlock" answer is only a hint until it holds for a while.
 */
export function runStatus(mem: Memory, canMove?: (pid: number) => boolean): RunStatus {
  const n = Math.min(Atomics.load(mem.i32, H.nextPid), mem.maxProcs);
  if (n === 0) return 'idle';
  let live = 0;
  let movable = 0;
  let awaiting = 0;
  for (let pid = 0; pid < n; pid++) {
    const st = mem.load(pid, S.state);
    if (st >= State.done) continue;
    live++;
    if (st === State.blocked && mem.load(pid, S.flags) & Flag.awaitingInput) awaiting++;
    const moves = canMove ? canMove(pid) : st !== State.blocked || Number.isFinite(mem.loadF(pid, S.deadline)) || wokenAt(mem, pid);
    if (moves) movable++;
  }
  if (live === 0) return 'finished';
  if (movable > 0) return 'running';
  // Everyone stuck, but some wait for the learner's next command: that is a pause, not a deadlock.
  return awaiting > 0 ? 'awaiting' : 'deadlock';
}
