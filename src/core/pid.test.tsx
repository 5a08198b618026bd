import { describe, expect, it } from 'vitest';
import { names } from '../kinds/cardParts';
import { PROCESS_OBJ_BASE } from './layout';
import { waitForGraph } from '../kinds/waitFor';
import { deadHolderExplanation } from '../view/viewHost';
import type { Snapshot } from '../lab/liveRun';
import { toChromeTrace, type LockstepTrace } from '../lab/trace';
import { osPid, pidLabel } from './pid';

/**
 * A process with no name to show is called by the pid the learner sees everywhere else (os.getpid(), its lane),
 * never by its slot: these fallbacks printed "pid 2" beside lanes that read "pid 1002".
 */
describe('a process by its pid', () => {
  it('reads its os pid, without a thousands separator, in both languages', () => {
    expect(pidLabel(3)).toBe(`pid ${osPid(3)}`);
    expect(pidLabel(3)).toBe('pid 1003');
    expect(pidLabel(9000, 'en')).toBe('pid 10000');
    expect(pidLabel(9000, 'zh')).toBe('pid 10000');
  });

  it("a card's list of processes names one with no lane by its pid", () => {
    expect(names([0, 2], [{ pid: 0, name: 'MainProcess' } as never])).toBe('MainProcess, pid 1002');
  });

  it('the wait-for graph names a joined child with no lane by its pid', () => {
    const g = waitForGraph([{ pid: 0, name: 'MainProcess', state: 'blocked', blockedOn: PROCESS_OBJ_BASE + 5 }], []);
    expect(g.edges[0]).toMatchObject({ join: true, objName: 'pid 1005', holders: [5] });
  });

  it('a dead holder with no lane is named by its pid', () => {
    const snap = {
      lanes: [{ pid: 2, name: 'client-2', state: 'blocked', blockedOn: 0 }],
      objects: [{ kind: 'lock', id: 0, ids: [0], name: 'lock', owner: 1, waiters: [] }],
    } as unknown as Snapshot;
    const e = deadHolderExplanation(snap, new Set([1]))!;
    expect(e.en).toContain('the worker of pid 1001 died while pid 1001 held lock');
    expect(e.zh).toContain('pid 1001');
  });

  it("the Chrome trace names a process the file does not by its pid (its track's tid)", () => {
    const trace = {
      processes: ['MainProcess'],
      objects: [],
      settings: { scenario: 'tickets' },
      events: [
        { seq: 0, time: 0, pid: 0, kind: 'print', obj: -1, line: 1, arg: 0, result: 0 },
        { seq: 1, time: 0.001, pid: 2, kind: 'print', obj: -1, line: 1, arg: 0, result: 0 },
      ],
    } as unknown as LockstepTrace;
    const threads = toChromeTrace(trace).traceEvents.filter((e) => e.name === 'thread_name');
    expect(threads.map((e) => [e.tid, e.args?.name])).toEqual([
      [1000, 'MainProcess'],
      [1002, 'pid 1002'],
    ]);
  });
});
