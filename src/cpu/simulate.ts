/**
 * The CPU scheduling simulator: one CPU, integer ticks, a pure function of
 * (jobs, options). The page precomputes a whole run and steps through the
 * recorded trace, so "Back" is just an index.
 *
 * A tick t is the interval [t, t+1). At the start of each tick:
 *
 * 1. The job that ran during t−1 is settled, in this order: it finishes if
 *    its burst is used up (a finished job never issues I/O); else it starts
 *    an I/O if it has now run `io.every` CPU ticks since its last I/O (it is
 *    blocked during ticks t … t+io.time−1 and ready again at t+io.time); else,
 *    under rr/mlfq, its slice may have ended, and it goes back to a queue.
 * 2. Jobs arriving at t (in listing order), then jobs whose I/O ends at t (in
 *    the order they issued it), enter the ready queue. `ties` decides whether
 *    they go before (`arrivals-first`, the default) or after (`ended-first`)
 *    the job from step 1 whose slice ended.
 * 3. mlfq: at every multiple of `boost` (t > 0), every job moves to the top
 *    queue with a fresh slice (the top level's quantum) and allotment. With
 *    `boostOrder=top-first` (default) queue order is kept, top level first,
 *    and since a boost is not an arrival the running job keeps the CPU. With
 *    `boostOrder=bottom-first` (OSTEP's mlfq.py) the boost comes *before* step
 *    2 (after a slice-ended job re-queued by `ties=ended-first`), lifts the
 *    bottom level first, and lifts the running job with its queue, at its
 *    head: the head of the top queue then runs, which may be another job.
 * 4. The policy decides: the running job keeps the CPU, is preempted, or the
 *    CPU is idle / takes the next job. The chosen job runs for tick t.
 *
 * Policies
 * - fcfs: one FIFO queue, never preempts.
 * - sjf: non-preemptive; shortest next CPU burst (for a job without I/O, its
 *   burst; with I/O, the CPU ticks until its next I/O or its end), then
 *   earlier arrival, then listing order.
 * - srtf: preemptive sjf: shortest remaining time of the current CPU burst;
 *   a ready job preempts only when strictly shorter (a tie keeps the CPU).
 * - rr: one FIFO queue, a fresh `quantum` at every dispatch; if the queue is
 *   empty when the slice ends, the same job simply goes on.
 * - priority: smaller number first, then earlier arrival, then listing order;
 *   with `preemptive`, a strictly higher-priority ready job takes the CPU.
 * - mlfq: `levels` FIFO queues, slice `quantum`×2^level or `quanta[level]`;
 *   new jobs enter the top queue; a job that uses `allotment` whole slices at
 *   a level moves down one (the bottom level is round robin); the highest
 *   non-empty queue runs; a job entering a higher queue preempts the running
 *   job, which goes to the tail (`preempted=tail`) or stays at the head
 *   (`preempted=head`) of its own queue. Slice use is accounted across I/O and
 *   preemption (OSTEP's rewritten rule 4: giving up the CPU early does not buy
 *   a fresh slice), so a job resumes with whatever was left of its slice.
 *
 * Relation to OSTEP's mlfq.py (cpu-sched-mlfq): with `preempted=head`,
 * `ties=ended-first` and `boostOrder=bottom-first`, and all jobs using the
 * same I/O time (mlfq.py's -i), without -S (stay) and -I (iobump), the
 * schedule is identical, boost (-B) included. mlfq.py's boost, like ours,
 * resets each job's slice to the top level's quantum and its allotment.
 * `rr` equals mlfq.py with one queue for jobs without I/O; with I/O mlfq.py
 * lets a returning job finish its old slice, while rr (like the textbooks)
 * gives a fresh quantum at every dispatch.
 */
import { Deque, Heap } from './structures';
import { DEFAULT_PRIORITY, ST, mlfqAllotments, mlfqQuanta, type Job, type SimOptions } from './types';

