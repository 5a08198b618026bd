import { describe, expect, it } from 'vitest';
import { appendEvent, EK, readPayload, RingReader } from '../core/events';
import { E, Memory } from '../core/layout';
import { EventLog, LOG_RETAIN, LogStore } from './eventLog';
import { logEvents } from './trace';

describe('EventLog', () => {
  it('keeps process ids past 255 (runs have up to 1,024 processes) through growth', () => {
    const log = new EventLog();
    for (let i = 0; i < 3000; i++) log.push(i % 1024 + 1, EK.acquire, 0, 0, 0, 1, i, null);
    expect(log.length).toBe(3000);
    expect(log.pid[999]).toBe(1000);
    expect(log.pid[2047]).toBe(1024);
  });

  it('a reader attached to the shared buffers sees every published event and payload, across growth on the writer side', () => {
    const writer = new EventLog();
    const reader = EventLog.attach(structuredClone(writer.buffers));
    writer.push(1, EK.put, 7, 0, 0, 3, 0.5, '"héllo, 世界"');
    expect(reader.length).toBe(0); // pushed, not published yet
    writer.publish();
    expect(reader.length).toBe(1);
    expect(reader.payload.get(0)).toBe('"héllo, 世界"');
    // Past the first columns' and arena's sizes: the reader re-maps when `length` goes past its views.
    const long = 'x'.repeat(5_000);
    for (let i = 1; i < 5000; i++) writer.push(i % 3, i % 2 ? EK.write : EK.acquire, i, i, -i, i % 60, i, i % 2 ? `${i}:${long}` : null);
    writer.publish();
    expect(reader.length).toBe(5000);
    expect(reader.arg[4999]).toBe(4999);
    expect(reader.result[4999]).toBe(-4999);
    expect(reader.time[4321]).toBe(4321);
    expect(reader.payload.get(4999)).toBe(`4999:${long}`);
    expect(reader.payload.get(4998)).toBeUndefined();
    expect(reader.payload.get(5000)).toBeUndefined(); // not published yet
    expect(reader.overflow).toBe(0);
  });

  it('a reader that re-maps while the writer is between two column grows maps what every column holds (it threw: a typed array past its buffer)', () => {
    const writer = new EventLog();
    const reader = EventLog.attach(writer.buffers);
    for (let i = 0; i < 1500; i++) writer.push(i % 7, EK.acquire, i, i, 0, 1, i, null);
    writer.publish();
    // The writer's next grow has reached the first column only (the page saw this as 'Invalid typed array length').
    const b = writer.buffers;
    b.pid.grow(b.pid.byteLength * 2);
    expect(() => reader.remap()).not.toThrow();
    expect(reader.length).toBe(1500);
    expect(reader.obj[1499]).toBe(1499);
    expect(reader.time[1499]).toBe(1499);
  });

  it('past LOG_RETAIN events are only counted: the writer knows the count at once, an attached reader once it is published', () => {
    const writer = new EventLog();
    const reader = EventLog.attach(writer.buffers);
    const extra = 1000;
    for (let i = 0; i < LOG_RETAIN + extra; i++) writer.push(i & 1, EK.acquire, 0, 1, 1, 5, i, null);
    expect(writer.length).toBe(LOG_RETAIN);
    expect(writer.overflow).toBe(extra);
    writer.push(0, EK.release, 0, 0, 0, 5, 0, null);
    writer.publish();
    expect([reader.length, reader.overflow]).toEqual([LOG_RETAIN, extra + 1]);
  });

  it('counts any number of events past LOG_RETAIN: an attached reader reads the count past 2^31 and 2^32 whole', () => {
    const writer = new EventLog();
    const reader = EventLog.attach(writer.buffers);
    for (let i = 0; i < LOG_RETAIN; i++) writer.push(0, EK.acquire, 0, 1, 1, 5, i, null);
    // 2^32 events do not fit a test: start the writer's private count near the wraps, then count on through them.
    for (const near of [2 ** 31 - 300, 2 ** 32 - 300, 5 * 2 ** 32 - 300]) {
      (writer as unknown as { over: number }).over = near;
      for (let i = 0; i < 600; i++) writer.push(1, EK.release, 0, 0, 0, 5, i, null);
      expect(writer.overflow).toBe(near + 600);
      expect(reader.overflow).toBe(Math.floor((near + 600) / 256) * 256); // published at each multiple of 256 passed
      writer.publish();
      expect(reader.overflow).toBe(near + 600);
    }
  });

  it('pushRecords keeps a ring record\'s payload as push keeps its decoded text: ASCII, multi-byte, empty, and cut short (with its …)', () => {
    const mem = Memory.create({ maxProcs: 1, ringEvents: 16, heapWords: 64, maxObjects: 4 });
    const texts = ['1234', '"héllo, 世界"', '', 'x'.repeat(40), '世'.repeat(20)];
    for (const t of texts) appendEvent(mem, 0, EK.store, 1, 0, 0, 1, 0, t || undefined);
    const decoded = new EventLog();
    const copied = new EventLog();
    new RingReader(mem).drainRuns((pid, rec, count) => {
      for (let k = 0; k < count; k++) decoded.push(pid, EK.store, 1, 0, 0, 1, 0, readPayload(mem, rec + k * E.words));
      copied.pushRecords(pid, mem.i32, mem.f64, mem.u8, rec, count);
    });
    decoded.publish();
    copied.publish();
    const all = (log: EventLog) => texts.map((_, i) => log.payload.get(i));
    expect(all(copied)).toEqual(all(decoded));
    expect(all(copied).slice(0, 3)).toEqual(['1234', '"héllo, 世界"', '']);
    expect(all(copied)[3]).toBe(`${'x'.repeat(28)}…`);
    expect(all(copied)[4]).toBe(`${'世'.repeat(9)}…`);
  });
});

