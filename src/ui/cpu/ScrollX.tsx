import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A region that scrolls sideways on a narrow screen (the Gantt chart, the tables), with a fade at each edge that has
 * more beyond it: without one nothing showed that a cut-off column ("Turnaround" at 390 px) was there to scroll to.
 * Named and focusable when `label`/`labelledBy` is given, so a keyboard user can scroll it with the arrow keys.
 */
export function ScrollX({ className, label, labelledBy, children }: { className: string; label?: string; labelledBy?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ left: false, right: false });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      // A pixel of slack: a zoomed page rounds scroll positions.
      const left = el.scrollLeft > 1;
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setMore((m) => (m.left === left && m.right === right ? m : { left, right }));
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    // The content grows as values fill in (and the chart as the run lengthens); the region with the window.
    const ro = new ResizeObserver(update);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', update);
      ro.disconnect();
    };
  }, []);
  const named = label !== undefined || labelledBy !== undefined;
  return (
    <div className={`scroll-x${more.left ? ' more-left' : ''}${more.right ? ' more-right' : ''}`}>
      <div ref={ref} className={className} {...(named ? { tabIndex: 0, role: 'group', 'aria-label': label, 'aria-labelledby': labelledBy } : {})}>
        {children}
      </div>
    </div>
  );
}
