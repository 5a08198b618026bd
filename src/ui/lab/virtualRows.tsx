/**
 * Rows of a long list drawn only where they can be seen (the lanes and the
 * console with hundreds or thousands of entries): the list element itself
 * scrolls, holds the rows in view plus a few, and two hidden spacer items
 * (`VirtualPad`) stand for the rows it leaves out above and below, so its `li`
 * children stay direct children (list semantics) and the scroll bar stays
 * true. (Padding cannot do it: a fixed-height box grows to hold its padding.)
 * Rows are measured as drawn, by the browser's ResizeObserver (`sizeOf`).
 */
import { startTransition, useEffect, useLayoutEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import { useVirtualizer, type Rect, type Virtualizer, type VirtualItem } from '@tanstack/react-virtual';

/**
 * A row's size: the ResizeObserver's, which the browser hands over after its own layout; a row just drawn (no
 * observation yet) keeps the size known for it, or the estimate, until its first observation arrives in the same
 * frame. The library's default reads offsetHeight there, a forced layout of the whole page for every commit
 * that adds a row (a console line per frame, in a page of hundreds of lanes).
 */
export function sizeOf<E extends HTMLElement>(el: Element, entry: ResizeObserverEntry | undefined, v: Virtualizer<E, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const index = v.indexFromElement(el);
  return v.itemSizeCache.get(v.options.getItemKey(index)) ?? v.options.estimateSize(index);
}

export interface VirtualRows {
  /** The rows to draw (empty when not virtual: draw them all). */
  rows: VirtualItem[];
  /** The height of the rows left out above and below. */
  padTop: number;
  padBottom: number;
  /** Give it to the first element of each row drawn (with `data-index` = the row). */
  measure: (el: Element | null) => void;
  /** Scroll to the last row (it keeps correcting as rows are measured on the way). */
  toEnd: () => void;
  /**
   * Home and End as one instant scroll by index (true: the key was one of them, handled). The browser's own are
   * smooth scrolls to where the list ended when they began: rows drawn on the way and measured taller than their
   * estimate move the end, so under load the tree's End stopped at row 19–97 of 101.
   */
  edgeKey: (e: KeyboardEvent) => boolean;
}

/**
 * `count` rows about `estimate` px tall, `gap` px apart, in the scrolling list `ref`;
 * `enabled` false: the caller draws every row itself. `overscan`: rows drawn beyond the view on each side.
 * `pace`: at most this many rows more than the last commit drew, the next as many a frame later (0: all at once).
 */
export function useVirtualRows<E extends HTMLElement>(ref: RefObject<E | null>, count: number, estimate: number, enabled: boolean, gap = 0, overscan = 6, pace = 0): VirtualRows {
  const [start] = useState(() => startFrom(ref));
  // The virtualizer is read during render by design; nothing memoizes what it returns.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer<E, Element>({ count: enabled ? count : 0, getScrollElement: () => ref.current, estimateSize: () => estimate, overscan, gap, enabled, measureElement: sizeOf, ...start });
  const all = enabled ? v.getVirtualItems() : [];
  const rows = all.slice(0, usePacedCount(all.length, pace));
  const last = rows.at(-1);
  const toEnd = () => count > 0 && v.scrollToIndex(count - 1, { align: 'end' });
  const edgeKey = (e: KeyboardEvent) => {
    if (!enabled || count === 0 || e.altKey || e.metaKey || (e.key !== 'Home' && e.key !== 'End')) return false;
    e.preventDefault();
    if (e.key === 'End') toEnd();
    else v.scrollToIndex(0, { align: 'start' });
    return true;
  };
  return { rows, padTop: rows[0]?.start ?? 0, padBottom: last ? Math.max(0, v.getTotalSize() - last.end) : 0, measure: v.measureElement, toEnd, edgeKey };
}

/**
 * How many of `wanted` rows to draw now: at most `step` more than the last commit drew (0: all), and `step` more in
 * each frame after it until all are drawn. A crowded run's first snapshot brings a screenful of lanes at once (20-28,
 * ~300 elements): mounted in one frame, their style, layout and paint were the run's heaviest frame (~16 ms of the
 * main thread's CPU, at the moment its threads leave the page least). Fewer rows (a scroll) follow at once.
 */
function usePacedCount(wanted: number, step: number): number {
  const [drawn, setDrawn] = useState(wanted);
  const now = step > 0 ? Math.min(wanted, drawn + step) : wanted;
  useEffect(() => {
    // Unpaced lists (the console, the tree) get no render of their own from it.
    if (step === 0 || now === drawn) return;
    // From the next frame: the rows just committed are laid out and painted in this one. A transition, so it
    // joins a snapshot's render rather than interrupting it.
    const frame = requestAnimationFrame(() => startTransition(() => setDrawn(now)));
    return () => cancelAnimationFrame(frame);
  }, [now, drawn, step]);
  return now;
}

/**
 * Where a virtualizer starts when it is enabled: the list's own scroll position and box as they are. Its
 * defaults (offset 0, a 0 x 0 box until its ResizeObserver reports) are right for a list that is virtual from its
 * first render, but a list that turns virtual mid-run (the console at 300 lines) then drew no row in that commit
 * (nothing fits a 0 px box) and wrote scrollTop = 0 from its mount: the learner's place, usually the newest line,
 * was lost and the console left at its top (5,179 px short of its end at 301 lines). Read once, on the render that
 * enables it (the layout is the last frame's; nothing has been written to the list since), then the virtualizer
 * keeps its own (`initialRect` is held until its ResizeObserver's first report, hence getters, not a snapshot).
 */
function startFrom(ref: RefObject<HTMLElement | null>): { initialOffset: () => number; initialRect: Rect } {
  return {
    initialOffset: () => ref.current?.scrollTop ?? 0,
    initialRect: {
      get width() {
        return ref.current?.clientWidth ?? 0;
      },
      get height() {
        return ref.current?.clientHeight ?? 0;
      },
    },
  };
}

/** The width of `ref`'s element, kept up to date (a grid's column count follows it). */
export function useWidth(ref: RefObject<HTMLElement | null>, enabled: boolean): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !enabled) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, enabled]);
  return width;
}

/** A spacer for rows left out: hidden from assistive technology, across every column of a grid. */
export function VirtualPad({ height }: { height: number }) {
  return height > 0 ? <li aria-hidden="true" className="virtual-pad" style={{ height }} /> : null;
}