describe('EventLog.pushRecords (a run of ring records at once)', () => {
  /** `count` acquire records side by side, as a ring holds them, arg = their index. */
  function records(count: number): Memory {
    const mem = Memory.create({ maxProcs: 1, ringEvents: 1024, heapWords: 16 });
    for (let i = 0; i < count; i++) appendEvent(mem, 0, EK.acquire, 3, i, 1, 7, i);
    return mem;
  }

  it('across LOG_RETAIN keeps the events before it and counts the rest, and publishes the count as push does', () => {
    const runs = new EventLog();
    const ones = new EventLog();
    const reader = EventLog.attach(runs.buffers);
    for (let i = 0; i < LOG_RETAIN - 100; i++) {
      runs.push(0, EK.acquire, 0, 1, 1, 5, i, null);
      ones.push(0, EK.acquire, 0, 1, 1, 5, i, null);
    }
    const mem = records(1000);
    const base = mem.layout.ring(0);
    // 300 events: 100 kept, 200 counted; then 700 more past the end.
    runs.pushRecords(0, mem.i32, mem.f64, mem.u8, base, 300);
    runs.pushRecords(0, mem.i32, mem.f64, mem.u8, base + 300 * E.words, 700);
    for (let i = 0; i < 1000; i++) ones.push(0, EK.acquire, 3, i, 1, 7, i, null);
    expect([runs.length, runs.overflow]).toEqual([LOG_RETAIN, 900]);
    expect([ones.length, ones.overflow]).toEqual([LOG_RETAIN, 900]);
    expect(runs.arg[LOG_RETAIN - 1]).toBe(99);
    expect(runs.arg[LOG_RETAIN - 101]).toBe(1);
    // Published without a publish() call whenever a multiple of 256 is passed (the call that passed 768 ended at 900).
    expect(reader.overflow).toBe(900);
    expect(reader.length).toBe(LOG_RETAIN);
  });
});

