import { useLabStore } from '../../lab/labStore';
import type { ScenarioPanelProps } from '../../ui/lab/panels';
import { useT } from '../../ui/app/useT';
import { CALLS, type Command } from '.';

/** Buttons that call a method of the running child from the parent: each click is a Command posted to the parent's mailbox. */
export function ChildControls({ port }: ScenarioPanelProps<Command>) {
  const t = useT();
  const snap = useLabStore((s) => s.snapshot);
  const phase = useLabStore((s) => s.phase);
  const parent = snap?.lanes[0];
  const ended = phase === 'ended' || !parent || parent.state === 'done' || parent.state === 'terminated';
  // Waiting on its mailbox means "ready for the next click"; anything else (join() above all) is a call in progress.
  const idle = parent?.state === 'blocked' && parent.blockedOn === port.inbox(0);
  const last = [...(snap?.console ?? [])].reverse().find((l) => l.pid === 0);
  return (
    <section className="panel playground" aria-label={t('lab.childControls')}>
      <h2>{t('lab.childControls')}</h2>
      <div className="playground-calls" role="group" aria-label={t('lab.childControls')}>
        {CALLS.map((call) => (
          <button key={call} type="button" className="mono" onClick={() => port.post(0, { call })} disabled={ended}>
            p.{call}
          </button>
        ))}
      </div>
      <p className="muted small">{ended ? t('lab.childControlsEnded') : idle ? t('lab.childControlsHint') : t('lab.callerBusy', { name: parent?.name ?? '' })}</p>
      {last && (
        <p className="playground-last" aria-live="polite">
          {last.text}
        </p>
      )}
    </section>
  );
}
