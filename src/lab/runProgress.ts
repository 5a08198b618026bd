/**
 * How far a Run has come: ops done, virtual seconds, and (when known) how many
 * ops the whole run takes. A scheduled run is deterministic, so the total is
 * known once a run with the same scenario, mode, seed and parameters has
 * ended (speed and turbo change only the pace); a parallel run's never is.
 */
import type { Snapshot } from './liveRun';
import { effectivePace, type LabSettings } from './settings';

export interface RunProgress {
  ops: number;
  /** Virtual seconds: the clock of the last event (under parallel, real seconds times the speed, as time.time() counts them). */
  seconds: number;
  /** Ops the whole run takes, or null when not known. */
  total: number | null;
}

const totals = new Map<string, number>();

function runKey(s: LabSettings): string | null {
  return s.mode === 'parallel' ? null : JSON.stringify([s.scenarioId, s.mode, s.seed, s.params]);
}

/** A run with settings `s` ended after `ops` ops: the next one's bar knows its length. */
export function rememberTotal(s: LabSettings, ops: number): void {
  const key = runKey(s);
  if (key !== null && ops > 0) totals.set(key, ops);
}

export function progressOf(snap: Snapshot | null, s: LabSettings): RunProgress {
  const ops = snap ? snap.lanes.reduce((n, l) => n + l.ops, 0) : 0;
  const last = snap?.clock ?? 0;
  const seconds = s.mode === 'parallel' ? last * effectivePace(s).speed : last;
  const key = runKey(s);
  return { ops, seconds, total: key === null ? null : (totals.get(key) ?? null) };
}
