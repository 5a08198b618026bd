import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * `value`, but when `enabled` changed at most once every `ms` (the last value always arrives, at most `ms`
 * late): for a view that costs more than a frame's share to update and need not follow every frame.
 * `transition`: the new value renders as a transition, which React does in slices between frames (and
 * puts off for any urgent update), not in one task that holds a frame.
 */
export function useThrottled<T>(value: T, ms: number, enabled: boolean, transition = false): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    // Every new value re-arms the timer for the same moment: `ms` after the last update, not after this value.
    const timer = setTimeout(() => {
      last.current = performance.now();
      if (transition) startTransition(() => setShown(value));
      else setShown(value);
    }, Math.max(0, last.current + ms - performance.now()));
    return () => clearTimeout(timer);
  }, [value, ms, enabled, transition]);
  return enabled ? shown : value;
}