export type CpuEventKind = 'arrive' | 'ioDone' | 'finish' | 'ioStart' | 'sliceEnd' | 'demote' | 'boost';

export interface TickEvent {
  kind: CpuEventKind;
  /** The job (−1 for `boost`). */
  job: number;
  /** ioStart: the tick the I/O ends; demote: the new level. */
  value?: number;
}

export type Reason = 'first' | 'shortestBurst' | 'shortestRemaining' | 'head' | 'priority' | 'level';

export interface Decision {
  kind: 'idle' | 'dispatch' | 'continue' | 'preempt';
  /** The job that runs this tick, −1 when idle. */
  job: number;
  reason?: Reason;
  /** The figure behind the reason: burst, remaining time, slice left or priority. */
  value?: number;
  /** mlfq: the level the job runs at. */
  level?: number;
  /** preempt: the job that lost the CPU, and its own figure/level. */
  prev?: number;
  prevValue?: number;
  prevLevel?: number;
}

export interface TickRecord {
  t: number;
  running: number;
  /** What happened at the start of the tick, in order. */
  events: TickEvent[];
  decision: Decision;
  /** The ready queue(s) after the decision, in the order the policy will serve them (mlfq: top level first). */
  queues: number[][];
  /** Each job's state during the tick (ST codes). */
  states: Uint8Array;
}

export interface Segment {
  /** Job index, or −1 for idle. */
  job: number;
  start: number;
  end: number;
}

export interface JobOutcome {
  /** First tick on the CPU. */
  start: number;
  /** The tick at which the last CPU tick ended. */
  finish: number;
  /** Ticks spent ready (not running, not in I/O), measured from queue entry to dispatch. */
  waiting: number;
  /** Ticks spent in I/O. */
  blocked: number;
  ios: number;
}

export interface SimResult {
  jobs: readonly Job[];
  options: SimOptions;
  /** Total ticks until the last job finished. */
  length: number;
  segments: Segment[];
  outcomes: JobOutcome[];
  /** Ticks at which the CPU was handed to a different job than the one that ran last. */
  switches: number[];
  trace: TickRecord[] | null;
}

interface Described {
  reason: Reason;
  value?: number;
  level?: number;
}

/** new: arrival or I/O return; back: slice ended; preempt: lost the CPU; lifted: the running job taken into a bottom-first boost. */
type AddWhy = 'new' | 'back' | 'preempt' | 'lifted';

interface Discipline {
  add(j: number, why: AddWhy): void;
  /** Remove and return the job to run next, or −1. */
  take(): number;
  /** Should the running job give up the CPU to a ready one? */
  preempts(running: number): boolean;
  /** Account one tick of CPU for j; true when its slice has ended. */
  ran(j: number): boolean;
  describe(j: number): Described;
  queues(): number[][];
  level?(j: number): number;
  /** mlfq: is a boost due at t? */
  boostDue?(t: number): boolean;
  /** mlfq: lift every job to the top queue (see SimOptions.boostOrder). */
  boost?(): void;
}

interface Ctx {
  jobs: readonly Job[];
  remaining: Int32Array;
  cpuSinceIo: Int32Array;
}

/** CPU ticks until j's next I/O or its end: the "next CPU burst" of sjf/srtf. */
function nextBurst(c: Ctx, j: number): number {
  const rem = c.remaining[j]!;
  const io = c.jobs[j]!.io;
  return io ? Math.min(rem, io.every - c.cpuSinceIo[j]!) : rem;
}

class Fifo implements Discipline {
  private q: Deque;
  constructor(n: number) {
    this.q = new Deque(n);
  }
  add(j: number): void {
    this.q.push(j);
  }
  take(): number {
    return this.q.shift();
  }
  preempts(): boolean {
    return false;
  }
  ran(): boolean {
    return false;
  }
  describe(): Described {
    return { reason: 'first' };
  }
  queues(): number[][] {
    return [this.q.toArray()];
  }
}

