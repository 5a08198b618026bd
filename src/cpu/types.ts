/**
 * The CPU scheduling model: integer ticks, one CPU, jobs that need CPU time
 * and may block on I/O. Everything here is plain data so a run is a pure
 * function of (jobs, options) and can be stepped back and forth for free.
 */

export const POLICIES = ['fcfs', 'sjf', 'srtf', 'rr', 'priority', 'mlfq'] as const;
export type PolicyId = (typeof POLICIES)[number];

export type PreemptedPlace = 'tail' | 'head';
export const PREEMPTED_PLACES: readonly PreemptedPlace[] = ['tail', 'head'];

export type TieRule = 'arrivals-first' | 'ended-first';
export const TIE_RULES: readonly TieRule[] = ['arrivals-first', 'ended-first'];

/**
 * mlfq: how a boost lifts the queues. `top-first` (the default): after the
 * tick's arrivals, queue order kept top level first, the running job keeps the
 * CPU. `bottom-first` (OSTEP's mlfq.py): before the tick's arrivals and I/O
 * returns, the bottom level first, the running job lifted with its queue (at
 * its head), so a job from a lower level may take the CPU.
 */
export type BoostOrder = 'top-first' | 'bottom-first';
export const BOOST_ORDERS: readonly BoostOrder[] = ['top-first', 'bottom-first'];

export interface IoPattern {
  /** After every `every` ticks of CPU the job issues an I/O… */
  every: number;
  /** …that keeps it blocked for `time` ticks. */
  time: number;
}

export interface Job {
  name: string;
  arrival: number;
  /** Total CPU ticks the job needs. */
  burst: number;
  /** Smaller number = higher priority. Absent means DEFAULT_PRIORITY. */
  priority?: number;
  io?: IoPattern;
}

/** Jobs without a priority all share this one, so "priority" degenerates to FCFS for them. */
export const DEFAULT_PRIORITY = 0;

export interface SimOptions {
  policy: PolicyId;
  /** rr: the slice; mlfq: the top level's slice (doubling below) unless `quanta` is given. */
  quantum: number;
  /** mlfq: number of queues (ignored when `quanta` is given). */
  levels: number;
  /** mlfq: explicit slice per level, top first. */
  quanta?: readonly number[];
  /** mlfq: slices a job may use at a level before it moves down; one number for every level or one per level. */
  allotment: number | readonly number[];
  /** mlfq: every `boost` ticks all jobs go back to the top queue; 0 = never. */
  boost: number;
  /** mlfq: the order in which a boost lifts the queues (see BoostOrder). */
  boostOrder: BoostOrder;
  /** mlfq: where a job preempted by a higher-level arrival goes in its own queue. */
  preempted: PreemptedPlace;
  /** Same-tick order of arrivals (and I/O returns) versus the job whose slice just ended. */
  ties: TieRule;
  /** priority: may a higher-priority arrival take the CPU from the running job? */
  preemptive: boolean;
}

export const DEFAULT_OPTIONS: SimOptions = {
  policy: 'fcfs',
  quantum: 2,
  levels: 3,
  allotment: 1,
  boost: 0,
  boostOrder: 'top-first',
  preempted: 'tail',
  ties: 'arrivals-first',
  preemptive: true,
};

export const DEFAULT_JOBS: readonly Job[] = [
  { name: 'A', arrival: 0, burst: 5 },
  { name: 'B', arrival: 1, burst: 3 },
  { name: 'C', arrival: 2, burst: 8 },
  { name: 'D', arrival: 3, burst: 6 },
];

/** A job's state during one tick (also the codes stored in the trace). */
export const ST = { Future: 0, Ready: 1, Running: 2, Blocked: 3, Done: 4 } as const;
export type JobState = (typeof ST)[keyof typeof ST];

/** The MLFQ slices per level, top first: explicit `quanta`, else quantum, 2×, 4×… */
export function mlfqQuanta(o: Pick<SimOptions, 'quantum' | 'levels' | 'quanta'>): number[] {
  if (o.quanta && o.quanta.length > 0) return [...o.quanta];
  return Array.from({ length: Math.max(1, o.levels) }, (_, i) => o.quantum * 2 ** i);
}

/** The MLFQ allotment per level (slices before demotion), top first. */
export function mlfqAllotments(o: Pick<SimOptions, 'allotment'>, levels: number): number[] {
  const a = o.allotment;
  if (typeof a === 'number') return Array.from({ length: levels }, () => a);
  return Array.from({ length: levels }, (_, i) => a[i] ?? a[a.length - 1] ?? 1);
}
