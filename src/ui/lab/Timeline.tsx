import { pidLabel } from '../../core/pid';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { EVENT_KINDS } from '../../core/events';
import { kindOf, objectWithId } from '../../kinds/registry';
import { opWords } from '../../lab/opWords';
import type { EventLog } from '../../lab/eventLog';
import { LOG_RETAIN } from '../../lab/eventLog';
import { useLabStore, type LabState } from '../../lab/labStore';
import { useT } from '../app/useT';
import { labController } from './controllerInstance';
import { currentObject, currentSourceLines } from './runText';
import { EVENT_GROUPS, GROUP_BY_KIND, nearestOf, stepOf, TimelinePainter, TIMELINE_LABEL_PX, TIMELINE_REDRAW_MS, TIMELINE_ROW_PX, TIMELINE_ROWS_SHOWN } from './timelinePaint';
import './timeline.css';

const ROW = TIMELINE_ROW_PX;
/** Rows moved by Page Up / Page Down. */
const PAGE_ROWS = 10;

const NO_NAMES: string[] = [];

/**
 * A store selector for the live run's process names that returns the same array while they are the same
 * (a name never changes once its lane exists): the timeline then skips every snapshot that only moved lanes.
 * A shallow compare of a fresh `map` (useShallow) built two Maps of every name per store update, per frame.
 */
export function laneNames(): (s: LabState) => string[] {
  let lanes: readonly { name: string }[] | undefined;
  let names = NO_NAMES;
  return (s) => {
    const now = s.snapshot?.lanes;
    if (now === lanes) return names;
    lanes = now;
    if (!now) return (names = NO_NAMES);
    if (now.length === names.length && now.every((l, i) => l.name === names[i])) return names;
    return (names = now.map((l) => l.name));
  };
}

/**
 * Swimlanes of events, one named row per process, marks coloured by event kind
 * (the legend); hover or keyboard focus on an event says what it was. The rows
 * scroll (only those in view are drawn) and the canvas is painted by
 * `TimelinePainter`, incrementally and at most every TIMELINE_REDRAW_MS while
 * the run goes. A slider scrubs through the events. The log's length and overflow come with the live
 * snapshot the run's panels draw (RunPanels), so in a crowded run the timeline's count and slider move in the
 * same commit as the lanes, not in one of their own.
 */