class RoundRobin implements Discipline {
  private q: Deque;
  private left: Int32Array;
  constructor(
    n: number,
    private readonly quantum: number,
  ) {
    this.q = new Deque(n);
    this.left = new Int32Array(n);
  }
  add(j: number): void {
    this.q.push(j);
  }
  take(): number {
    const j = this.q.shift();
    if (j >= 0) this.left[j] = this.quantum;
    return j;
  }
  preempts(): boolean {
    return false;
  }
  ran(j: number): boolean {
    return --this.left[j]! <= 0;
  }
  describe(j: number): Described {
    return { reason: 'head', value: this.left[j]! };
  }
  queues(): number[][] {
    return [this.q.toArray()];
  }
}

/** sjf, srtf and priority: a heap ordered by a key, then arrival, then listing order. */
class Keyed implements Discipline {
  private heap: Heap;
  constructor(
    c: Ctx,
    private readonly key: (j: number) => number,
    private readonly reason: Reason,
    private readonly preemptive: boolean,
  ) {
    const jobs = c.jobs;
    this.heap = new Heap((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka !== kb) return ka < kb;
      const aa = jobs[a]!.arrival;
      const ab = jobs[b]!.arrival;
      return aa !== ab ? aa < ab : a < b;
    });
  }
  add(j: number): void {
    this.heap.push(j);
  }
  take(): number {
    return this.heap.pop();
  }
  preempts(running: number): boolean {
    if (!this.preemptive || this.heap.size === 0) return false;
    return this.key(this.heap.peek()) < this.key(running);
  }
  ran(): boolean {
    return false;
  }
  describe(j: number): Described {
    return { reason: this.reason, value: this.key(j) };
  }
  queues(): number[][] {
    return [this.heap.sorted()];
  }
}

class Mlfq implements Discipline {
  private readonly qs: Deque[];
  private readonly lvl: Int32Array;
  private readonly ticksLeft: Int32Array;
  private readonly allotLeft: Int32Array;
  private readonly quanta: number[];
  private readonly allot: number[];

  constructor(
    n: number,
    o: SimOptions,
  ) {
    this.quanta = mlfqQuanta(o);
    this.allot = mlfqAllotments(o, this.quanta.length);
    this.qs = this.quanta.map(() => new Deque(Math.min(n, 1024)));
    this.lvl = new Int32Array(n);
    this.ticksLeft = new Int32Array(n).fill(this.quanta[0]!);
    this.allotLeft = new Int32Array(n).fill(this.allot[0]!);
    this.headOnPreempt = o.preempted === 'head';
    this.boostEvery = o.boost;
    this.bottomFirst = o.boostOrder === 'bottom-first';
  }
  private readonly headOnPreempt: boolean;
  private readonly boostEvery: number;
  private readonly bottomFirst: boolean;

  add(j: number, why: AddWhy): void {
    const q = this.qs[this.lvl[j]!]!;
    if (why === 'lifted' || (why === 'preempt' && this.headOnPreempt)) q.unshift(j);
    else q.push(j);
  }
  private top(): number {
    for (let l = 0; l < this.qs.length; l++) if (this.qs[l]!.size > 0) return l;
    return -1;
  }
  take(): number {
    const l = this.top();
    return l < 0 ? -1 : this.qs[l]!.shift();
  }
  preempts(running: number): boolean {
    const l = this.top();
    return l >= 0 && l < this.lvl[running]!;
  }
  ran(j: number): boolean {
    if (--this.ticksLeft[j]! > 0) return false;
    const l = this.lvl[j]!;
    if (--this.allotLeft[j]! <= 0) {
      // Allotment used up: move down (the bottom level just starts over).
      const next = Math.min(l + 1, this.qs.length - 1);
      this.lvl[j] = next;
      this.allotLeft[j] = this.allot[next]!;
      this.ticksLeft[j] = this.quanta[next]!;
    } else {
      this.ticksLeft[j] = this.quanta[l]!;
    }
    return true;
  }
  describe(j: number): Described {
    return { reason: 'level', value: this.ticksLeft[j]!, level: this.lvl[j]! };
  }
  queues(): number[][] {
    return this.qs.map((q) => q.toArray());
  }
  level(j: number): number {
    return this.lvl[j]!;
  }
  boostDue(t: number): boolean {
    return this.boostEvery > 0 && t > 0 && t % this.boostEvery === 0;
  }
  boost(): void {
    const top = this.qs[0]!;
    const n = this.qs.length;
    for (let k = 1; k < n; k++) {
      const q = this.qs[this.bottomFirst ? n - k : k]!;
      for (let j = q.shift(); j >= 0; j = q.shift()) top.push(j);
    }
    this.lvl.fill(0);
    this.ticksLeft.fill(this.quanta[0]!);
    this.allotLeft.fill(this.allot[0]!);
  }
}

