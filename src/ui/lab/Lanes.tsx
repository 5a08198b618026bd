import { memo } from 'react';
import { motion } from 'motion/react';
import type { LaneView, LockView } from '../../lab/liveRun';
import { useT } from '../app/useT';
import { procColor } from './colors';
import { KeyIcon } from './KeyIcon';
import { opText } from './opText';

interface LaneProps {
  lane: LaneView;
  /** Layout animations measure the page; with many lanes they would cost whole frames. */
  animate: boolean;
  index: number;
  keys: LockView[];
  stepMode: boolean;
  justMoved: boolean;
  onStep: (pid: number) => void;
}

const NO_KEYS: LockView[] = [];

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
            <motion.span key={k.id} layoutId={`lock-key-${k.id}`} className="lock-key held" title={t('lab.lockObj', { name: k.name })} transition={{ type: 'spring', stiffness: 500, damping: 35 }}>
              <KeyIcon />
            </motion.span>
          ) : (
            <span key={k.id} className="lock-key held" title={t('lab.lockObj', { name: k.name })}>
              <KeyIcon />
            </span>
          ),
        )}
      </div>
      <div className="lane-body">
        {lane.state === 'blocked' && <span className="lane-wait">{t('lab.blockedOn', { what: lane.blockedOnName })}</span>}
        {!ended && lane.nextKind && lane.state !== 'blocked' && (
          <span className="lane-next">
            {t('lab.next', { op: opText(t, lane.nextKind, lane.nextObjName) })} · {t('lab.line', { line: lane.nextLine })}
          </span>
        )}
        {ended && lane.exitcode !== null && <span className="lane-exit">{t('lab.exit', { code: lane.exitcode })}</span>}
        {lane.error && <span className="lane-error">{t('lab.raised', { name: lane.error })}</span>}
      </div>
      {stepMode && (
        <button type="button" className="lane-step" onClick={() => onStep(lane.pid)} disabled={!lane.steppable} aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}>
          {t('lab.stepProcess', { name: lane.name })}
        </button>
      )}
    </li>
  );
});

export function Lanes({ lanes, locks, stepMode, lastPid, onStep }: { lanes: LaneView[]; locks: LockView[]; stepMode: boolean; lastPid: number; onStep: (pid: number) => void }) {
  const t = useT();
  const compact = lanes.length > 12;
  const held = new Map<number, LockView[]>();
  for (const k of locks) if (k.owner >= 0) held.set(k.owner, [...(held.get(k.owner) ?? []), k]);
  return (
    <section className="panel lanes-panel" aria-label={t('lab.processes')}>
      <h2>{t('lab.processes')}</h2>
      <ol className={`lanes${compact ? ' compact' : ''}`}>
        {lanes.map((l, i) => (
          <Lane key={l.pid} lane={l} animate={!compact} index={i} keys={held.get(l.pid) ?? NO_KEYS} stepMode={stepMode} justMoved={l.pid === lastPid} onStep={onStep} />
        ))}
      </ol>
    </section>
  );
}
