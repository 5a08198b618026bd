/**
 * The timeline's drawing, apart from React: one row per process, one mark per
 * event, coloured by the event's kind group (never by process: rows are
 * named by their labels). Only the rows in view are drawn, and a growing log
 * is drawn incrementally: the x scale is a power of two of events, so new
 * events land to the right of the old ones and only they are painted; the
 * whole canvas is repainted when the scale doubles, when the rows in view or
 * the size change, and once the log stops growing (to fit the width).
 * `scripts/bench.mjs` quotes these constants: import them, do not parse this file.
 */
import { EK, type EventKind } from '../../core/events';

/** Height of one process row, px. */
export const TIMELINE_ROW_PX = 16;
/** Rows in view before the timeline scrolls. */
export const TIMELINE_ROWS_SHOWN = 24;
/** Width of the process-name column, px. */
export const TIMELINE_LABEL_PX = 104;
/** At most one paint per this many ms while the log grows (a 1,000-lane run must not cost frames). */
export const TIMELINE_REDRAW_MS = 250;

/** The legend: event kinds grouped by what they mean to a learner; each group is one colour (--ev-<group>). */
export const EVENT_GROUPS = ['acquire', 'release', 'block', 'read', 'write', 'put', 'get', 'print', 'process', 'other'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

const GROUP_OF: Partial<Record<EventKind, EventGroup>> = {
  acquire: 'acquire',
  release: 'release',
  block: 'block',
  load: 'read',
  read: 'read',
  qsize: 'read',
  empty: 'read',
  full: 'read',
  poll: 'read',
  store: 'write',
  write: 'write',
  put: 'put',
  send: 'put',
  get: 'get',
  recv: 'get',
  print: 'print',
  start: 'process',
  exit: 'process',
  spawn: 'process',
  join: 'process',
  terminate: 'process',
  killed: 'process',
  raise: 'process',
};

/** The group index of each event kind number (the hot loop reads this, not a map). */
export const GROUP_BY_KIND: Uint8Array = (() => {
  const out = new Uint8Array(Object.keys(EK).length).fill(EVENT_GROUPS.indexOf('other'));
  for (const [kind, group] of Object.entries(GROUP_OF)) out[EK[kind as EventKind]] = EVENT_GROUPS.indexOf(group);
  return out;
})();

/** The log columns the painter reads (an `EventLog` fits). */
export interface PaintLog {
  length: number;
  pid: ArrayLike<number>;
  kind: ArrayLike<number>;
}

/** The x scale while the log grows: the next power of two (≥ 64) at or above `n`. */
export function growingScale(n: number): number {
  let c = 64;
  while (c < n) c *= 2;
  return c;
}

export class TimelinePainter {
  private log: PaintLog | null = null;
  private drawn = 0;
  /** Events across the width. */
  scale = 64;
  private width = 0;
  private firstRow = 0;
  private rows = 0;
  /**
   * Per row in view: the last column painted (events of a row arrive left to right, so one check
   * dedupes). A column shows its first event's group: when many events share a pixel (a long
   * parallel run: 100+ per column), painting each one over the last cost most of the main
   * thread's CPU during the run (profiled: the bank program, n = 20,000, Run → verdict).
   */
  private lastCol = new Int32Array(0);
  private colours: string[] = [];
  private dirty = true;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** Where to draw: the log, the rows in view [firstRow, firstRow + rows), the width in CSS px and the groups' colours. */
  setView(log: PaintLog | null, firstRow: number, rows: number, width: number, colours: string[]): void {
    if (log !== this.log || firstRow !== this.firstRow || rows !== this.rows || width !== this.width || colours.join() !== this.colours.join()) this.dirty = true;
    this.log = log;
    this.firstRow = firstRow;
    this.rows = rows;
    this.width = width;
    this.colours = colours;
  }

  /**
   * Paint what is new (or everything, when the view changed or the scale must change). `settled`: the run is
   * not running (paused, stepped, ended), so the log is fitted to the width. Returns whether it repainted in full.
   */
  paint(settled: boolean): boolean {
    const n = this.log?.length ?? 0;
    // Growing past the scale doubles it; a settled log is fitted to the width.
    const scale = settled ? Math.max(1, n) : n > this.scale ? growingScale(n) : this.scale;
    if (this.dirty || scale !== this.scale) {
      this.scale = scale;
      this.full();
      return true;
    }
    if (n > this.drawn) this.draw(this.drawn, n);
    return false;
  }

  /** The x of event `i` in CSS px. */
  x(i: number): number {
    return (i / this.scale) * this.width;
  }

  /** The event index under x (CSS px). */
  indexAt(x: number): number {
    return Math.floor((x / this.width) * this.scale);
  }

  private full(): void {
    const c = this.canvas;
    const dpr = globalThis.devicePixelRatio || 1;
    const height = this.rows * TIMELINE_ROW_PX;
    c.width = Math.max(1, Math.round(this.width * dpr));
    c.height = Math.max(1, Math.round(height * dpr));
    c.style.width = `${this.width}px`;
    c.style.height = `${height}px`;
    const g = c.getContext('2d');
    if (g) {
      g.setTransform(dpr, 0, 0, dpr, 0, 0);
      g.clearRect(0, 0, this.width, height);
    }
    this.lastCol = new Int32Array(this.rows).fill(-1);
    this.dirty = false;
    this.drawn = 0;
    this.draw(0, this.log?.length ?? 0);
  }

  private draw(from: number, to: number): void {
    const log = this.log;
    const g = this.canvas.getContext('2d');
    this.drawn = to;
    if (!log || !g || this.rows === 0) return;
    const { pid, kind } = log;
    const first = this.firstRow;
    const end = first + this.rows;
    const perPx = this.width / this.scale;
    const markW = Math.max(1, perPx);
    for (let i = from; i < to; i++) {
      const p = pid[i]!;
      if (p < first || p >= end) continue;
      const row = p - first;
      const col = Math.floor(i * perPx);
      if (col === this.lastCol[row]) continue;
      this.lastCol[row] = col;
      const group = GROUP_BY_KIND[kind[i]!] ?? 0;
      g.fillStyle = this.colours[group] ?? '#888';
      g.fillRect(i * perPx, row * TIMELINE_ROW_PX + 2, markW, TIMELINE_ROW_PX - 4);
    }
  }
}

/** The log index of `pid`'s event nearest to `at` within `reach` events either side (-1: none). */
export function nearestOf(log: PaintLog, pid: number, at: number, reach = Infinity): number {
  const n = log.length;
  for (let d = 0; d <= reach && (at - d >= 0 || at + d < n); d++) {
    if (at + d < n && at + d >= 0 && log.pid[at + d] === pid) return at + d;
    if (at - d >= 0 && at - d < n && log.pid[at - d] === pid) return at - d;
  }
  return -1;
}

/** `pid`'s next event after `from` (dir 1) or before it (dir -1); -1 when none. */
export function stepOf(log: PaintLog, pid: number, from: number, dir: 1 | -1): number {
  for (let i = from + dir; i >= 0 && i < log.length; i += dir) if (log.pid[i] === pid) return i;
  return -1;
}
