/**
 * The baseline for the lock benchmark: a bare three-state futex mutex
 * (Atomics CAS / wait / notify, Drepper's "mutex2") in a plain worker. No
 * events, no process table, no gate: what the hardware and the browser give.
 *
 * Protocol (postMessage): a FutexJob `{ sab, iters, round }` attaches the worker and
 * answers 'ready'; it then waits on W.start, runs `iters` lock/unlock pairs
 * (bumping a plain shared word inside), adds 1 to W.done and notifies it.
 */
import { W, type FutexJob } from './futex';

function lock(i32: Int32Array): void {
  let c = Atomics.compareExchange(i32, W.lock, 0, 1);
  if (c === 0) return;
  if (c !== 2) c = Atomics.exchange(i32, W.lock, 2);
  while (c !== 0) {
    Atomics.wait(i32, W.lock, 2);
    c = Atomics.exchange(i32, W.lock, 2);
  }
}

function unlock(i32: Int32Array): void {
  if (Atomics.sub(i32, W.lock, 1) !== 1) {
    Atomics.store(i32, W.lock, 0);
    Atomics.notify(i32, W.lock, 1);
  }
}

self.onmessage = (e: MessageEvent<FutexJob>) => {
  const { sab, iters, round } = e.data;
  const i32 = new Int32Array(sab);
  postMessage('ready');
  while (Atomics.load(i32, W.start) === round) Atomics.wait(i32, W.start, round);
  for (let i = 0; i < iters; i++) {
    lock(i32);
    i32[W.counter]!++;
    unlock(i32);
  }
  Atomics.add(i32, W.done, 1);
  Atomics.notify(i32, W.done);
};
