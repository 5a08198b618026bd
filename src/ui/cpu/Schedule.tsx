import { useMemo, type MouseEvent } from 'react';
import type { Segment, SimResult } from '../../cpu/simulate';
import { ST, type JobState } from '../../cpu/types';
import { useCpuStore } from './cpuStore';
import { useT } from '../app/useT';
import { jobColor } from './fields';
import { useFormat } from './useFormat';
import { axisLabels } from './axisLabels';
import { ScrollX } from './ScrollX';

/** Pixels per tick: wide enough to read short runs, narrow enough that long ones scroll little. */
function tickWidth(length: number): number {
  if (length <= 30) return 28;
  if (length <= 60) return 18;
  if (length <= 120) return 11;
  return 7;
}

function axisStep(w: number): number {
  for (const s of [1, 2, 5, 10, 20, 50, 100, 200, 500]) if (s * w >= 26) return s;
  return 1000;
}

const STATE_KEYS = {
  [ST.Ready]: 'cpu.state.ready',
  [ST.Running]: 'cpu.state.running',
  [ST.Blocked]: 'cpu.state.blocked',
} as const;

interface Run {
  state: JobState;
  start: number;
  end: number;
}

/** A job's states as runs (future and done included), from the trace, for the ticks before `until`. */
function runsOf(result: SimResult, j: number, until: number): Run[] {
  const runs: Run[] = [];
  for (const k of (result.trace ?? []).slice(0, until)) {
    const s = k.states[j] as JobState;
    const last = runs[runs.length - 1];
    if (last && last.state === s) last.end = k.t + 1;
    else runs.push({ state: s, start: k.t, end: k.t + 1 });
  }
  return runs;
}

/** The CPU segments that start before `until`, cut at `until`. */
function segmentsUntil(result: SimResult, until: number): Segment[] {
  return result.segments.filter((g) => g.start < until).map((g) => (g.end <= until ? g : { ...g, end: until }));
}

/**
 * The Gantt chart (CPU segments, idle gaps, context switches), the state strip
 * per job beneath it on the same time axis, and the "Timeline" list that says
 * the same in text. Only ticks before `shownUntil` are drawn or listed (the
 * "reveal as it runs" view); in the full view, ticks after the cursor are
 * veiled. A click picks a tick.
 */
