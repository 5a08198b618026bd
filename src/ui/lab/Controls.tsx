import { useId, type ReactNode } from 'react';
import { useLabStore } from '../../lab/labStore';
import { useT } from '../app/useT';
import { labController } from './controllerInstance';
import { CopyLink } from './CopyLink';
import { writeScheduleNow } from '../explore/RunTools';
import { RunProgress } from './RunProgress';

/**
 * A button that stays focusable while it cannot act (aria-disabled, not disabled): Undo and Redo
 * reload the run, and a disabled button would drop keyboard focus to the page for that moment.
 */
function SteadyButton({ off, onPress, keys, children }: { off: boolean; onPress: () => void; keys: string; children: ReactNode }) {
  return (
    <button type="button" aria-disabled={off} aria-keyshortcuts={keys} onClick={() => !off && onPress()}>
      {children}
    </button>
  );
}

/** Run, Pause, Step, Undo, Redo, Copy link, Reset, and a Run's progress (`loading`: see RunProgress). */
export function Controls({ loading }: { loading?: string }) {
  const t = useT();
  const phase = useLabStore((s) => s.phase);
  const mode = useLabStore((s) => s.settings.mode);
  const steps = useLabStore((s) => s.steps);
  const redo = useLabStore((s) => s.redo);
  const status = useLabStore((s) => s.status);
  const c = labController();
  const over = status === 'finished' || status === 'deadlock' || phase === 'ended';
  const busy = phase === 'loading';
  const scheduled = mode !== 'parallel';
  const historyOff = !scheduled || busy || phase === 'running';
  const resetId = useId();
  // At the run's end the focus that Run handed on (to Pause, or to Copy link under parallel) goes to Reset, the
  // control that comes next, not to whatever follows Pause (useKeepFocus).
  const then = over ? resetId : undefined;
  return (
    <div className="controls" role="group" aria-label={t('lab.controls')}>
      <button type="button" className="primary" onClick={() => void c.run()} disabled={busy || phase === 'running' || over} data-focus-then={then}>
        {t('lab.run')}
      </button>
      <button type="button" onClick={() => c.pause()} disabled={!scheduled || phase !== 'running'} data-focus-then={then}>
        {t('lab.pause')}
      </button>
      <button type="button" onClick={() => void c.step()} disabled={!scheduled || busy || phase === 'running' || over}>
        {t('lab.step')}
      </button>
      <SteadyButton off={historyOff || steps === 0} keys="U" onPress={() => void c.undo()}>
        {t('lab.undo')}
      </SteadyButton>
      <SteadyButton off={historyOff || redo === 0} keys="Y" onPress={() => void c.redo()}>
        {t('lab.redo')}
      </SteadyButton>
      <CopyLink update={() => writeScheduleNow()} />
      <button type="button" id={resetId} onClick={() => void c.reset()}>
        {t('lab.reset')}
      </button>
      <RunProgress loading={loading} />
    </div>
  );
}
