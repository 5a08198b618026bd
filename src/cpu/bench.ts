/**
 * Throughput of the simulator: simulated ticks per second for a seeded
 * 10,000-job workload (30 % with I/O, arrivals keeping the CPU slightly
 * overloaded so the ready queues grow to thousands) under each policy.
 * No trace is recorded: this measures the scheduling engine itself.
 * `performance.now()` only reads the clock; nothing here waits.
 */
import { simulate } from './simulate';
import { DEFAULT_OPTIONS, POLICIES, type PolicyId, type SimOptions } from './types';
import { BENCH_SHAPE, randomWorkload } from './workload';

export interface CpuBenchRow {
  policy: PolicyId;
  jobs: number;
  /** Simulated ticks of one run (the schedule length). */
  ticks: number;
  /** ticks / median run time. */
  ticksPerSecond: number;
  medianMs: number;
}

export const BENCH_OPTIONS: SimOptions = { ...DEFAULT_OPTIONS, quantum: 4, levels: 3, boost: 0 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The measured loop, parameterised so a unit test can run it small. */
export function runCpuBench(jobCount: number, repeats: number, seed = 20240501): CpuBenchRow[] {
  const jobs = randomWorkload(seed, jobCount, BENCH_SHAPE);
  return POLICIES.map((policy) => {
    const options = { ...BENCH_OPTIONS, policy };
    const times: number[] = [];
    let ticks = 0;
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      ticks = simulate(jobs, options).length;
      times.push(performance.now() - t0);
    }
    const medianMs = median(times);
    return { policy, jobs: jobCount, ticks, medianMs, ticksPerSecond: medianMs > 0 ? ticks / (medianMs / 1000) : Infinity };
  });
}

/** `npm run bench`: 10,000 jobs, each policy 5 times, medians. */
export function benchCpu(): CpuBenchRow[] {
  return runCpuBench(10_000, 5);
}
