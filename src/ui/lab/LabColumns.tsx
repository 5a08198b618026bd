import { useSyncExternalStore, type ReactNode } from 'react';

/** Where the labs' columns stack with the run first (the `max-width: 640px` block of lab.css styles the rest of that layout). */
const NARROW = '(max-width: 640px)';

const query = () => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(NARROW) : null);

function subscribe(onChange: () => void): () => void {
  const q = query();
  q?.addEventListener('change', onChange);
  return () => q?.removeEventListener('change', onChange);
}

/** Whether the screen is narrow enough for the phone layout. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => query()?.matches ?? false, () => false);
}

/**
 * A lab's two columns: settings (left) and the run (main). On a phone the run comes first, under the controls
 * that act on it, and it comes first in the DOM too, not by CSS `order`: Tab follows the DOM, and with the
 * order only drawn, Tab went from Reset past the whole run to the settings at the bottom (WCAG 2.4.3).
 * Both are keyed, so crossing the breakpoint moves the columns without remounting what is in them.
 */
export function LabColumns({ left, main }: { left: ReactNode; main: ReactNode }) {
  const narrow = useNarrow();
  const l = (
    <div className="col-left" key="left">
      {left}
    </div>
  );
  const m = (
    <div className="col-main" key="main">
      {main}
    </div>
  );
  return <div className="lab-grid">{narrow ? [m, l] : [l, m]}</div>;
}
