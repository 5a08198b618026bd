import { useEffect, useRef } from 'react';
import { EK } from '../../core/events';
import type { EventLog } from '../../lab/eventLog';
import { LOG_RETAIN } from '../../lab/eventLog';
import { useLabStore } from '../../lab/labStore';
import { useT } from '../app/useT';
import { labController } from './controllerInstance';

const ROW = 14;
const KIND_MARK: Record<number, string> = { [EK.acquire]: '#d97706', [EK.release]: '#16a34a', [EK.block]: '#dc2626', [EK.print]: '#2563eb', [EK.put]: '#7c3aed', [EK.get]: '#0891b2' };

/** Swimlanes of events per process, drawn on a canvas; a slider scrubs through them. */
export function Timeline({ log, lanes }: { log: EventLog | null; lanes: number }) {
  const t = useT();
  const canvas = useRef<HTMLCanvasElement>(null);
  const length = useLabStore((s) => s.snapshot?.logLength ?? 0);
  const overflow = useLabStore((s) => s.snapshot?.logOverflow ?? 0);
  const scrub = useLabStore((s) => s.scrub);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !log) return;
    const width = c.clientWidth || 600;
    const rows = Math.max(1, Math.min(lanes, 40));
    const height = rows * ROW + 4;
    const dpr = window.devicePixelRatio || 1;
    c.width = width * dpr;
    c.height = height * dpr;
    c.style.height = `${height}px`;
    const g = c.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, height);
    const n = log.length;
    if (n === 0) return;
    const perPx = Math.max(1, Math.ceil(n / width));
    for (let i = 0; i < n; i += perPx) {
      const pid = log.pid[i]!;
      if (pid >= rows) continue;
      const x = (i / n) * width;
      const k = log.kind[i]!;
      g.fillStyle = KIND_MARK[k] ?? `hsl(${(pid * 67) % 360} 55% 55%)`;
      g.fillRect(x, 2 + pid * ROW, Math.max(1, width / n), ROW - 3);
    }
    if (scrub !== null) {
      g.fillStyle = 'rgba(0,0,0,0.6)';
      g.fillRect((scrub / n) * width, 0, 2, height);
    }
  }, [log, length, lanes, scrub]);

  const c = labController();
  return (
    <section className="panel timeline-panel" aria-label={t('lab.timeline')}>
      <h2>
        {t('lab.timeline')} <small>{t('lab.events', { n: length + overflow })}</small>
      </h2>
      <canvas ref={canvas} className="timeline-canvas" aria-hidden="true" />
      <div className="scrubber">
        <input
          type="range"
          min={0}
          max={length}
          value={scrub ?? length}
          aria-label={t('lab.timelinePosition')}
          onChange={(e) => {
            const v = Number(e.target.value);
            c.scrubTo(v >= length ? null : v);
          }}
        />
        <button type="button" onClick={() => c.scrubTo(null)} disabled={scrub === null}>
          {t('lab.timelineLive')}
        </button>
      </div>
      {scrub !== null && <p className="muted small">{t('lab.timelineAt', { n: scrub, total: length })}</p>}
      {overflow > 0 && <p className="muted small">{t('lab.timelineOverflow', { n: LOG_RETAIN })}</p>}
    </section>
  );
}