function makeScheduler(c: Ctx, o: SimOptions): Discipline {
  const n = c.jobs.length;
  switch (o.policy) {
    case 'fcfs':
      return new Fifo(n);
    case 'rr':
      return new RoundRobin(n, o.quantum);
    case 'sjf':
      return new Keyed(c, (j) => nextBurst(c, j), 'shortestBurst', false);
    case 'srtf':
      return new Keyed(c, (j) => nextBurst(c, j), 'shortestRemaining', true);
    case 'priority': {
      const pr = c.jobs.map((j) => j.priority ?? DEFAULT_PRIORITY);
      return new Keyed(c, (j) => pr[j]!, 'priority', o.preemptive);
    }
    case 'mlfq':
      return new Mlfq(n, o);
  }
}

/** A growable min-heap of pending I/O completions, ordered by (time, issue order). */
class IoPending {
  private time: number[] = [];
  private job: number[] = [];
  private heap = new Heap((a, b) => (this.time[a] !== this.time[b] ? this.time[a]! < this.time[b]! : a < b));
  push(time: number, job: number): void {
    this.time.push(time);
    this.job.push(job);
    this.heap.push(this.time.length - 1);
  }
  /** The job of the earliest completion due at or before t, or −1. */
  popDue(t: number): number {
    const e = this.heap.peek();
    if (e < 0 || this.time[e]! > t) return -1;
    this.heap.pop();
    return this.job[e]!;
  }
}

/**
 * Run the jobs under the options. With `record`, every tick's events,
 * decision, queues and job states are kept for stepping (use only for
 * page-sized workloads: the record is O(ticks × jobs)).
 */
