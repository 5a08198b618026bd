import { useT } from '../../ui/app/useT';
import { Card, Waiters, flashClass, names, type CardProps } from '../cardParts';
import type { ConditionView } from '.';

/** Its lock's name, who waits for a notify, and the last notify (who, how many it woke). */
export function ConditionCard({ view, lanes, last }: CardProps<ConditionView>) {
  const t = useT();
  const n = view.lastNotify;
  const all = n.asked >= 0x7fffffff;
  return (
    <Card title={t('condition.title', { name: view.name })} className={`condition-card ${flashClass(last, view.ids)}`}>
      <p className="small muted">{t('condition.lock', { lock: view.lockName })}</p>
      <Waiters pids={view.waiters} lanes={lanes} />
      {n.pid >= 0 && <p className="small">{t(all ? 'condition.notifiedAll' : 'condition.notified', { name: names([n.pid], lanes), woke: n.woke, asked: n.asked })}</p>}
    </Card>
  );
}
