import { useEffect, useRef } from 'react';
import type { LaneView } from '../../lab/liveRun';
import { useT } from '../app/useT';
import { procColor } from './colors';

/** Printed lines in order, each in its process's colour: the interleaving is visible at a glance. */
export function ConsoleView({ lines, lanes }: { lines: { pid: number; text: string }[]; lanes: LaneView[] }) {
  const t = useT();
  const ref = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  const shown = lines.length > 2000 ? lines.slice(-2000) : lines;
  return (
    <section className="panel console-panel" aria-label={t('lab.console')}>
      <h2>{t('lab.console')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('lab.consoleEmpty')}</p>
      ) : (
        <ol className="console" ref={ref} aria-live="off" tabIndex={0} aria-label={t('lab.console')}>
          {shown.map((l, i) => (
            <li key={lines.length - shown.length + i} style={{ borderLeftColor: procColor(l.pid) }} data-pid={l.pid} title={lanes.find((x) => x.pid === l.pid)?.name}>
              <code>{l.text}</code>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
