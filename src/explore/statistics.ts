/**
 * Race statistics: many whole runs of one scenario with fresh seeds, under
 * clock mode (seeded virtual time) or parallel mode (real threads,
 * turbo), on one rewound buffer. The outcome figure is tallied into a
 * histogram, with the share of violated and deadlocked runs.
 */
import { deriveSeed } from '../core/rng';
import type { RewindableRun } from './rewind';
import { compareValues } from './search';

export interface StatsOptions {
  runs: number;
  mode: 'clock' | 'parallel';
  /** Run i uses deriveSeed(seed, i): a sample is reproducible. */
  seed: number;
}

export interface StatsProgress {
  runs: number;
  target: number;
  violated: number;
  deadlocked: number;
  /** Outcome figure value → runs, in value order. */
  histogram: { value: string; count: number }[];
  elapsedMs: number;
  done: boolean;
}

export class Statistics {
  private done = 0;
  private violated = 0;
  private deadlocked = 0;
  private readonly counts = new Map<string, number>();
  private elapsed = 0;

  constructor(
    private readonly run: RewindableRun,
    readonly options: StatsOptions,
  ) {}

  /** One more run; false when all are done. */
  next(): boolean {
    if (this.done >= this.options.runs) return false;
    const t0 = performance.now();
    this.run.configure({ mode: this.options.mode, seed: deriveSeed(this.options.seed >>> 0, this.done), turbo: true });
    const o = this.run.runToEnd();
    this.elapsed += performance.now() - t0;
    this.done++;
    if (o.verdict === 'violated') this.violated++;
    if (o.status === 'deadlock') this.deadlocked++;
    this.counts.set(o.value, (this.counts.get(o.value) ?? 0) + 1);
    return this.done < this.options.runs;
  }

  progress(): StatsProgress {
    return {
      runs: this.done,
      target: this.options.runs,
      violated: this.violated,
      deadlocked: this.deadlocked,
      histogram: [...this.counts].map(([value, count]) => ({ value, count })).sort((a, b) => compareValues(a.value, b.value)),
      elapsedMs: this.elapsed,
      done: this.done >= this.options.runs,
    };
  }
}
