import { createContext, startTransition, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLabStore, type LabState } from '../../lab/labStore';
import type { Snapshot } from '../../lab/liveRun';
import { COMPACT_LANES, useCrowd } from './Lanes';

/** The snapshot the run's panels draw: the scrubbed moment's, else the live one. */
export const shownOf = (s: LabState): Snapshot | null => s.scrubSnapshot ?? s.snapshot;
/** The live snapshot whatever the timeline shows (the run's progress). */
export const liveOf = (s: LabState): Snapshot | null => s.snapshot;

/**
 * Whether this page paces a crowded run's snapshots (the process lab does, around all it draws: the Python
 * lab renders its panels straight from the store, and a paced part there would only commit on its own).
 */
export const PacedSnapshots = createContext(false);

/** A snapshot to draw, and a copy of it that follows at a slower pace (see useShownSnapshot). */
export interface Shown {
  shown: Snapshot | null;
  slow: Snapshot | null;
  /** Whether the snapshots are paced (crowded or fast): `slow` may then be held where it is out of view (useHeldOutOfView). */
  paced: boolean;
}

/**
 * A snapshot to draw, picked from the store by `pick`: at once while the run is small and slow (a step shows
 * in the same frame, layout animations follow it); in a crowded run (past the lanes' compact threshold) or a
 * fast one (labStore's `fast`) the same snapshot as a React transition. A store-driven render is synchronous, one task per snapshot: with a
 * hundred lanes and more it held every frame that got one. A transition renders in slices that yield to the
 * browser's frames, and only its short commit holds one.
 *
 * Every part of the page that follows the run's snapshot in a crowded run uses this (the run's panels, the
 * progress line, the narration): transitions started in the same task share one lane, so React renders
 * them together and the page gets one commit per snapshot. One of them following the store directly
 * rendered and committed on its own, a second frame's style, layout, paint and raster per snapshot.
 *
 * `slow` (crowded or fast runs, `slowMs` > 0): the snapshot again, taken at most every `slowMs`, in the same
 * transition as a snapshot that arrives once that time has passed (the panels that follow it commit with
 * the rest, not on a timer of their own); the last one arrives at most `slowMs` late. Otherwise `shown`.
 */
export function useShownSnapshot(pick: (s: LabState) => Snapshot | null = shownOf, slowMs = 0): Shown {
  const crowd = useCrowd(useLabStore((s) => pick(s)?.lanes.length ?? 0));
  const fast = useLabStore((s) => s.fast);
  const pacedPage = useContext(PacedSnapshots);
  const pacing = pacedRun(fast, crowd) && pacedPage;
  const urgent = useLabStore((s) => (pacing ? null : pick(s)));
  const [paced, setPaced] = useState<Shown | null>(null);
  useEffect(() => {
    if (!pacing) return;
    let last: Snapshot | null | undefined;
    let slow: Snapshot | null = null;
    let slowAt = -Infinity;
    let trailing: ReturnType<typeof setTimeout> | undefined;
    const show = (s: LabState) => {
      const next = pick(s);
      if (next === last) return;
      last = next;
      clearTimeout(trailing);
      const now = performance.now();
      if (now - slowAt >= slowMs) {
        slowAt = now;
        slow = next;
      } else {
        // Nothing newer within the pace: the slow copy catches up on its own.
        trailing = setTimeout(() => {
          slowAt = performance.now();
          slow = next;
          startTransition(() => setPaced({ shown: next, slow: next, paced: true }));
        }, slowAt + slowMs - now);
      }
      const shown = { shown: next, slow, paced: true };
      startTransition(() => setPaced(shown));
    };
    show(useLabStore.getState());
    const unsubscribe = useLabStore.subscribe(show);
    return () => {
      unsubscribe();
      clearTimeout(trailing);
      // Pacing stops (a fast run slowed down, or ended): a later fast stretch must not start from this one's
      // last snapshot, which the render below would show until its first transition.
      setPaced(null);
    };
  }, [pacing, pick, slowMs]);
  if (!pacing) return { shown: urgent, slow: urgent, paced: false };
  // Until the first transition has rendered (the run just became crowded or fast), the store's own snapshot.
  if (paced) return paced;
  const now = pick(useLabStore.getState());
  return { shown: now, slow: now, paced: true };
}

/** How near the screen a held panel catches up (a tenth of the viewport's height above and below). */
const HELD_MARGIN = '10% 0px';

/**
 * `value` for a slow panel, except while `hold` and the panel is out of view: then what the panel last drew,
 * so a memoised panel given it renders nothing. A crowded run's wait-for graph, tree and cards sit below the
 * first screen, and the browser drew them (their `content-visibility: auto` skips only boxes well away from
 * the screen) and React rendered them 5 times a second: most of the DOM a 100-lane clock run changed, and
 * the heaviest commits. A panel coming into view takes the latest value in the next commit, within the slow
 * copy's own lag (`slowMs`); with `hold` false (a pause, a step, the run's end) it always does.
 * Returns the value to draw and a ref for the panel's box.
 */
export function useHeldOutOfView<T>(value: T, hold: boolean): [T, (el: HTMLElement | null) => () => void] {
  const [away, setAway] = useState(false);
  const ref = useCallback((el: HTMLElement | null) => {
    if (!el || typeof IntersectionObserver === 'undefined') return () => undefined;
    const io = new IntersectionObserver((entries) => setAway(!entries.at(-1)!.isIntersecting), { rootMargin: HELD_MARGIN });
    io.observe(el);
    return () => {
      io.disconnect();
      // A new box starts in view until the observer says otherwise.
      setAway(false);
    };
  }, []);
  // What the panel last committed: a render that is held returns it unchanged.
  const drawn = useRef(value);
  const shown = hold && away ? drawn.current : value;
  useLayoutEffect(() => {
    drawn.current = shown;
  });
  return [shown, ref];
}

/**
 * `on`, and still true until the frame after it turns false, when it turns false in a transition. The held panels
 * (useHeldOutOfView) catch up so when the run ends or pauses: in the urgent commit that shows the verdict they were
 * most of the run's heaviest task (1,000 lanes, parallel turbo: 13-21 ms of the main thread's CPU, the tree's and the
 * console's first rows drawn with every lane's last state), which ends the frame gap the verdict is seen in.
 */
export function useLetGoNextFrame(on: boolean): boolean {
  const [held, setHeld] = useState(on);
  // Taken in the render that turns it on (no commit in between).
  if (on && !held) setHeld(true);
  useEffect(() => {
    if (on || !held) return;
    const frame = requestAnimationFrame(() => startTransition(() => setHeld(false)));
    return () => cancelAnimationFrame(frame);
  }, [on, held]);
  return on || held;
}

/**
 * Whether a run's snapshots render as transitions (`useShownSnapshot`; the narration's sentence joins them): a
 * crowded run (`crowd`, its lanes or its known size, past the compact threshold), or a fast one (labStore's
 * `fast`: faster than the eye, whatever its size; its synchronous renders, each with every panel, were most of
 * the main thread's share on a loaded machine).
 */
export function pacedRun(fast: boolean, crowd: number): boolean {
  return fast || crowd > COMPACT_LANES;
}
