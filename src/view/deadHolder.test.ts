import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../lab/liveRun';
import { deadHolderExplanation } from './viewHost';

/** A lock held by pid 1 (whose worker died) and `waiters` clients blocked on it. */
function snapshot(waiters: number): Snapshot {
  const lane = (pid: number, state: string, blockedOn = -1) => ({ pid, name: pid === 1 ? 'holder' : `client-${pid}`, state, blockedOn });
  return {
    lanes: [lane(1, 'terminated'), ...Array.from({ length: waiters }, (_, i) => lane(2 + i, 'blocked', 0))],
    objects: [{ kind: 'lock', id: 0, ids: [0], name: 'lock', owner: 1, waiters: [] }],
  } as unknown as Snapshot;
}

describe('a deadlock caused by a dead worker, said as such', () => {
  it('names every waiter when there are a few', () => {
    const e = deadHolderExplanation(snapshot(3), new Set([1]))!;
    expect(e.en).toContain('client-2, client-3, client-4 will wait for it forever');
    expect(e.en).toContain('the worker of holder died while holder held lock');
  });

  it('a thousand waiters: three named, the rest counted, in both languages', () => {
    const e = deadHolderExplanation(snapshot(1000), new Set([1]))!;
    expect(e.en).toContain('client-2, client-3, client-4 and 997 more will wait for it forever');
    expect(e.zh).toContain('client-2, client-3, client-4 和另外 997 个进程');
    expect(e.en).not.toContain('client-5');
  });
});
