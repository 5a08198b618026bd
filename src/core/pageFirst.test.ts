/** Which runs the page beats for (pageFirst.ts): the controller calls `pageFrame` each animation frame. */
import { describe, expect, it } from 'vitest';
import { H, Memory } from './layout';
import { PAGE_FIRST_MAX_PROCS, beatPage, closeFrame, leavePage, pageFrame } from './pageFirst';

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

  it('a frame is open from its beat until the page has drawn it (or left): pageFrame says when the controller must close it', () => {
    const i32 = run(2);
    expect(pageFrame(i32, 2, false)).toBe(true);
    expect(Atomics.load(i32, H.pageOpen)).toBe(Atomics.load(i32, H.pageBeat));
    const drawn = Atomics.load(i32, H.pageDrawn);
    closeFrame(i32);
    expect(Atomics.load(i32, H.pageOpen)).toBe(0);
    // The close wakes the threads backing off for the frame (they wait on pageDrawn); a second close is nothing.
    expect(Atomics.load(i32, H.pageDrawn)).toBe(drawn + 1);
    closeFrame(i32);
    expect(Atomics.load(i32, H.pageDrawn)).toBe(drawn + 1);
    beatPage(i32);
    leavePage(i32);
    expect(Atomics.load(i32, H.pageOpen)).toBe(0);
    expect(pageFrame(i32, 2, true)).toBe(false);
    expect(pageFrame(i32, PAGE_FIRST_MAX_PROCS + 1, false)).toBe(false);
    expect(Atomics.load(i32, H.pageOpen)).toBe(0);
  });
});
