import { memo, useEffect, useId, useMemo, useRef } from 'react';
import type { LaneView } from '../../lab/liveRun';
import { useT } from '../app/useT';
import { procColor } from './colors';
import { useVirtualRows, VirtualPad } from './virtualRows';

/** Beyond this many printed lines only those in view are drawn (every one stays reachable by scrolling). */
export const VIRTUAL_LINES = 300;
/** A console line's usual height (lab.css `.console li`); longer ones are measured as drawn. */
const LINE_HEIGHT = 18;

/**
 * Whether the console follows its newest line: yes until the learner scrolls up (reading earlier lines, they are
 * not pulled down by the next one), and again once they are back at the end. Looked at after each layout that
 * added lines, from the list's scroll position then: nothing of ours ever moves the list up (appending, following
 * and the virtual list's corrections only move it down), so a position above the last one seen is the learner's.
 */
export class EndFollow {
  private following = true;
  private top = 0;
  private end = 0;
  private lines = 0;

  /** A layout after `lines` lines: `top` is the list's scrollTop now. */
  follows(top: number, lines: number): boolean {
    if (lines < this.lines) this.following = true; // a new run's lines (Run again without a Reset)
    else if (top < this.top - SCROLLED_UP) this.following = false;
    else if (top >= this.end - AT_END) this.following = true; // at the end of what was there before these lines
    return this.following;
  }

  /** Where the list was left: `top` and the largest scrollTop (`end`) it can have now. */
  saw(top: number, end: number, lines: number): void {
    this.top = top;
    this.end = end;
    this.lines = lines;
  }
}
/** Less than this move up is rounding (a line measured a pixel off its estimate), not the learner. */
const SCROLLED_UP = 8;
/** Within this of the end counts as at it (fractional scroll positions). */
const AT_END = 2;

/** Printed lines in order, each in its process's colour: the interleaving is visible at a glance. */
export const ConsoleView = memo(function ConsoleView({ lines, lanes }: { lines: { pid: number; text: string }[]; lanes: LaneView[] }) {
  const t = useT();
  const ref = useRef<HTMLOListElement>(null);
  const virtual = lines.length > VIRTUAL_LINES;
  const { rows, padTop, padBottom, measure, toEnd } = useVirtualRows(ref, lines.length, LINE_HEIGHT, virtual);
  const describedBy = useId();
  const nameOf = useMemo(() => new Map(lanes.map((l) => [l.pid, l.name])), [lanes]);
  // The newest line in view: a virtual list scrolls by index (its height is an estimate until drawn).
  const follow = useRef(toEnd);
  useEffect(() => {
    follow.current = virtual ? toEnd : () => ref.current && (ref.current.scrollTop = ref.current.scrollHeight);
  });
  const place = useRef<EndFollow>(null);
  useEffect(() => {
    // After the browser's own layout (a ResizeObserver's first report comes then), not now: reading
    // scrollHeight or scrolling here would lay out the page a second time each frame a line is printed.
    const list = ref.current;
    const last = list?.lastElementChild;
    if (!list || !last) {
      place.current = null; // a new run's list starts at its end
      return;
    }
    const after = new ResizeObserver(() => {
      after.disconnect();
      place.current ??= new EndFollow();
      if (place.current.follows(list.scrollTop, lines.length)) follow.current();
      place.current.saw(list.scrollTop, list.scrollHeight - list.clientHeight, lines.length);
    });
    after.observe(last);
    return () => after.disconnect();
  }, [lines.length]);
  const line = (i: number) => {
    const l = lines[i]!;
    return (
      <li
        key={i}
        style={{ borderLeftColor: procColor(l.pid) }}
        data-pid={l.pid}
        title={nameOf.get(l.pid)}
        aria-setsize={virtual ? lines.length : undefined}
        aria-posinset={virtual ? i + 1 : undefined}
        data-index={virtual ? i : undefined}
        ref={virtual ? measure : undefined}
      >
        <code>{l.text}</code>
      </li>
    );
  };
  // The switch to drawing only the lines in view happens mid-run, so nothing else may change with it: the count
  // line is there from the first line on (one line high), and the lines drawn in both modes are the same elements
  // in the same places (the spacers are nothing until virtual), so none is remounted and the list keeps its size,
  // its scroll position and the keyboard focus.
  const count = virtual ? t('lab.linesInView', { n: lines.length }) : t('lab.linesCount', { n: lines.length });
  return (
    <section className="panel console-panel" aria-label={t('lab.console')}>
      <h2>{t('lab.console')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('lab.consoleEmpty')}</p>
      ) : (
        <>
          <p className="muted console-count" id={describedBy} title={count}>
            {count}
          </p>
          <ol className={virtual ? 'console virtual' : 'console'} ref={ref} aria-live="off" tabIndex={0} aria-label={t('lab.console')} aria-describedby={describedBy}>
            <VirtualPad height={padTop} />
            {virtual ? rows.map((r) => line(r.index)) : lines.map((_, i) => line(i))}
            <VirtualPad height={padBottom} />
          </ol>
        </>
      )}
    </section>
  );
});
