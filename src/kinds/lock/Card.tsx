import { motion } from 'motion/react';
import { useT } from '../../ui/app/useT';
import { KeyIcon } from '../../ui/lab/KeyIcon';
import { Card, Waiters, type CardProps } from '../cardParts';
import type { LockView } from '.';

/** The lock's key: at home when free, in its owner's lane when held (the same layoutId flies between them). */
export function LockCard({ view, lanes }: CardProps<LockView>) {
  const t = useT();
  const owner = lanes.find((l) => l.pid === view.owner);
  return (
    <Card title={t('lock.title', { name: view.name })} className="lock-card">
      <div className="lock-home">
        {!owner && (
          <motion.span layoutId={`hold-${view.id}`} className="lock-key" transition={{ type: 'spring', stiffness: 500, damping: 35 }}>
            <KeyIcon />
          </motion.span>
        )}
        <span className="lock-status" data-owner={owner?.name ?? ''}>
          {owner ? t('lock.heldBy', { name: owner.name }) : t('lock.free')}
        </span>
      </div>
      <Waiters pids={view.waiters} lanes={lanes} />
    </Card>
  );
}
