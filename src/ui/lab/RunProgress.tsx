import { useEffect } from 'react';
import { judged, useLabStore } from '../../lab/labStore';
import { liveOf, useShownSnapshot } from './shownSnapshot';
import { progressOf, rememberTotal } from '../../lab/runProgress';
import { useT } from '../app/useT';

/**
 * While a Run goes (or is paused): ops done and virtual seconds, with a bar when the run's length is known.
 * `loading`: what to say while the run is being prepared (the Python lab's interpreters), on the same line.
 */
export function RunProgress({ loading }: { loading?: string }) {
  const t = useT();
  const phase = useLabStore((s) => s.phase);
  const verdict = useLabStore((s) => s.verdict);
  const settings = useLabStore((s) => s.settings);
  // In a crowded run it moves in the same commit as the run's panels (a transition), not in one of its own.
  const snapshot = useShownSnapshot(liveOf).shown;
  const p = progressOf(snapshot, settings);
  const ended = judged(verdict);
  useEffect(() => {
    if (ended) rememberTotal(settings, p.ops);
  }, [ended, settings, p.ops]);
  // The line is there (empty) before and after a Run too: its coming and its growing digits moved or resized
  // the buttons beside it (every button 180 px at 1440 px wide, Reset 265 -> 71 px on a phone) each frame of a run.
  const shown = phase === 'running' || phase === 'paused';
  // The Python lab's loading note had a line of its own above the lab, and everything below it moved up when it went.
  const text = shown ? t('lab.progress.text', { ops: p.ops, seconds: Math.round(p.seconds * 10) / 10 }) : phase === 'loading' ? (loading ?? '') : '';
  return (
    <div className="run-progress">
      {shown && p.total !== null && <progress aria-label={t('lab.progress')} max={p.total} value={Math.min(p.ops, p.total)} />}
      {text && <span className="muted small">{text}</span>}
    </div>
  );
}
