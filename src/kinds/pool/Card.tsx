import { useT } from '../../ui/app/useT';
import { procColor } from '../../ui/lab/colors';
import { Card, ItemSlots, names, type CardProps } from '../cardParts';
import type { PoolView } from '.';

/** The task queue, each worker (reused: its task count grows) with the task it is on, the results on their way back. */
export function PoolCard({ view, lanes }: CardProps<PoolView>) {
  const t = useT();
  const madeBy = (name: string) => t('pool.putBy', { name });
  return (
    <Card title={t('pool.title', { n: view.processes })} className="pool-card">
      <p className="small">
        <strong>{t('pool.tasks', { n: view.tasks.length })}</strong>
      </p>
      <ItemSlots items={view.tasks} lanes={lanes} madeBy={madeBy} />
      <ul className="pool-workers" aria-label={t('pool.workers')}>
        {view.workers.map((w) => (
          <li key={w.pid} style={{ borderColor: procColor(w.pid) }} data-done={w.done}>
            {t('pool.worker', { name: names([w.pid], lanes), done: w.done })}
            {view.idle.includes(w.pid) ? ` · ${t('pool.idle')}` : w.current ? ` · ${t('pool.on', { task: w.current })}` : ''}
          </li>
        ))}
      </ul>
      <p className="small">
        <strong>{t('pool.results', { n: view.results.length })}</strong>
        {view.collecting.length > 0 && <> · {t('pool.collecting', { names: names(view.collecting, lanes) })}</>}
      </p>
      <ItemSlots items={view.results} lanes={lanes} madeBy={madeBy} />
    </Card>
  );
}
