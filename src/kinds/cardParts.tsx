/**
 * What the kinds' cards share: the card props, naming pids, the animated
 * waiters list, the "just touched" flash. UI only (React).
 */
import { AnimatePresence, motion } from 'motion/react';
import { createContext, useContext } from 'react';
import { KeyIcon } from '../ui/lab/KeyIcon';
import { itemText, type TakenItem } from './items';
import type { ReactNode } from 'react';
import type { LaneView, Snapshot } from '../lab/liveRun';
import { useT } from '../ui/app/useT';
import { procColor } from '../ui/lab/colors';
import { pidLabel } from '../core/pid';

/** What every card receives: its object's view, the lanes (to name pids), the last event (to flash). */
export interface CardProps<V> {
  view: V;
  lanes: LaneView[];
  last: Snapshot['last'];
}

/**
 * Whether cards may use layout animations (the waiters sliding, the key flying to its holder's lane): each one
 * measures the page when it mounts or moves, a forced layout that costs whole frames when the page holds hundreds
 * of lanes. SharedState turns them off past the lanes' compact threshold, where the lanes have none either.
 */
export const LayoutAnimations = createContext(true);

/** Beyond this many, waiters are counted, not drawn (and none animated: 1,000 clients would cost whole frames). */
export const MAX_WAITERS_DRAWN = 12;

export function names(pids: readonly number[], lanes: LaneView[]): string {
  return pids.map((p) => lanes.find((l) => l.pid === p)?.name ?? pidLabel(p)).join(', ');
}

/** The card's class for a flash when the last event touched one of `ids` (`flash-<event kind>`). */
export function flashClass(last: Snapshot['last'], ids: readonly number[]): string {
  return last && ids.includes(last.obj) ? `flash-${last.kind}` : '';
}

/** The frame of every card: a titled box named for its object. */
export function Card({ title, className, children }: { title: string; className: string; children: ReactNode }) {
  return (
    <div className={`card ${className}`} aria-label={title}>
      <h3>{title}</h3>
      {children}
    </div>
  );
}

/**
 * Processes waiting on an object, each in its colour, oldest first. Past
 * MAX_WAITERS_DRAWN the first few are named and the rest counted ("+ 312 more
 * waiting"), drawn without layout animations (measuring hundreds costs frames).
 */
export function Waiters({ pids, lanes, label }: { pids: readonly number[]; lanes: LaneView[]; label?: string }) {
  const t = useT();
  const shown = pids.slice(0, MAX_WAITERS_DRAWN);
  const more = pids.length - shown.length;
  const who = names(shown, lanes);
  const summary = pids.length === 0 ? t('lab.noWaiters') : more > 0 ? t('lab.waitingMore', { names: who, n: more }) : t('lab.waiting', { names: who });
  const chip = (pid: number) => ({ style: { background: procColor(pid) }, children: names([pid], lanes) });
  const animate = useContext(LayoutAnimations);
  return (
    <ol className="waiters" aria-label={label ?? summary}>
      {more > 0 || !animate ? (
        shown.map((pid) => <li key={pid} {...chip(pid)} />)
      ) : (
        <AnimatePresence>
          {shown.map((pid) => (
            <motion.li key={pid} layout initial={{ opacity: 0, x: 12 }} animate={{ opacity: 1, x: 0 }} exit={{ opacity: 0, x: -12 }} {...chip(pid)} />
          ))}
        </AnimatePresence>
      )}
      {more > 0 && <li className="more">{t('lab.moreWaiting', { n: more })}</li>}
    </ol>
  );
}

/** Items in flight (a queue's slots, a pipe direction's messages), each bordered in its maker's colour. */
export function ItemSlots({ items, max, lanes, madeBy }: { items: readonly { serial: number; json: string; by: number }[]; max?: number; lanes: LaneView[]; madeBy: (name: string) => string }) {
  const shown = items.slice(0, 40);
  // Bounded (`max`): that many slots, the free ones drawn empty. Unbounded: no slots to fill, only the items and an
  // open end (an empty unbounded queue was drawn as 4 empty slots, as if it held at most 4).
  const bounded = max !== undefined && max > 0;
  const columns = Math.min(bounded ? max : shown.length + 1, 20);
  const animate = useContext(LayoutAnimations);
  const props = (item: (typeof items)[number]) => ({ className: 'queue-item', style: { borderColor: procColor(item.by) }, title: madeBy(names([item.by], lanes)), children: item.json === 'null' ? 'None' : item.json });
  const free = bounded ? Math.max(0, columns - shown.length) : 0;
  const open = !bounded && (
    <li key="open" className="queue-open" aria-hidden="true">
      …
    </li>
  );
  return (
    <ol className={`queue-slots${bounded ? '' : ' unbounded'}`} style={{ gridTemplateColumns: `repeat(${columns}, minmax(2.2em, ${bounded ? '1fr' : '5em'}))` }}>
      {animate ? (
        <>
          <AnimatePresence initial={false}>
            {shown.map((item) => (
              <motion.li key={item.serial} layout initial={{ opacity: 0, x: -30 }} animate={{ opacity: 1, x: 0 }} exit={{ opacity: 0, x: 30 }} {...props(item)} />
            ))}
          </AnimatePresence>
          {Array.from({ length: free }, (_, i) => <li key={`empty-${i}`} className="queue-slot-empty" aria-hidden="true" />)}
        </>
      ) : (
        // One list keyed by position, items then free slots: a queue in a fast run changes all its items several
        // times a second, and a slot that stays the same element only changes its text and class (no element made
        // or dropped, so no new element's style to resolve and no change to the list's children).
        [...shown.map((item, i) => <li key={i} {...props(item)} />), ...Array.from({ length: free }, (_, i) => <li key={shown.length + i} className="queue-slot-empty" aria-hidden="true" />)]
      )}
      {open}
    </ol>
  );
}

/** A mutex's key at home when free (the same layoutId its owner's lane shows when held), and a status line. */
export function KeyHome({ id, free, status, owner, depth }: { id: number; free: boolean; status: string; owner: string; depth?: number }) {
  const animate = useContext(LayoutAnimations);
  return (
    <div className="lock-home">
      {free &&
        (animate ? (
          <motion.span layoutId={`hold-${id}`} className="lock-key" transition={{ type: 'spring', stiffness: 500, damping: 35 }}>
            <KeyIcon />
          </motion.span>
        ) : (
          <span className="lock-key">
            <KeyIcon />
          </span>
        ))}
      <span className="lock-status" data-owner={owner} data-depth={depth}>
        {status}
      </span>
    </div>
  );
}

/** The last items taken from a ring (a queue's gets, a pipe's receives), newest last. */
export function TakenList({ items, label, line }: { items: readonly TakenItem[]; label: string; line: (it: TakenItem) => string }) {
  if (items.length === 0) return null;
  return (
    <ol className="taken small" aria-label={label}>
      {/* By position: each take shifts the list by one, which then changes text in place (no element made or dropped). */}
      {items.map((it, i) => (
        <li key={i}>
          <span className="mono">{itemText(it.json)}</span> {line(it)}
        </li>
      ))}
    </ol>
  );
}
