/**
 * A parallel Lock waits for ring room before it takes the futex (`MutexBase.take`, TAKE_EVENTS): a process whose
 * ring is full waits for the reader without holding the lock, so the others go on meanwhile. Taken first, the
 * holder waited inside its critical section and every process that wanted the lock waited behind it. Nothing
 * is dropped or reordered either way: the test drains and checks the stream.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appendEvent, decodeEvent, EK, RingReader } from './events';
import { H, Memory, Mode, S } from './layout';
import { Runtime } from './runtime';
import { Lock } from './sync';
import { World } from './world';

const bootstrap = fileURLToPath(new URL('./testing/threadBootstrap.mjs', import.meta.url));
const entry = new URL('./testing/lockRoomWorker.ts', import.meta.url).href;
const RING = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a parallel Lock and a full ring', () => {
  it('the process waits for room before it takes the lock: another process takes it meanwhile, and every event comes out in order', async () => {
    const mem = Memory.create({ maxProcs: 2, ringEvents: RING, heapWords: 64 });
    const i32 = mem.i32;
    Atomics.store(i32, H.mode, Mode.parallel);
    mem.f64[H.epochLo >> 1] = performance.timeOrigin + performance.now();
    const lock = new Lock(new World(mem, true), 'lock');
    // Process 0's ring is full, and nobody drains it yet.
    for (let k = 0; k < RING; k++) appendEvent(mem, 0, EK.note, -1, k, 0, 0, 0);

    const w = new Worker(bootstrap, { workerData: { entry, sab: mem.sab } });
    const done = new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
    try {
      // A notify that wakes someone on process 0's tail word: its thread is inside the wait for room (a woken
      // waitForRoom finds the ring still full and waits again). No timing: this holds however slow the thread starts.
      const tail = mem.at(0, S.ringTail);
      while (Atomics.notify(i32, tail, 1) === 0) await sleep(2);
      const state = lock.info.base; // the futex word (L.state)
      expect(Atomics.load(i32, state)).toBe(0);

      // Process 1, on this thread, takes the lock without blocking and gives it back.
      const other = new Lock(new World(mem, false, new Runtime(mem, 1)), 'lock');
      expect(other.acquire(false)).toBe(true);
      other.release();

      // The reader drains: process 0 goes on, takes the lock and gives it back.
      const reader = new RingReader(mem);
      const events: { pid: number; kind: string; seq: number }[] = [];
      const drain = () => reader.drain((pid, rec) => void events.push((({ seq, kind }) => ({ pid, kind, seq }))(decodeEvent(mem, pid, rec))));
      const t0 = Date.now();
      let finished = false;
      void done.then(() => (finished = true));
      while (!finished && Date.now() - t0 < 30_000) {
        drain();
        await sleep(2);
      }
      await done;
      drain();
      expect(events.map((e) => e.seq)).toEqual(events.map((_, k) => k));
      expect(events.slice(RING).map((e) => `${e.pid}:${e.kind}`)).toEqual(['1:acquire', '1:release', '0:acquire', '0:release']);
    } finally {
      await w.terminate();
    }
  }, 60_000);
});
