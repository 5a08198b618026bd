/**
 * The timeline's drawing, apart from React: one row per process, one mark per
 * event, coloured by the event's kind group (never by process: rows are
 * named by their labels). Only the rows in view are drawn, and a growing log
 * is drawn incrementally: the x scale is a power of two of events, so new
 * events land to the right of the old ones and only they are painted; when
 * the scale doubles the painter's column summary is merged (no event is read
 * again); every event is read again only when the rows in view or the size
 * change, and once the log stops growing (to fit the width).
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

/** A pixel column of a row with no event. */
const NONE = 255;

/**
 * Paints the timeline through a summary, not through the events: per row in view and per device-pixel
 * column, the group of the first event drawn there (`cols`). Events only ever fill the summary (a column
 * keeps its first event, as a run puts 100+ in one), and the canvas is written from it as pixels
 * (`putImageData` of the columns that changed): no `fillRect` and no `fillStyle` per mark, which is what a
 * paint spent its time on (a queue stress's 9 rows × 770 columns, each with a colour parsed per rect).
 * When the growing scale doubles, column c of the new scale holds what columns 2c and 2c + 1 held
 * (⌊⌊x⌋ / 2⌋ = ⌊x / 2⌋), so the summary is merged in place, O(rows × width), instead of walking every
 * event again (a 4 × 4 queue stress doubled 14 times up to a million events, each a full walk on the
 * main thread). The walk over the log happens only when the view changes (rows, width, colours, another
 * log) and once when the run settles (fitted to the width: that scale is not a power of two).
 */
export class TimelinePainter {
  private log: PaintLog | null = null;
  private drawn = 0;
  /** Events across the width. */
  scale = 64;
  private width = 0;
  private firstRow = 0;
  private rows = 0;
  private colours: string[] = [];
  private dirty = true;
  /** Device pixels: columns across, and per CSS px. */
  private cols = 0;
  private dpr = 1;
  /** rows × cols: the group of the first event drawn in each column of each row (NONE: empty). */
  private summary = new Uint8Array(0);
  /** The groups' colours as RGBA words (little-endian: the bytes r, g, b, a of ImageData). */
  private palette = new Uint32Array(EVENT_GROUPS.length);
  private image: ImageData | null = null;
  private pixels = new Uint32Array(0);
  /** Columns changed since the last blit, [from, to). */
  private changedFrom = Infinity;
  private changedTo = 0;
  /** For tests and traces: events read from the log, blits, full repaints. */
  readonly counts = { events: 0, blits: 0, full: 0 };

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** Where to draw: the log, the rows in view [firstRow, firstRow + rows), the width in CSS px and the groups' colours. */
  setView(log: PaintLog | null, firstRow: number, rows: number, width: number, colours: string[]): void {
    if (log !== this.log || firstRow !== this.firstRow || rows !== this.rows || width !== this.width || colours.join() !== this.colours.join()) this.dirty = true;
    // Another run's log grows from the smallest scale: the scale only grows while a log runs, so the last run's
    // (fitted to its end) would squeeze a run that starts at once (Run right after a load) into a few columns.
    if (log !== this.log) this.scale = growingScale(0);
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
      const merge = !this.dirty && !settled && this.scale >= this.cols && isPowerOfTwoOf(this.scale, scale);
      const from = this.scale;
      this.scale = scale;
      if (merge) this.halve(Math.log2(scale / from));
      else this.full();
      this.summarise(this.drawn, n);
      this.blit(0, this.cols);
      this.counts.full++;
      return true;
    }
    if (n > this.drawn) {
      this.summarise(this.drawn, n);
      this.blit(this.changedFrom, this.changedTo);
    }
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

  /** A new canvas size and an empty summary: every event is summarised again. */
  private full(): void {
    const c = this.canvas;
    const dpr = globalThis.devicePixelRatio || 1;
    const height = this.rows * TIMELINE_ROW_PX;
    this.dpr = dpr;
    this.cols = Math.max(1, Math.round(this.width * dpr));
    const h = Math.max(1, Math.round(height * dpr));
    c.width = this.cols;
    c.height = h;
    c.style.width = `${this.width}px`;
    c.style.height = `${height}px`;
    const g = c.getContext('2d');
    this.image = g && this.rows > 0 ? g.createImageData(this.cols, h) : null;
    this.pixels = this.image ? new Uint32Array(this.image.data.buffer, this.image.data.byteOffset, this.cols * h) : new Uint32Array(0);
    this.summary = new Uint8Array(this.rows * this.cols).fill(NONE);
    for (let k = 0; k < EVENT_GROUPS.length; k++) this.palette[k] = rgba(this.colours[k] ?? '#888');
    this.dirty = false;
    this.drawn = 0;
  }

  /**
   * The scale grew by 2^times: column c now holds columns c·2^times … of the old scale, whose first
   * non-empty one (the earliest events) is the new column's first event. Exact while every event had one
   * column of its own or less (the old scale at least the columns), which `paint` checks.
   */
  private halve(times: number): void {
    const { summary, cols } = this;
    const span = 1 << times;
    for (let r = 0; r < this.rows; r++) {
      const row = r * cols;
      for (let c = 0; c < cols; c++) {
        let g = NONE;
        const from = c * span;
        for (let k = 0; k < span && from + k < cols && g === NONE; k++) g = summary[row + from + k]!;
        summary[row + c] = g;
      }
    }
  }

