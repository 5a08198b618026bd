import { createContext, memo, useContext, useId, useMemo, useRef } from 'react';
import { motion } from 'motion/react';
import type { LaneView, Snapshot } from '../../lab/liveRun';
import type { LaneState } from '../../lab/fold';
import { pidLabel } from '../../core/pid';
import { holdersOf, type ObjectView } from '../../kinds/registry';
import { useLang, useT } from '../app/useT';
import { procColor } from './colors';
import { KeyIcon } from './KeyIcon';
import { NO_LOCALS, ProcessLocals } from './ProcessLocals';
import type { Local } from '../../lab/locals';
import { useVirtualRows, useWidth, VirtualPad } from './virtualRows';

/** Beyond this many lanes the grid is compact (smaller lanes, its own scroll bar, no layout animations)… */
export const COMPACT_LANES = 12;
/** …and beyond this many only the rows in view are drawn. */
export const VIRTUAL_LANES = 48;

/**
 * How many processes the current run may have, when the lab knows it ahead (a curated scenario's
 * `maxProcesses`); 0 when it does not. The drawing modes above are chosen for the whole run from it:
 * decided by the lanes present, they switched while a run's lanes appeared (animated lanes and cards
 * mounted for the first few processes, then unmounted for the compact ones, each unmount a forced
 * layout; the lane list remounted as a virtual one), which was most of a 100-process start's time.
 */
export const RunSize = createContext(0);

/** The lane count the drawing modes are chosen by: the lanes present, or the run's size when larger. */
export function useCrowd(lanes: number): number {
  return Math.max(lanes, useContext(RunSize));
}
/**
 * The line over a virtual list of processes (the lanes and the tree). It says that only those in view are
 * drawn once some really are not; before that (a run's first lanes, or the main process alone before Run,
 * drawn this way because of the run's size) it counts them against the run's size. Always there in a virtual
 * list, so the list does not move down when the text changes.
 */
export function LanesNote({ id, n, partial }: { id: string; n: number; partial: boolean }) {
  const t = useT();
  const planned = useContext(RunSize);
  const text = partial ? t('lab.lanesInView', { n }) : planned > n ? t('lab.lanesPlanned', { n, max: planned }) : t('lab.lanesCount', { n });
  return (
    <p className="muted lanes-count" id={id}>
      {text}
    </p>
  );
}

/** The compact grid's geometry (lab.css `.lanes.compact`): minimum column width, gap, a lane's height with its Step button (a fixed size there). */
const LANE_MIN_WIDTH = 200;
const LANE_GAP = 6;
const LANE_HEIGHT = 136;
/**
 * Rows of lanes drawn beyond the view on each side. A row is a whole grid row (3 to 6 lanes), and every lane
 * drawn is rendered again with each snapshot that changes it: the list's default of 6 rows would draw some
 * 70 lanes to show 24. Two rows still cover a wheel step or an arrow key's scroll.
 */
const LANE_OVERSCAN_ROWS = 2;
/** Rows of lanes mounted per frame as a run's lanes appear (`useVirtualRows`' pace): one row is 3-6 lanes, ~40-80 elements. */
const LANE_MOUNT_ROWS = 1;

interface LaneProps {
  lane: LaneView;
  /** Layout animations measure the page; with many lanes they would cost whole frames. */
  animate: boolean;
  index: number;
  /** What it holds: a key per object (with the layoutId its card's key flies from), titled by the object's name. */
  keys: HeldKey[];
  /** Its local values, from the snapshot drawn. */
  locals: readonly Local[];
  stepMode: boolean;
  justMoved: boolean;
  onStep: (pid: number) => void;
  /** Drawn as part of a virtual list: its place in the whole list (1-based) and the list's length. */
  setSize?: number;
  /** The virtual list measures each row by its first lane: the row's index there (props, not an object, so memo holds). */
  measureRow?: number;
  measure?: (el: Element | null) => void;
}

interface HeldKey {
  id: number;
  name: string;
  layoutId: string;
}

const NO_KEYS: HeldKey[] = [];

/**
 * A line of a lane's text. In a crowded grid a lane has a fixed size and the line is cut with an ellipsis where it
 * does not fit; all of it stays in the page (a screen reader reads it whole) and in its title (a pointer shows it).
 */
function LaneLine({ className, text }: { className: string; text: string }) {
  return (
    <span className={className} title={text || undefined}>
      {text}
    </span>
  );
}

