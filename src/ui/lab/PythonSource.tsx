import { useMemo } from 'react';
import type { LaneView } from '../../lab/liveRun';
import { useT } from '../app/useT';
import { procColor } from './colors';

/** The Python program with a cursor per process at the line it will run next. */
export function PythonSource({ source, lanes, struck }: { source: string; lanes: LaneView[]; struck: number[] }) {
  const t = useT();
  const lines = useMemo(() => source.replace(/\n$/, '').split('\n'), [source]);
  const struckSet = useMemo(() => new Set(struck), [struck]);
  const cursors = new Map<number, LaneView[]>();
  for (const l of lanes) {
    if (l.state === 'done' || l.state === 'terminated') continue;
    const at = l.nextLine || l.line;
    if (at > 0) cursors.set(at, [...(cursors.get(at) ?? []), l]);
  }
  return (
    <section className="panel source-panel" aria-label={t('lab.source')}>
      <h2>{t('lab.source')}</h2>
      {struck.length > 0 && <p className="muted small">{t('lab.sourceLockOff')}</p>}
      {/* Scrolls when long: focusable so keyboard users can scroll it too. */}
      <ol className="source" tabIndex={0} aria-label={t('lab.source')}>
        {lines.map((text, i) => {
          const n = i + 1;
          const here = cursors.get(n) ?? [];
          return (
            <li key={n} className={`${struckSet.has(n) ? 'struck' : ''}${here.length ? ' active' : ''}`} data-line={n}>
              <span className="ln" aria-hidden="true">
                {n}
              </span>
              <span className="cursors">
                {here.slice(0, 6).map((l) => (
                  <span key={l.pid} className="cursor" style={{ background: procColor(l.pid) }} title={l.name} />
                ))}
                {here.length > 6 && <span className="cursor-more">+{here.length - 6}</span>}
              </span>
              <code>{struckSet.has(n) ? <s>{text}</s> : text || ' '}</code>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
