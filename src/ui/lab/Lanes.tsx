import { memo } from 'react';
import { motion } from 'motion/react';
import type { LaneView } from '../../lab/liveRun';
import { holdersOf, type ObjectView } from '../../kinds/registry';
import { useT } from '../app/useT';
import { procColor } from './colors';
import { KeyIcon } from './KeyIcon';
import { ProcessLocals } from './ProcessLocals';

interface LaneProps {
  lane: LaneView;
  /** Layout animations measure the page; with many lanes they would cost whole frames. */
  animate: boolean;
  index: number;
  /** What it holds: a key per object (with the layoutId its card's key flies from), titled by the object's name. */
  keys: HeldKey[];
  stepMode: boolean;
  justMoved: boolean;
  onStep: (pid: number) => void;
}

interface HeldKey {
  id: number;
  name: string;
  layoutId: string;
}

const NO_KEYS: HeldKey[] = [];

const Lane = memo(function Lane({ lane, animate, index, keys, stepMode, justMoved, onStep }: LaneProps) {
  const t = useT();
  const ended = lane.state === 'done' || lane.state === 'terminated';
  return (
    <li className={`lane state-${lane.state}${justMoved ? ' moved' : ''}`} style={{ '--pc': procColor(lane.pid) } as React.CSSProperties} data-pid={lane.pid} aria-label={lane.name}>
      <div className="lane-head">
        <span className="lane-swatch" aria-hidden="true" />
        <strong className="lane-name">{lane.name}</strong>
        <span className="lane-pid">{t('lab.pid', { pid: lane.pid })}</span>
        {lane.daemon && <span className="tag">{t('lab.daemon')}</span>}
        <span className={`badge badge-${lane.state}`} data-state={lane.state}>
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
        {lane.state === 'blocked' && <span className="lane-wait">{t('lab.blockedOn', { what: lane.blockedOnName })}</span>}
        {!ended && lane.next && lane.state !== 'blocked' && (
          <span className="lane-next">
            {t('lab.next', { op: t(lane.next.key, { obj: lane.next.obj, kind: lane.next.kind }) })} · {t('lab.line', { line: lane.nextLine })}
          </span>
        )}
        {ended && lane.exitcode !== null && <span className="lane-exit">{t('lab.exit', { code: lane.exitcode })}</span>}
        {lane.error && <span className="lane-error">{t('lab.raised', { name: lane.error })}</span>}
      </div>
      <ProcessLocals pid={lane.pid} />
      {lane.traceback && (
        // Python's own output, as the child's stderr would show it: not translated.
        <pre className="lane-traceback" aria-label={t('lab.traceback', { name: lane.name })}>
          {`Traceback (most recent call last):\n  File "main.py", line ${lane.traceback.line}\n${lane.traceback.message}`}
        </pre>
      )}
      {stepMode && (
        // aria-disabled, not disabled: the button goes unsteppable for a moment while its op runs,
        // and a disabled button drops keyboard focus to the page.
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
    </li>
  );
});

export function Lanes({ lanes, objects, stepMode, lastPid, onStep }: { lanes: LaneView[]; objects: ObjectView[]; stepMode: boolean; lastPid: number; onStep: (pid: number) => void }) {
  const t = useT();
  const compact = lanes.length > 12;
  const held = new Map<number, HeldKey[]>();
  for (const o of objects) {
    const holders = holdersOf(o);
    // A sole holder's key is the one its card shows when free (same layoutId); several holders each get their own.
    holders.forEach((pid, i) => held.set(pid, [...(held.get(pid) ?? []), { id: o.id, name: o.name, layoutId: holders.length === 1 ? `hold-${o.id}` : `hold-${o.id}-${pid}-${i}` }]));
  }
  return (
    <section className="panel lanes-panel" aria-label={t('lab.processes')}>
      <h2>{t('lab.processes')}</h2>
      <ol className={`lanes${compact ? ' compact' : ''}`} tabIndex={compact ? 0 : undefined} aria-label={t('lab.processes')}>
        {lanes.map((l, i) => (
          <Lane key={l.pid} lane={l} animate={!compact} index={i} keys={held.get(l.pid) ?? NO_KEYS} stepMode={stepMode} justMoved={l.pid === lastPid} onStep={onStep} />
        ))}
      </ol>
    </section>
  );
}
