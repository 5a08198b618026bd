import { describe, expect, it } from 'vitest';
import { EK } from '../../core/events';
import { EVENT_GROUPS, GROUP_BY_KIND, growingScale, nearestOf, stepOf, TimelinePainter, TIMELINE_ROW_PX } from './timelinePaint';

/** A canvas whose 2D context records the rectangles filled (x, row, colour). */
function fakeCanvas() {
  const rects: { x: number; row: number; colour: string }[] = [];
  let clears = 0;
  let fillStyle = '';
  const ctx = {
    setTransform: () => undefined,
    clearRect: () => void clears++,
    fillRect: (x: number, y: number) => rects.push({ x, row: Math.floor(y / TIMELINE_ROW_PX), colour: fillStyle }),
    set fillStyle(v: string) {
      fillStyle = v;
    },
    get fillStyle() {
      return fillStyle;
    },
  };
  const canvas = { width: 0, height: 0, style: {} as Record<string, string>, getContext: () => ctx } as unknown as HTMLCanvasElement;
  return { canvas, rects, clears: () => clears };
}

/** A growing log of (pid, kind) pairs. */
function log(events: [number, number][]) {
  const l = { length: 0, pid: new Uint16Array(4096), kind: new Uint8Array(4096) };
  const push = (more: [number, number][]) => {
    for (const [p, k] of more) {
      l.pid[l.length] = p;
      l.kind[l.length++] = k;
    }
  };
  push(events);
  return { l, push };
}

const colours = EVENT_GROUPS.map((g) => `c-${g}`);

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
    expect(f.rects.map((r) => [r.row, r.colour])).toEqual([
      [0, 'c-process'],
      [1, 'c-acquire'],
      [2, 'c-acquire'],
      [1, 'c-block'],
      [2, 'c-read'],
      [1, 'c-other'],
    ]);
    expect(GROUP_BY_KIND[EK.recv]).toBe(EVENT_GROUPS.indexOf('get'));
  });

  it('while the log grows, paints only the new events (no clear) until the scale must double', () => {
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
    f.rects.length = 0;
    expect(p.paint(false)).toBe(false);
    expect(f.rects).toHaveLength(2);
    expect(f.clears()).toBe(1);
    // Past 64 events the scale doubles: one full repaint, the old marks move left.
    push(Array.from({ length: 70 }, () => [0, EK.print] as [number, number]));
    expect(p.paint(false)).toBe(true);
    expect(p.scale).toBe(128);
    expect(f.clears()).toBe(2);
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
    expect(f.rects).toHaveLength(100);
    expect(new Set(f.rects.map((r) => r.colour))).toEqual(new Set(['c-acquire']));
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
    expect(new Set(f.rects.map((r) => r.row))).toEqual(new Set(Array.from({ length: 25 }, (_, i) => i)));
    // 20 events per row over 100 px: one mark each (20 distinct columns), not more.
    expect(f.rects).toHaveLength(25 * 20);
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
