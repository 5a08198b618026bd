import { describe, expect, it } from 'vitest';
import type { ObjectView } from '../kinds/registry';
import type { LaneView, Snapshot } from '../lab/liveRun';
import type { Local } from '../lab/locals';
import { mergeSnapshot, sameData, SnapshotDiffer } from './protocol';

const lane = (pid: number, ops: number): LaneView => ({
  pid,
  name: `P${pid}`,
  state: 'running',
  blockedOn: -1,
  blockedOnName: '',
  next: null,
  nextLine: 0,
  line: 1,
  exitcode: null,
  error: null,
  traceback: null,
  ppid: pid === 0 ? -1 : 0,
  daemon: false,
  steppable: false,
  ops,
});

const NONE: readonly Local[] = [];
const lock = (holder: number, waiters: number[]): ObjectView => ({ kind: 'lock', id: 1, ids: [1], name: 'lock', holder, waiters }) as unknown as ObjectView;

function snap(lanes: LaneView[], objects: ObjectView[], console: Snapshot['console'], locals: (readonly Local[])[], seq: number): Snapshot {
  return { seq, lanes, objects, console, logLength: seq, logOverflow: 0, clock: seq / 10, last: null, lastPid: -1, locals };
}

describe('snapshot deltas', () => {
  it('send only what changed, and the merge keeps the identity of everything unchanged', () => {
    const worker = new SnapshotDiffer();
    const l0 = lane(0, 1);
    const l1 = lane(1, 1);
    const loc: readonly Local[] = [{ name: 'x', how: 'load', obj: 1, value: '1', line: 2, at: 0 }];
    const first = worker.diff(snap([l0, l1], [lock(-1, [])], [{ pid: 0, text: 'a' }], [NONE, loc], 2));
    expect(first.lanes).toEqual([l0, l1]);
    const a = mergeSnapshot(null, first);
    expect(a.lanes).toEqual([l0, l1]);

    // Lane 1 moved, the lock's view was rebuilt but is equal, one console line appended, a third process started.
    const l1b = lane(1, 2);
    const l2 = lane(2, 0);
    const second = worker.diff(snap([l0, l1b, l2], [lock(-1, [])], [{ pid: 0, text: 'a' }, { pid: 1, text: 'b' }], [NONE, loc, NONE], 5));
    expect(second.lanes.map((l) => l.pid)).toEqual([1, 2]);
    expect(second.objects).toEqual([]);
    expect(second.console).toEqual([{ pid: 1, text: 'b' }]);
    expect(second.locals.map(([pid]) => pid)).toEqual([2]);
    const b = mergeSnapshot(a, second);
    expect(b.lanes[0]).toBe(a.lanes[0]);
    expect(b.lanes[1]).toEqual(l1b);
    expect(b.lanes[2]).toEqual(l2);
    expect(b.objects).toBe(a.objects);
    expect(b.locals[1]).toBe(a.locals[1]);
    expect(b.console.map((c) => c.text)).toEqual(['a', 'b']);
    expect(b.seq).toBe(5);

    // Nothing changed: the arrays themselves are kept.
    const third = mergeSnapshot(b, worker.diff(snap([l0, l1b, l2], [lock(-1, [])], [{ pid: 0, text: 'a' }, { pid: 1, text: 'b' }], [NONE, loc, NONE], 5)));
    expect(third.lanes).toBe(b.lanes);
    expect(third.objects).toBe(b.objects);
    expect(third.console).toBe(b.console);
    expect(third.locals).toBe(b.locals);

    // An object's view that changed by value is sent and replaced; the others stay.
    const fourth = worker.diff(snap([l0, l1b, l2], [lock(1, [2])], [{ pid: 0, text: 'a' }, { pid: 1, text: 'b' }], [NONE, loc, NONE], 6));
    expect(fourth.objects).toEqual([[0, lock(1, [2])]]);
    const c = mergeSnapshot(third, fourth);
    expect(c.objects[0]).toEqual(lock(1, [2]));
    expect(c.lanes).toBe(third.lanes);
  });

  it('a page that missed nothing but merges late still ends equal to the worker', () => {
    const worker = new SnapshotDiffer();
    let page: Snapshot | null = null;
    let lanes: LaneView[] = [];
    let console: Snapshot['console'] = [];
    for (let step = 0; step < 20; step++) {
      lanes = Array.from({ length: 1 + (step >> 2) }, (_, pid) => (pid === step % (1 + (step >> 2)) ? lane(pid, step) : (lanes[pid] ?? lane(pid, 0))));
      console = step % 3 === 0 ? [...console, { pid: 0, text: `line ${step}` }] : console;
      const full = snap(lanes, [lock(step % 2, [])], console, lanes.map(() => []), step);
      page = mergeSnapshot(page, worker.diff(full));
      expect(sameData(page, { ...full, locals: page.locals })).toBe(true);
    }
  });
});
