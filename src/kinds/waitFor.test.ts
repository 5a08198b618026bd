import { describe, expect, it } from 'vitest';
import { PROCESS_OBJ_BASE } from '../core/layout';
import { ORPHAN_GROUPS_SAID, ORPHANS_ONE_BY_ONE, cycleSentence, orphanSentence, stuckSentence, waitForGraph } from './waitFor';

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
  it('up to ORPHANS_ONE_BY_ONE processes blocked forever: a sentence each', () => {
    const n = ORPHANS_ONE_BY_ONE;
    const procs = [proc(1, 'terminated'), ...Array.from({ length: n }, (_, i) => proc(2 + i, 'blocked', 0))];
    const s = orphanSentence(waitForGraph(procs, [lock(0, 'lock', 1)]), new Map(procs.map((p) => [p.pid, p.state])))!;
    expect(s.en.split('; ')).toHaveLength(n);
    expect(s.zh.split('；')).toHaveLength(n);
    expect(s.en).not.toContain('more');
  });
  it('a thousand processes behind a terminated holder: one sentence per object, three named, the rest counted', () => {
    const procs = [proc(1, 'terminated'), proc(2, 'done'), ...Array.from({ length: 1000 }, (_, i) => proc(3 + i, 'blocked', i < 990 ? 0 : 4))];
    const s = orphanSentence(waitForGraph(procs, [lock(0, 'lock', 1), lock(4, 'other', 2)]), new Map(procs.map((p) => [p.pid, p.state])))!;
    expect(s.en).toBe(
      'Process-3, Process-4, Process-5 and 987 more are blocked forever on lock: its holder Process-1 was terminated and will never release it; ' +
        'Process-993, Process-994, Process-995 and 7 more are blocked forever on other: its holder Process-2 has ended and will never release it',
    );
    expect(s.zh).toBe('Process-3, Process-4, Process-5 和另外 987 个进程 永远阻塞在 lock 上：持有者 Process-1 已被终止，再也不会释放它；Process-993, Process-994, Process-995 和另外 7 个进程 永远阻塞在 other 上：持有者 Process-2 已经结束，再也不会释放它');
  });
  it('past ORPHAN_GROUPS_SAID groups the processes of the others are counted', () => {
    const groups = ORPHAN_GROUPS_SAID + 3;
    // Each group: one ended holder (pid 1 + k) and two waiters on its own lock (id k).
    const holders = Array.from({ length: groups }, (_, k) => proc(1 + k, 'done'));
    const waiters = Array.from({ length: 2 * groups }, (_, i) => proc(100 + i, 'blocked', i >> 1));
    const locks = Array.from({ length: groups }, (_, k) => lock(k, `lock_${k}`, 1 + k));
    const procs = [...holders, ...waiters];
    const s = orphanSentence(waitForGraph(procs, locks), new Map(procs.map((p) => [p.pid, p.state])))!;
    const parts = s.en.split('; ');
    expect(parts).toHaveLength(ORPHAN_GROUPS_SAID + 1);
    expect(parts[0]).toBe('Process-100, Process-101 are blocked forever on lock_0: its holder Process-1 has ended and will never release it');
    expect(parts.at(-1)).toBe('6 more processes are blocked forever on what ended processes held');
    expect(s.zh.split('；').at(-1)).toBe('另有 6 个进程永远阻塞在已结束进程持有的对象上');
  });
  it('waiting on a live holder, or on what nobody holds, is no deadlock', () => {
    expect(stuckSentence([proc(1, 'running'), proc(2, 'blocked', 0)], [lock(0, 'lock', 1)])).toBeNull();
    const g = waitForGraph([proc(1, 'blocked', 3)], [{ id: 3, ids: [3], name: 'light', holders: [] }]);
    expect(g.edges).toHaveLength(1);
    expect(g.cycle).toBeNull();
    expect(g.orphaned).toHaveLength(0);
  });
});
