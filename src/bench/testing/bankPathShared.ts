/** What the bank micro-bench's main thread and its two process threads agree on. */
import { bank } from '../../scenarios/bank';
import type { World } from '../../core/world';
import type { ThreadSched } from './hotpathShared';

export interface BankJob {
  /** -1 withdraws, +1 deposits. */
  delta: number;
  /** Updates this thread does. */
  n: number;
  /** The start word's value to wait past. */
  round: number;
  /** Count Atomics.wait / Atomics.notify calls in this thread (wraps them: a little slower). */
  count: boolean;
}

export interface BankAnswer {
  sched: ThreadSched;
  waits: number;
  notifies: number;
}

/** The scenario's own objects (console, num, lock) and a start word, in the same order in every context. */
export function bankObjects(world: World) {
  const objs = bank.setup(world, { n: 0, pairs: 1, lock: 'on', scope: 'update' });
  const words = world.allocate('value', 'words', 2);
  return { ...objs, start: words.base };
}