export function Schedule({ result, cursor, shownUntil }: { result: SimResult; cursor: number; shownUntil: number }) {
  const t = useT();
  const f = useFormat();
  const len = result.length;
  const w = tickWidth(len);
  const width = Math.max(1, len) * w;
  const step = axisStep(w);
  const names = result.jobs.map((j) => j.name);
  const pick = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const tick = Math.floor((e.clientX - box.left) / w);
    const s = useCpuStore.getState();
    s.setPlaying(false);
    s.setCursor(Math.max(0, Math.min(len, tick)));
  };
  // Everything but the cursor and the veil depends on the run and the revealed range only: in the
  // full view it is built once per run, so stepping re-renders two boxes per row, not every segment.
  const shown = useMemo(() => segmentsUntil(result, shownUntil), [result, shownUntil]);
  const segs = useMemo(() => {
    const w = tickWidth(result.length);
    const names = result.jobs.map((j) => j.name);
    return shown.map((g, i) => (
        <div
          key={i}
          className={g.job < 0 ? 'cpu-seg idle' : 'cpu-seg'}
          style={{ left: g.start * w, width: (g.end - g.start) * w, background: g.job < 0 ? undefined : jobColor(g.job) }}
          title={`${g.job < 0 ? t('cpu.idle') : names[g.job]} ${f.int(g.start)}–${f.int(g.end)}`}
        >
          {(g.end - g.start) * w >= 14 ? (g.job < 0 ? '' : names[g.job]) : ''}
        </div>
    ));
  }, [result, shown, t, f]);
  const rows = useMemo(() => result.jobs.map((_, j) => runsOf(result, j, shownUntil)), [result, shownUntil]);
  const cells = useMemo(() => {
    const w = tickWidth(result.length);
    return rows.map((runs) => runs.map((r, i) => <div key={i} className={`cpu-st st-${r.state}`} style={{ left: r.start * w, width: (r.end - r.start) * w }} />));
  }, [rows, result.length]);
  const current = shown.findIndex((g) => cursor >= g.start && cursor < g.end);
  const switches = result.switches.filter((s) => s < shownUntil);
  const items = useMemo(
    () =>
      shown.map((g, i) => (
        <li key={i} className={g.job < 0 ? 'idle' : undefined} aria-current={i === current ? 'true' : undefined} style={g.job < 0 ? undefined : { borderColor: jobColor(g.job) }}>
          {`${g.job < 0 ? 'idle' : result.jobs[g.job]!.name} ${f.int(g.start)}–${f.int(g.end)}`}
        </li>
      )),
    [result, shown, current, f],
  );
  const veil = cursor < len && shownUntil > cursor + 1 ? <div className="cpu-veil" style={{ left: (cursor + 1) * w, width: width - (cursor + 1) * w }} /> : null;
  const mark = cursor < len ? <div className="cpu-cursor" style={{ left: cursor * w, width: w }} /> : null;

  const label = (s: JobState) => (s === ST.Ready || s === ST.Running || s === ST.Blocked ? t(STATE_KEYS[s]) : '');
  const describeRow = (j: number, runs: Run[]) =>
    `${names[j]}: ` +
    runs
      .filter((r) => r.state !== ST.Future && r.state !== ST.Done)
      .map((r) => `${label(r.state)} ${f.int(r.start)}–${f.int(r.end)}`)
      .join(', ');

  return (
    <section className="panel cpu-schedule" aria-labelledby="cpu-gantt-title">
      <h3 id="cpu-gantt-title">{t('cpu.gantt')}</h3>
      {/* Focusable so the chart can be scrolled sideways from the keyboard. */}
      <ScrollX className="cpu-scroll" label={t('cpu.gantt')}>
        <div className="cpu-chart" style={{ width: width + 48 }}>
          {/* The Gantt bar: its content is the Timeline list below, for assistive tech. */}
          <div className="cpu-row cpu-gantt" aria-hidden="true">
            <span className="cpu-row-label">{t('cpu.cpu')}</span>
            <div className="cpu-track" style={{ width }} onClick={pick}>
              {segs}
              {switches.map((s) => (
                <div key={s} className="cpu-switch" style={{ left: s * w }} title={t('cpu.switchAt', { t: f.int(s) })} />
              ))}
              {mark}
              {veil}
            </div>
          </div>
          <div className="cpu-row cpu-axis" aria-hidden="true">
            <span className="cpu-row-label" />
            <div className="cpu-track" style={{ width }}>
              {axisLabels(len, w, step, f.int).map((a) => (
                <span key={a.x} className={a.end ? 'cpu-axis-tick end' : 'cpu-axis-tick'} style={{ left: a.x * w }}>
                  {a.text}
                </span>
              ))}
            </div>
          </div>
          <div className="cpu-strip" role="group" aria-label={t('cpu.strip')}>
            {rows.map((runs, j) => {
              return (
                <div key={j} className="cpu-row" role="img" aria-label={describeRow(j, runs)}>
                  <span className="cpu-row-label">{names[j]}</span>
                  <div className="cpu-track thin" style={{ width, ['--jc' as string]: jobColor(j) }} onClick={pick}>
                    {cells[j]}
                    {mark}
                    {veil}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </ScrollX>
      <ul className="cpu-legend" aria-label={t('cpu.legend')}>
        <li>
          <span className="key st-2" /> {t('cpu.state.running')}
        </li>
        <li>
          <span className="key st-1" /> {t('cpu.state.ready')}
        </li>
        <li>
          <span className="key st-3" /> {t('cpu.state.blocked')}
        </li>
        <li>
          <span className="key st-4" /> {t('cpu.state.done')}
        </li>
        <li>
          <span className="key idle" /> {t('cpu.idle')}
        </li>
        <li>
          <span className="key switch" /> {t('cpu.switches', { n: f.int(switches.length) })}
        </li>
      </ul>
      <h4 className="cpu-sub" id="cpu-timeline-title">
        {t('cpu.timeline')}
      </h4>
      <ol className="cpu-timeline" aria-label={t('cpu.timeline')}>
        {items}
      </ol>
    </section>
  );
}
