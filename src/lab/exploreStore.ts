/**
 * The explorer's and the statistics' state (src/lab/jobs.ts writes it, the
 * panels in src/ui/explore read it): their settings (in the URL as `bound`
 * and `runs`), the latest reports, and whether a job is under way.
 */
import { create } from 'zustand';
import type { ExploreReport, PctReport, StatsReport } from '../explore/jobs';
import { useLabStore, type LabMessage } from './labStore';
import type { Scenario } from '../scenarios/types';

export type BoundSetting = 0 | 1 | 2 | 3 | null;
export const BOUNDS: readonly BoundSetting[] = [0, 1, 2, 3, null];
export const MAX_RUNS = 100_000;
export const MIN_RUNS = 10;

/** The lock settings "Run many" runs side by side: on and off when the scenario has a `lock` option, else the one setting (null). */
export function statsLocks(scenario: Pick<Scenario, 'options'>): (string | null)[] {
  return scenario.options.some((o) => o.name === 'lock') ? ['on', 'off'] : [null];
}

export interface StatsColumn {
  /** The lock setting of this column ('on'/'off'), or null when the scenario has no lock. */
  lock: string | null;
  report: StatsReport;
}

export interface Prediction {
  /** What the learner expects of the main Outcome figure, or "deadlock". */
  value: string;
}

export interface ExploreState {
  bound: BoundSetting;
  reduction: boolean;
  runs: number;
  pctDepth: number;
  /** Which job runs now. */
  busy: 'explore' | 'pct' | 'stats' | 'replay' | null;
  explore: ExploreReport | PctReport | null;
  stats: StatsColumn[];
  error: LabMessage | null;
  prediction: Prediction | null;
}

export const useExploreStore = create<ExploreState>(() => ({
  bound: null,
  reduction: true,
  runs: 1000,
  pctDepth: 2,
  busy: null,
  explore: null,
  stats: [],
  error: null,
  prediction: null,
}));

/**
 * Reports belong to the scenario and parameters they were made for: another scenario or other numbers
 * clear them (else the outcomes, counts and the prediction's reveal of one scenario stood under the
 * next, and an outcome's schedule would load into a program it was not taken from). A prediction is of
 * the scenario's main figure: it stays while only the parameters change. Statistics also belong to the
 * kind of run they were gathered from (clock-mode seeds, or real threads under parallel: jobs.ts `stats`),
 * so a switch between the two clears them; the schedules explored are step-mode runs under any mode.
 */
const statsKind = (mode: string) => (mode === 'parallel' ? 'parallel' : 'clock');
useLabStore.subscribe((now, before) => {
  const a = now.settings;
  const b = before.settings;
  const otherScenario = a.scenarioId !== b.scenarioId;
  if (!otherScenario && (a.params === b.params || JSON.stringify(a.params) === JSON.stringify(b.params))) {
    if (statsKind(a.mode) !== statsKind(b.mode) && useExploreStore.getState().stats.length > 0) useExploreStore.setState({ stats: [] });
    return;
  }
  useExploreStore.setState({ explore: null, stats: [], error: null, ...(otherScenario ? { prediction: null } : {}) });
});
