/**
 * Equivalence with OSTEP's mlfq.py: with preempted=head and ties=ended-first
 * (and one I/O time for all jobs, no -S/-I/-B) the schedule is the same tick
 * for tick; rr equals mlfq.py's single queue for jobs without I/O.
 */
import { describe, expect, it } from 'vitest';
import { metrics } from './metrics';
import { simulate } from './simulate';
import { DEFAULT_OPTIONS, type Job, type SimOptions } from './types';
import { OSTEP_CASES } from './testing/ostepCases';

function perTick(r: ReturnType<typeof simulate>): number[] {
  return r.segments.flatMap((g) => Array.from({ length: g.end - g.start }, () => g.job));
}

describe('mlfq.py reference schedules', () => {
  OSTEP_CASES.forEach((c, i) => {
    const jobs: Job[] = c.jobs.map(([start, run, io], k) => ({
      name: `J${k}`,
      arrival: start,
      burst: run,
      ...(io > 0 ? { io: { every: io, time: c.ioTime } } : {}),
    }));
    const options: SimOptions = c.rr
      ? { ...DEFAULT_OPTIONS, policy: 'rr', quantum: c.quanta[0]!, ties: 'ended-first' }
      : { ...DEFAULT_OPTIONS, policy: 'mlfq', quanta: c.quanta, allotment: c.allotment, preempted: 'head', ties: 'ended-first' };
    it(`case ${i}: ${c.rr ? 'rr' : 'mlfq'} ${c.jobs.length} jobs, quanta ${c.quanta.join(',')}`, () => {
      const r = simulate(jobs, options);
      expect(perTick(r)).toEqual(c.trace);
      const m = metrics(r);
      expect(m.rows.map((x) => x.response)).toEqual(c.response);
      expect(m.rows.map((x) => x.turnaround)).toEqual(c.turnaround);
    });
  });

  it('the defaults (tail, arrivals-first) do differ from mlfq.py on some of these workloads', () => {
    const differ = OSTEP_CASES.filter((c) => !c.rr).some((c) => {
      const jobs: Job[] = c.jobs.map(([a, b, io], k) => ({ name: `J${k}`, arrival: a, burst: b, ...(io > 0 ? { io: { every: io, time: c.ioTime } } : {}) }));
      const r = simulate(jobs, { ...DEFAULT_OPTIONS, policy: 'mlfq', quanta: c.quanta, allotment: c.allotment });
      return perTick(r).join() !== c.trace.join();
    });
    expect(differ).toBe(true);
  });
});
