import { useLabStore } from '../../lab/labStore';
import { useT } from '../app/useT';
import { labController } from './controllerInstance';
import { CopyLink } from './CopyLink';

/** Run, Pause, Step, Undo, Copy link, Reset. */
export function Controls() {
  const t = useT();
  const phase = useLabStore((s) => s.phase);
  const mode = useLabStore((s) => s.settings.mode);
  const steps = useLabStore((s) => s.steps);
  const status = useLabStore((s) => s.status);
  const c = labController();
  const over = status === 'finished' || status === 'deadlock' || phase === 'ended';
  const busy = phase === 'loading';
  const scheduled = mode !== 'parallel';
  return (
    <div className="controls" role="group" aria-label={t('lab.controls')}>
      <button type="button" className="primary" onClick={() => void c.run()} disabled={busy || phase === 'running' || over}>
        {t('lab.run')}
      </button>
      <button type="button" onClick={() => c.pause()} disabled={!scheduled || phase !== 'running'}>
        {t('lab.pause')}
      </button>
      <button type="button" onClick={() => void c.step()} disabled={!scheduled || busy || phase === 'running' || over}>
        {t('lab.step')}
      </button>
      <button type="button" onClick={() => void c.undo()} disabled={!scheduled || busy || phase === 'running' || steps === 0}>
        {t('lab.undo')}
      </button>
      <CopyLink />
      <button type="button" onClick={() => void c.reset()}>
        {t('lab.reset')}
      </button>
    </div>
  );
}
