import { describe, expect, it } from 'vitest';
import type { LaneView, Snapshot } from './liveRun';
import { narrate, narrateReplay } from './narrate';

const lane = (over: Partial<LaneView>): LaneView => ({
  pid: 1, name: 'Process-1', state: 'ready', blockedOn: -1, blockedOnName: '', next: null, nextLine: 0, line: 0, exitcode: null, error: null, traceback: null, ppid: 0, daemon: false, steppable: true, ops: 0, ...over,
});
const snap = (seq: number, lanes: LaneView[], last: Snapshot['last']): Snapshot => ({ seq, lanes, objects: [], console: [], logLength: seq, logOverflow: 0, last } as unknown as Snapshot);

describe('narrate', () => {
  const acquire = { key: 'lab.op.acquire', obj: 'lock', kind: 'acquire' } as unknown as LaneView['next'];

  it('says what the process that moved was about to do, at its line', () => {
    const before = snap(1, [lane({ next: acquire, nextLine: 7 })], null);
    // Process-1 did its op (ops 0 → 1); Process-2, which it started, is new and only logged its start.
    const after = snap(2, [lane({ state: 'ready', ops: 1 }), lane({ pid: 2, name: 'Process-2' })], { pid: 2, kind: 'start', obj: -1 });
    expect(narrate(before, after)).toEqual([{ key: 'narrate.did', vars: { name: 'Process-1', line: 7, opKey: 'lab.op.acquire', obj: 'lock', kind: 'acquire' } }]);
  });

  it('adds how it ended: blocked, raised or finished', () => {
    const before = snap(1, [lane({ next: acquire, nextLine: 7 })], null);
    expect(narrate(before, snap(2, [lane({ state: 'blocked', blockedOnName: 'lock' })], { pid: 1, kind: 'block', obj: 3 }))[1]).toEqual({ key: 'narrate.blocked', vars: { what: 'lock' } });
    expect(narrate(before, snap(2, [lane({ state: 'done', exitcode: 0 })], { pid: 1, kind: 'exit', obj: -1 }))[1]).toEqual({ key: 'narrate.ended', vars: { code: 0 } });
  });

  it('says a terminated process was terminated, not that it finished', () => {
    const before = snap(1, [lane({ next: acquire, nextLine: 7 })], null);
    expect(narrate(before, snap(2, [lane({ state: 'terminated', exitcode: -15, ops: 1 })], { pid: 1, kind: 'killed', obj: -1 }))[1]).toEqual({ key: 'narrate.terminated', vars: { code: -15 } });
  });

  it("a child whose start arrives a frame after its parent's spawn is not narrated as the step", () => {
    const before = snap(2, [lane({ pid: 0, name: 'MainProcess', ops: 1 }), lane({ state: 'new', next: { key: 'lab.op.other', obj: 'console', kind: 'start' } as unknown as LaneView['next'] })], { pid: 0, kind: 'spawn', obj: 1001 });
    const after = snap(3, [lane({ pid: 0, name: 'MainProcess', ops: 1 }), lane({ state: 'ready', ops: 1 })], { pid: 1, kind: 'start', obj: -1 });
    expect(narrate(before, after)).toEqual([]);
  });

  it('an ended process is not narrated by an op it announced long before (parallel: the last op it waited on)', () => {
    const take = { key: 'lab.op.take', obj: 'commands', kind: 'get' } as unknown as LaneView['next'];
    const before = snap(1, [lane({ pid: 0, name: 'MainProcess', state: 'blocked', next: take, nextLine: 17, line: 17, ops: 3 })], null);
    // The click came: MainProcess took it, joined the child at line 27, printed at 28 and ended.
    const after = snap(9, [lane({ pid: 0, name: 'MainProcess', state: 'done', exitcode: 0, line: 28, ops: 9 })], { pid: 0, kind: 'exit', obj: -1 });
    expect(narrate(before, after)).toEqual([{ key: 'narrate.moved', vars: { name: 'MainProcess' } }, { key: 'narrate.ended', vars: { code: 0 } }]);
    // Its last op was the one announced (same line): that op is what it did.
    const last = snap(2, [lane({ pid: 0, name: 'MainProcess', state: 'done', exitcode: 0, line: 17, ops: 4 })], { pid: 0, kind: 'exit', obj: -1 });
    expect(narrate(before, last)[0]?.key).toBe('narrate.did');
  });

  it('says nothing when nothing happened', () => {
    const s = snap(1, [lane({})], { pid: 1, kind: 'acquire', obj: 3 });
    expect(narrate(s, s)).toEqual([]);
    expect(narrate(null, s)).toEqual([]);
  });
});

describe('narrateReplay', () => {
  const print = { key: 'console.op.print', obj: 'console', kind: 'print' } as unknown as LaneView['next'];
  const at = snap(6, [lane({ pid: 0, name: 'MainProcess', state: 'blocked', blockedOnName: 'Process-1' }), lane({ next: print, nextLine: 11 })], null);

  it('says where Undo, Redo or a link left the learner: the step, who moved last and what it does next', () => {
    expect(narrateReplay({ by: 'undo', steps: 3, last: 1 }, at)).toEqual([
      { key: 'narrate.undone', vars: { n: 3 } },
      { key: 'narrate.lastNext', vars: { name: 'Process-1', line: 11, opKey: 'console.op.print', obj: 'console', kind: 'print' } },
    ]);
    expect(narrateReplay({ by: 'redo', steps: 4, last: 0 }, at)).toEqual([
      { key: 'narrate.redone', vars: { n: 4 } },
      { key: 'narrate.lastMoved', vars: { name: 'MainProcess' } },
      { key: 'narrate.blocked', vars: { what: 'Process-1' } },
    ]);
    expect(narrateReplay({ by: 'link', steps: 2, last: 1 }, at)[0]).toEqual({ key: 'narrate.linked', vars: { n: 2 } });
    expect(narrateReplay({ by: 'trace', steps: 2, last: 1 }, at)[0]).toEqual({ key: 'narrate.traced', vars: { n: 2 } });
  });

  it('an Undo back to the start says so, and names no process', () => {
    expect(narrateReplay({ by: 'undo', steps: 0, last: null }, at)).toEqual([{ key: 'narrate.undoneStart', vars: {} }]);
  });
});
