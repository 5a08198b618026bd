/**
 * The live pipeline under real threads: writers on worker threads append
 * through RingWriter (as a Runtime does) into rings far smaller than the
 * traffic, while this thread runs the page's own LiveRun.drain (drain, fold,
 * columnar log). Nothing may be lost, repeated or reordered on the way into
 * the log, payloads arrive whole, and the fold counts every event.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EK, auditDrain } from '../core/events';
import { H, Memory, Mode } from '../core/layout';
import { World } from '../core/world';
import { Console } from '../core/data';
import { benchEvents } from '../bench/scenarios';
import { LiveRun } from './liveRun';

const entry = fileURLToPath(new URL('../core/testing/ringBootstrap.mjs', import.meta.url));

describe('LiveRun.drain under real writer threads (64-slot rings)', () => {
  it('2 writers x 30,000 events, one with payloads the log keeps: the log holds each exactly once in sequence order, payloads whole, the fold counts them all', async () => {
    const count = 30_000;
    // Writer pids 0 and 1 (the rings), bare notes and File writes (a kind whose text the log keeps).
    const kinds = [EK.note, EK.write];
    const mem = Memory.create({ maxProcs: 2, ringEvents: 64, heapWords: 4096, maxObjects: 16 });
    Atomics.store(mem.i32, H.mode, Mode.parallel);
    const world = new World(mem, true);
    const objs = { console: new Console(world, 16, 1024) };
    const live = new LiveRun(mem, world, objs, benchEvents, { procs: 2, events: count }, 'parallel');
    // Every record's seq, as the reader hands them to the sink: must be 0, 1, 2, … with no gap.
    const check = { seqBreaks: 0, kinds: [] };
    auditDrain(live.reader, mem.i32, check);
    const workers = kinds.map((kind, pid) => new Worker(entry, { workerData: { sab: mem.sab, pid, count, kind } }));
    const done = Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    })));
    // Drain until both writers have ended and nothing is left. A "no progress for 10 s" stop also ended the loop
    // while the workers were still starting (each compiles its TypeScript; at load ~40 that took longer), and the
    // writers then waited on full rings for a reader that had stopped, until the test timed out.
    let ended = false;
    done.then(() => (ended = true), () => (ended = true));
    while (live.log.length < 2 * count) {
      if (live.drain(Infinity) > 0) continue;
      if (ended) break; // a writer that ended or failed: the rest is drained; the checks below say what is missing
      await new Promise((r) => setTimeout(r, 0));
    }
    await done;
    await Promise.all(workers.map((w) => w.terminate()));

    const log = live.log;
    expect(check.seqBreaks).toBe(0);
    expect(log.length).toBe(2 * count);
    expect(live.reader.next).toBe(Atomics.load(mem.i32, H.seq));
    // Per writer, its events in its own order (arg 0, 1, 2, …), with its kind and payloads.
    const next = [0, 0];
    const faults: string[] = [];
    for (let i = 0; i < log.length; i++) {
      const pid = log.pid[i]!;
      const arg = log.arg[i]!;
      if (arg !== next[pid]) faults.push(`event ${i}: pid ${pid} arg ${arg}, expected ${next[pid]}`);
      if (log.kind[i] !== kinds[pid]) faults.push(`event ${i}: kind ${log.kind[i]}`);
      const text = log.payload.get(i);
      // The log keeps the text of the kinds the fold needs (a write: '' when it had none), not a note's.
      const want = pid === 0 ? undefined : arg % 7 === 0 ? `p1:${arg}` : '';
      if (text !== want) faults.push(`event ${i}: payload ${text}, expected ${want}`);
      next[pid] = arg + 1;
    }
    expect(faults.slice(0, 5)).toEqual([]);
    expect(next).toEqual([count, count]);
    expect(live.fold.seq).toBe(2 * count);
    expect([live.fold.lanes.get(0)?.ops, live.fold.lanes.get(1)?.ops]).toEqual([count, count]);
  }, 60_000);
});
