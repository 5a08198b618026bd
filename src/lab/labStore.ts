/**
 * The process lab's zustand store: settings, run phase, the per-frame
 * snapshot, the verdict. Components select narrowly from it; the controller
 * (controller.ts) is the only writer besides the settings setters.
 */
import { create } from 'zustand';
import type { RunStatus } from '../kernel/scheduler';
import type { Judgement, Verdict } from '../scenarios/types';
import type { Snapshot } from './liveRun';
import { defaultSettings, type LabSettings } from './settings';
import type { StringKey } from '../i18n/i18n';
import type { Phrase } from './narrate';

export type Phase = 'loading' | 'ready' | 'running' | 'paused' | 'ended';

export interface LabMessage {
  key: StringKey;
  vars?: Record<string, string | number>;
  /** Vars that are themselves strings of the dictionary, put into words in the page's language when shown. */
  words?: Record<string, StringKey>;
}

/** A LabMessage in the page's words (`t`: the page's translator). */
export function sayMessage(t: (key: StringKey, vars?: Record<string, string | number>) => string, m: LabMessage): string {
  const words = Object.fromEntries(Object.entries(m.words ?? {}).map(([name, key]) => [name, t(key)]));
  return t(m.key, { ...m.vars, ...words });
}

/** The run has a final verdict: it ended and was judged (ok, violated or deadlock; an error is not judged). */
export const judged = (v: Verdict): boolean => v === 'ok' || v === 'violated' || v === 'deadlock';

export interface LabState {
  settings: LabSettings;
  phase: Phase;
  status: RunStatus;
  verdict: Verdict;
  judgement: Judgement | null;
  snapshot: Snapshot | null;
  /** Ops granted so far under a scheduled mode (Undo needs at least one). */
  steps: number;
  /** Steps Redo can give back (after Undo; a new step drops them). */
  redo: number;
  /** A problem to show (crashed worker, kernel error); Reset clears it. */
  error: LabMessage | null;
  /** Timeline position being inspected, or null for live. */
  scrub: number | null;
  /** The page at that position (moment.ts): every panel shows these instead of the live ones. */
  scrubSnapshot: Snapshot | null;
  scrubJudgement: Judgement | null;
  /** Events logged when `scrubJudgement` was made (the view judges per pull, not per event). */
  scrubJudgedAt: number | null;
  scrubNarration: Phrase[];
  /**
   * A parallel run moving faster than the eye can follow (many events a frame, FAST_EVENTS): the page drops
   * what costs a frame's share and shows nothing at that pace (layout animations, the source's cursors every
   * frame). Cleared when the run ends, so its last state is drawn as usual.
   */
  fast: boolean;
  /**
   * A press made while the run is still being prepared (the Python lab loads for seconds), waiting for it: Run
   * ('run') or Step presses ('step'); null: none. Shown while loading, so a kept press is not taken for a lost one,
   * and what a Stop then has to drop (canStop).
   */
  kept: 'run' | 'step' | null;
  /**
   * Events a load replayed before the learner's own steps (a link's schedule, Undo, Redo, an imported trace; Infinity
   * while the replay goes): the narration says nothing of them. Two snapshots of a replay can be several steps apart,
   * and a sentence comparing them named a step that never happened ("Process-2 acquires the lock" after an Undo).
   */
  narrateFrom: number;
  /** Steps that load replayed (0: none). A verdict reached by them alone is the link's or Undo's, not the learner's. */
  replayedSteps: number;
  /** What the last load replayed, once it has (null: nothing): the narration says where it left the learner. */
  replay: Replay | null;
}

/** A load's replay: by what (Undo, Redo, a link, an imported trace), how many steps, and the pid granted last (null: none). */
export interface Replay {
  by: 'undo' | 'redo' | 'link' | 'trace';
  steps: number;
  last: number | null;
}

/** Nothing scrubbed: the page shows the live run. */
export const LIVE_VIEW = { scrub: null, scrubSnapshot: null, scrubJudgement: null, scrubJudgedAt: null, scrubNarration: [] } as const satisfies Partial<LabState>;

/**
 * Whether Stop has anything to stop: a run playing or paused, processes a step has moved (parked mid-program),
 * or a press kept for the run being prepared. Not a lab that is only loading or ready (nothing started): there a
 * Stop would only end the page's own preparation and leave a lab that needs Reset.
 */
export const canStop = (s: LabState): boolean =>
  s.phase === 'running' || s.phase === 'paused' || (s.phase === 'ready' && (s.steps > 0 || s.verdict === 'running')) || (s.phase === 'loading' && s.kept !== null);

/** The judgement on screen (the scrubbed moment's, or the live one). */
export const shownJudgement = (s: LabState): Judgement | null => (s.scrub === null ? s.judgement : s.scrubJudgement);
/**
 * The event a scrubbed-back moment's judgement was made at, when that is before the moment (a clock or parallel
 * run is judged once per pull): the verdict line and the figures then both say so. Null live or when judged there.
 */
export const scrubJudgedBefore = (s: LabState): number | null =>
  s.scrub !== null && s.scrubJudgement !== null && s.scrubJudgedAt !== null && s.scrubJudgedAt < s.scrub ? s.scrubJudgedAt : null;

export const useLabStore = create<LabState>(() => ({
  settings: defaultSettings(),
  phase: 'loading',
  status: 'idle',
  verdict: 'idle',
  judgement: null,
  snapshot: null,
  steps: 0,
  redo: 0,
  error: null,
  fast: false,
  kept: null,
  narrateFrom: 0,
  replayedSteps: 0,
  replay: null,
  ...LIVE_VIEW,
}));
