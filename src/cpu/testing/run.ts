/** Test helpers: run a `jobs=` string under options and read the result the way the page does. */
import { fmt2, metrics } from '../metrics';
import { parseJobs } from '../params';
import { simulate, type SimResult } from '../simulate';
import { DEFAULT_OPTIONS, type Job, type SimOptions } from '../types';

export function jobsOf(s: string): Job[] {
  const jobs = parseJobs(s);
  if (!jobs) throw new Error(`bad jobs string ${s}`);
  return jobs;
}

/** The "Timeline" list's items joined with ", ". */
export function timelineOf(r: SimResult): string {
  return r.segments.map((g) => `${g.job < 0 ? 'idle' : r.jobs[g.job]!.name} ${g.start}–${g.end}`).join(', ');
}

export function run(jobs: string | Job[], opts: Partial<SimOptions> = {}) {
  const r = simulate(typeof jobs === 'string' ? jobsOf(jobs) : jobs, { ...DEFAULT_OPTIONS, ...opts }, true);
  const m = metrics(r);
  return {
    r,
    m,
    timeline: timelineOf(r),
    waiting: m.rows.map((x) => x.waiting),
    turnaround: m.rows.map((x) => x.turnaround),
    response: m.rows.map((x) => x.response),
    avg: { response: fmt2(m.average.response), turnaround: fmt2(m.average.turnaround), waiting: fmt2(m.average.waiting) },
  };
}
