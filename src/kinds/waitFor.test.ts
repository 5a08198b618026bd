import { describe, expect, it } from 'vitest';
import { PROCESS_OBJ_BASE } from '../core/layout';
import { cycleSentence, orphanSentence, stuckSentence, waitForGraph } from './waitFor';

const proc = (pid: number, state: string, blockedOn = -1) => ({ pid, name: pid === 0 ? 'MainProcess' : `Process-${pid}`, state, blockedOn });
const lock = (id: number, name: string, holder: number) => ({ id, ids: [id], name, holders: holder >= 0 ? [holder] : [] });

describe('the wait-for graph', () => {
  it('abba: a two-process cycle, named both ways', () => {
    const g = waitForGraph([proc(0, 'blocked', PROCESS_OBJ_BASE + 1), proc(1, 'blocked', 2), proc(2, 'blocked', 1)], [lock(1, 'lock_a', 1), lock(2, 'lock_b', 2)]);
    expect(g.cycle).toEqual([1, 2]);
    expect(g.edges.find((e) => e.pid === 0)).toMatchObject({ join: true, objName: 'Process-1', holders: [1] });
    expect(cycleSentence(g)).toEqual({
      en: 'Process-1 holds lock_a and waits for lock_b; Process-2 holds lock_b and waits for lock_a',
      zh: 'Process-1 持有 lock_a，等待 lock_b；Process-2 持有 lock_b，等待 lock_a',
    });
  });
  it('self: a Lock acquired twice by its owner is a self-loop', () => {
    const g = waitForGraph([proc(1, 'blocked', 0)], [lock(0, 'lock', 1)]);
    expect(g.cycle).toEqual([1]);
    expect(cycleSentence(g)?.en).toBe('Process-1 holds lock and waits for lock');
  });
  it('a cycle through a join reads "to end"', () => {
    const g = waitForGraph([proc(0, 'blocked', 0), proc(1, 'blocked', PROCESS_OBJ_BASE + 0)], [lock(0, 'lock', 1)]);
    expect(cycleSentence(g)?.en).toBe('MainProcess waits for lock; Process-1 holds lock and waits for MainProcess to end');
  });
  it('a holder that was terminated: blocked forever, no cycle', () => {
    const procs = [proc(1, 'terminated'), proc(2, 'blocked', 0)];
    const g = waitForGraph(procs, [lock(0, 'lock', 1)]);
    expect(g.cycle).toBeNull();
    expect(orphanSentence(g, new Map(procs.map((p) => [p.pid, p.state])))?.en).toBe('Process-2 is blocked forever on lock: its holder Process-1 was terminated and will never release it');
    expect(stuckSentence(procs, [lock(0, 'lock', 1)])?.en).toContain('blocked forever');
  });
  it('waiting on a live holder, or on what nobody holds, is no deadlock', () => {
    expect(stuckSentence([proc(1, 'running'), proc(2, 'blocked', 0)], [lock(0, 'lock', 1)])).toBeNull();
    const g = waitForGraph([proc(1, 'blocked', 3)], [{ id: 3, ids: [3], name: 'light', holders: [] }]);
    expect(g.edges).toHaveLength(1);
    expect(g.cycle).toBeNull();
    expect(g.orphaned).toHaveLength(0);
  });
});
