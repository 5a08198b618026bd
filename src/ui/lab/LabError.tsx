import { sayMessage, useLabStore } from '../../lab/labStore';
import { useT } from '../app/useT';

/** The run's error (a failed load, a worker that died…), announced as an alert; nothing when there is none. */
export function LabError() {
  const t = useT();
  const error = useLabStore((s) => s.error);
  if (!error) return null;
  return (
    <div className="lab-error" role="alert">
      {sayMessage(t, error)}
    </div>
  );
}
