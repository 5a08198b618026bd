/**
 * Queue blocking on one thread, with the other process's moves made at a chosen instant: a
 * process that is shown asleep on a queue and then terminated takes nothing the queue gets after.
 */
import { describe, expect, it, vi } from 'vitest';
import { Unwind } from './errors';
import { H, Memory, Mode, S } from './layout';
import { Queue } from './queue';
import { Kill, Runtime } from './runtime';
import { World } from './world';

/** pid 0 sleeps on a queue of one slot; pid 1 is the other process (the page's `main`), on its own world. */
function twoProcesses(full: boolean) {
  const mem = Memory.create({ maxProcs: 2, ringEvents: 64, heapWords: 1 << 12 });
  Atomics.store(mem.i32, H.mode, Mode.parallel);
  Atomics.store(mem.i32, H.quiet, 1);
  const sleeper = new Runtime(mem, 0);
  const q = new Queue(new World(mem, true, sleeper), 1, 'q');
  const mainWorld = new World(mem, false, new Runtime(mem, 1));
  const main = mainWorld.adopt([q.id], () => new Queue(mainWorld, 1, 'q'));
  if (full) main.put('first');
  return { mem, sleeper, q, main };
}

/** Run `op` as pid 0; the moment it is shown blocked (the state `untilAsleep` waits for), pid 1 terminates it and then does `then`. */
function killedOnceAsleep(mem: Memory, sleeper: Runtime, then: () => void, op: () => unknown): unknown {
  const begin = sleeper.beginBlock.bind(sleeper);
  vi.spyOn(sleeper, 'beginBlock').mockImplementation((obj, line, deadline) => {
    begin(obj, line, deadline);
    mem.store(0, S.kill, Kill.terminate);
    then();
  });
  try {
    return op();
  } catch (e) {
    if (e instanceof Unwind) return e.reason;
    throw e;
  }
}

describe('a process terminated once it is shown asleep on a queue (parallel)', () => {
  it('as a getter: an item put after the terminate stays in the queue, and no sleeper or wake is left counted', () => {
    const { mem, sleeper, q, main } = twoProcesses(false);
    expect(killedOnceAsleep(mem, sleeper, () => main.put('a'), () => q.get())).toBe('terminated');
    expect(q.peekItems().map((i) => i.json)).toEqual(['"a"']);
    expect(q.sleepers).toEqual({ putSleepers: 0, getSleepers: 0, putWoken: 0, getWoken: 0 });
  });

  it('as a putter: its item never goes in, the room a get made after the terminate stays free', () => {
    const { mem, sleeper, q, main } = twoProcesses(true);
    expect(killedOnceAsleep(mem, sleeper, () => expect(main.get()).toBe('first'), () => q.put('late'))).toBe('terminated');
    expect(q.size).toBe(0);
    expect(q.sleepers).toEqual({ putSleepers: 0, getSleepers: 0, putWoken: 0, getWoken: 0 });
  });
});
