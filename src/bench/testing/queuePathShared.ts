/** What the queue micro-bench's main thread and its producer/consumer threads agree on. */
import { Console } from '../../core/data';
import { Queue } from '../../core/queue';
import type { World } from '../../core/world';

export interface QueueJob {
  /** 'alone': put then get, `n` times, with nobody else (the ring freed as if read at once): the op's own cost. */
  role: 'producer' | 'consumer' | 'alone';
  /** Producer k puts items k*n .. k*n+n-1; a consumer takes `n` items. */
  k: number;
  n: number;
  /** The start word's value to wait past. */
  round: number;
  /** Count Atomics.wait / Atomics.notify calls in this thread (wraps them: a little slower). */
  count: boolean;
}

export interface QueueAnswer {
  cpuUs: number;
  waits: number;
  notifies: number;
  guardWaits: number;
  guardNotifies: number;
}

/** The bench's shared objects, in the same order in every context (so at the same words). */
export function queueObjects(world: World, capacity: number, items: number) {
  const console = new Console(world, 16, 1024);
  const q = new Queue(world, capacity, 'q');
  const tally = world.allocate('value', 'tally', items);
  const words = world.allocate('value', 'words', 2);
  return { console, q, tally: tally.base, start: words.base };
}