export function simulate(jobs: readonly Job[], options: SimOptions, record = false): SimResult {
  const n = jobs.length;
  const remaining = new Int32Array(n);
  const cpuSinceIo = new Int32Array(n);
  for (let j = 0; j < n; j++) remaining[j] = jobs[j]!.burst;
  const ctx: Ctx = { jobs, remaining, cpuSinceIo };
  const sched = makeScheduler(ctx, options);
  const bottomFirst = options.boostOrder === 'bottom-first';

  const st = new Uint8Array(n); // ST.Future
  const readySince = new Int32Array(n);
  const outcomes: JobOutcome[] = jobs.map(() => ({ start: -1, finish: -1, waiting: 0, blocked: 0, ios: 0 }));
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[a]!.arrival - jobs[b]!.arrival || a - b);
  const io = new IoPending();
  const segments: Segment[] = [];
  const switches: number[] = [];
  const trace: TickRecord[] | null = record ? [] : null;

  let nextArrival = 0;
  let done = 0;
  let running = -1;
  let lastRan = -1;
  let t = 0;

  const enterReady = (j: number, why: AddWhy) => {
    st[j] = ST.Ready;
    readySince[j] = t;
    sched.add(j, why);
  };

  while (done < n) {
    const events: TickEvent[] | null = record ? [] : null;

    // 1. Settle the job that ran during t−1.
    let ended = -1;
    if (running >= 0) {
      const j = running;
      const job = jobs[j]!;
      if (remaining[j] === 0) {
        st[j] = ST.Done;
        outcomes[j]!.finish = t;
        done++;
        running = -1;
        events?.push({ kind: 'finish', job: j });
      } else {
        const before = sched.level?.(j) ?? 0;
        const sliceOver = sched.ran(j);
        const after = sched.level?.(j) ?? 0;
        if (job.io && cpuSinceIo[j]! >= job.io.every) {
          cpuSinceIo[j] = 0;
          st[j] = ST.Blocked;
          io.push(t + job.io.time, j);
          outcomes[j]!.blocked += job.io.time;
          outcomes[j]!.ios++;
          running = -1;
          events?.push({ kind: 'ioStart', job: j, value: t + job.io.time });
          if (after !== before) events?.push({ kind: 'demote', job: j, value: after });
        } else if (sliceOver) {
          ended = j;
          running = -1;
          events?.push({ kind: 'sliceEnd', job: j });
          if (after !== before) events?.push({ kind: 'demote', job: j, value: after });
        }
      }
    }
    if (done === n) break;

    // 2. Arrivals and I/O returns, ordered against the ended job by `ties`.
    if (ended >= 0 && options.ties === 'ended-first') enterReady(ended, 'back');
    const boostDue = sched.boostDue?.(t) ?? false;
    if (boostDue && bottomFirst) {
      // mlfq.py: the running job is the head of its queue, and is lifted with it.
      if (running >= 0) {
        enterReady(running, 'lifted');
        running = -1;
      }
      sched.boost!();
      events?.push({ kind: 'boost', job: -1 });
    }
    while (nextArrival < n && jobs[order[nextArrival]!]!.arrival <= t) {
      const j = order[nextArrival++]!;
      enterReady(j, 'new');
      events?.push({ kind: 'arrive', job: j });
    }
    for (let j = io.popDue(t); j >= 0; j = io.popDue(t)) {
      enterReady(j, 'new');
      events?.push({ kind: 'ioDone', job: j });
    }
    if (ended >= 0 && options.ties === 'arrivals-first') enterReady(ended, 'back');

    // 3. Priority boost (top-first: after the arrivals; the running job keeps the CPU).
    if (boostDue && !bottomFirst) {
      sched.boost!();
      events?.push({ kind: 'boost', job: -1 });
    }

    // 4. Decide.
    let decision: Decision | null = null;
    let prev: { job: number; d: Described } | null = null;
    if (running >= 0) {
      if (sched.preempts(running)) {
        prev = { job: running, d: sched.describe(running) };
        enterReady(running, 'preempt');
        running = -1;
      } else if (record) {
        const d = sched.describe(running);
        decision = { kind: 'continue', job: running, reason: d.reason, value: d.value, level: d.level };
      }
    }
    if (running < 0) {
      const j = sched.take();
      if (j >= 0) {
        running = j;
        st[j] = ST.Running;
        const o = outcomes[j]!;
        o.waiting += t - readySince[j]!;
        if (o.start < 0) o.start = t;
        if (lastRan >= 0 && lastRan !== j) switches.push(t);
        if (record) {
          const d = sched.describe(j);
          decision = prev
            ? { kind: 'preempt', job: j, reason: d.reason, value: d.value, level: d.level, prev: prev.job, prevValue: prev.d.value, prevLevel: prev.d.level }
            : { kind: 'dispatch', job: j, reason: d.reason, value: d.value, level: d.level };
        }
      } else if (record) {
        decision = { kind: 'idle', job: -1 };
      }
    }

    if (trace && events && decision) {
      trace.push({ t, running, events, decision, queues: sched.queues(), states: st.slice() });
    }

    // Run tick t.
    const last = segments[segments.length - 1];
    if (last && last.job === running && last.end === t) last.end = t + 1;
    else segments.push({ job: running, start: t, end: t + 1 });
    if (running >= 0) {
      remaining[running]!--;
      cpuSinceIo[running]!++;
      lastRan = running;
    }
    t++;
  }

  return { jobs, options, length: t, segments, outcomes, switches, trace };
}
