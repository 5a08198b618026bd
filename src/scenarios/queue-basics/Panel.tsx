import { useId, useState } from 'react';
import { useLabStore } from '../../lab/labStore';
import type { ScenarioPanelProps } from '../../ui/lab/panels';
import { useT } from '../../ui/app/useT';
import { procColor } from '../../ui/lab/colors';
import type { Command } from '.';

/** The calls, as their buttons are named (the contract), and what the program is told to do. */
const CALLS: { label: string; call: string; needsX?: boolean; t?: number }[] = [
  { label: 'put(x)', call: 'put(x)', needsX: true },
  { label: 'put_nowait(x)', call: 'put_nowait(x)', needsX: true },
  { label: 'put(x, timeout=3)', call: 'put(x, timeout=t)', needsX: true, t: 3 },
  { label: 'get()', call: 'get()' },
  { label: 'get_nowait()', call: 'get_nowait()' },
  { label: 'get(timeout=3)', call: 'get(timeout=t)', t: 3 },
  { label: 'qsize()', call: 'qsize()' },
  { label: 'empty()', call: 'empty()' },
  { label: 'full()', call: 'full()' },
];

/** The queue playground's buttons: pick who calls, then call; each click is a Command posted to the caller's mailbox. */
export function QueuePlayground({ port }: ScenarioPanelProps<Command>) {
  const t = useT();
  const [who, setWho] = useState<0 | 1>(0);
  const [x, setX] = useState(1);
  const xId = useId();
  const snap = useLabStore((s) => s.snapshot);
  const phase = useLabStore((s) => s.phase);
  const lanes = snap?.lanes ?? [];
  const caller = lanes[who];
  const ended = phase === 'ended' || !caller || caller.state === 'done' || caller.state === 'terminated';
  // Waiting on its own mailbox means "ready for the next call"; anything else is a call in progress.
  const idle = caller?.state === 'blocked' && caller.blockedOn === port.inbox(who);
  const busy = !ended && !idle;
  const last = [...(snap?.console ?? [])].reverse().find((l) => l.pid === caller?.pid);
  const send = (c: (typeof CALLS)[number] | { call: 'exit' }) => {
    const ok = port.post(who, { who, call: c.call, ...('needsX' in c && c.needsX ? { x } : {}), ...('t' in c && c.t ? { t: c.t } : {}) });
    if (ok && 'needsX' in c && c.needsX) setX((v) => v + 1);
  };
  return (
    <section className="panel playground" aria-label={t('lab.playground')}>
      <h2>{t('lab.playground')}</h2>
      <div className="playground-who" role="radiogroup" aria-label={t('lab.caller')}>
        {[0, 1].map((k) => (
          <label key={k} style={{ borderColor: procColor(k) }}>
            <input type="radio" name="caller" checked={who === k} onChange={() => setWho(k as 0 | 1)} />
            {lanes[k]?.name ?? (k === 0 ? 'MainProcess' : 'helper')}
          </label>
        ))}
        <label htmlFor={xId} className="playground-x">
          x
        </label>
        <input id={xId} type="number" value={x} onChange={(e) => setX(Math.trunc(Number(e.target.value)) || 0)} className="playground-x-input" />
      </div>
      <div className="playground-calls">
        {CALLS.map((c) => (
          <button key={c.label} type="button" className="mono" onClick={() => send(c)} disabled={ended}>
            {c.label}
          </button>
        ))}
        <button type="button" onClick={() => send({ call: 'exit' })} disabled={ended}>
          {t('lab.exitCaller')}
        </button>
      </div>
      <p className="muted small">{busy && caller ? t('lab.callerBusy', { name: caller.name }) : t('lab.playgroundHint')}</p>
      {last && (
        <p className={`playground-last ${last.text.includes('raised') ? 'raised' : ''}`} aria-live="polite">
          {last.text}
        </p>
      )}
    </section>
  );
}
