import { describe, expect, it } from 'vitest';
import { EK } from '../../core/events';
import { EVENT_GROUPS, GROUP_BY_KIND, growingScale, nearestOf, rgba, stepOf, TimelinePainter, TIMELINE_ROW_PX } from './timelinePaint';
import { translate } from '../../i18n/i18n';

/**
 * A canvas whose 2D context keeps the pixels the painter puts (ImageData as the browser's: RGBA bytes) and
 * counts the blits; `at(row, x)` is the colour of the mark at CSS px x of a row ('' for none).
 */
function fakeCanvas() {
  let image: { width: number; height: number; data: Uint8ClampedArray } | null = null;
  let clears = 0;
  const puts: { from: number; width: number }[] = [];
  const ctx = {
    createImageData: (width: number, height: number) => (image = { width, height, data: new Uint8ClampedArray(width * height * 4) }),
    putImageData: (_img: unknown, _x: number, _y: number, from: number, _top: number, width: number) => void puts.push({ from, width }),
    clearRect: () => void clears++,
  };
  const canvas = {
    style: {} as Record<string, string>,
    getContext: () => ctx,
    set width(_w: number) {
      clears++;
    },
    set height(_h: number) {},
  } as unknown as HTMLCanvasElement;
  const at = (row: number, x: number): string => {
    if (!image) return '';
    const y = row * TIMELINE_ROW_PX + TIMELINE_ROW_PX / 2;
    const o = (y * image.width + x) * 4;
    const [r, g, b, a] = image.data.slice(o, o + 4);
    return a === 0 ? '' : COLOUR_NAME.get(`${r},${g},${b}`) ?? `${r},${g},${b}`;
  };
  /** Every row's marks as a string per row, one character per column: the group's index, '.' for none. */
  const picture = (rows: number): string[] =>
    Array.from({ length: rows }, (_, r) =>
      Array.from({ length: image?.width ?? 0 }, (_, x) => {
        const c = at(r, x);
        return c === '' ? '.' : String(EVENT_GROUPS.indexOf(c.slice(2) as (typeof EVENT_GROUPS)[number]));
      }).join(''),
    );
  /** Pixel line y as one character per column: '.' for none, else the first letter of its colour's group. */
  const line = (y: number): string =>
    Array.from({ length: image?.width ?? 0 }, (_, x) => {
      const o = (y * image!.width + x) * 4;
      const [r, g, b, a] = image!.data.slice(o, o + 4);
      return a === 0 ? '.' : (COLOUR_NAME.get(`${r},${g},${b}`) ?? '?').slice(2, 3);
    }).join('');
  return { canvas, at, picture, line, puts, clears: () => clears };
}

/** Distinct real colours per group (the painter writes pixels, so the names must parse), and their names back. */
const colours = EVENT_GROUPS.map((_, k) => `rgb(${10 + k}, ${20 + k}, ${30 + k})`);
const COLOUR_NAME = new Map(EVENT_GROUPS.map((g, k) => [`${10 + k},${20 + k},${30 + k}`, `c-${g}`]));

