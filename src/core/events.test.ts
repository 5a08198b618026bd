import { describe, expect, it, vi } from 'vitest';
import { appendEvent, auditDrain, decodeEvent, EK, RingReader, tryAppendEvent } from './events';
import { Rng } from './rng';
import { E, H, MAX_RING_EVENTS, MIN_RING_EVENTS, Memory, PAYLOAD_BYTES, RING_BUDGET_BYTES, S, ringEventsFor } from './layout';
import { startWordsAt, wrapStarts } from './testing/wrapWords';

describe('event rings (single thread)', () => {
  it('merges per-process rings back into global sequence order', () => {
    const mem = Memory.create({ maxProcs: 3, ringEvents: 8, heapWords: 16 });
    const order = [2, 0, 1, 1, 0, 2, 2, 0];
    order.forEach((pid, i) => appendEvent(mem, pid, EK.note, -1, i, 0, 0, 0));
    const seen: [number, number][] = [];
    new RingReader(mem).drain((pid, rec) => {
      const e = decodeEvent(mem, pid, rec);
      seen.push([e.seq, e.arg]);
    });
    expect(seen).toEqual(order.map((_, i) => [i, i]));
  });

  it('reads runs of one ring in order and frees exactly the slots it read, also when a limit stops it mid-run', () => {
    const mem = Memory.create({ maxProcs: 2, ringEvents: 8, heapWords: 16 });
    const order = [0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0];
    order.forEach((pid, i) => appendEvent(mem, pid, EK.note, -1, i, 0, 0, 0));
    const reader = new RingReader(mem);
    const seen: number[] = [];
    const sink = (pid: number, rec: number) => seen.push(decodeEvent(mem, pid, rec).arg);
    expect(reader.drain(sink, 2)).toBe(2);
    // Ring 0 held 8 of 8: the two read are free again, and only those.
    expect(tryAppendEvent(mem, 0, EK.note, -1, 100, 0, 0, 0)).toBe(11);
    expect(tryAppendEvent(mem, 0, EK.note, -1, 101, 0, 0, 0)).toBe(12);
    expect(tryAppendEvent(mem, 0, EK.note, -1, 102, 0, 0, 0)).toBe(-1);
    expect(reader.drain(sink)).toBe(11);
    expect(seen).toEqual([...order.map((_, i) => i), 100, 101]);
  });

  it('looks at other rings only while a number past the last one emitted was issued (no scan of every ring at the end of each drain), and opens only those with events', () => {
    const mem = Memory.create({ maxProcs: 64, ringEvents: 8, heapWords: 16 });
    const reader = new RingReader(mem);
    const scans = vi.spyOn(reader as unknown as { findOther: (pid: number, next: number) => number }, 'findOther');
    const opened = vi.spyOn(reader as unknown as { open: (pid: number) => void }, 'open');
    const seen: number[] = [];
    const sink = (pid: number, rec: number) => seen.push(decodeEvent(mem, pid, rec).arg);
    [2, 2, 40, 2].forEach((pid, i) => appendEvent(mem, pid, EK.note, -1, i, 0, 0, 0));
    expect(reader.drain(sink)).toBe(4);
    // Three moves between rings (from ring 0, where the reader starts, to 2 → 40 → 2), none after the last event.
    expect(scans).toHaveBeenCalledTimes(3);
    expect(reader.drain(sink)).toBe(0);
    expect(scans).toHaveBeenCalledTimes(3);
    appendEvent(mem, 63, EK.note, -1, 4, 0, 0, 0);
    expect(reader.drain(sink)).toBe(1);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    // The scans passed the empty rings without opening them (each opened ring is bookkeeping for the drain's end).
    expect(new Set(opened.mock.calls.map(([pid]) => pid))).toEqual(new Set([0, 2, 40, 63]));
  });

  it('a sink that throws leaves its record unread and the ones before it read: the next drain neither repeats nor loses one', () => {
    const mem = Memory.create({ maxProcs: 2, ringEvents: 64, heapWords: 16 }); // no periodic publish within these few
    const order = [0, 0, 0, 1, 0];
    order.forEach((pid, i) => appendEvent(mem, pid, EK.note, -1, i, 0, 0, 0));
    const reader = new RingReader(mem);
    const seen: number[] = [];
    expect(() =>
      reader.drain((pid, rec) => {
        const arg = decodeEvent(mem, pid, rec).arg;
        if (arg === 2) throw new Error('the view failed on this one');
        seen.push(arg);
      }),
    ).toThrow('the view failed');
    reader.drain((pid, rec) => seen.push(decodeEvent(mem, pid, rec).arg));
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('the drain audit counts what a throwing sink read once: the records that come again are not counted twice', () => {
    const mem = Memory.create({ maxProcs: 2, ringEvents: 64, heapWords: 16 });
    const order = [0, 0, 0, 1, 0];
    order.forEach((pid, i) => appendEvent(mem, pid, i === 1 ? EK.print : EK.note, -1, i, 0, 0, 0));
    const reader = new RingReader(mem);
    const check = { seqBreaks: 0, kinds: [] as number[] };
    auditDrain(reader, mem.i32, check);
    let failed = false;
    // A run sink that reads the first record of ring 0's run [0, 1, 2] and then fails (as LiveRun's fold may).
    expect(() =>
      reader.drainRuns((_pid, _rec, count) => {
        if (!failed && count > 1) {
          failed = true;
          reader.taken = 1;
          throw new Error('the fold failed part-way');
        }
      }),
    ).toThrow('the fold failed');
    expect(check.kinds[EK.note]).toBe(1);
    reader.drain(() => undefined);
    expect(check.seqBreaks).toBe(0);
    expect(check.kinds[EK.note]).toBe(4);
    expect(check.kinds[EK.print]).toBe(1);
  });

  it('keeps a long payload whole up to the limit and cuts on a character boundary', () => {
    const mem = Memory.create({ maxProcs: 1, ringEvents: 4, heapWords: 16 });
    const text = '票'.repeat(20); // 3 bytes each: 60 bytes
    appendEvent(mem, 0, EK.note, -1, 0, 0, 0, 0, text);
    appendEvent(mem, 0, EK.note, -1, 0, 0, 0, 0, 'short');
    const got: string[] = [];
    new RingReader(mem).drain((pid, rec) => got.push(decodeEvent(mem, pid, rec).payload));
    expect(got[0]).toBe('票'.repeat(Math.floor(PAYLOAD_BYTES / 3)) + '…');
    expect(got[1]).toBe('short');
  });
});

describe('a writer that dies mid-append (issue 13)', () => {
  it('a number given up on and committed late still goes out, and its ring is not stalled', () => {
    const mem = Memory.create({ maxProcs: 2, ringEvents: 8, heapWords: 16 });
    const reader = new RingReader(mem);
    // Process 0 takes seq 0 but is "descheduled" before committing: fake it by taking the number only.
    Atomics.add(mem.i32, H.seq, 1);
    appendEvent(mem, 1, EK.note, -1, 11, 0, 0, 0); // seq 1
    const seen: number[] = [];
    const sink = (pid: number, rec: number) => seen.push(decodeEvent(mem, pid, rec).arg);
    expect(reader.drain(sink)).toBe(0);
    expect(reader.pendingGap).toBe(true);
    reader.skipGap();
    expect(reader.drain(sink)).toBe(1);
    // The late writer commits its record with the number it took (0), then writes on.
    const rec = mem.layout.ring(0);
    mem.i32[rec + E.seq] = 0;
    mem.i32[rec + E.kind] = EK.note;
    mem.i32[rec + E.arg] = 10;
    Atomics.store(mem.i32, mem.at(0, S.ringHead), 1);
    appendEvent(mem, 0, EK.note, -1, 12, 0, 0, 0); // seq 2
    expect(reader.drain(sink)).toBe(2);
    expect(seen).toEqual([11, 10, 12]);
  });

  it('the main thread appends for a dead process without waiting: -1 while its ring is full', () => {
    const mem = Memory.create({ maxProcs: 1, ringEvents: 2, heapWords: 16 });
    expect(tryAppendEvent(mem, 0, EK.note, -1, 0, 0, 0, 0)).toBe(0);
    expect(tryAppendEvent(mem, 0, EK.note, -1, 0, 0, 0, 0)).toBe(1);
    expect(tryAppendEvent(mem, 0, EK.killed, -1, -9, 0, 0, 0)).toBe(-1);
    new RingReader(mem).drain(() => undefined);
    expect(tryAppendEvent(mem, 0, EK.killed, -1, -9, 0, 0, 0)).toBe(2);
  });
});

describe('ring sizes', () => {
  it('fit a run: a power of two per ring, at most 16 MB in all up to 256 processes', () => {
    for (const n of [1, 3, 21, 101, 256, 1000]) {
      const events = ringEventsFor(n);
      expect(events & (events - 1)).toBe(0);
      expect(events).toBeGreaterThanOrEqual(MIN_RING_EVENTS);
      expect(events).toBeLessThanOrEqual(MAX_RING_EVENTS);
      if (n <= 256) expect(n * events * E.words * 4).toBeLessThanOrEqual(RING_BUDGET_BYTES);
    }
    // 1,000 processes: 16 MB of rings, not the 2 GB that 2 MB each would take.
    expect(1000 * ringEventsFor(1000) * E.words * 4).toBe(16_384_000);
  });
});

describe('drainRuns (property, seeded random traffic through small rings)', () => {
  /**
   * Writers take turns at random (runs of random length on one ring), a random number given up on is
   * committed late, and the reader drains by runs with random limits; its sink now and then throws
   * part-way through a run after finishing `taken` of it. Every record must reach the sink exactly once,
   * in sequence order (the late one when its ring reaches it), and every run must be records of one
   * ring side by side with consecutive numbers, none past the ring's end. Also with the sequence number and
   * the rings' heads and tails started just below 2^31 and 2^32 (each ring at another distance from its wrap):
   * the words wrap inside the run, and numbers are checked as distances from the start.
   */
  for (const { name, at } of wrapStarts(300))
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`${name}, seed ${seed}: each event once, in order; runs are side-by-side records of one ring`, () => {
      const rng = new Rng(seed);
      const pick = (k: number) => Math.floor(rng.next() * k);
      const procs = 1 + pick(4);
      const ringEvents = 4 << pick(4); // 4..32: the ring's end and the periodic publish fall inside runs
      const mem = Memory.create({ maxProcs: procs, ringEvents, heapWords: 16 });
      const reader = new RingReader(mem);
      const start = (reader.next = startWordsAt(mem, at, (pid) => (at === 0 ? 0 : at + 300 - 20 * (pid + 1))));
      /** A record's number as its distance from the first (the words wrap). */
      const nth = (seq: number) => (seq - start) | 0;
      const seen: number[] = [];
      const faults: string[] = [];
      let written = 0;
      let throws = 0;
      // One number is given up on (a writer that died mid-append) and its record committed later, late.
      const lostAt = 20 + pick(40);
      let lost: { pid: number; seq: number; committed: boolean } | null = null;
      let lateSeq = -1;
      /** The late writer commits its record with the number it took (then writes on). */
      const commitLate = () => {
        const { pid, seq } = lost!;
        const slot = mem.layout.slot(pid);
        const head = Atomics.load(mem.i32, slot + S.ringHead);
        if (((head - Atomics.load(mem.i32, slot + S.ringTail)) | 0) >= ringEvents) return;
        const rec = mem.layout.ring(pid) + (head & (ringEvents - 1)) * E.words;
        mem.i32[rec + E.seq] = seq;
        mem.i32[rec + E.kind] = EK.note;
        mem.i32[rec + E.obj] = -1;
        mem.i32[rec + E.arg] = pid;
        Atomics.store(mem.i32, slot + S.ringHead, head + 1);
        lateSeq = nth(seq);
        lost = { pid: -1, seq, committed: true };
      };
      const sink = (pid: number, rec: number, count: number) => {
        const ring = mem.layout.ring(pid);
        if (rec < ring || rec + count * E.words > ring + ringEvents * E.words) faults.push(`run past ring ${pid}'s end`);
        for (let k = 0; k < count; k++) {
          const r = rec + k * E.words;
          if (k > 0 && mem.i32[r + E.seq] !== ((mem.i32[r - E.words + E.seq]! + 1) | 0)) faults.push(`run of ${count} not consecutive`);
          if (mem.i32[r + E.arg] !== pid) faults.push(`record of ring ${mem.i32[r + E.arg]} in ring ${pid}`);
          if (pick(40) === 0) {
            reader.taken = k;
            throws++;
            throw new Error('the view failed part-way through a run');
          }
          seen.push(nth(mem.i32[r + E.seq]!));
        }
      };
      for (let round = 0; round < 400; round++) {
        // Writers take turns in runs, each as far as its ring has room.
        for (let w = pick(3); w > 0; w--) {
          const pid = pick(procs);
          for (let k = pick(2 * ringEvents); k > 0; k--) {
            if (written === lostAt && lost === null && procs > 1) {
              lost = { pid, seq: Atomics.add(mem.i32, H.seq, 1), committed: false };
              written++;
              continue;
            }
            if (lost !== null && lost.pid === pid) break; // that writer is "descheduled" with its number
            if (tryAppendEvent(mem, pid, EK.note, -1, pid, 0, 0, 0) < 0) break;
            written++;
          }
        }
        if (lost !== null && !lost.committed && reader.next === lost.seq && reader.pendingGap && pick(3) === 0) reader.skipGap();
        if (lost !== null && !lost.committed && nth(reader.next) > nth(lost.seq) && pick(4) === 0) commitLate();
        const limit = 1 + pick(3 * ringEvents);
        const before = seen.length;
        try {
          const n = reader.drainRuns(sink, limit);
          if (n !== seen.length - before) faults.push(`returned ${n}, read ${seen.length - before}`);
        } catch (e) {
          if (!(e instanceof Error) || !e.message.includes('part-way')) throw e;
        }
        if (seen.length - before > limit) faults.push(`read ${seen.length - before} past a limit of ${limit}`);
      }
      // Let the late record in if it is still out, then read everything.
      for (let k = 0; k < 4 * procs * ringEvents && (reader.pendingGap || seen.length < written); k++) {
        if (lost !== null && !lost.committed && lost.seq === reader.next) reader.skipGap();
        if (lost !== null && !lost.committed && nth(reader.next) > nth(lost.seq)) commitLate();
        try {
          reader.drainRuns(sink);
        } catch {
          // thrown on purpose: the rest comes in the next call
        }
      }
      expect(faults.slice(0, 3)).toEqual([]);
      expect(throws).toBeGreaterThan(0);
      expect(seen.length).toBe(written);
      expect(new Set(seen).size).toBe(written);
      // In order, but for the late one (with more than one ring): it comes after every number before it, whenever its ring is read.
      if (procs > 1) expect(lateSeq).toBe(lostAt);
      const inOrder = seen.filter((s) => s !== lateSeq);
      expect(inOrder).toEqual([...inOrder].sort((a, b) => a - b));
      if (procs > 1) expect(seen.slice(seen.indexOf(lateSeq) + 1).filter((s) => s < lateSeq)).toEqual([]);
    });
  }
});
