import { useEffect } from 'react';
import { useLabStore } from '../../lab/labStore';
import { liveOf, useShownSnapshot } from './shownSnapshot';
import { progressOf, rememberTotal } from '../../lab/runProgress';
import { useT } from '../app/useT';

/** While a Run goes (or is paused): ops done and virtual seconds, with a bar when the run's length is known. */
export function RunProgress() {
  const t = useT();
  const phase = useLabStore((s) => s.phase);
  const verdict = useLabStore((s) => s.verdict);
  const settings = useLabStore((s) => s.settings);
  // In a crowded run it moves in the same commit as the run's panels (a transition), not in one of its own.
  const snapshot = useShownSnapshot(liveOf).shown;
  const p = progressOf(snapshot, settings);
  const ended = verdict === 'ok' || verdict === 'violated' || verdict === 'deadlock';
  useEffect(() => {
    if (ended) rememberTotal(settings, p.ops);
  }, [ended, settings, p.ops]);
  if (phase !== 'running' && phase !== 'paused') return null;
  const text = t('lab.progress.text', { ops: p.ops, seconds: Math.round(p.seconds * 10) / 10 });
  return (
    <div className="run-progress">
      {p.total !== null && <progress aria-label={t('lab.progress')} max={p.total} value={Math.min(p.ops, p.total)} />}
      <span className="muted small">{text}</span>
    </div>
  );
}
