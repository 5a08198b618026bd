/**
 * A parallel Lock's acquire writes its event record before the take (session 13): the critical section, which
 * every other process waits for, then holds only the record's numbering and publishing. One thread, log on.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeEvent, EK, RingReader, RingWriter, type LogEvent } from './events';
import { DEFAULT_LAYOUT, E, H, Memory, Mode } from './layout';
import { Runtime } from './runtime';
import { Lock } from './sync';
import { World } from './world';

function drainAll(mem: Memory, reader = new RingReader(mem)): LogEvent[] {
  const out: LogEvent[] = [];
  reader.drain((pid, rec) => out.push(decodeEvent(mem, pid, rec)));
  return out;
}

/** Two processes' views of one Lock in a parallel run with the log on. */
function twoProcesses(ringEvents = 64) {
  const mem = Memory.create({ ...DEFAULT_LAYOUT, maxProcs: 2, ringEvents });
  Atomics.store(mem.i32, H.mode, Mode.parallel);
  const rts = [new Runtime(mem, 0), new Runtime(mem, 1)];
  const locks = [new Lock(new World(mem, true, rts[0]), 'lock'), new Lock(new World(mem, false, rts[1]), 'lock')];
  return { mem, rts, locks };
}

describe('a parallel Lock acquire prepares its record before the take', () => {
  afterEach(() => vi.restoreAllMocks());

  it('the record is on the ring, not yet published, when the take compares the lock word', () => {
    const { mem, rts, locks } = twoProcesses();
    const ring = mem.layout.ring(0);
    const seen: number[][] = [];
    const cas = Atomics.compareExchange.bind(Atomics) as (a: Int32Array, i: number, expected: number, value: number) => number;
    const spy = (a: Int32Array, i: number, expected: number, value: number): number => {
      // The slot at the head (nothing published yet: the head is 0) as the take finds it.
      if (a === mem.i32) seen.push([a[ring + E.kind]!, a[ring + E.obj]!, a[ring + E.line]!, a[ring + E.arg]!]);
      return cas(a, i, expected, value);
    };
    vi.spyOn(Atomics, 'compareExchange').mockImplementation(spy as unknown as typeof Atomics.compareExchange);
    rts[0]!.line = 7;
    expect(locks[0]!.acquire()).toBe(true);
    expect(seen[0]).toEqual([EK.acquire, locks[0]!.id, 7, 1]);
  });

  it('logs the same events as before, in order: a free take, a held lock refused without blocking, a release', () => {
    const { mem, rts, locks } = twoProcesses();
    const [a, b] = locks as [Lock, Lock];
    rts[0]!.line = 3;
    expect(a.acquire()).toBe(true);
    rts[1]!.line = 9;
    expect(b.acquire(false)).toBe(false); // prepared, the take fails: the usual path logs result 0
    rts[0]!.line = 4;
    a.release();
    expect(b.acquire(true, 1)).toBe(true);
    const events = drainAll(mem).map((e) => [e.seq, e.pid, e.kind, e.line, e.arg, e.result]);
    expect(events).toEqual([
      [0, 0, 'acquire', 3, 1, 1],
      [1, 1, 'acquire', 9, 0, 0],
      [2, 0, 'release', 4, 0, 0],
      [3, 1, 'acquire', 9, 1, 1],
    ]);
  });
});

describe('RingWriter.prepare', () => {
  it('an abandoned prepared record leaves nothing behind: the next append takes its slot whole', () => {
    const mem = Memory.create({ ...DEFAULT_LAYOUT, maxProcs: 1, ringEvents: 8 });
    const w = new RingWriter(mem, 0);
    expect(w.prepare(EK.acquire, 5, 1, 1, 3, 0.5)).toBe(true);
    w.append(EK.note, -1, 2, 0, 4, 0.6, 'hello');
    expect(w.prepare(EK.release, 5, 0, 0, 6, 0.7)).toBe(true);
    w.publishPrepared();
    expect(drainAll(mem).map((e) => [e.seq, e.kind, e.obj, e.line, e.payload])).toEqual([
      [0, 'note', -1, 4, 'hello'],
      [1, 'release', 5, 6, ''],
    ]);
  });

  it('declines from half a ring on, so it never writes into a slot the reader has not read', () => {
    const mem = Memory.create({ ...DEFAULT_LAYOUT, maxProcs: 1, ringEvents: 8 });
    const w = new RingWriter(mem, 0);
    // 7 of 8 slots unread: the writer looked at the real tail from half on, so its next look is only at 8.
    for (let i = 0; i < 7; i++) w.append(EK.note, -1, i, 0, 1, 0, `item ${i}`);
    expect(w.prepare(EK.acquire, 5, 1, 1, 3, 0.5)).toBe(false);
    const reader = new RingReader(mem);
    expect(drainAll(mem, reader).map((e) => e.payload)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `item ${i}`));
    // Read: the ring is empty again (by the real tail) and the writer's cached tail catches up at its next look.
    const fresh = new RingWriter(mem, 0);
    expect(fresh.prepare(EK.acquire, 5, 1, 1, 3, 0.5)).toBe(true);
    fresh.publishPrepared();
    expect(drainAll(mem, reader).map((e) => [e.seq, e.kind])).toEqual([[7, 'acquire']]);
  });
});
