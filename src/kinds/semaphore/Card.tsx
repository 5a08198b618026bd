import { useT } from '../../ui/app/useT';
import { KeyIcon } from '../../ui/lab/KeyIcon';
import { procColor } from '../../ui/lab/colors';
import { Card, Waiters, names, type CardProps } from '../cardParts';
import type { SemaphoreView } from '.';

/** The counter as free permits (keys), who is inside, who waits at the door. */
export function SemaphoreCard({ view, lanes }: CardProps<SemaphoreView>) {
  const t = useT();
  const free = Math.max(0, view.value);
  return (
    <Card title={t(view.bounded ? 'semaphore.bounded' : 'semaphore.title', { name: view.name })} className="semaphore-card">
      <div className="lock-home">
        <span className="permits" aria-hidden="true">
          {Array.from({ length: Math.min(free, 12) }, (_, i) => (
            <span key={i} className="lock-key">
              <KeyIcon />
            </span>
          ))}
        </span>
        <span className="sem-counter" data-value={view.value}>
          {t('semaphore.counter', { value: view.value, initial: view.initial })}
        </span>
      </div>
      <ul className="inside" aria-label={view.inside.length ? t('semaphore.inside', { names: names(view.inside, lanes) }) : t('semaphore.nobodyInside')}>
        {view.inside.length === 0 && <li className="muted small">{t('semaphore.nobodyInside')}</li>}
        {view.inside.map((pid, i) => (
          <li key={`${pid}-${i}`} style={{ background: procColor(pid) }}>
            {names([pid], lanes)}
          </li>
        ))}
      </ul>
      <Waiters pids={view.waiters} lanes={lanes} />
    </Card>
  );
}
