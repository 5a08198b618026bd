/**
 * Challenge progress, kept in this browser's localStorage (nothing leaves the
 * page): which goals were met and, for "fewest steps" goals, the best count.
 */
import { create } from 'zustand';
import type { Challenge, ChallengeRun } from '../scenarios/challenges';
import { scenarioById } from '../scenarios/registry';
import { judged, useLabStore } from './labStore';

export interface ChallengeRecord {
  done: boolean;
  /** Fewest steps that met a `fewestSteps` goal. */
  best?: number;
}
export type Progress = Record<string, ChallengeRecord>;

const KEY = 'lockstep.challenges';

export const progressKey = (scenarioId: string, c: Challenge) => `${scenarioId}/${c.id}`;

/** Check a finished run against a scenario's challenges: the new progress and what it newly achieved. */
export function judgeChallenges(scenarioId: string, challenges: readonly Challenge[], run: ChallengeRun, progress: Progress): { progress: Progress; met: Challenge[]; improved: Challenge[] } {
  const next: Progress = { ...progress };
  const met: Challenge[] = [];
  const improved: Challenge[] = [];
  for (const c of challenges) {
    if (!c.met(run)) continue;
    const key = progressKey(scenarioId, c);
    const before = progress[key];
    if (!before?.done) met.push(c);
    const best = c.fewestSteps ? Math.min(run.steps, before?.best ?? Infinity) : undefined;
    if (c.fewestSteps && before?.done && best! < (before.best ?? Infinity)) improved.push(c);
    next[key] = c.fewestSteps ? { done: true, best } : { done: true };
  }
  return { progress: next, met, improved };
}

export function loadProgress(): Progress {
  try {
    const raw = window.localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Progress) : {};
  } catch {
    return {}; // unreadable or storage disabled: start afresh
  }
}

export function saveProgress(p: Progress): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    // storage disabled or full: progress lasts for this page only
  }
}

/** What the last run achieved, for the page to announce: kept as data, so a change of language says it anew. */
export interface ChallengeNews {
  met: Challenge[];
  improved: Challenge[];
  steps: number;
}

/** Progress as the page shows it, plus the last news to announce. */
export const useChallengeStore = create<{ progress: Progress; news: ChallengeNews | null }>(() => ({ progress: loadProgress(), news: null }));

/** Judge every run of the lab as it ends: met goals are saved and announced. Returns the unsubscribe function. */
export function watchChallenges(): () => void {
  return useLabStore.subscribe((s, prev) => {
    if (s.settings.scenarioId !== prev.settings.scenarioId) useChallengeStore.setState({ news: null });
    if (s.verdict === prev.verdict || !judged(s.verdict) || !s.judgement) return;
    // Reached by a replay alone (a shared link's schedule, an imported trace, Redo): the learner did none of it.
    if (s.replayedSteps > 0 && s.steps <= s.replayedSteps) return;
    const sc = scenarioById.get(s.settings.scenarioId);
    if (!sc?.challenges?.length) return;
    const run: ChallengeRun = {
      verdict: s.verdict,
      figures: Object.fromEntries(s.judgement.figures.map((f) => [f.key, f.value])),
      params: s.settings.params,
      mode: s.settings.mode,
      steps: s.steps,
    };
    const r = judgeChallenges(sc.id, sc.challenges, run, loadProgress());
    if (r.met.length === 0 && r.improved.length === 0) return;
    saveProgress(r.progress);
    useChallengeStore.setState({ progress: r.progress, news: { met: r.met, improved: r.improved, steps: s.steps } });
  });
}