const Lane = memo(function Lane({ lane, animate, index, keys, locals, stepMode, justMoved, onStep, setSize, measureRow, measure }: LaneProps) {
  const t = useT();
  const lang = useLang();
  const ended = lane.state === 'done' || lane.state === 'terminated';
  return (
    <li
      className={`lane state-${lane.state}${justMoved ? ' moved' : ''}`}
      style={{ '--pc': procColor(lane.pid) } as React.CSSProperties}
      data-pid={lane.pid}
      aria-label={lane.name}
      aria-setsize={setSize}
      aria-posinset={setSize ? index + 1 : undefined}
      data-index={measureRow}
      ref={measureRow === undefined ? undefined : measure}
    >
      {/* The lane's contents in a box of their own: in a crowded grid, a box of fixed size that a change of its text lays
          out alone (lab.css, `.lanes.compact .lane-box`). */}
      <div className="lane-box">
        <div className={keys.length > 0 ? 'lane-head holds' : 'lane-head'}>
          <span className="lane-swatch" aria-hidden="true" />
          <strong className="lane-name" title={lane.name}>{lane.name}</strong>
          <LaneLine className="lane-pid" text={pidLabel(lane.pid, lang)} />
          {lane.daemon && <span className="tag">{t('lab.daemon')}</span>}
          <span className={`badge badge-${lane.state}`} data-state={lane.state} data-widest={widestState(lang, t)}>
            {t(`lab.state.${lane.state}`)}
          </span>
          {keys.map((k) =>
            animate ? (
              <motion.span key={k.layoutId} layoutId={k.layoutId} className="lock-key held" title={t('lab.holds', { name: k.name })} transition={{ type: 'spring', stiffness: 500, damping: 35 }}>
                <KeyIcon />
              </motion.span>
            ) : (
              <span key={k.layoutId} className="lock-key held" title={t('lab.holds', { name: k.name })}>
                <KeyIcon />
              </span>
            ),
          )}
        </div>
        <div className="lane-body">
          {/* One line, always there (empty while a running process has nothing to say): a process blocking and
              waking many times a second then changes this line's text, not the lane's height, so the grid's rows
              and the page below stay where they are. */}
          <LaneLine {...statusLine(lane, ended, t)} />
          {lane.error && <LaneLine className="lane-error" text={t('lab.raised', { name: lane.error })} />}
        </div>
        <ProcessLocals locals={locals} />
        {lane.traceback && (
          // Python's own output, as the child's stderr would show it: not translated.
          <pre className="lane-traceback" aria-label={t('lab.traceback', { name: lane.name })} title={traceback(lane.traceback)}>
            {traceback(lane.traceback)}
          </pre>
        )}
        {stepMode && (
          // aria-disabled, not disabled: a disabled button drops keyboard focus to the page. While this lane's op
          // still runs it stays enabled: a press then waits for that step to settle (viewHost's `byHand`).
          <button
            type="button"
            className="lane-step"
            onClick={() => lane.steppable && onStep(lane.pid)}
            aria-disabled={!lane.steppable}
            aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
          >
            {t('lab.stepProcess', { name: lane.name })}
          </button>
        )}
      </div>
    </li>
  );
});

/** The states a lane goes back and forth between; it reaches done or terminated once, and may then move its head once. */
const LIVE_STATES: readonly LaneState[] = ['new', 'ready', 'running', 'blocked', 'sleeping'];
const widestByLang = new Map<string, string>();
/**
 * The longest live state word in `lang`: the badge keeps its room (lab.css), so a lane's head does not move as its
 * process sleeps, blocks and wakes.
 */
function widestState(lang: string, t: ReturnType<typeof useT>): string {
  let widest = widestByLang.get(lang);
  if (widest === undefined) {
    widest = LIVE_STATES.map((s) => t(`lab.state.${s}`)).reduce((a, b) => (b.length > a.length ? b : a));
    widestByLang.set(lang, widest);
  }
  return widest;
}

/** A lane's status line: what it waits for, its next op, or its exit code; empty (`lane-quiet`) when none applies. */
function statusLine(lane: LaneView, ended: boolean, t: ReturnType<typeof useT>): { className: string; text: string } {
  if (lane.state === 'blocked') return { className: 'lane-wait', text: t('lab.blockedOn', { what: lane.blockedOnName }) };
  if (!ended && lane.next) return { className: 'lane-next', text: `${t('lab.next', { op: t(lane.next.key, { obj: lane.next.obj, kind: lane.next.kind }) })} · ${t('lab.line', { line: lane.nextLine })}` };
  if (ended && lane.exitcode !== null) return { className: 'lane-exit', text: t('lab.exit', { code: lane.exitcode }) };
  return { className: 'lane-quiet', text: '' };
}

