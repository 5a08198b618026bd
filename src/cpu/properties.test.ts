/**
 * Properties over seeded random workloads, every policy and many option
 * combinations: the CPU never idles while a job is ready, every job runs
 * exactly its burst, the metrics identities hold, and each policy's own rule
 * holds at every tick.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { metrics } from './metrics';
import { simulate, type SimResult } from './simulate';
import { DEFAULT_OPTIONS, DEFAULT_PRIORITY, POLICIES, ST, mlfqQuanta, type Job, type SimOptions } from './types';
import { randomWorkload } from './workload';

const SEEDS = 120;

function randomOptions(rng: Rng, policy: SimOptions['policy']): SimOptions {
  const levels = 1 + rng.int(4);
  const o: SimOptions = {
    ...DEFAULT_OPTIONS,
    policy,
    quantum: 1 + rng.int(4),
    levels,
    allotment: rng.next() < 0.5 ? 1 + rng.int(3) : Array.from({ length: levels }, () => 1 + rng.int(3)),
    boost: rng.next() < 0.3 ? 5 + rng.int(20) : 0,
    boostOrder: rng.next() < 0.5 ? 'top-first' : 'bottom-first',
    preempted: rng.next() < 0.5 ? 'tail' : 'head',
    ties: rng.next() < 0.5 ? 'arrivals-first' : 'ended-first',
    preemptive: rng.next() < 0.5,
  };
  if (rng.next() < 0.3) o.quanta = Array.from({ length: levels }, () => 1 + rng.int(6));
  return o;
}

function cases(withIo: boolean): { jobs: Job[]; o: SimOptions; seed: number }[] {
  const out: { jobs: Job[]; o: SimOptions; seed: number }[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const rng = new Rng(seed * 7919);
    const jobs = randomWorkload(seed, 1 + rng.int(8), { maxArrival: 12, maxBurst: 10, ioShare: withIo ? 0.5 : 0, maxPriority: 4 });
    for (const policy of POLICIES) out.push({ jobs, o: randomOptions(rng, policy), seed });
  }
  return out;
}

/** A cheap assertion for inner loops (vitest's expect is too slow per tick × job × run). */
function ok(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}

/** Invariants every run must satisfy, checked from the recorded trace. */
function checkCommon(r: SimResult): void {
  const n = r.jobs.length;
  const trace = r.trace!;
  ok(trace.length === r.length, 'one record per tick');
  const ran = new Array<number>(n).fill(0);
  const ready = new Array<number>(n).fill(0);
  const blocked = new Array<number>(n).fill(0);
  for (const k of trace) {
    const at = `tick ${k.t}`;
    let readyNow = 0;
    for (let j = 0; j < n; j++) {
      const s = k.states[j];
      // One CPU: exactly the running job is Running.
      ok((s === ST.Running) === (j === k.running), `${at}: only the running job runs`);
      if (s === ST.Running) ran[j]!++;
      if (s === ST.Ready) {
        ready[j]!++;
        readyNow++;
      }
      if (s === ST.Blocked) blocked[j]!++;
      ok((s === ST.Future) === k.t < r.jobs[j]!.arrival, `${at}: job ${j} not arrived`);
      ok((s === ST.Done) === k.t >= r.outcomes[j]!.finish, `${at}: job ${j} done`);
    }
    // Work conserving: no idle tick while a job is ready.
    ok(k.running >= 0 || readyNow === 0, `${at}: idle while a job is ready`);
    // The queues hold exactly the ready jobs, once each.
    const queued = k.queues.flat();
    ok(queued.length === readyNow && queued.every((j) => k.states[j] === ST.Ready) && new Set(queued).size === queued.length, `${at}: queues = ready jobs`);
  }
  const m = metrics(r);
  let lastFinish = 0;
  m.rows.forEach((row, j) => {
    const job = r.jobs[j]!;
    const who = `job ${job.name}`;
    ok(ran[j] === job.burst, `${who} runs exactly its burst`);
    ok(ready[j] === row.waiting, `${who}: waiting = ready ticks`);
    ok(blocked[j] === row.blocked, `${who}: blocked = I/O ticks`);
    ok(row.response === row.start - row.arrival && row.response >= 0, `${who}: response`);
    ok(row.turnaround === row.finish - row.arrival, `${who}: turnaround`);
    ok(row.turnaround === row.burst + row.waiting + row.blocked, `${who}: turnaround = burst + waiting + I/O`);
    ok(row.blocked === r.outcomes[j]!.ios * (job.io?.time ?? 0), `${who}: I/O time`);
    if (job.io) ok(r.outcomes[j]!.ios === Math.ceil(job.burst / job.io.every) - 1, `${who}: I/O count`);
    lastFinish = Math.max(lastFinish, row.finish);
  });
  ok(r.length === lastFinish, 'length = last finish');
  // Segments tile [0, length) and agree with the trace.
  let at = 0;
  for (const g of r.segments) {
    ok(g.start === at, 'segments are contiguous');
    for (let t = g.start; t < g.end; t++) ok(trace[t]!.running === g.job, `segment agrees at ${t}`);
    at = g.end;
  }
  ok(at === r.length, 'segments cover the run');
  ok(m.idle + r.jobs.reduce((s, j) => s + j.burst, 0) === r.length, 'busy + idle = length');
}

