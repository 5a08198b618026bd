import { memo, useMemo } from 'react';
import type { LaneView } from '../../lab/liveRun';
import { useLabStore } from '../../lab/labStore';
import { useT } from '../app/useT';
import { CodeEditor, type LineCursor } from '../python/CodeEditor';
import { procColor } from './colors';
import { COMPACT_LANES, useCrowd } from './Lanes';
import { NAMED_PER_LINE, summarizeCursors } from './cursorSummary';
import { useThrottled } from './useThrottled';

/**
 * Past the lanes' compact threshold, and while a run is faster than the eye (labStore's `fast`), the cursors
 * move 5 times a second: the pace the eye can follow (a move itself is cheap, the editor draws the cursors
 * in a layer of their own, never as an editor update).
 */
const MANY_CURSORS_MS = 200;

const ignoreEdits = () => undefined;

/**
 * The Python program, highlighted and read-only in the Python lab's editor
 * (CodeMirror), with each live process's line marked in its colour and named;
 * below it, where each process is, as text. The frame scrolls (focusable, so
 * the keyboard scrolls it too) rather than widening the page.
 */
export const PythonSource = memo(function PythonSource({ source, lanes, struck }: { source: string; lanes: LaneView[]; struck: number[] }) {
  const t = useT();
  const live = useMemo(() => lanes.filter((l) => l.state !== 'done' && l.state !== 'terminated' && (l.nextLine || l.line) > 0), [lanes]);
  const shownCursors = summarizeCursors(
    live.map((l) => ({ pid: l.pid, line: l.nextLine || l.line, name: l.name })),
    NAMED_PER_LINE,
    (n) => t('lab.sourceMore', { n }),
  );
  // Keyed by content: a new snapshot with the same lines must not redraw the marks.
  const key = shownCursors.map((c) => `${c.pid}:${c.line}:${c.name}`).join('|');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const everyCursor = useMemo<LineCursor[]>(() => shownCursors, [key]);
  const fast = useLabStore((s) => s.fast);
  const crowded = useCrowd(lanes.length) > COMPACT_LANES;
  // A crowded run's lanes come paced already (RunPanels' slow copy, in the commit of a snapshot): a timer of
  // its own here would commit the cursors on their own, a frame's work more each time.
  const cursors = useThrottled(everyCursor, MANY_CURSORS_MS, fast && !crowded);
  const code = useMemo(() => source.replace(/\n$/, ''), [source]);
  return (
    <section className="panel source-panel" aria-label={t('lab.source')}>
      <h2>{t('lab.source')}</h2>
      {struck.length > 0 && <p className="muted small">{t('lab.sourceLockOff')}</p>}
      <div className="source" tabIndex={0} role="region" aria-label={t('lab.sourceCode')}>
        <CodeEditor value={code} onChange={ignoreEdits} readOnly cursors={cursors} error={null} label={t('lab.source')} struck={struck} tabbable={false} labels />
      </div>
      {live.length > 0 && (
        <ul className="source-where" aria-label={t('lab.sourceWhere')}>
          {live.slice(0, 12).map((l) => (
            <li key={l.pid} style={{ '--pc': procColor(l.pid) } as React.CSSProperties}>
              <span className="lane-swatch" aria-hidden="true" />
              {l.name}: {t('lab.line', { line: l.nextLine || l.line })}
            </li>
          ))}
          {live.length > 12 && <li>{t('lab.sourceMore', { n: live.length - 12 })}</li>}
        </ul>
      )}
    </section>
  );
});
