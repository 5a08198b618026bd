/**
 * Challenges: goals a scenario offers, checked from the run itself (its
 * final verdict, Outcome figures, parameters, mode and step count), in the
 * spirit of The Deadlock Empire. A scenario lists its own in `challenges`;
 * progress lives in the browser (src/lab/challengeProgress.ts).
 */
import type { Localized, ScenarioParams, Verdict } from './types';

/** What a finished run shows, as a challenge sees it. */
export interface ChallengeRun {
  verdict: Verdict;
  /** Outcome figures by their English key ("Tickets sold": 2). */
  figures: Record<string, number | string>;
  params: ScenarioParams;
  mode: 'step' | 'clock' | 'parallel';
  /** Operations granted (step and clock modes); fewer is a better score for `fewestSteps` challenges. */
  steps: number;
}

export interface Challenge {
  /** Unique within its scenario; the progress key is `<scenario>/<id>`. */
  id: string;
  goal: Localized;
  /** A one-line hint of how to get there. */
  hint?: Localized;
  met(run: ChallengeRun): boolean;
  /** Keep the smallest step count that met the goal ("in as few steps as you can"). */
  fewestSteps?: boolean;
}

/** A figure as a number (a figure may be '—' while unknown). */
export function figure(run: ChallengeRun, key: string): number {
  const v = run.figures[key];
  return typeof v === 'number' ? v : Number.NaN;
}
