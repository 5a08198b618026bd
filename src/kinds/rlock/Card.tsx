import { useT } from '../../ui/app/useT';
import { Card, KeyHome, Waiters, type CardProps } from '../cardParts';
import type { RLockView } from '.';

/** Like a Lock's card, plus how many times its owner holds it. */
export function RLockCard({ view, lanes }: CardProps<RLockView>) {
  const t = useT();
  const owner = lanes.find((l) => l.pid === view.owner);
  return (
    <Card title={t('rlock.title', { name: view.name })} className="lock-card rlock-card">
      <KeyHome id={view.id} free={!owner} owner={owner?.name ?? ''} depth={view.depth} status={owner ? t('rlock.depth', { name: owner.name, depth: view.depth }) : t('lock.free')} />
      <Waiters pids={view.waiters} lanes={lanes} />
    </Card>
  );
}