/** A growing log of (pid, kind) pairs; `reads` counts the painter's reads of the pid column. */
function log(events: [number, number][], size = 4096) {
  const pid = new Uint16Array(size);
  const counter = { reads: 0 };
  const counted = new Proxy(pid, {
    get(t, k) {
      if (typeof k === 'string' && /^\d+$/.test(k)) counter.reads++;
      const v = Reflect.get(t, k, t) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  const l = { length: 0, pid: counted as ArrayLike<number>, kind: new Uint8Array(size) };
  const push = (more: [number, number][]) => {
    for (const [p, k] of more) {
      pid[l.length] = p;
      l.kind[l.length++] = k;
    }
  };
  push(events);
  return { l, push, counter };
}

describe('TimelinePainter', () => {
  it('colours each mark by its kind group, never by process', () => {
    const f = fakeCanvas();
    const { l } = log([
      [0, EK.start],
      [1, EK.acquire],
      [2, EK.acquire],
      [1, EK.block],
      [2, EK.load],
      [1, EK.sleep],
    ]);
    const p = new TimelinePainter(f.canvas);
    p.setView(l, 0, 3, 600, colours);
    expect(p.paint(true)).toBe(true);
    // Fitted: 6 events over 600 px, 100 px each; the middle of event i is at 100 i + 50.
    const mark = (i: number) => f.at(l.pid[i]!, 100 * i + 50);
    expect([0, 1, 2, 3, 4, 5].map(mark)).toEqual(['c-process', 'c-acquire', 'c-acquire', 'c-block', 'c-read', 'c-other']);
    // Each event's row only.
    expect(f.at(0, 150)).toBe('');
    expect(GROUP_BY_KIND[EK.recv]).toBe(EVENT_GROUPS.indexOf('get'));
  });

  it('while the log grows, paints only the new events until the scale must double', () => {
    const f = fakeCanvas();
    const { l, push } = log([[0, EK.start]]);
    const p = new TimelinePainter(f.canvas);
    p.setView(l, 0, 2, 640, colours);
    p.paint(false);
    expect(p.scale).toBe(64);
    expect(f.clears()).toBe(1);
    push([
      [1, EK.start],
      [1, EK.load],
    ]);
    f.puts.length = 0;
    expect(p.paint(false)).toBe(false);
    // Events 1 and 2 at 10 px each: only their 20 columns are written.
    expect(f.puts).toEqual([{ from: 10, width: 20 }]);
    expect(f.at(1, 15)).toBe('c-process');
    expect(f.at(1, 25)).toBe('c-read');
    expect(f.clears()).toBe(1);
    // Past 64 events the scale doubles: one full repaint, the old marks move left.
    push(Array.from({ length: 70 }, () => [0, EK.print] as [number, number]));
    expect(p.paint(false)).toBe(true);
    expect(p.scale).toBe(128);
    expect(f.at(1, 7)).toBe('c-process');
    expect(f.at(1, 12)).toBe('c-read');
    // Settled (paused, stepped, ended): fitted to the width.
    expect(p.paint(true)).toBe(true);
    expect(p.scale).toBe(l.length);
    expect(p.paint(true)).toBe(false);
  });

  it('paints one mark per pixel column of a row, however many events of different kinds share it (the first one\'s group)', () => {
    const f = fakeCanvas();
    // 4,000 events of one process, kinds taking turns as a lock loop's do, over 100 px: 40 per column.
    const kinds = [EK.acquire, EK.load, EK.store, EK.release];
    const big = { length: 4000, pid: new Uint16Array(4000), kind: new Uint8Array(Array.from({ length: 4000 }, (_, i) => kinds[i % 4]!)) };
    const p = new TimelinePainter(f.canvas);
    p.setView(big, 0, 1, 100, colours);
    p.paint(true);
    expect(new Set(f.picture(1)[0])).toEqual(new Set([String(EVENT_GROUPS.indexOf('acquire'))]));
  });

  it('fills every line of a row\'s band and none between the bands, in full and in the columns a later paint adds', () => {
    const f = fakeCanvas();
    const { l, push } = log([]);
    const p = new TimelinePainter(f.canvas);
    p.setView(l, 0, 3, 64, colours);
    p.scale = 64; // one column per event: the second paint adds columns 20..39 only
    push(Array.from({ length: 20 }, (_, i) => [i % 3, i % 2 ? EK.put : EK.get] as [number, number]));
    p.paint(false);
    push(Array.from({ length: 20 }, (_, i) => [(i + 1) % 3, EK.acquire] as [number, number]));
    p.paint(false);
    expect(f.puts.at(-1)).toEqual({ from: 20, width: 20 });
    for (let r = 0; r < 3; r++) {
      const mid = f.line(r * TIMELINE_ROW_PX + TIMELINE_ROW_PX / 2);
      expect(mid.replaceAll('.', '').length, `row ${r}`).toBeGreaterThan(8);
      for (let y = r * TIMELINE_ROW_PX; y < (r + 1) * TIMELINE_ROW_PX; y++) {
        const inBand = y >= r * TIMELINE_ROW_PX + 2 && y < (r + 1) * TIMELINE_ROW_PX - 2;
        expect(f.line(y), `row ${r} line ${y}`).toBe(inBand ? mid : '.'.repeat(64));
      }
    }
  });

  it('draws only the rows in view, at most one mark per pixel column', () => {
    const f = fakeCanvas();
    // 1,000 processes; 20 events each, interleaved.
    const events: [number, number][] = [];
    for (let k = 0; k < 20; k++) for (let pid = 0; pid < 1000; pid++) events.push([pid, EK.load]);
    const l = { length: events.length, pid: new Uint16Array(events.map((e) => e[0])), kind: new Uint8Array(events.map((e) => e[1])) };
    const p = new TimelinePainter(f.canvas);
    p.setView(l, 500, 25, 100, colours);
    p.paint(true);
    // 20 events per row over 100 px: one mark each (20 distinct columns) in every row in view.
    expect(f.picture(25).map((row) => row.replaceAll('.', '').length)).toEqual(Array.from({ length: 25 }, () => 20));
  });

  it('a doubling scale merges the columns it drew: no event is read again, and the picture is what a fresh paint draws', () => {
    // A long parallel run: 9 processes, 200,000 events in bursts, painted as it grows (as the timeline does every 250 ms).
    const kinds = [EK.put, EK.get, EK.block, EK.acquire, EK.release, EK.print];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const total = 200_000;
    const { l, push, counter } = log([], total);
    const f = fakeCanvas();
    const p = new TimelinePainter(f.canvas);
    p.setView(l, 0, 9, 770, colours);
    let fulls = 0;
    while (l.length < total) {
      const burst = Math.min(total - l.length, 1 + rand(9000));
      push(Array.from({ length: burst }, () => [rand(9), kinds[rand(kinds.length)]!] as [number, number]));
      if (p.paint(false)) fulls++;
    }
    expect(p.scale).toBe(262_144);
    expect(fulls).toBeGreaterThanOrEqual(5);
    // Each event read once, however many times the scale doubled (a full repaint per doubling read them all).
    expect(counter.reads).toBe(total);
    const fresh = fakeCanvas();
    const q = new TimelinePainter(fresh.canvas);
    q.setView(l, 0, 9, 770, colours);
    q.scale = p.scale;
    q.paint(false);
    expect(f.picture(9)).toEqual(fresh.picture(9));
  });

  it('a short log whose events are wider than a pixel is drawn again in full when the scale doubles', () => {
    const { l, push } = log([]);
    const f = fakeCanvas();
    const p = new TimelinePainter(f.canvas);
    p.setView(l, 0, 3, 500, colours);
    for (let k = 0; k < 300; k++) {
      push([[k % 3, k % 2 ? EK.put : EK.get]]);
      p.paint(false);
    }
    const fresh = fakeCanvas();
    const q = new TimelinePainter(fresh.canvas);
    q.setView(l, 0, 3, 500, colours);
    q.scale = p.scale;
    q.paint(false);
    expect(p.scale).toBe(512);
    expect(f.picture(3)).toEqual(fresh.picture(3));
  });

  it('a new run\'s log starts from the smallest scale, not from where the last run\'s ended', () => {
    // The last run ended with 100,000 events (fitted to the width); the next starts at once (a scenario driven by
    // commands is Run as soon as it loads), its first events painted while it runs.
    const f = fakeCanvas();
    const p = new TimelinePainter(f.canvas);
    const old = { length: 100_000, pid: new Uint16Array(100_000), kind: new Uint8Array(100_000) };
    p.setView(old, 0, 2, 640, colours);
    p.paint(true);
    expect(p.scale).toBe(100_000);
    const { l } = log([
      [0, EK.start],
      [1, EK.start],
    ]);
    p.setView(l, 0, 2, 640, colours);
    p.paint(false);
    expect(p.scale).toBe(64);
    // Event 1 at 10 px (64 events across 640 px), not squeezed into the first column.
    expect(f.at(1, 15)).toBe('c-process');
  });

  it('reads CSS colours as ImageData words', () => {
    expect(rgba('rgb(1, 2, 3)')).toBe(((255 << 24) | (3 << 16) | (2 << 8) | 1) >>> 0);
    expect(rgba('#0a0b0c')).toBe(((255 << 24) | (12 << 16) | (11 << 8) | 10) >>> 0);
    expect(rgba('rgba(1, 2, 3, 0.5)') >>> 24).toBe(128);
  });
});

describe('event search', () => {
  const { l } = log([
    [0, EK.start],
    [1, EK.start],
    [0, EK.spawn],
    [2, EK.start],
    [1, EK.load],
  ]);
  it('finds a process\'s nearest, next and previous events', () => {
    expect(nearestOf(l, 1, 3)).toBe(4);
    expect(nearestOf(l, 2, 0)).toBe(3);
    expect(nearestOf(l, 2, 0, 2)).toBe(-1);
    expect(nearestOf(l, 7, 2)).toBe(-1);
    expect(stepOf(l, 0, 0, 1)).toBe(2);
    expect(stepOf(l, 0, 2, 1)).toBe(-1);
    expect(stepOf(l, 1, 4, -1)).toBe(1);
  });
  it('scales to a power of two at or above the log', () => {
    expect([0, 64, 65, 1000, 1 << 20].map(growingScale)).toEqual([64, 64, 128, 1024, 1 << 20]);
  });
});

describe('the legend', () => {
  // A Semaphore's (and a Condition's) acquire and release fall in the same groups as a Lock's, so their words
  // name the operation only, and as a pair: zh once said 获取锁 beside a bare 释放.
  it('acquire and release name the operation, not the lock, in both languages', () => {
    expect(GROUP_BY_KIND[EK.acquire]).toBe(EVENT_GROUPS.indexOf('acquire'));
    expect([translate('en', 'lab.ev.acquire'), translate('en', 'lab.ev.release')]).toEqual(['acquire', 'release']);
    expect([translate('zh', 'lab.ev.acquire'), translate('zh', 'lab.ev.release')]).toEqual(['获取', '释放']);
  });
});