  /** Fill the summary with events [from, to): each column of its row keeps the first event's group. */
  private summarise(from: number, to: number): void {
    const log = this.log;
    this.drawn = Math.max(this.drawn, to);
    if (!log || this.rows === 0 || to <= from) return;
    const { pid, kind } = log;
    const { summary, cols } = this;
    const first = this.firstRow;
    const rows = this.rows;
    const perCol = cols / this.scale;
    let lo = this.changedFrom;
    let hi = this.changedTo;
    this.counts.events += to - from;
    if (perCol <= 1) {
      // A long log (the hot case: every event read once as it arrives, and again when the run settles):
      // one column per event, a column's first event stays.
      for (let i = from; i < to; i++) {
        const r = pid[i]! - first;
        if (r < 0 || r >= rows) continue;
        const at = r * cols + ((i * perCol) | 0);
        if (summary[at] !== NONE) continue;
        summary[at] = GROUP_BY_KIND[kind[i]!]!;
        const c = at - r * cols;
        if (c < lo) lo = c;
        if (c >= hi) hi = c + 1;
      }
    } else {
      for (let i = from; i < to; i++) {
        const r = pid[i]! - first;
        if (r < 0 || r >= rows) continue;
        // Columns [c0, c1): events wider than a pixel (a short log).
        const c0 = Math.floor(i * perCol);
        const c1 = Math.min(cols, Math.max(c0 + 1, Math.floor((i + 1) * perCol)));
        for (let c = c0; c < c1; c++) {
          if (summary[r * cols + c] !== NONE) continue;
          summary[r * cols + c] = GROUP_BY_KIND[kind[i]!]!;
          if (c < lo) lo = c;
          if (c >= hi) hi = c + 1;
        }
      }
    }
    this.changedFrom = lo;
    this.changedTo = hi;
  }

  /** Write columns [from, to) of every row in view into the canvas. */
  private blit(from: number, to: number): void {
    this.changedFrom = Infinity;
    this.changedTo = 0;
    const image = this.image;
    const g = image && to > from ? this.canvas.getContext('2d') : null;
    if (!image || !g) return;
    const { summary, cols, pixels, palette, dpr } = this;
    for (let r = 0; r < this.rows; r++) {
      // The mark's band: 2 px below the row's top to 2 px above its bottom.
      const y0 = Math.round((r * TIMELINE_ROW_PX + 2) * dpr);
      const y1 = Math.round(((r + 1) * TIMELINE_ROW_PX - 2) * dpr);
      if (y1 <= y0) continue;
      // The band's first line from the summary, the others copies of it: one loop over columns per row (nested
      // three deep, V8 optimised the inner loop on stack and left that code at every exit of it, ~80 times in a
      // queue stress's first 400 ms on the page's main thread: scripts/jitWindow.mjs).
      const first = y0 * cols;
      paintLine(pixels, first, summary, r * cols, palette, from, to);
      for (let y = y0 + 1; y < y1; y++) pixels.copyWithin(y * cols + from, first + from, first + to);
    }
    g.putImageData(image, 0, 0, from, 0, to - from, image.height);
    this.counts.blits++;
  }
}

/** Columns [from, to) of one pixel line (starting at `line`) in the colours of one summary row (starting at `row`). */
function paintLine(pixels: Uint32Array, line: number, summary: Uint8Array, row: number, palette: Uint32Array, from: number, to: number): void {
  for (let c = from; c < to; c++) {
    const k = summary[row + c]!;
    pixels[line + c] = k === NONE ? 0 : palette[k]!;
  }
}

/** Whether `big` is `small` times a power of two (a scale that only doubled). */
function isPowerOfTwoOf(small: number, big: number): boolean {
  const q = big / small;
  return Number.isInteger(q) && q >= 1 && (q & (q - 1)) === 0;
}

/**
 * A CSS colour as an RGBA word of ImageData (bytes r, g, b, a in memory). The colours come from
 * `getComputedStyle`, which gives `rgb(…)`/`rgba(…)`; hex is read too; anything else is grey.
 */
export function rgba(colour: string): number {
  let r = 136;
  let g = 136;
  let b = 136;
  let a = 255;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/i.exec(colour.trim());
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((d) => d + d).join('') : hex[1]!;
    [r, g, b] = [0, 2, 4].map((k) => parseInt(h.slice(k, k + 2), 16)) as [number, number, number];
  } else if (fn) {
    [r, g, b] = [fn[1], fn[2], fn[3]].map((v) => Math.round(Number(v))) as [number, number, number];
    if (fn[4] !== undefined) a = Math.round(fn[4].endsWith('%') ? (Number(fn[4].slice(0, -1)) / 100) * 255 : Number(fn[4]) * 255);
  }
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
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
