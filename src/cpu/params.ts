/**
 * The lab's URL contract:
 *   ?lab=cpu&policy=fcfs|sjf|srtf|rr|priority|mlfq
 *   &jobs=NAME:ARRIVAL:BURST[:PRIORITY][:IOEVERY:IOTIME],...
 *   &quantum=&levels=&quanta=1,2,4&allotment=1|1,2,3&boost=&preempted=tail|head
 *   &boostorder=top-first|bottom-first&ties=arrivals-first|ended-first&preemptive=on|off
 *   &view=reveal|full
 * A job has 3 fields, 4 (+priority), 5 (+I/O, no priority) or 6 (+both).
 * An invalid value becomes a notice naming the parameter (for `jobs`, the job
 * and the field) and the default applies.
 */
import { ParamReader, cutText, type ParamNotice } from '../app/urlParams';
import type { StringKey, Words } from '../i18n/i18n';
import {
  BOOST_ORDERS,
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

/** Every parameter this lab owns (kept in sync with the page's settings). */
export const CPU_PARAMS = ['policy', 'jobs', 'quantum', 'levels', 'quanta', 'allotment', 'boost', 'boostorder', 'preempted', 'ties', 'preemptive', 'view', 'tick'] as const;

/** Highest `tick=` read; a tick past the run's end shows the end. */
export const MAX_TICK = 1_000_000;

/** How much of the run the page shows: up to the shown tick (for learners, the default) or all of it. */
export type ViewMode = 'reveal' | 'full';
export const VIEW_MODES: readonly ViewMode[] = ['reveal', 'full'];

/** The fields of one job, in `jobs=` order. */
export type JobField = 'name' | 'arrival' | 'burst' | 'priority' | 'ioEvery' | 'ioTime';

/** Each numeric field's range (whole numbers). */
export const FIELD_RANGE = {
  arrival: [0, LIMITS.arrival],
  burst: [1, LIMITS.burst],
  priority: [0, LIMITS.priority],
  ioEvery: [1, LIMITS.ioEvery],
  ioTime: [1, LIMITS.ioTime],
} as const satisfies Record<Exclude<JobField, 'name'>, readonly [number, number]>;

/** Why a value was refused: names are checked by `name`, numbers by `range`. */
export type FieldProblem = { kind: 'name' } | { kind: 'range'; min: number; max: number };

/** What is wrong with a `jobs=` value: the first problem found, naming the job (0-based) and field. */
export type JobsProblem =
  | { kind: 'empty' }
  | { kind: 'tooMany'; count: number }
  | { kind: 'fields'; job: number; text: string; count: number }
  | { kind: 'field'; job: number; text: string; field: JobField; value: string; problem: FieldProblem }
  | { kind: 'duplicate'; job: number; text: string; name: string };

/** A letter or digit (with any combining marks), `_` or `-`; 1–8 of them. */
const NAME = /^(?:[\p{L}\p{N}_-]\p{M}*){1,8}$/u;

/** Names are compared and kept in NFC, so a decomposed "José" is the composed one. */
export function normalizeName(s: string): string {
  return s.trim().normalize('NFC');
}

/** The name as it will be used, or undefined when it is not a valid name. */
export function checkName(s: string): string | undefined {
  const n = normalizeName(s);
  return NAME.test(n) ? n : undefined;
}

/** A whole number in [min, max] (digits only: no sign, no decimals, no exponent). */
export function intIn(s: string | undefined, min: number, max: number): number | undefined {
  const v = s?.trim();
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

function rangeOf(field: Exclude<JobField, 'name'>): FieldProblem {
  const [min, max] = FIELD_RANGE[field];
  return { kind: 'range', min, max };
}

/** Parse one `NAME:ARRIVAL:BURST[:PRIORITY][:IOEVERY:IOTIME]` (job = its index, for the problem). */
export function readJob(s: string, job = 0): { job: Job } | { problem: JobsProblem } {
  const text = s.trim();
  const f = text.split(':');
  if (f.length < 3 || f.length > 6) return { problem: { kind: 'fields', job, text, count: f.length } };
  const fields: [JobField, string][] = [
    ['name', f[0]!],
    ['arrival', f[1]!],
    ['burst', f[2]!],
  ];
  if (f.length === 4 || f.length === 6) fields.push(['priority', f[3]!]);
  if (f.length >= 5) fields.push(['ioEvery', f[f.length - 2]!], ['ioTime', f[f.length - 1]!]);
  const v: Partial<Record<JobField, number>> = {};
  let name = '';
  for (const [field, value] of fields) {
    if (field === 'name') {
      const n = checkName(value);
      if (n === undefined) return { problem: { kind: 'field', job, text, field, value, problem: { kind: 'name' } } };
      name = n;
    } else {
      const [min, max] = FIELD_RANGE[field];
      const n = intIn(value, min, max);
      if (n === undefined) return { problem: { kind: 'field', job, text, field, value, problem: rangeOf(field) } };
      v[field] = n;
    }
  }
  const out: Job = { name, arrival: v.arrival!, burst: v.burst! };
  if (v.priority !== undefined) out.priority = v.priority;
  if (v.ioEvery !== undefined) out.io = { every: v.ioEvery, time: v.ioTime! };
  return { job: out };
}

export function readJobs(s: string): { jobs: Job[] } | { problem: JobsProblem } {
  if (s.trim() === '') return { problem: { kind: 'empty' } };
  const parts = s.split(',');
  if (parts.length > LIMITS.jobs) return { problem: { kind: 'tooMany', count: parts.length } };
  const jobs: Job[] = [];
  for (const [i, p] of parts.entries()) {
    const r = readJob(p, i);
    if ('problem' in r) return r;
    if (jobs.some((x) => x.name === r.job.name)) return { problem: { kind: 'duplicate', job: i, text: p.trim(), name: r.job.name } };
    jobs.push(r.job);
  }
  return { jobs };
}

export function parseJob(s: string): Job | undefined {
  const r = readJob(s);
  return 'job' in r ? r.job : undefined;
}

export function parseJobs(s: string): Job[] | undefined {
  const r = readJobs(s);
  return 'jobs' in r ? r.jobs : undefined;
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
    const n = intIn(p, min, max);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** `quanta=`: 1–LIMITS.slice each, at most LIMITS.levels. */
export function parseQuanta(s: string): number[] | undefined {
  return intList(s, 1, LIMITS.slice, LIMITS.levels);
}

/** `allotment=`: one number for every level, or one per level. */
export function parseAllotment(s: string, levels: number): number | number[] | undefined {
  const list = intList(s, 1, LIMITS.allotment, LIMITS.levels);
  if (!list) return undefined;
  if (list.length === 1) return list[0];
  return list.length === levels ? list : undefined;
}

export interface LabConfig {
  jobs: Job[];
  options: SimOptions;
  view: ViewMode;
}

export function defaultConfig(): LabConfig {
  return { jobs: DEFAULT_JOBS.map((j) => ({ ...j })), options: { ...DEFAULT_OPTIONS }, view: 'reveal' };
}

/** A long value cut to `max` characters with an ellipsis, for notices. */
export function shorten(s: string, max = 40): string {
  return cutText(s, max);
}

/** The rule a field breaks, as words. */
export function describeProblem(p: FieldProblem): Words {
  return p.kind === 'name' ? { key: 'cpu.rule.name' } : { key: 'cpu.rule.range', vars: { min: p.min, max: p.max } };
}

/** What a `jobs=` problem says: the job and the field, long values shortened; kept as words, worded when drawn. */
export function jobsWords(p: JobsProblem): Words {
  switch (p.kind) {
    case 'empty':
      return { key: 'cpu.rule.empty' };
    case 'tooMany':
      return { key: 'cpu.rule.tooMany', vars: { count: p.count, max: LIMITS.jobs } };
    case 'fields':
      return { key: 'cpu.notice.job', vars: { n: p.job + 1, rule: { key: 'cpu.rule.fields', vars: { count: p.count } } } };
    case 'duplicate':
      return { key: 'cpu.notice.job', vars: { n: p.job + 1, rule: { key: 'cpu.rule.duplicate', vars: { name: p.name } } } };
    case 'field':
      return { key: 'cpu.notice.field', vars: { n: p.job + 1, field: { key: FIELD_LABEL[p.field] }, value: shorten(p.value, 20), rule: describeProblem(p.problem) } };
  }
}

/** A `jobs=` notice: the whole value when the list itself is wrong, else the job at fault. */
export function jobsNotice(p: JobsProblem, raw: string): ParamNotice {
  return { name: 'jobs', value: shorten(p.kind === 'empty' || p.kind === 'tooMany' ? raw : p.text), hint: jobsWords(p) };
}

/** The column heading that names each field. */
export const FIELD_LABEL = {
  name: 'cpu.col.name',
  arrival: 'cpu.col.arrival',
  burst: 'cpu.col.burst',
  priority: 'cpu.col.priority',
  ioEvery: 'cpu.col.ioEvery',
  ioTime: 'cpu.col.ioTime',
} as const satisfies Record<JobField, StringKey>;

/** The config a query describes, and a notice for each invalid value (worded when drawn, so it follows the language). */
export function configFromQuery(q: URLSearchParams): { config: LabConfig; tick: number; notices: ParamNotice[] } {
  const r = new ParamReader(q);
  const d = DEFAULT_OPTIONS;
  let jobs = DEFAULT_JOBS.map((j) => ({ ...j }));
  const rawJobs = r.raw('jobs');
  if (rawJobs !== null) {
    const got = readJobs(rawJobs);
    if ('jobs' in got) jobs = got.jobs;
    else r.notices.push(jobsNotice(got.problem, rawJobs));
  }
  const policy = r.oneOf('policy', d.policy, POLICIES);
  const quantum = r.int('quantum', d.quantum, 1, LIMITS.quantum);
  const levels = r.int('levels', d.levels, 1, LIMITS.levels);
  const quanta = r.custom<number[] | undefined>('quanta', undefined, { key: 'cpu.rule.list', vars: { min: 1, max: LIMITS.slice, n: LIMITS.levels } }, parseQuanta);
  const nLevels = quanta?.length ?? levels;
  const allotment = r.custom<number | readonly number[]>('allotment', d.allotment, { key: 'cpu.rule.allotment', vars: { min: 1, max: LIMITS.allotment, n: nLevels } }, (v) => parseAllotment(v, nLevels));
  const boost = r.int('boost', d.boost, 0, LIMITS.boost);
  const boostOrder = r.oneOf('boostorder', d.boostOrder, BOOST_ORDERS);
  const preempted = r.oneOf('preempted', d.preempted, PREEMPTED_PLACES);
  const ties = r.oneOf('ties', d.ties, TIE_RULES);
  const preemptive = r.onOff('preemptive', d.preemptive);
  const view = r.oneOf('view', 'reveal', VIEW_MODES);
  const tick = r.int('tick', 0, 0, MAX_TICK);
  const options: SimOptions = { policy, quantum, levels: nLevels, allotment, boost, boostOrder, preempted, ties, preemptive };
  if (quanta) options.quanta = quanta;
  return { config: { jobs, options, view }, tick, notices: r.notices };
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
    boostorder: mlfq ? o.boostOrder : null,
    preempted: mlfq ? o.preempted : null,
    ties: sliced ? o.ties : null,
    preemptive: o.policy === 'priority' ? (o.preemptive ? 'on' : 'off') : null,
    view: c.view === 'full' ? 'full' : null,
  };
  return q;
}

/** The number of MLFQ levels the options describe. */
export function levelCount(o: SimOptions): number {
  return mlfqQuanta(o).length;
}
