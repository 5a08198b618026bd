/**
 * Probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi and
 * Nagarakatte, ASPLOS 2010), for settings too large to explore exhaustively.
 *
 * Each run gives every process a random priority (all above d) as it first
 * appears, and picks d − 1 random change points among the run's first k
 * steps. The highest-priority enabled process always runs; at the i-th change
 * point the running process drops to priority i (below every initial one).
 * A bug of depth d (d ordering constraints) is then found by one run with
 * probability at least 1 / (n · k^(d−1)) for n processes and k steps.
 *
 * Seeded: the same seed gives the same runs, so a sample can be reproduced.
 */
import { Rng, deriveSeed } from '../core/rng';
import { MAX_EXPLORE_STEPS, preemptionCost, type Executor, type Outcome } from './search';

export interface PctOptions {
  seed: number;
  /** Bug depth d ≥ 1 (d − 1 change points). */
  depth: number;
  /** Steps over which change points are drawn; learned from the first run when omitted. */
  steps?: number;
  maxSteps?: number;
}

export interface PctRun {
  schedule: number[];
  preemptions: number;
  outcome: Outcome;
  /** Cut short at `maxSteps` with processes still enabled: its outcome is no ending (not a deadlock). */
  cut: boolean;
}

export class Pct {
  private run = 0;
  private k: number;
  /** Processes seen so far (an upper bound on n for the probability bound). */
  processes = 0;

  constructor(
    private readonly ex: Executor,
    readonly options: PctOptions,
  ) {
    this.k = options.steps ?? 0;
  }

  /** Run number `this.run` with its own generator (so run i is the same whatever ran before it). */
  next(): PctRun {
    const ex = this.ex;
    const rng = new Rng(deriveSeed(this.options.seed >>> 0, this.run++));
    const d = Math.max(1, this.options.depth);
    const k = Math.max(1, this.k || 64);
    const changeAt = new Map<number, number>();
    while (changeAt.size < Math.min(d - 1, k)) {
      const step = 1 + rng.int(k);
      if (!changeAt.has(step)) changeAt.set(step, changeAt.size + 1);
    }
    const priority = new Map<number, number>();
    const schedule: number[] = [];
    let preemptions = 0;
    ex.reset();
    const maxSteps = this.options.maxSteps ?? MAX_EXPLORE_STEPS;
    let cut = false;
    for (let step = 1; ; step++) {
      const enabled = ex.enabled();
      if (enabled.length === 0) break;
      if (step > maxSteps) {
        cut = true;
        break;
      }
      let best = -1;
      for (const pid of enabled) {
        if (!priority.has(pid)) priority.set(pid, d + rng.next());
        if (best < 0 || priority.get(pid)! > priority.get(best)!) best = pid;
      }
      const drop = changeAt.get(step);
      if (drop !== undefined) {
        priority.set(best, drop - 1 + rng.next() * 1e-9);
        best = enabled.reduce((a, b) => (priority.get(b)! > priority.get(a)! ? b : a));
      }
      preemptions += preemptionCost({ last: schedule[schedule.length - 1] ?? -1, enabled }, best);
      ex.step(best);
      schedule.push(best);
    }
    this.processes = Math.max(this.processes, priority.size);
    if (!this.k) this.k = Math.max(1, schedule.length);
    return { schedule, preemptions, outcome: ex.outcome(), cut };
  }

  /** k: the steps change points are drawn over. */
  get steps(): number {
    return this.k;
  }

  /** The guaranteed chance that one run finds a bug of depth d: 1 / (n · k^(d−1)). */
  probabilityBound(): number {
    const n = Math.max(1, this.processes);
    const k = Math.max(1, this.k);
    return 1 / (n * k ** (Math.max(1, this.options.depth) - 1));
  }
}