describe('LogStore (each run\'s log written into the last run\'s memory)', () => {
  /** Run `r` of `n` events as the drain keeps them (ring records, `pushRecords`), every third with a payload naming it. */
  function fill(log: EventLog, r: number, n: number, payloads = true): void {
    const mem = Memory.create({ maxProcs: 1, ringEvents: 1024, heapWords: 64, maxObjects: 4 });
    const reader = new RingReader(mem);
    for (let i = 0; i < n; ) {
      const batch = Math.min(1000, n - i);
      for (let k = 0; k < batch; k++, i++) {
        if (payloads && i % 3 === 0) appendEvent(mem, 0, EK.write, r, i, -i, i % 60, i, `r${r}:${i}`);
        else appendEvent(mem, 0, EK.note, r, i, -i, i % 60, i);
      }
      reader.drainRuns((pid, rec, count) => log.pushRecords(pid + r, mem.i32, mem.f64, mem.u8, rec, count));
    }
    log.publish();
  }

  /** What the page would read of run `r` of `n` events: every event in order, its own payloads and no other. */
  function expectRun(log: EventLog, r: number, n: number, payloads = true): void {
    expect([log.length, log.overflow]).toEqual([n, 0]);
    const events = logEvents(log); // the trace export
    expect(events.length).toBe(n);
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      const wrote = payloads && i % 3 === 0;
      if (e.pid !== r || e.obj !== r || e.arg !== i || e.result !== -i || e.line !== i % 60 || e.time !== i || e.kind !== (wrote ? 'write' : 'note') || e.payload !== (wrote ? `r${r}:${i}` : undefined))
        throw new Error(`run ${r}, event ${i}: ${JSON.stringify(e)}`);
    }
  }

  it('a run after a long run, a short after a long, a long after a short: each reads back its own events in order, on the same memory', () => {
    const store = new LogStore();
    const sizes = [100_000, 100_000, 300, 80_000, 10];
    let prev: EventLog | null = null;
    let prevReader: EventLog | null = null;
    for (const [r, n] of sizes.entries()) {
      const log = store.next();
      if (prev) {
        // Reused: the same columns (already grown: no fresh pages), a header of its own.
        expect(log.buffers.pid).toBe(prev.buffers.pid);
        expect(log.buffers.header).not.toBe(prev.buffers.header);
        expect(log.capacity).toBe(prev.capacity);
        // A reader still attached to the last log reads it empty, not this run's events.
        expect([prevReader!.length, prevReader!.overflow, prevReader!.payload.get(0)]).toEqual([0, 0, undefined]);
      }
      // Run 2 logs no payloads at all after run 1's: none of run 1's may show through (payFrom is the one column
      // not written per event).
      fill(log, r + 1, n, r !== 2);
      expectRun(log, r + 1, n, r !== 2);
      const reader = EventLog.attach(log.buffers);
      expectRun(reader, r + 1, n, r !== 2);
      prev = log;
      prevReader = reader;
    }
  });

  it('a run past LOG_RETAIN, then a short one: the short one counts nothing over and reads back whole', () => {
    const store = new LogStore();
    const long = store.next();
    for (let i = 0; i < LOG_RETAIN + 500; i++) long.push(1, EK.write, 0, i, 0, 1, i, i < 4 ? `x${i}` : null);
    long.publish();
    expect(long.overflow).toBe(500);
    const short = store.next();
    expect(short.buffers.pid).toBe(long.buffers.pid);
    fill(short, 7, 5, false);
    expectRun(short, 7, 5, false);
  });

  it('holds bounded memory: runs of one size keep the same memory; short runs let a long one go; a large arena is not kept', () => {
    const store = new LogStore();
    const first = store.next();
    fill(first, 1, 70_000); // columns for 131,072 events: past the 65,536 a short run may keep
    const held = store.heldBytes;
    for (let r = 0; r < 10; r++) fill(store.next(), 1, 70_000);
    expect(store.heldBytes).toBe(held); // steady: nothing grows or is added run after run

    // Short runs still reuse it (a long run often follows); after four in a row it is let go.
    const fresh = new LogStore();
    fill(fresh.next(), 1, 10);
    const small = fresh.heldBytes;
    for (let r = 0; r < 4; r++) {
      const log = store.next();
      expect(log.buffers.pid.byteLength).toBe(first.buffers.pid.byteLength);
      fill(log, 2, 10);
    }
    const after = store.next();
    fill(after, 3, 10);
    expectRun(after, 3, 10);
    expect(after.buffers.pid).not.toBe(first.buffers.pid);
    expect(store.heldBytes).toBe(small);

    // An arena grown past 16 MB by long payloads is not kept; the columns are.
    const big = store.next();
    const text = 'y'.repeat(20_000);
    for (let i = 0; i < 1000; i++) big.push(1, EK.write, 0, i, 0, 1, i, text);
    expect(big.buffers.arena.byteLength).toBeGreaterThan(16 << 20);
    const next = store.next();
    expect(next.buffers.arena.byteLength).toBe(1 << 16);
    expect(next.buffers.pid).toBe(big.buffers.pid);
  });
});
