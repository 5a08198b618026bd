import { memo, useEffect, useId, useMemo, useRef, type KeyboardEvent, type Ref } from 'react';
import { useLabStore } from '../../lab/labStore';
import type { LaneView } from '../../lab/liveRun';
import { useT } from '../app/useT';
import { procColor } from './colors';
import { EndFollow } from './endFollow';
import { useCrowd } from './Lanes';
import { useVirtualRows, VirtualPad } from './virtualRows';

/** Beyond this many printed lines only those in view are drawn (every one stays reachable by scrolling). */
export const VIRTUAL_LINES = 300;
/** A console line's height (lab.css `.console li` sets it: 16 px + padding); a wrapped one is measured as drawn. */
const LINE_HEIGHT = 18;

/** Printed lines in order, each in its process's colour: the interleaving is visible at a glance. */
export const ConsoleView = memo(function ConsoleView({ ref: box, lines, lanes }: { ref?: Ref<HTMLElement>; lines: { pid: number; text: string }[]; lanes: LaneView[] }) {
  const t = useT();
  const ref = useRef<HTMLOListElement>(null);
  // A run of more processes than VIRTUAL_LINES (its size known ahead) prints past it: its list is virtual from
  // before Run, as the process tree's is, so its virtualizer takes the list's box at mount. Turned virtual at the
  // 301st line, the console drew every line before it (370 of the 770 elements the 1,000-lane run's first frame
  // added) and its virtualizer read the list's box inside a commit mid-run (a forced layout of the whole page).
  const early = useCrowd(lanes.length) > VIRTUAL_LINES;
  const virtual = early || lines.length > VIRTUAL_LINES;
  const { rows, padTop, padBottom, measure, toEnd } = useVirtualRows(ref, lines.length, LINE_HEIGHT, virtual);
  const describedBy = useId();
  const nameOf = useMemo(() => new Map(lanes.map((l) => [l.pid, l.name])), [lanes]);
  // The newest line in view: a virtual list scrolls by index (its height is an estimate until drawn).
  const follow = useRef(toEnd);
  useEffect(() => {
    follow.current = virtual ? toEnd : () => ref.current && (ref.current.scrollTop = ref.current.scrollHeight);
  });
  const place = useRef<EndFollow>(null);
  // The timeline's scrubbed moment (null: live): a scrub changes the lines, not the learner's choice to follow.
  const moment = useLabStore((s) => s.scrub);
  const momentNow = useRef(moment);
  momentNow.current = moment;
  // A list that is virtual from its first render (its first lines came all at once, past VIRTUAL_LINES: a fast run
  // on a page slow to take its snapshots) draws no line in that render (the list had no box to fit any in), and
  // its first lines a render later with the same count: that layout is looked at too, or the list stays at its top.
  const drawn = virtual ? rows.length > 0 : lines.length > 0;
  useEffect(() => {
    // After the browser's own layout (a ResizeObserver's first report comes then), not now: reading
    // scrollHeight or scrolling here would lay out the page a second time each frame a line is printed.
    const list = ref.current;
    const last = list?.lastElementChild;
    if (!list || !last) {
      // A new run's list starts at its end; a moment scrubbed to before the first line keeps the learner's choice.
      if (momentNow.current === null) place.current = null;
      else place.current?.saw(0, 0, 0, momentNow.current);
      return;
    }
    const after = new ResizeObserver(() => {
      after.disconnect();
      const at = momentNow.current;
      place.current ??= new EndFollow();
      if (place.current.follows(list.scrollTop, list.clientHeight, lines.length, at, list.scrollHeight - list.clientHeight)) follow.current();
      place.current.saw(list.scrollTop, list.scrollHeight - list.clientHeight, lines.length, at);
    });
    after.observe(last);
    return () => after.disconnect();
  }, [lines.length, drawn]);
  // End is ours, not the browser's: its smooth scroll lands where the end was when it started, and with lines
  // arriving meanwhile it kept animating up to there after our own scroll to the newest line, which then read
  // as the learner scrolling up (following stopped a line later; 1 CI run in 3). One instant scroll, following on.
  const onKey = (e: KeyboardEvent<HTMLOListElement>) => {
    if (e.key !== 'End' || e.altKey || e.metaKey) return;
    e.preventDefault();
    place.current?.resume();
    follow.current();
  };
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
  // Only those in view are drawn once some really are left out (a list virtual from before Run has few lines first).
  const count = lines.length === 0 ? t('lab.consoleEmpty') : virtual && rows.length < lines.length ? t('lab.linesInView', { n: lines.length }) : t('lab.linesCount', { n: lines.length });
  return (
    <section ref={box} className="panel console-panel" aria-label={t('lab.console')}>
      <h2>{t('lab.console')}</h2>
      {lines.length === 0 && !early ? (
        <p className="muted">{t('lab.consoleEmpty')}</p>
      ) : (
        <>
          <p className="muted console-count" id={describedBy} title={count}>
            {count}
          </p>
          <ol className={virtual ? 'console virtual' : 'console'} ref={ref} aria-live="off" tabIndex={0} aria-label={t('lab.console')} aria-describedby={describedBy} onKeyDown={onKey}>
            <VirtualPad height={padTop} />
            {virtual ? rows.map((r) => line(r.index)) : lines.map((_, i) => line(i))}
            <VirtualPad height={padBottom} />
          </ol>
        </>
      )}
    </section>
  );
});
