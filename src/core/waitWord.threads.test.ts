/**
 * Runtime.waitWord on a real thread (Node worker_threads, real Atomics.wait): each wait returns
 * how it ended (an Atomics.notify, the word seen moved, the deadline), and a kill seen on waking
 * unwinds with whether a notify had just woken it. A Queue's wake count rests on both: nothing
 * about a wait may outlive it on the runtime.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Memory, S } from './layout';
import { parallelMemory } from './testing/parallelMemory';
import { Kill, WaitEnd } from './runtime';

const bootstrap = fileURLToPath(new URL('./testing/threadBootstrap.mjs', import.meta.url));
const entry = new URL('./testing/waitWordWorker.ts', import.meta.url).href;

type Outcome = { end: WaitEnd } | { unwind: string; notified: boolean };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A parallel run's buffer, its clock started now, and one free word to wait on. */
function parallelRun(): { mem: Memory; word: number } {
  const mem = parallelMemory({ maxProcs: 1, ringEvents: 8, heapWords: 16 }, true);
  return { mem, word: mem.layout.heap };
}

/** Process 0 waits on `word` (held at 0) on its own thread; `act` runs once the thread is inside the wait. */
async function waitOnThread(mem: Memory, word: number, deadline: number | null, act: () => Promise<void> | void): Promise<Outcome> {
  const w = new Worker(bootstrap, { workerData: { entry, sab: mem.sab, pid: 0, word, seen: 0, deadline } });
  const outcome = new Promise<Outcome>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  try {
    // waitWord publishes the word it waits on (for the deadlock check) just before its first wait.
    while (Atomics.load(mem.i32, mem.at(0, S.waitAt)) !== word + 1) await sleep(2);
    await act();
    return await outcome;
  } finally {
    await w.terminate();
  }
}

/** Notify `word` until a waiter was there to be woken (the thread may not be inside Atomics.wait yet). */
async function notifyOne(mem: Memory, word: number): Promise<void> {
  while (Atomics.notify(mem.i32, word, 1) === 0) await sleep(1);
}

describe('Runtime.waitWord under a real thread', () => {
  it('woken by a notify: notified; woken by nothing but a moved word: moved; nobody moves it: timed out', async () => {
    {
      const { mem, word } = parallelRun();
      expect(await waitOnThread(mem, word, null, () => notifyOne(mem, word))).toEqual({ end: WaitEnd.notified });
    }
    {
      // A store without a notify: the thread sees it when its wait slice ends.
      const { mem, word } = parallelRun();
      expect(await waitOnThread(mem, word, null, () => void Atomics.store(mem.i32, word, 1))).toEqual({ end: WaitEnd.moved });
    }
    {
      const { mem, word } = parallelRun();
      expect(await waitOnThread(mem, word, 0.2, () => {})).toEqual({ end: WaitEnd.timedOut });
    }
  }, 60_000);

  it('killed in the wait: the unwind says whether a notify had just woken it (a waker may have counted that wake)', async () => {
    // The kill, then a notify at once: when the notify finds the thread waiting (it returns 1), the
    // thread woke by it. Its wait slice may end between the two (a busy machine): then try again.
    for (let attempt = 1; ; attempt++) {
      const { mem, word } = parallelRun();
      let woke = 0;
      const outcome = await waitOnThread(mem, word, null, () => {
        mem.store(0, S.kill, Kill.terminate);
        woke = Atomics.notify(mem.i32, word, 1);
      });
      if (woke === 0 && attempt < 10) continue;
      expect(woke).toBe(1);
      expect(outcome).toEqual({ unwind: 'terminated', notified: true });
      break;
    }
    {
      // No notify: it notices the kill when its wait slice ends.
      const { mem, word } = parallelRun();
      expect(await waitOnThread(mem, word, null, () => mem.store(0, S.kill, Kill.terminate))).toEqual({ unwind: 'terminated', notified: false });
    }
  }, 60_000);
});
