/** What the worker_threads micro-benches (queuePath, bankPath) share: starting their threads, a fresh round, medians, counting Atomics calls. */
import { Worker } from 'node:worker_threads';
import { H, Memory, S } from '../../core/layout';

/** Start one worker per `workerData` from `entry` and wait until each has said it is ready. */
export function startWorkers(entry: string, data: readonly object[]): Promise<Worker[]> {
  return Promise.all(
    data.map((workerData) => {
      const w = new Worker(entry, { workerData });
      return new Promise<Worker>((resolve, reject) => {
        w.once('message', () => resolve(w));
        w.once('error', reject);
      });
    }),
  );
}

/** Before a round: no events issued, every ring empty, the log on or off, the run's clock starting now. */
export function freshRound(mem: Memory, procs: number, logOn: boolean): void {
  const i32 = mem.i32;
  Atomics.store(i32, H.seq, 0);
  for (let pid = 0; pid < procs; pid++) {
    Atomics.store(i32, mem.layout.slot(pid) + S.ringHead, 0);
    Atomics.store(i32, mem.layout.slot(pid) + S.ringTail, 0);
  }
  Atomics.store(i32, H.quiet, logOn ? 0 : 1);
  mem.f64[H.epochLo >> 1] = performance.timeOrigin + performance.now();
}

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** This thread's Atomics.wait / Atomics.notify calls since the last `countAtomics`, and of them those on word `at`. */
export const atomicsCount = { waits: 0, notifies: 0, atWaits: 0, atNotifies: 0 };
const realWait = Atomics.wait;
const realNotify = Atomics.notify;

/** Count (on) or stop counting (off) this thread's Atomics.wait / notify calls, by wrapping them (a little slower). */
export function countAtomics(on: boolean, at = -1): void {
  const c = atomicsCount;
  c.waits = c.notifies = c.atWaits = c.atNotifies = 0;
  const wait = (ta: Int32Array, i: number, v: number, t?: number) => (c.waits++, i === at && c.atWaits++, realWait(ta, i, v, t));
  const notify = (ta: Int32Array, i: number, n?: number) => (c.notifies++, i === at && c.atNotifies++, realNotify(ta, i, n));
  Atomics.wait = on ? (wait as typeof Atomics.wait) : realWait;
  Atomics.notify = on ? (notify as typeof Atomics.notify) : realNotify;
}

/** The log settings `--log on|off|both` asks for, off first. */
export const logSettings = (log: string): boolean[] => (log === 'both' ? [false, true] : [log === 'on']);

/** `n` samples of `take()` after one discarded warm-up; `m(f)` is the median of `f` over them. */
export async function warmSamples<T>(n: number, take: () => Promise<T>): Promise<{ samples: T[]; m: (f: (s: T) => number) => number }> {
  await take();
  const samples: T[] = [];
  for (let s = 0; s < n; s++) samples.push(await take());
  return { samples, m: (f) => median(samples.map(f)) };
}
