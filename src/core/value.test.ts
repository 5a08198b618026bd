/**
 * Value's ops on one thread: what its guard must leave behind when an op unwinds. (Under real
 * threads the guard's purpose, a log in the order memory saw the loads and stores, is tested in
 * primitives.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, H, Memory, Mode } from './layout';
import { Unwind } from './errors';
import { Runtime } from './runtime';
import { Value } from './data';
import { World } from './world';

describe("Value's guard", () => {
  it('a store that unwinds on Reset while its ring is full (its event cannot be written) leaves the guard free', () => {
    const mem = Memory.create({ ...DEFAULT_LAYOUT, maxProcs: 2, ringEvents: 4 });
    Atomics.store(mem.i32, H.mode, Mode.parallel);
    new Value(new World(mem, true), 'i', 7, false, 'num');
    const num = new Value(new World(mem, false, new Runtime(mem, 1)), 'i', 7, false, 'num');
    for (let i = 0; i < 4; i++) expect(num.load()).toBe(7); // nobody reads the ring: it is full now
    Atomics.store(mem.i32, H.stop, 1); // Reset: a writer waiting for room unwinds
    expect(() => num.store(8)).toThrow(Unwind);
    // The store itself happened (before its event); the guard was given back, so the run's other
    // threads, also unwinding, never hang on it.
    expect(num.peek()).toBe(8);
    expect([...mem.i32.subarray(num.info.base, num.info.base + 4)]).toEqual([8, 0, 0, 0]); // int, guard, float
  });
});
