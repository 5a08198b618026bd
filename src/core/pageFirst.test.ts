/** Which runs the page beats for (pageFirst.ts): the controller calls `pageFrame` each animation frame. */
import { describe, expect, it } from 'vitest';
import { H, Memory } from './layout';
import { PAGE_FIRST_MAX_PROCS, beatPage, pageFrame } from './pageFirst';

describe('pageFrame: the size gate', () => {
  const run = (maxProcs: number) => Memory.create({ maxProcs, ringEvents: 8, heapWords: 16 }).i32;

  it('beats for a run of up to PAGE_FIRST_MAX_PROCS processes, and leaves a larger one alone (its threads never back off)', () => {
    const small = run(PAGE_FIRST_MAX_PROCS);
    pageFrame(small, PAGE_FIRST_MAX_PROCS, false);
    expect(Atomics.load(small, H.pageBeat)).not.toBe(0);
    const large = run(PAGE_FIRST_MAX_PROCS + 1);
    // A beat left from before (a smaller run's frames) must not stay: a stale beat would look late to every thread.
    beatPage(large);
    pageFrame(large, PAGE_FIRST_MAX_PROCS + 1, false);
    expect(Atomics.load(large, H.pageBeat)).toBe(0);
  });

  it('a resting loop beats for no run', () => {
    const i32 = run(2);
    beatPage(i32);
    pageFrame(i32, 2, true);
    expect(Atomics.load(i32, H.pageBeat)).toBe(0);
  });
});
