/**
 * A contended Lock acquire under the parallel policy looks at the lock word a while before it sleeps
 * (`spinTake`, `Runtime.lockSpins`): a holder that frees the lock meanwhile hands it over with no sleep,
 * no notify syscall and no block/wake events. Then it dozes on the word left unmarked (`MutexBase.doze`,
 * `Runtime.lockDozes`), so the holder's release needs no notify, and only then sleeps marked (state 2).
 * On real threads (Node worker_threads).
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

/** How `handOver`'s acquirer dozes (`Runtime.lockDozes`, else the default), and whether this thread first wakes its doze with a notify. */
interface Dozing {
  dozes?: number;
  nudge?: boolean;
}

/**
 * This thread holds the lock (as another process would); process 0 acquires it on its own thread with
 * `spins` looks, and this thread frees it: `release` 'spinning', 30 ms after process 0 said it was about to
 * acquire; 'asleep', once process 0 waits on a word (`S.waitAt`, published before a futex wait or a doze);
 * 'marked', once process 0 has marked the word (state 2) for its sleep. Process 0's events, whether it ever
 * waited on a word, whether the release found the word marked (2: it had to notify), and the word once process 0
 * holds it. With `nudge`, before the release this thread notifies the word until the notify wakes process 0 (a
 * release's wake meant for a marked sleeper), then waits up to 10 s for process 0 to mark the word.
 *
 * A release on a timer alone raced the acquirer on a loaded machine (load ~40): process 0's thread, descheduled
 * between its ready word and the acquire for more than 30 ms, found the lock already free and took it at once,
 * with no block or wake (seen once in a full unit run). A test that expects a sleep now frees the lock only after
 * the sleep began; one that expects a spin gives it an unbounded one (Infinity looks), which no delay outlasts.
 */
async function handOver(spins: number, release: 'spinning' | 'asleep' | 'marked', cores = 2, othersRunning = 0, dozing: Dozing = {}): Promise<{ kinds: number[]; waited: boolean; marked: boolean; held: number }> {
  const mem = parallelMemory({ maxProcs: 1 + othersRunning, ringEvents: 64, heapWords: 64 }, false);
  const i32 = mem.i32;
  // Process 0 and `othersRunning` more processes of the run, running (as a holder would be).
  Atomics.store(i32, H.nextPid, 1 + othersRunning);
  for (let p = 0; p <= othersRunning; p++) Atomics.store(i32, mem.at(p, S.state), State.running);
  const lock = new Lock(new World(mem, true), 'lock');
  const ready = mem.layout.heap + 60;
  const st = lock.info.base; // the futex word (L.state)
  Atomics.store(i32, st, 1);
  const w = new Worker(bootstrap, { workerData: { entry, sab: mem.sab, spins, cores, ready, dozes: dozing.dozes } });
  const got = new Promise<{ got: boolean }>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  let marked = false;
  let held: number;
  try {
    while (Atomics.load(i32, ready) === 0) await sleep(2);
    if (release === 'spinning') await sleep(30);
    else {
      // Asleep (or marked), or (a defect) spinning on: after 10 s free it anyway, so a spin shows as a failed check, not a hang.
      const waiting = () => (release === 'asleep' ? Atomics.load(i32, mem.at(0, S.waitAt)) !== 0 : Atomics.load(i32, st) === 2);
      for (const t0 = Date.now(); !waiting() && Date.now() - t0 < 10_000; ) await sleep(2);
    }
    if (dozing.nudge) {
      while (Atomics.notify(i32, st, 1) === 0) await sleep(1);
      // Generous: a loaded machine may take a while to run the woken thread.
      for (let t = 0; t < 10_000 && Atomics.load(i32, st) !== 2; t++) await sleep(1);
    }
    // Lock.release's give(), from this thread.
    if (Atomics.sub(i32, st, 1) !== 1) {
      marked = true;
      Atomics.store(i32, st, 0);
      Atomics.notify(i32, st, 1);
    }
    expect((await got).got).toBe(true);
    held = Atomics.load(i32, st);
  } finally {
    await w.terminate();
  }
  const kinds: number[] = [];
  new RingReader(mem).drain((_pid, rec) => void kinds.push(i32[rec + E.kind]!));
  return { kinds, waited: Atomics.load(i32, mem.at(0, S.waitAt)) !== 0, marked, held };
}

describe('Lock acquire spins before it sleeps (parallel)', () => {
  it('takes a lock freed while it looks: no sleep, no block or wake event', async () => {
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

  it('dozes unmarked after its looks: the release needs no notify, and a doze ends by taking the lock', async () => {
    // Dozes with no bound here, so a loaded machine cannot make the 30 ms outlast them.
    const r = await handOver(0, 'asleep', 2, 0, { dozes: 2 ** 31 - 1 });
    expect(r.kinds).toEqual([EK.block, EK.wake, EK.acquire]);
    expect(r.waited).toBe(true);
    expect(r.marked).toBe(false);
    expect(r.held).toBe(1);
  });

  it('spins, dozes, then sleeps marked: the release notifies it and it takes the lock as a marked sleeper', async () => {
    const r = await handOver(16, 'marked', 2, 0, { dozes: 1 });
    expect(r.kinds).toEqual([EK.block, EK.wake, EK.acquire]);
    expect(r.waited).toBe(true);
    expect(r.marked).toBe(true);
    expect(r.held).toBe(2);
  });

  it('a doze woken by a notify goes on as a marked sleeper (the wake was meant for one)', async () => {
    // With unbounded dozes only the notify can make it mark the word: else the release would find it unmarked.
    const r = await handOver(0, 'asleep', 2, 0, { dozes: 2 ** 31 - 1, nudge: true });
    expect(r.kinds).toEqual([EK.block, EK.wake, EK.acquire]);
    expect(r.marked).toBe(true);
    expect(r.held).toBe(2);
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