describe('properties (random workloads, every policy)', () => {
  for (const withIo of [false, true]) {
    it(`common invariants hold ${withIo ? 'with' : 'without'} I/O`, () => {
      const all = cases(withIo);
      for (const { jobs, o, seed } of all) {
        try {
          checkCommon(simulate(jobs, o, true));
        } catch (e) {
          throw new Error(`seed ${seed}, ${JSON.stringify(o)}: ${(e as Error).message}`, { cause: e });
        }
      }
      expect(all.length).toBe(SEEDS * POLICIES.length);
    });
  }

  it('a run without a trace is the same run', () => {
    for (const { jobs, o } of cases(true)) {
      const a = simulate(jobs, o, true);
      const b = simulate(jobs, o, false);
      expect(b.segments).toEqual(a.segments);
      expect(b.outcomes).toEqual(a.outcomes);
      expect(b.switches).toEqual(a.switches);
    }
  });

  it('each policy follows its own rule at every tick', () => {
    for (const withIo of [false, true]) {
      for (const { jobs, o } of cases(withIo)) {
        const r = simulate(jobs, o, true);
        const done = new Array<number>(jobs.length).fill(0);
        const prio = (j: number) => jobs[j]!.priority ?? DEFAULT_PRIORITY;
        for (const k of r.trace!) {
          const readyJobs = k.queues.flat();
          if (k.running >= 0 && !withIo) {
            const rem = (j: number) => jobs[j]!.burst - done[j]!;
            if (o.policy === 'srtf') for (const j of readyJobs) expect(rem(k.running)).toBeLessThanOrEqual(rem(j));
            if (o.policy === 'sjf' && k.decision.kind === 'dispatch') for (const j of readyJobs) expect(jobs[k.running]!.burst).toBeLessThanOrEqual(jobs[j]!.burst);
          }
          if (k.running >= 0 && o.policy === 'priority' && (o.preemptive || k.decision.kind === 'dispatch')) {
            for (const j of readyJobs) expect(prio(k.running)).toBeLessThanOrEqual(prio(j));
          }
          if (k.running >= 0 && o.policy === 'mlfq') {
            expect(k.queues.length).toBe(mlfqQuanta(o).length);
            // Nothing waits above the running job's level.
            for (let l = 0; l < (k.decision.level ?? 0); l++) expect(k.queues[l]).toEqual([]);
          }
          if (k.running >= 0) done[k.running]!++;
        }
        if (!withIo && (o.policy === 'fcfs' || o.policy === 'sjf' || (o.policy === 'priority' && !o.preemptive))) {
          // Non-preemptive: every job runs in one piece.
          for (let j = 0; j < jobs.length; j++) expect(r.segments.filter((g) => g.job === j)).toHaveLength(1);
        }
        if (!withIo && o.policy === 'fcfs') {
          const starts = r.outcomes.map((x, j) => ({ j, s: x.start, a: jobs[j]!.arrival }));
          const byStart = [...starts].sort((x, y) => x.s - y.s).map((x) => x.j);
          const byArrival = [...starts].sort((x, y) => x.a - y.a || x.j - y.j).map((x) => x.j);
          expect(byStart).toEqual(byArrival);
        }
      }
    }
  });

  it('mlfq with one level is round robin (jobs without I/O)', () => {
    for (const { jobs, o } of cases(false)) {
      const rr = simulate(jobs, { ...o, policy: 'rr' });
      const one = simulate(jobs, { ...o, policy: 'mlfq', quanta: [o.quantum], boost: 0 });
      expect(one.segments).toEqual(rr.segments);
    }
  });

  it('with every job at 0 and no I/O, sjf has the least average waiting time', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const jobs = randomWorkload(seed, 6, { maxArrival: 0, maxBurst: 12, ioShare: 0, maxPriority: 3 });
      const avg = (o: Partial<SimOptions>) => metrics(simulate(jobs, { ...DEFAULT_OPTIONS, ...o })).average.waiting;
      const best = avg({ policy: 'sjf' });
      for (const policy of POLICIES) expect(best).toBeLessThanOrEqual(avg({ policy }) + 1e-9);
      expect(avg({ policy: 'srtf' })).toBeCloseTo(best, 9);
    }
  });

  it('is deterministic', () => {
    for (const { jobs, o } of cases(true).slice(0, 60)) expect(simulate(jobs, o)).toEqual(simulate(jobs, o));
  });
});
