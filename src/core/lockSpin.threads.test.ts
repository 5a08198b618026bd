/**
 * A contended Lock acquire under the parallel policy looks at the lock word a while before it sleeps
 * (`spinTake`, `Runtime.lockSpins`): a holder that frees the lock meanwhile hands it over with no sleep,
 * no notify syscall and no block/wake events. On real threads (Node worker_threads).
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { E, H, S, State } from './layout';
import { parallelMemory } from './testing/parallelMemory';
import { EK, RingReader } from './events';
import { Lock, spinTake } from './sync';
import { World } from './world';

const bootstrap = fileURLToPath(new URL('./testing/threadBootstrap.mjs', import.meta.url));
const entry = new URL('./testing/lockSpinWorker.ts', import.meta.url).href;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * This thread holds the lock (as another process would); process 0 acquires it on its own thread with
 * `spins` looks, and this thread frees it: `release` 'asleep', once process 0 waits on a word (`S.waitAt`,
 * published before a futex wait); 'spinning', 30 ms after process 0 said it was about to acquire. Process 0's
 * events, and whether it ever waited on a word.
 *
 * A release on a timer alone raced the acquirer on a loaded machine (load ~40): process 0's thread, descheduled
 * between its ready word and the acquire for more than 30 ms, found the lock already free and took it at once,
 * with no block or wake (seen once in a full unit run). A test that expects a sleep now frees the lock only after
 * the sleep began; one that expects a spin gives it an unbounded one (Infinity looks), which no delay outlasts.
 */
async function handOver(spins: number, release: 'asleep' | 'spinning', cores = 2, othersRunning = 0): Promise<{ kinds: number[]; waited: boolean }> {
  const mem = parallelMemory({ maxProcs: 1 + othersRunning, ringEvents: 64, heapWords: 64 }, false);
  const i32 = mem.i32;
  // Process 0 and `othersRunning` more processes of the run, running (as a holder would be).
  Atomics.store(i32, H.nextPid, 1 + othersRunning);
  for (let p = 0; p <= othersRunning; p++) Atomics.store(i32, mem.at(p, S.state), State.running);
  const lock = new Lock(new World(mem, true), 'lock');
  const ready = mem.layout.heap + 60;
  const st = lock.info.base; // the futex word (L.state)
  Atomics.store(i32, st, 1);
  const w = new Worker(bootstrap, { workerData: { entry, sab: mem.sab, spins, cores, ready } });
  const got = new Promise<{ got: boolean }>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  try {
    while (Atomics.load(i32, ready) === 0) await sleep(2);
    if (release === 'spinning') await sleep(30);
    else {
      // Asleep, or (a defect) spinning on: after 10 s free it anyway, so a spin shows as a failed check, not a hang.
      for (const t0 = Date.now(); Atomics.load(i32, mem.at(0, S.waitAt)) === 0 && Date.now() - t0 < 10_000; ) await sleep(2);
    }
    // Lock.release's give(), from this thread.
    if (Atomics.sub(i32, st, 1) !== 1) {
      Atomics.store(i32, st, 0);
      Atomics.notify(i32, st, 1);
    }
    expect((await got).got).toBe(true);
  } finally {
    await w.terminate();
  }
  const kinds: number[] = [];
  new RingReader(mem).drain((_pid, rec) => void kinds.push(i32[rec + E.kind]!));
  return { kinds, waited: Atomics.load(i32, mem.at(0, S.waitAt)) !== 0 };
}

describe('Lock acquire spins before it sleeps (parallel)', () => {
  it('takes a lock freed while it looks: no sleep, no block or wake event', async () => {
    // Looks with no bound here, so a loaded machine cannot make the 30 ms outlast the spin.
    const r = await handOver(Infinity, 'spinning');
    expect(r.kinds).toEqual([EK.acquire]);
    expect(r.waited).toBe(false);
  });

  it('with no looks it sleeps, logs the block and the wake, and still takes the lock once freed', async () => {
    const r = await handOver(0, 'asleep');
    expect(r.kinds).toEqual([EK.block, EK.wake, EK.acquire]);
    expect(r.waited).toBe(true);
  });

  it('spins only while the running processes fit the cores: one more than the cores and it sleeps at once', async () => {
    // 2 running on 2 cores: the unbounded spin takes it.
    const fit = await handOver(Infinity, 'spinning', 2, 1);
    expect(fit.kinds).toEqual([EK.acquire]);
    expect(fit.waited).toBe(false);
    // 3 running on 2 cores: no looks (an unbounded spin would have taken it with no block).
    const over = await handOver(Infinity, 'asleep', 2, 2);
    expect(over.kinds).toEqual([EK.block, EK.wake, EK.acquire]);
    expect(over.waited).toBe(true);
  });

  it('spinTake takes a free word (as 1 or 2) and leaves a held one untouched after its looks', () => {
    const i32 = new Int32Array(new SharedArrayBuffer(8));
    expect(spinTake(i32, 0, 2, 1)).toBe(true);
    expect(i32[0]).toBe(2);
    expect(spinTake(i32, 0, 1, 1000)).toBe(false);
    expect(i32[0]).toBe(2);
    i32[1] = 0;
    expect(spinTake(i32, 1, 1, 1)).toBe(true);
    expect(i32[1]).toBe(1);
  });
});
