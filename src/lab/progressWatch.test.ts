import { describe, expect, it } from 'vitest';
import { ProgressWatch } from './progressWatch';

const lane = (pid: number, ops: number, state = 'running') => ({ pid, name: `Process-${pid}`, state, ops });

describe('ProgressWatch', () => {
  it('says nothing while lines keep being printed', () => {
    const w = new ProgressWatch(100);
    for (let k = 0; k < 50; k++) expect(w.observe([lane(0, k * 10), lane(1, k * 10)], k)).toBeNull();
  });
  it('livelock: many ops, nothing printed, nobody ended', () => {
    const w = new ProgressWatch(100);
    expect(w.observe([lane(0, 0), lane(1, 0)], 3)).toBeNull();
    expect(w.observe([lane(0, 40), lane(1, 40)], 3)).toBeNull();
    expect(w.observe([lane(0, 60), lane(1, 60)], 3)).toEqual({ kind: 'livelock', ops: 120 });
    // A print is progress: quiet again.
    expect(w.observe([lane(0, 61), lane(1, 60)], 4)).toBeNull();
  });
  it('a silent computation that changes shared state is progress', () => {
    const w = new ProgressWatch(100);
    let balance = 0;
    const state = () => String(balance);
    w.observe([lane(0, 0), lane(1, 0)], 0, state);
    for (let k = 1; k <= 30; k++) {
      balance += 10;
      expect(w.observe([lane(0, k * 10), lane(1, k * 10)], 0, state)).toBeNull();
    }
    // The same ops with the state standing still: a livelock.
    expect(w.observe([lane(0, 400), lane(1, 400)], 0, state)).toEqual({ kind: 'livelock', ops: 200 });
  });
  it('starvation: one process stands still while the others work and print', () => {
    const w = new ProgressWatch(100);
    expect(w.observe([lane(1, 5, 'blocked'), lane(2, 0)], 0)).toBeNull();
    for (let k = 1; k < 12; k++) w.observe([lane(1, 5, 'blocked'), lane(2, k * 10)], k);
    expect(w.observe([lane(1, 5, 'blocked'), lane(2, 120)], 12)).toEqual({ kind: 'starving', pid: 1, name: 'Process-1', ops: 120 });
  });
  it('an ended process is not starving', () => {
    const w = new ProgressWatch(10);
    w.observe([lane(1, 5, 'done'), lane(2, 0)], 0);
    expect(w.observe([lane(1, 5, 'done'), lane(2, 50)], 1)).toBeNull();
  });
});
