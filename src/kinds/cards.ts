/**
 * Each kind's card, by tag. The mapped type makes the compiler ask for a
 * card (or an explicit null: drawn elsewhere or plumbing) for every kind in
 * the registry.
 */
import type { ComponentType } from 'react';
import type { KindTag, ViewOf } from './registry';
import type { CardProps } from './cardParts';
import { LockCard } from './lock/Card';
import { RLockCard } from './rlock/Card';
import { SemaphoreCard } from './semaphore/Card';
import { EventCard } from './event/Card';
import { ConditionCard } from './condition/Card';
import { ValueCard } from './value/Card';
import { ArrayCard } from './array/Card';
import { QueueCard } from './queue/Card';
import { PipeCard } from './pipe/Card';
import { FileCard } from './file/Card';
import { PoolCard } from './pool/Card';
import { ManagerCard } from './manager/Card';

export const CARDS: { [K in KindTag]: ComponentType<CardProps<ViewOf<K>>> | null } = {
  lock: LockCard,
  rlock: RLockCard,
  semaphore: SemaphoreCard,
  event: EventCard,
  condition: ConditionCard,
  value: ValueCard,
  array: ArrayCard,
  queue: QueueCard,
  pipe: PipeCard,
  file: FileCard,
  console: null, // the Console panel draws it
  mailbox: null, // plumbing: the learner's clicks on their way to a process
  pool: PoolCard,
  manager: ManagerCard,
};
