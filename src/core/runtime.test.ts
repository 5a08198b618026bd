/**
 * The runtime's per-op contract, on one thread: what the parallel policy
 * publishes (only what a waiting process is about to do), and the one word
 * each process reads to learn it must unwind (a terminate, a kill, a stop).
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LAYOUT, Gate, H, Memory, Mode, S } from './layout';
import { decodeEvent, EK, RingReader } from './events';
import { Unwind } from './errors';
import { Kill, Runtime, STAMP_REUSE, stopRun } from './runtime';

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

  it('parallel: a wait whose word moved before it began unwinds a terminated process (it took what moved it, as a release after the terminate)', () => {
    const { mem, rt } = runtime(Mode.parallel);
    const word = mem.layout.heap;
    mem.store(0, S.kill, Kill.terminate);
    Atomics.add(mem.i32, word, 1);
    expect(() => rt.waitWord(word, 0, Infinity)).toThrow(Unwind);
  });

  it('an op after the stop unwinds before it is announced', () => {
    const { mem, rt } = runtime(Mode.parallel);
    stopRun(mem);
    expect(() => rt.op(EK.acquire, 1, 3)).toThrow(Unwind);
  });
});

describe('a process parked at its gate (scheduled modes)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sleeps until it is granted instead of waking every 50 ms to look (1,000 parked processes woke 20,000 times a second)', async () => {
    const { mem, rt } = runtime(Mode.clock);
    const gate = mem.at(0, S.gate);
    // Another thread grants the op 400 ms after it started (this thread is the one that parks).
    const granter = new Worker(
      `const { workerData: { sab, gate } } = require('node:worker_threads');
       const i32 = new Int32Array(sab);
       while (Atomics.load(i32, gate) !== ${Gate.parked}) Atomics.wait(i32, gate, ${Gate.running}, 5);
       setTimeout(() => { Atomics.store(i32, gate, ${Gate.granted}); Atomics.notify(i32, gate); }, 400);`,
      { eval: true, workerData: { sab: mem.sab, gate } },
    );
    const waits = vi.spyOn(Atomics, 'wait');
    rt.op(EK.acquire, 1, 3);
    const onGate = waits.mock.calls.filter(([, index]) => index === gate).length;
    await granter.terminate();
    expect(mem.load(0, S.gate)).toBe(Gate.running);
    // One wait, woken by the grant (two if the granter took over a second to start on a loaded machine); 50 ms slices made 8+.
    expect(onGate).toBeGreaterThanOrEqual(1);
    expect(onGate).toBeLessThanOrEqual(2);
  });

  it('a stopped run wakes every gate at once (the parked do not poll their kill word)', () => {
    const { mem } = runtime(Mode.clock);
    const notified = vi.spyOn(Atomics, 'notify');
    stopRun(mem);
    const woken = new Set(notified.mock.calls.map(([, index]) => index));
    expect([0, 1].every((pid) => woken.has(mem.at(pid, S.gate)))).toBe(true);
  });

  it('a stop that lands between a process\'s look at its kill word and its wait on the gate is not lost', () => {
    // The process parked (gate word `parked`) but has not begun to wait: a notify now wakes nobody, so the stop
    // must also move the gate word, or the late wait sleeps the whole safety slice (1 s, the run frozen).
    const { mem } = runtime(Mode.step);
    Atomics.store(mem.i32, mem.at(1, S.gate), Gate.parked);
    stopRun(mem);
    expect(Atomics.wait(mem.i32, mem.at(1, S.gate), Gate.parked, 200)).toBe('not-equal');
  });
});

describe('event stamps under the parallel policy', () => {
  /** A parallel run with the log on, the run's epoch now; `wall` counts its readings. */
  function logged(ringEvents: number) {
    const mem = Memory.create({ ...DEFAULT_LAYOUT, maxProcs: 2, ringEvents });
    Atomics.store(mem.i32, H.mode, Mode.parallel);
    const wall = { reads: 0 };
    const clock = () => {
      wall.reads++;
      return performance.timeOrigin + performance.now();
    };
    mem.f64[H.epochLo >> 1] = clock();
    wall.reads = 0;
    return { mem, wall, rt: new Runtime(mem, 0, clock) };
  }
  const stamps = (mem: Memory) => {
    const out: number[] = [];
    new RingReader(mem).drain((pid, rec) => out.push(decodeEvent(mem, pid, rec).time));
    return out;
  };

  it('a dense run of events reads the clock about once per STAMP_REUSE events, and the stamps never go backwards', () => {
    const { mem, wall, rt } = logged(1024);
    const ms0 = Date.now();
    for (let i = 0; i < 1000; i++) rt.emit(EK.note, -1, 1, i);
    // Besides one reading per STAMP_REUSE events, one more each time a millisecond began (a busy machine may stretch the loop).
    const msSpanned = Date.now() - ms0 + 1;
    expect(wall.reads).toBeLessThanOrEqual(Math.ceil(1000 / STAMP_REUSE) + msSpanned);
    const t = stamps(mem);
    expect(t).toHaveLength(1000);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]!);
  });

  it('a stamp is less than a millisecond old: after work without events, the next event reads the clock again', () => {
    const { mem, rt } = logged(64);
    rt.emit(EK.note, -1, 1, 0);
    const ms0 = Date.now();
    while (Date.now() < ms0 + 3); // 2 to 3 ms of the program's own work, no event
    rt.emit(EK.note, -1, 1, 1);
    const [a, b] = stamps(mem);
    expect(b! - a!).toBeGreaterThan(0.001);
  });
});
