/** One object of each common kind on `world`, named for its kind: the fold and drain properties' run. */
import { Console, Value } from '../../core/data';
import { Queue } from '../../core/queue';
import { Event, Lock, RLock, Semaphore } from '../../core/sync';
import type { World } from '../../core/world';

export function everyKind(world: World) {
  return {
    lock: new Lock(world, 'lock'),
    rlock: new RLock(world, 'rlock'),
    sem: new Semaphore(world, 2, 'sem'),
    ev: new Event(world, 'ev'),
    num: new Value(world, 'i', 0, false, 'num'),
    q: new Queue(world, 4, 'q'),
    console: new Console(world, 16, 1024),
  };
}
