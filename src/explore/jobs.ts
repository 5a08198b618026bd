/**
 * Long work off the main thread, in slices: an exploration, a PCT sample, a
 * batch of statistics runs or a guided replay, each on one rewound buffer.
 * The explorer worker (src/app/explorer.worker.ts) owns one job at a time; the
 * page asks it to advance for a few tens of milliseconds per call and shows
 * each report, so the page never janks and Cancel is just "stop asking".
 */
import { Memory } from '../core/layout';
import type { Scenario, ScenarioParams } from '../scenarios/types';
import { Pct } from './pct';
import { guidedSchedule } from './replay';
import { RewindableRun, type OpEvent } from './rewind';
import { IterativeSearch, OutcomeTally, Search, type SearchProgress } from './search';
import { Statistics, type StatsProgress } from './statistics';

/** An exploration stops here (a statement says it is not complete). */
export const EXPLORE_TIME_CAP_MS = 120_000;

export type JobSpec =
  | { kind: 'explore'; reduction: boolean; bound: number | null; maxSchedules: number }
  | { kind: 'pct'; depth: number; runs: number; seed: number }
  | { kind: 'stats'; mode: 'clock' | 'parallel'; runs: number; seed: number }
  | { kind: 'replay'; log: OpEvent[] };

/** `bound` and `reduction` are the settings it was made with (the page's may have changed since). */
export type ExploreReport = SearchProgress & { kind: 'explore'; elapsedMs: number; bound: number | null; reduction: boolean };
export type PctReport = Omit<SearchProgress, 'redundant' | 'transitions' | 'complete' | 'stopped' | 'repeated' | 'coveredUpTo' | 'level' | 'boundKind'> & {
  kind: 'pct';
  /** A run went past the step limit: the sample stopped there (its outcome would be no ending). */
  stopped: 'long' | null;
  target: number;
  /** The bound 1 / (n · k^(d−1)) and its n (processes) and k (steps). */
  probability: number;
  processes: number;
  steps: number;
  elapsedMs: number;
};
export type StatsReport = StatsProgress & { kind: 'stats' };
export interface ReplayReport {
  kind: 'replay';
  done: true;
  schedule: number[];
}
export type JobReport = ExploreReport | PctReport | StatsReport | ReplayReport;

export class Job {
  private readonly run: RewindableRun;
  private readonly search: Search | IterativeSearch | null = null;
  private readonly pct: Pct | null = null;
  private readonly pctTally = new OutcomeTally();
  private pctCut = false;
  private readonly stats: Statistics | null = null;
  private elapsed = 0;

  /** `sab` has its objects set up and its workers attached; nothing booted. */
  constructor(
    sab: SharedArrayBuffer,
    scenario: Scenario,
    params: ScenarioParams,
    readonly spec: JobSpec,
  ) {
    this.run = new RewindableRun(Memory.attach(sab), scenario, params, { mode: 'step', seed: 1 });
    if (spec.kind === 'explore') {
      // No bound: bound 0, then 1, then all (iterative context bounding), so the cap still proves something.
      const { reduction, bound, maxSchedules } = spec;
      this.search = bound === null ? new IterativeSearch(this.run, { reduction, maxSchedules }) : new Search(this.run, { reduction, bound, maxSchedules });
    }
    else if (spec.kind === 'pct') this.pct = new Pct(this.run, { seed: spec.seed, depth: spec.depth });
    else if (spec.kind === 'stats') this.stats = new Statistics(this.run, { runs: spec.runs, mode: spec.mode, seed: spec.seed });
  }

  /** Work for about `budgetMs`, then report. */
  advance(budgetMs: number): JobReport {
    const t0 = performance.now();
    const spec = this.spec;
    const more = (): boolean => performance.now() - t0 < budgetMs;
    if (spec.kind === 'replay') return { kind: 'replay', done: true, schedule: guidedSchedule(this.run, spec.log) };
    if (this.search && spec.kind === 'explore') {
      while (this.search.next() && more());
      this.elapsed += performance.now() - t0;
      if (this.elapsed > EXPLORE_TIME_CAP_MS) this.search.stop();
      return { kind: 'explore', ...this.search.progress(), elapsedMs: this.elapsed, bound: spec.bound, reduction: spec.reduction };
    }
    if (this.pct && spec.kind === 'pct') {
      while (this.pctTally.runs < spec.runs && !this.pctCut && more()) {
        const r = this.pct.next();
        // A cut run's state is mid-way: judged, it read as a deadlock (status 'running').
        if (r.cut) this.pctCut = true;
        else this.pctTally.record(r.outcome, r.schedule, r.preemptions);
      }
      this.elapsed += performance.now() - t0;
      return { kind: 'pct', ...this.pctTally.report(), stopped: this.pctCut ? 'long' : null, target: spec.runs, done: this.pctCut || this.pctTally.runs >= spec.runs, probability: this.pct.probabilityBound(), processes: this.pct.processes, steps: this.pct.steps, elapsedMs: this.elapsed };
    }
    const stats = this.stats!;
    while (stats.next() && more());
    return { kind: 'stats', ...stats.progress() };
  }
}
