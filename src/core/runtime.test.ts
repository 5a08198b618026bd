/**
 * The runtime's per-op contract, on one thread: what the parallel policy
 * publishes (only what a waiting process is about to do), and the one word
 * each process reads to learn it must unwind (a terminate, a kill, a stop).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, H, Memory, Mode, S } from './layout';
import { EK } from './events';
import { Unwind } from './errors';
import { Kill, Runtime, stopRun } from './runtime';

function runtime(mode: number, pid = 0): { mem: Memory; rt: Runtime } {
  const mem = Memory.create({ ...DEFAULT_LAYOUT, maxProcs: 2, ringEvents: 64 });
  Atomics.store(mem.i32, H.mode, mode);
  Atomics.store(mem.i32, H.quiet, 1);
  return { mem, rt: new Runtime(mem, pid) };
}

function unwindReason(rt: Runtime): string {
  try {
    rt.checkAlive();
    return '';
  } catch (e) {
    if (!(e instanceof Unwind)) throw e;
    return e.reason;
  }
}

describe('the op announcement', () => {
  it('parallel: an op that goes through writes nothing to the process table; a wait publishes what it waits to do', () => {
    const { mem, rt } = runtime(Mode.parallel);
    rt.op(EK.put, 5, 12);
    expect([mem.load(0, S.opKind), mem.load(0, S.opObj), mem.load(0, S.opLine)]).toEqual([0, 0, 0]);
    rt.beginBlock(5, 12, Infinity);
    expect([mem.load(0, S.opKind), mem.load(0, S.opObj), mem.load(0, S.opLine)]).toEqual([EK.put, 5, 12]);
  });

  it('parallel: a sleep is announced before its event, even one that does not wait (0 s, turbo): the page shows a lane that logged a sleep as sleeping, about to sleep', () => {
    const { mem, rt } = runtime(Mode.parallel);
    rt.op(EK.put, 5, 12);
    rt.beginBlock(5, 12, Infinity); // an earlier wait left its op in the table
    rt.endBlock(5, 12, false);
    rt.sleep(0, 14);
    expect([mem.load(0, S.opKind), mem.load(0, S.opObj), mem.load(0, S.opLine)]).toEqual([EK.sleep, -1, 14]);
  });
});

describe('one word to unwind', () => {
  it('terminate and kill unwind as terminated; a stopped run unwinds every slot as a reset, even one signalled after the stop', () => {
    const { mem, rt } = runtime(Mode.parallel);
    const other = new Runtime(mem, 1);
    expect(unwindReason(rt)).toBe('');
    mem.store(0, S.kill, Kill.terminate);
    expect(unwindReason(rt)).toBe('terminated');
    mem.store(0, S.kill, Kill.kill);
    expect(unwindReason(rt)).toBe('terminated');
    stopRun(mem);
    expect(unwindReason(rt)).toBe('reset');
    expect(unwindReason(other)).toBe('reset');
    mem.store(1, S.kill, Kill.terminate); // a terminate() racing the stop does not turn it into a recorded end
    expect(unwindReason(other)).toBe('reset');
  });

  it('an op after the stop unwinds before it is announced', () => {
    const { mem, rt } = runtime(Mode.parallel);
    stopRun(mem);
    expect(() => rt.op(EK.acquire, 1, 3)).toThrow(Unwind);
  });
});
