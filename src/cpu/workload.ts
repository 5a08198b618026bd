/** Seeded random workloads (mulberry32 via src/core/rng): the same seed always gives the same jobs. */
import { Rng } from '../core/rng';
import type { Job } from './types';

export interface WorkloadShape {
  /** Arrivals are spread over 0 … maxArrival (page) or come with gaps 0 … maxGap (bench). */
  maxArrival?: number;
  maxGap?: number;
  maxBurst: number;
  /** Share of jobs with an I/O pattern, 0 … 1. */
  ioShare: number;
  /** Give every job a priority 1 … maxPriority (0 = none). */
  maxPriority: number;
}

export const PAGE_SHAPE: WorkloadShape = { maxArrival: 8, maxBurst: 9, ioShare: 0.3, maxPriority: 5 };
export const BENCH_SHAPE: WorkloadShape = { maxGap: 18, maxBurst: 20, ioShare: 0.3, maxPriority: 8 };

/** A, B, … Z, then A1 … Z1, A2 …: short names that fit a Gantt bar. */
export function jobName(i: number): string {
  const letter = String.fromCharCode(65 + (i % 26));
  const round = Math.floor(i / 26);
  return round === 0 ? letter : `${letter}${round}`;
}

export function randomWorkload(seed: number, count: number, shape: WorkloadShape = PAGE_SHAPE): Job[] {
  const rng = new Rng(seed);
  const arrivals: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (shape.maxGap !== undefined) {
      arrivals.push(at);
      at += rng.int(shape.maxGap + 1);
    } else {
      arrivals.push(rng.int((shape.maxArrival ?? 0) + 1));
    }
  }
  // Listing order follows arrival so names read in the order jobs show up.
  arrivals.sort((a, b) => a - b);
  return arrivals.map((arrival, i): Job => {
    const burst = 1 + rng.int(shape.maxBurst);
    const job: Job = { name: jobName(i), arrival, burst };
    if (shape.maxPriority > 0) job.priority = 1 + rng.int(shape.maxPriority);
    if (rng.next() < shape.ioShare && burst > 2) job.io = { every: 1 + rng.int(Math.min(4, burst - 1)), time: 1 + rng.int(4) };
    return job;
  });
}
