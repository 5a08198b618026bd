/** What the hot-path micro-bench's main thread and its writer threads agree on. */
import { Console } from '../../core/data';
import type { Lock } from '../../core/sync';
import type { World } from '../../core/world';

export interface HotJob {
  what: 'emit' | 'emitFixedClock' | 'emitFlood' | 'lock' | 'futex';
  /** Ops (events, pairs) this writer does. */
  n: number;
  /** The start word's value to wait past. */
  round: number;
}

/** The bench's shared objects, allocated in the same order in every context (so at the same words). */
export function benchObjects(world: World, makeLock: (w: World) => Lock) {
  const lock = makeLock(world);
  const words = world.allocate('value', 'words', 4);
  const console = new Console(world, 16, 1024);
  // A bare futex word (the baseline), a plain counter bumped inside each critical section, the start word.
  return { lock, console, raw: words.base, counter: words.base + 1, start: words.base + 2 };
}
