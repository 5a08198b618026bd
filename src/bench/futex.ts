/** Word layout of the bare futex benchmark's buffer (shared by the page and futex.worker.ts). */
export const W = { start: 0, done: 1, lock: 2, counter: 3, words: 4 } as const;

/** What the page posts to a futex worker. */
export interface FutexJob {
  sab: SharedArrayBuffer;
  iters: number;
  /** The value of W.start to wait past. */
  round: number;
}
