/**
 * The lab's URL contract:
 *   ?lab=cpu&policy=fcfs|sjf|srtf|rr|priority|mlfq
 *   &jobs=NAME:ARRIVAL:BURST[:PRIORITY][:IOEVERY:IOTIME],...
 *   &quantum=&levels=&quanta=1,2,4&allotment=1|1,2,3&boost=&preempted=tail|head
 *   &ties=arrivals-first|ended-first&preemptive=on|off
 * A job has 3 fields, 4 (+priority), 5 (+I/O, no priority) or 6 (+both).
 * An invalid value becomes a notice naming the parameter and the default applies.
 */
import { ParamReader, type ParamNotice } from '../app/urlParams';
import {
  DEFAULT_JOBS,
  DEFAULT_OPTIONS,
  POLICIES,
  PREEMPTED_PLACES,
  TIE_RULES,
  mlfqQuanta,
  type Job,
  type SimOptions,
} from './types';

export const LIMITS = {
  jobs: 20,
  arrival: 999,
  burst: 99,
  priority: 99,
  ioEvery: 99,
  ioTime: 99,
  quantum: 50,
  levels: 8,
  slice: 100,
  allotment: 20,
  boost: 10_000,
} as const;

export const JOBS_HINT = 'NAME:ARRIVAL:BURST[:PRIORITY][:IOEVERY:IOTIME],… (≤ 20 jobs, distinct names)';

/** Every parameter this lab owns (kept in sync with the page's settings). */
export const CPU_PARAMS = ['policy', 'jobs', 'quantum', 'levels', 'quanta', 'allotment', 'boost', 'preempted', 'ties', 'preemptive'] as const;

const NAME = /^[\p{L}\p{N}_-]{1,8}$/u;

function num(s: string | undefined, min: number, max: number): number | undefined {
  if (s === undefined || !/^\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

export function validName(name: string): boolean {
  return NAME.test(name);
}

/** Parse one `NAME:ARRIVAL:BURST[:PRIORITY][:IOEVERY:IOTIME]`. */
export function parseJob(s: string): Job | undefined {
  const f = s.trim().split(':');
  if (f.length < 3 || f.length > 6) return undefined;
  const [name, a, b] = f;
  if (name === undefined || !NAME.test(name)) return undefined;
  const arrival = num(a, 0, LIMITS.arrival);
  const burst = num(b, 1, LIMITS.burst);
  if (arrival === undefined || burst === undefined) return undefined;
  const job: Job = { name, arrival, burst };
  if (f.length === 4 || f.length === 6) {
    const p = num(f[3], 0, LIMITS.priority);
    if (p === undefined) return undefined;
    job.priority = p;
  }
  if (f.length >= 5) {
    const every = num(f[f.length - 2], 1, LIMITS.ioEvery);
    const time = num(f[f.length - 1], 1, LIMITS.ioTime);
    if (every === undefined || time === undefined) return undefined;
    job.io = { every, time };
  }
  return job;
}

export function parseJobs(s: string): Job[] | undefined {
  const parts = s.split(',');
  if (s.trim() === '' || parts.length > LIMITS.jobs) return undefined;
  const jobs: Job[] = [];
  for (const p of parts) {
    const j = parseJob(p);
    if (!j || jobs.some((x) => x.name === j.name)) return undefined;
    jobs.push(j);
  }
  return jobs;
}

export function formatJob(j: Job): string {
  const f: (string | number)[] = [j.name, j.arrival, j.burst];
  if (j.priority !== undefined) f.push(j.priority);
  if (j.io) f.push(j.io.every, j.io.time);
  return f.join(':');
}

export function formatJobs(jobs: readonly Job[]): string {
  return jobs.map(formatJob).join(',');
}

function intList(s: string, min: number, max: number, maxLen: number): number[] | undefined {
  const parts = s.split(',');
  if (parts.length < 1 || parts.length > maxLen) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    const n = num(p.trim(), min, max);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

export interface LabConfig {
  jobs: Job[];
  options: SimOptions;
}

export function defaultConfig(): LabConfig {
  return { jobs: DEFAULT_JOBS.map((j) => ({ ...j })), options: { ...DEFAULT_OPTIONS } };
}

export function configFromQuery(q: URLSearchParams): { config: LabConfig; notices: ParamNotice[] } {
  const r = new ParamReader(q);
  const d = DEFAULT_OPTIONS;
  const jobs = r.custom('jobs', DEFAULT_JOBS.map((j) => ({ ...j })), JOBS_HINT, parseJobs);
  const policy = r.oneOf('policy', d.policy, POLICIES);
  const quantum = r.int('quantum', d.quantum, 1, LIMITS.quantum);
  const levels = r.int('levels', d.levels, 1, LIMITS.levels);
  const quanta = r.custom<number[] | undefined>('quanta', undefined, `1–${LIMITS.slice}, comma-separated, ≤ ${LIMITS.levels}`, (v) =>
    intList(v, 1, LIMITS.slice, LIMITS.levels),
  );
  const nLevels = quanta?.length ?? levels;
  const allotment = r.custom<number | readonly number[]>('allotment', d.allotment, `1–${LIMITS.allotment}, or one per level (${nLevels})`, (v) => {
    const list = intList(v, 1, LIMITS.allotment, LIMITS.levels);
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    return list.length === nLevels ? list : undefined;
  });
  const boost = r.int('boost', d.boost, 0, LIMITS.boost);
  const preempted = r.oneOf('preempted', d.preempted, PREEMPTED_PLACES);
  const ties = r.oneOf('ties', d.ties, TIE_RULES);
  const preemptive = r.onOff('preemptive', d.preemptive);
  const options: SimOptions = { policy, quantum, levels: nLevels, allotment, boost, preempted, ties, preemptive };
  if (quanta) options.quanta = quanta;
  return { config: { jobs, options }, notices: r.notices };
}

/**
 * The query values for a config: the policy and jobs always, the other
 * settings only where the policy uses them (null removes a parameter).
 */
export function configToQuery(c: LabConfig): Record<string, string | null> {
  const o = c.options;
  const mlfq = o.policy === 'mlfq';
  const sliced = mlfq || o.policy === 'rr';
  const q: Record<string, string | null> = {
    policy: o.policy,
    jobs: formatJobs(c.jobs),
    quantum: sliced && !(mlfq && o.quanta) ? String(o.quantum) : null,
    levels: mlfq && !o.quanta ? String(o.levels) : null,
    quanta: mlfq && o.quanta ? o.quanta.join(',') : null,
    allotment: mlfq ? (typeof o.allotment === 'number' ? String(o.allotment) : o.allotment.join(',')) : null,
    boost: mlfq ? String(o.boost) : null,
    preempted: mlfq ? o.preempted : null,
    ties: sliced ? o.ties : null,
    preemptive: o.policy === 'priority' ? (o.preemptive ? 'on' : 'off') : null,
  };
  return q;
}

/** The number of MLFQ levels the options describe. */
export function levelCount(o: SimOptions): number {
  return mlfqQuanta(o).length;
}