export const Timeline = memo(function Timeline({ ref: box, log, lanes, length, overflow }: { ref?: (el: HTMLElement | null) => void | (() => void); log: EventLog | null; lanes: number; length: number; overflow: number }) {
  const t = useT();
  const c = labController();
  const scrub = useLabStore((s) => s.scrub);
  const settled = useLabStore((s) => s.phase !== 'running');
  // Names from the live run: a scrubbed view drops processes not started yet, the rows stay.
  const names = useLabStore(useMemo(laneNames, []));
  const rows = Math.max(lanes, names.length);

  const panel = useRef<HTMLElement>(null);
  // The panel's box, for this component and for the caller's (RunPanels holds it out of view).
  const attach = useCallback(
    (el: HTMLElement | null) => {
      panel.current = el;
      return box?.(el);
    },
    [box],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const legend = useRef<HTMLUListElement>(null);
  const painter = useRef<TimelinePainter | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [width, setWidth] = useState(0);
  /** The x scale the painter used last (markers are placed with it). */
  const [scale, setScale] = useState(64);
  // Hovered and keyboard-focused events, of the run they were picked in (a new run drops them).
  const [hovered, setHovered] = useState<{ log: EventLog; i: number } | null>(null);
  const [focused, setFocused] = useState<{ log: EventLog; i: number } | null>(null);
  const hover = hovered && hovered.log === log ? hovered.i : null;
  const focus = focused && focused.log === log ? focused.i : null;
  const setHover = (i: number | null) => setHovered(i === null || !log ? null : { log, i });
  const setFocus = (i: number | null) => setFocused(i === null || !log ? null : { log, i });

  const firstRow = Math.min(Math.floor(scrollTop / ROW), Math.max(0, rows - 1));
  const rowsInView = Math.max(0, Math.min(rows - firstRow, TIMELINE_ROWS_SHOWN + 1));

  // A marker is drawn (scrubbed, hovered or focused event): only then does the painter's scale reach the render.
  const markers = scrub !== null || hover !== null || focus !== null;
  // What a paint needs, read when the (throttled) paint runs rather than when it was asked for.
  const view = useRef({ log, firstRow, rowsInView, width, settled, markers });
  useLayoutEffect(() => {
    view.current = { log, firstRow, rowsInView, width, settled, markers };
  });
  // A marker appears: place it with the scale the canvas was painted at (the paints below skip it meanwhile).
  useLayoutEffect(() => {
    if (markers && painter.current) setScale(painter.current.scale);
  }, [markers]);

  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastPaint = useRef(0);
  /** The event colours, resolved once per theme (reading computed styles on every paint forced a style pass). */
  const colours = useRef<string[] | null>(null);
  const paintNow = useCallback(() => {
    pending.current = undefined;
    lastPaint.current = performance.now();
    const cv = canvas.current;
    if (!cv) return;
    painter.current ??= new TimelinePainter(cv);
    const v = view.current;
    // The legend's swatches are the colours' one source (theme-aware CSS variables, resolved by the browser).
    if (!colours.current?.length) colours.current = [...(legend.current?.querySelectorAll<HTMLElement>('.ev-swatch') ?? [])].map((el) => getComputedStyle(el).backgroundColor);
    painter.current.setView(v.log, v.firstRow, v.rowsInView, v.width, colours.current);
    painter.current.paint(v.settled);
    // The scale doubles as the log grows (14 times in a queue stress): a render of its own each time, a commit
    // and a page's style, layout and paint, for markers that are mostly not there. Hover reads the painter.
    if (v.markers) setScale(painter.current.scale);
  }, []);
  /**
   * Whether the panel is on screen (or about to be). Out of view a paint only waits: a fast run's timeline sits
   * below the fold, and reading its events there (a queue stress logs millions) took the main thread's share
   * from the frames on screen; the first paint back in view reads what it missed, as a late throttled paint does.
   */
  const onScreen = useRef(true);
  const missed = useRef(false);
  /** Paint soon: at once for a changed view, at most every TIMELINE_REDRAW_MS for a growing log. */
  const requestPaint = useCallback(
    (urgent: boolean) => {
      if (!onScreen.current) {
        missed.current = true;
        return;
      }
      if (pending.current !== undefined) {
        if (!urgent) return;
        clearTimeout(pending.current);
      }
      const wait = urgent ? 0 : Math.max(0, lastPaint.current + TIMELINE_REDRAW_MS - performance.now());
      pending.current = setTimeout(paintNow, wait);
    },
    [paintNow],
  );
  useEffect(() => () => clearTimeout(pending.current), []);
  useEffect(() => {
    const el = panel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        onScreen.current = entries.at(-1)!.isIntersecting;
        if (onScreen.current && missed.current) {
          missed.current = false;
          requestPaint(true);
        }
      },
      // Half a screen early: a learner scrolling down finds it painted.
      { rootMargin: '50% 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [requestPaint]);
  useEffect(() => requestPaint(false), [length, requestPaint]);
  useEffect(() => requestPaint(true), [log, firstRow, rowsInView, width, settled, requestPaint]);

  // The width follows the panel; the colours follow the theme (system or switch).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(40, el.clientWidth - TIMELINE_LABEL_PX));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    const repaint = () => {
      colours.current = null;
      requestPaint(true);
    };
    dark.addEventListener('change', repaint);
    const mo = new MutationObserver(repaint);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      ro.disconnect();
      dark.removeEventListener('change', repaint);
      mo.disconnect();
    };
  }, [requestPaint]);

  const x = (i: number) => TIMELINE_LABEL_PX + (width > 0 ? (i / scale) * width : 0);

  const onMove = (e: React.MouseEvent<HTMLDivElement>) => {
    const el = scroller.current;
    if (!log || !el || width === 0) return;
    const r = el.getBoundingClientRect();
    const px = e.clientX - r.left - TIMELINE_LABEL_PX;
    const pid = Math.floor((e.clientY - r.top + el.scrollTop) / ROW);
    if (px < 0 || pid < 0 || pid >= rows) return setHover(null);
    const painted = painter.current?.scale ?? scale;
    const at = Math.floor((px / width) * painted);
    const j = nearestOf(log, pid, Math.min(at, log.length - 1), Math.ceil((painted / width) * 4));
    setHover(j >= 0 ? j : null);
  };

  /** Put the keyboard's event at `i` and scroll its row into view. */
  const focusOn = (i: number) => {
    if (!log || i < 0 || i >= log.length) return;
    setFocus(i);
    const el = scroller.current;
    const top = log.pid[i]! * ROW;
    if (el && (top < el.scrollTop || top + ROW > el.scrollTop + el.clientHeight)) el.scrollTop = Math.max(0, top - el.clientHeight / 2);
  };

  const onKey = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (!log || log.length === 0) return;
    const at = focus ?? log.length - 1;
    const pid = log.pid[at]!;
    /** The nearest event of the process `d` rows away that has any (rows without events are skipped). */
    const otherRow = (d: number) => {
      for (let p = pid + d; p >= 0 && p < rows; p += Math.sign(d)) {
        const j = nearestOf(log, p, at);
        if (j >= 0) return j;
      }
      return -1;
    };
    const moves: Record<string, () => number> = {
      ArrowRight: () => stepOf(log, pid, at, 1),
      ArrowLeft: () => stepOf(log, pid, at, -1),
      ArrowDown: () => otherRow(1),
      ArrowUp: () => otherRow(-1),
      PageDown: () => otherRow(PAGE_ROWS),
      PageUp: () => otherRow(-PAGE_ROWS),
      Home: () => stepOf(log, pid, -1, 1),
      End: () => stepOf(log, pid, log.length, -1),
    };
    if (e.key in moves) {
      e.preventDefault();
      if (focus === null) return focusOn(at);
      const j = moves[e.key]!();
      if (j >= 0) focusOn(j);
    } else if (e.key === 'Enter' && focus !== null) {
      e.preventDefault();
      c.scrubTo(focus + 1 >= length ? null : focus + 1);
    } else if (e.key === 'Escape') setFocus(null);
  };

  const shown = hover ?? focus;
  const lines = currentSourceLines();
  const detail = shown !== null && log && shown < log.length ? describe(log, shown, names, lines, t) : null;

  return (
    <section ref={attach} className="panel timeline-panel" aria-label={t('lab.timeline')}>
      <h2>
        {t('lab.timeline')} <small>{t('lab.events', { n: length + overflow })}</small>
      </h2>
      <ul className="timeline-legend" ref={legend} aria-label={t('lab.timelineLegend')}>
        {EVENT_GROUPS.map((g) => (
          <li key={g}>
            <span className={`ev-swatch ev-${g}`} aria-hidden="true" />
            {t(`lab.ev.${g}`)}
          </li>
        ))}
      </ul>
      <div
        className="timeline-scroll"
        ref={scroller}
        tabIndex={0}
        role="group"
        aria-label={t('lab.timelineEvents')}
        aria-describedby="timeline-help"
        style={{ maxHeight: TIMELINE_ROWS_SHOWN * ROW + 2 }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
        onKeyDown={onKey}
      >
        <div className="timeline-space" style={{ height: Math.max(1, rows) * ROW }}>
          <ol className="timeline-labels" aria-label={t('lab.timelineRows')} style={{ width: TIMELINE_LABEL_PX }}>
            {names.slice(firstRow, firstRow + rowsInView).map((name, k) => (
              <li key={firstRow + k} style={{ top: (firstRow + k) * ROW, height: ROW }} title={name}>
                {name}
              </li>
            ))}
          </ol>
          <canvas ref={canvas} className="timeline-canvas" aria-hidden="true" style={{ top: firstRow * ROW, left: TIMELINE_LABEL_PX }} />
          {scrub !== null && <div className="timeline-scrub" aria-hidden="true" style={{ left: x(scrub) }} />}
          {focus !== null && log && focus < log.length && <div className="timeline-mark focus" aria-hidden="true" style={{ left: x(focus) - 2, top: log.pid[focus]! * ROW }} />}
          {hover !== null && log && hover < log.length && <div className="timeline-mark hover" aria-hidden="true" style={{ left: x(hover) - 2, top: log.pid[hover]! * ROW }} />}
        </div>
      </div>
      <p id="timeline-help" className="muted small">
        {t('lab.timelineHelp')}
      </p>
      <p className="timeline-detail" aria-live="polite">
        {detail && (
          <>
            {detail.text}
            {detail.code && (
              <>
                {' '}
                <code>{detail.code}</code>
              </>
            )}
          </>
        )}
      </p>
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
});

