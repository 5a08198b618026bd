/**
 * The reaper under real threads: ring writers (Node worker_threads, one per process) killed
 * with worker.terminate(), which only asks, as a page's kill does; the reaper is told at once and
 * reaps at every turn of the reader's loop. Each dead process's `killed` event must come last in
 * its ring and whole: no record torn, repeated or written after it. (With a reaper that appends at
 * once, 1 round in 3 measured a torn or late record on a loaded 2-core machine: hence 3 rounds.)
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appendEvent, decodeEvent, EK, RingReader } from '../core/events';
import { H, Memory, Mode, S, State } from '../core/layout';
import { KILLED_EXITCODE } from '../core/process';
import { Rng } from '../core/rng';
import { killWritersAndDrain } from '../core/testing/killedWriters';
import { Reaper } from './reaper';

const writerEntry = fileURLToPath(new URL('../core/testing/ringBootstrap.mjs', import.meta.url));

/** A parallel run's buffer whose `procs` processes are all running. */
function runningRun(procs: number, ringEvents: number): Memory {
  const mem = Memory.create({ maxProcs: procs, ringEvents, heapWords: 16 });
  Atomics.store(mem.i32, H.mode, Mode.parallel);
  mem.f64[H.epochLo >> 1] = performance.timeOrigin + performance.now();
  for (let pid = 0; pid < procs; pid++) mem.store(pid, S.state, State.running);
  return mem;
}

describe('the reaper', () => {
  // REAP_ROUNDS=n runs n rounds (and logs each) to hunt for rarer interleavings.
  const rounds = Number(process.env.REAP_ROUNDS ?? 3);
  it('writers killed mid-run without waiting for their threads to stop: each ring ends with one whole `killed` event, nothing after it, nothing torn or repeated', async () => {
    const writers = 4;
    for (let round = 0; round < rounds; round++) {
      const t0 = Date.now();
      // Rings with room for ms of writing and a payload on every event: a thread that runs on
      // after terminate() is most likely writing, often in the middle of a commit.
      const mem = runningRun(writers, 4096);
      const workers = Array.from({ length: writers }, (_, pid) => new Worker(writerEntry, { workerData: { sab: mem.sab, pid, count: 2 ** 30, stamped: true, payloadEvery: 1 } }));
      const reaper = new Reaper();
      const { faults, seen, killedSeen, written, taken } = await killWritersAndDrain({
        mem,
        workers,
        rng: new Rng(300 + round),
        payloadEvery: 1,
        killWithinMs: 40,
        drainUpTo: 4000,
        // As the page kills a worker: terminate() asks, the reaper hears of it at once.
        kill: (pid) => void reaper.bury(mem, pid, workers[pid]!.terminate()),
        turn: () => reaper.reap(mem),
      });
      if (process.env.REAP_ROUNDS) console.log(`round ${round}: ${Date.now() - t0} ms, events ${seen.size}, taken ${taken}, per pid ${written.join(',')}`);
      expect(faults.slice(0, 5)).toEqual([]);
      expect(killedSeen).toEqual(new Array<number>(writers).fill(1));
      expect(Array.from({ length: writers }, (_, pid) => [mem.load(pid, S.state), mem.load(pid, S.exitcode)])).toEqual(new Array(writers).fill([State.terminated, KILLED_EXITCODE]));
      // Only a number taken by a writer stopped between its Atomics.add and its head store is never read.
      expect(taken - seen.size).toBeLessThanOrEqual(writers);
    }
  }, 60_000 + rounds * 60_000);

  it('a process that logged its own end before its thread was gone gets no second one; one that did not gets its killed event once its thread is gone', async () => {
    const mem = runningRun(2, 8);
    const reaper = new Reaper();
    // Process 0's thread saw the kill word and unwound (its killed and exit events); process 1's stopped mid-program.
    appendEvent(mem, 0, EK.note, -1, 0, 0, 1, 0);
    appendEvent(mem, 0, EK.killed, -1, KILLED_EXITCODE, 0, 1, 0);
    appendEvent(mem, 0, EK.exit, -1, KILLED_EXITCODE, 0, 1, 0);
    appendEvent(mem, 1, EK.note, -1, 0, 0, 1, 0);
    let gone = () => {};
    expect(reaper.bury(mem, 0, Promise.resolve())).toBe(true);
    expect(reaper.bury(mem, 1, new Promise<void>((r) => (gone = r)))).toBe(true);
    expect([...reaper.pids]).toEqual([0, 1]);
    await Promise.resolve();
    reaper.reap(mem);
    const reader = new RingReader(mem);
    const logged: string[] = [];
    const kinds = () => {
      reader.drain((pid, rec) => logged.push(`${pid}:${decodeEvent(mem, pid, rec).kind}`));
      return logged;
    };
    expect(kinds()).toEqual(['0:note', '0:killed', '0:exit', '1:note']); // process 1's thread is not gone yet
    gone();
    await Promise.resolve();
    reaper.reap(mem);
    reaper.reap(mem);
    expect(kinds()).toEqual(['0:note', '0:killed', '0:exit', '1:note', '1:killed']);
  });
});
