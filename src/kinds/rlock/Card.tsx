import { motion } from 'motion/react';
import { useT } from '../../ui/app/useT';
import { KeyIcon } from '../../ui/lab/KeyIcon';
import { Card, Waiters, type CardProps } from '../cardParts';
import type { RLockView } from '.';

/** Like a Lock's card, plus how many times its owner holds it. */
export function RLockCard({ view, lanes }: CardProps<RLockView>) {
  const t = useT();
  const owner = lanes.find((l) => l.pid === view.owner);
  return (
    <Card title={t('rlock.title', { name: view.name })} className="lock-card rlock-card">
      <div className="lock-home">
        {!owner && (
          <motion.span layoutId={`hold-${view.id}`} className="lock-key" transition={{ type: 'spring', stiffness: 500, damping: 35 }}>
            <KeyIcon />
          </motion.span>
        )}
        <span className="lock-status" data-owner={owner?.name ?? ''} data-depth={view.depth}>
          {owner ? t('rlock.depth', { name: owner.name, depth: view.depth }) : t('lock.free')}
        </span>
      </div>
      <Waiters pids={view.waiters} lanes={lanes} />
    </Card>
  );
}