/**
 * Event `i` in words: which process did what to which object, in the learner's words (opWords: "put into q", not
 * "put"), at which Python line (and that line's code). The object's kind is read from the live snapshot's objects.
 */
export function describe(log: EventLog, i: number, names: readonly string[], lines: readonly string[], t: ReturnType<typeof useT>): { text: string; code: string } {
  const pid = log.pid[i]!;
  const kind = log.kind[i]!;
  const objId = log.obj[i]!;
  const line = log.line[i]!;
  const obj = objId >= 1000 ? (names[objId - 1000] ?? pidLabel(objId - 1000)) : (currentObject(objId)?.name ?? '');
  const objects = useLabStore.getState().snapshot?.objects;
  const ofKind = objId >= 0 && objId < 1000 && objects ? objectWithId(objects, objId) : undefined;
  const ev = EVENT_KINDS[kind] ?? 'note';
  const op = t(opWords(ofKind && kindOf(ofKind.kind), ev, log.result[i]!), { obj }).trim();
  const vars = { n: i + 1, name: names[pid] ?? pidLabel(pid), op, group: t(`lab.ev.${EVENT_GROUPS[GROUP_BY_KIND[kind] ?? 0]!}`), line: line > 0 ? line : '—' };
  return { text: t('lab.timelineDetail', vars), code: line > 0 ? (lines[line - 1]?.trim() ?? '') : '' };
}
