import { useT } from '../../ui/app/useT';
import { Card, KeyHome, Waiters, type CardProps } from '../cardParts';
import type { LockView } from '.';

/** The lock's key: at home when free, in its owner's lane when held (the same layoutId flies between them). */
export function LockCard({ view, lanes }: CardProps<LockView>) {
  const t = useT();
  const owner = lanes.find((l) => l.pid === view.owner);
  return (
    <Card title={t('lock.title', { name: view.name })} className="lock-card">
      <KeyHome id={view.id} free={!owner} owner={owner?.name ?? ''} status={owner ? t('lock.heldBy', { name: owner.name }) : t('lock.free')} />
      <Waiters pids={view.waiters} lanes={lanes} />
    </Card>
  );
}
