/**
 * The event rings under real threads: RingWriter's cached tail and RingReader's
 * batched freeing, on rings far smaller than the traffic (every slot is reused
 * many times), with a reader that stops at random limits and whose sink now and
 * then throws. No event may be overwritten unread, lost, repeated or reordered,
 * and no writer may stall for good.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeEvent, RingReader } from './events';
import { Memory } from './layout';
import { Rng } from './rng';

const entry = fileURLToPath(new URL('./testing/ringBootstrap.mjs', import.meta.url));

describe('event rings under real threads (tiny rings, slow and failing reader)', () => {
  it('4 writers x 20,000 events through 8-slot rings: each exactly once, in sequence order, none overwritten', async () => {
    const writers = 4;
    const count = 20_000;
    const mem = Memory.create({ maxProcs: writers, ringEvents: 8, heapWords: 16 });
    const workers = Array.from({ length: writers }, (_, pid) => new Worker(entry, { workerData: { sab: mem.sab, pid, count } }));
    const done = workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    }));
    let finished = 0;
    void Promise.all(done).then(() => (finished = 1));
    const reader = new RingReader(mem);
    const rng = new Rng(7);
    const nextArg = new Array<number>(writers).fill(0);
    const faults: string[] = [];
    let seq = 0;
    let throws = 0;
    const sink = (pid: number, rec: number) => {
      if (rng.next() < 0.001) {
        throws++;
        throw new Error('sink failed');
      }
      const e = decodeEvent(mem, pid, rec);
      if (e.seq !== seq) faults.push(`seq ${e.seq}, expected ${seq}`);
      if (e.arg !== nextArg[pid]) faults.push(`pid ${pid}: arg ${e.arg}, expected ${nextArg[pid]}`);
      if (e.arg % 7 === 0 && e.payload !== `p${pid}:${e.arg}`) faults.push(`pid ${pid}: payload ${e.payload} at ${e.arg}`);
      seq++;
      nextArg[pid]!++;
    };
    // An overwritten record shows as a number that never comes (the reader waits for it): stop after 10 s without progress.
    let progressAt = Date.now();
    while (seq < writers * count && faults.length === 0 && Date.now() - progressAt < 10_000) {
      try {
        if (reader.drain(sink, 1 + Math.floor(rng.next() * 40)) > 0) progressAt = Date.now();
      } catch {
        // The record it failed on comes again next drain.
      }
      // Let the event loop run (the workers' messages) now and then; the writers themselves never need it.
      if (rng.next() < 0.01) await new Promise((r) => setTimeout(r, 0));
    }
    // Every event read: the writers have returned (or are about to). A fault or the deadline: stop them, they may wait on a full ring.
    if (seq === writers * count) await Promise.all(done);
    await Promise.all(workers.map((w) => w.terminate()));
    expect(faults.slice(0, 5)).toEqual([]);
    expect(seq).toBe(writers * count);
    expect(finished).toBe(1);
    expect(nextArg).toEqual(new Array<number>(writers).fill(count));
    expect(throws).toBeGreaterThan(0);
    expect(reader.pendingGap).toBe(false);
  }, 90_000);
});