/** A child's traceback as Python prints it to its stderr. */
function traceback(tb: NonNullable<LaneView['traceback']>): string {
  return `Traceback (most recent call last):\n  File "main.py", line ${tb.line}\n${tb.message}`;
}

/** What each process holds: a key per object, by pid. */
function heldKeys(objects: ObjectView[]): Map<number, HeldKey[]> {
  const held = new Map<number, HeldKey[]>();
  for (const o of objects) {
    const holders = holdersOf(o);
    // A sole holder's key is the one its card shows when free (same layoutId); several holders each get their own.
    holders.forEach((pid, i) => held.set(pid, [...(held.get(pid) ?? []), { id: o.id, name: o.name, layoutId: holders.length === 1 ? `hold-${o.id}` : `hold-${o.id}-${pid}-${i}` }]));
  }
  return held;
}

export const Lanes = memo(function Lanes({
  lanes,
  objects,
  locals,
  stepMode,
  lastPid,
  onStep,
}: {
  lanes: LaneView[];
  objects: ObjectView[];
  /** Each process's local values by pid (the snapshot's). */
  locals: Snapshot['locals'];
  stepMode: boolean;
  lastPid: number;
  onStep: (pid: number) => void;
}) {
  const t = useT();
  const crowd = useCrowd(lanes.length);
  const compact = crowd > COMPACT_LANES;
  const virtual = crowd > VIRTUAL_LANES;
  // Rebuilt only when the objects change (the merge keeps their array otherwise): a holder's lane then keeps
  // its `keys` and skips the snapshots that moved other lanes.
  const held = useMemo(() => heldKeys(objects), [objects]);
  // A virtual grid draws whole rows: as many lanes per row as the compact grid's columns fit.
  const ref = useRef<HTMLOListElement>(null);
  const width = useWidth(ref, virtual);
  const columns = Math.max(1, Math.floor((width + LANE_GAP) / (LANE_MIN_WIDTH + LANE_GAP)));
  const { rows, padTop, padBottom, measure, edgeKey } = useVirtualRows(ref, Math.ceil(lanes.length / columns), LANE_HEIGHT, virtual, LANE_GAP, LANE_OVERSCAN_ROWS, LANE_MOUNT_ROWS);
  const describedBy = useId();
  const drawn = rows.reduce((n, row) => n + Math.max(0, Math.min(columns, lanes.length - row.index * columns)), 0);
  const lane = (l: LaneView, i: number, measureRow?: number) => (
    <Lane
      key={l.pid}
      lane={l}
      animate={!compact}
      index={i}
      keys={held.get(l.pid) ?? NO_KEYS}
      locals={locals[l.pid] ?? NO_LOCALS}
      stepMode={stepMode}
      justMoved={l.pid === lastPid}
      onStep={onStep}
      setSize={virtual ? lanes.length : undefined}
      measureRow={measureRow}
      measure={measureRow === undefined ? undefined : measure}
    />
  );
  return (
    <section className="panel lanes-panel" aria-label={t('lab.processes')}>
      <h2>{t('lab.processes')}</h2>
      {virtual && <LanesNote id={describedBy} n={lanes.length} partial={drawn < lanes.length} />}
      <ol
        ref={ref}
        className={`lanes${compact ? ' compact' : ''}${virtual ? ' virtual' : ''}${stepMode ? ' stepping' : ''}`}
        tabIndex={compact ? 0 : undefined}
        onKeyDown={edgeKey}
        aria-label={t('lab.processes')}
        aria-describedby={virtual ? describedBy : undefined}
        style={virtual ? { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` } : undefined}
      >
        {virtual ? (
          <>
            {/* The grid's gap follows each spacer: take it off the height it stands for. */}
            <VirtualPad height={padTop - LANE_GAP} />
            {rows.flatMap((row) => lanes.slice(row.index * columns, (row.index + 1) * columns).map((l, k) => lane(l, row.index * columns + k, k === 0 ? row.index : undefined)))}
            <VirtualPad height={padBottom - LANE_GAP} />
          </>
        ) : (
          lanes.map((l, i) => lane(l, i))
        )}
      </ol>
    </section>
  );
});
