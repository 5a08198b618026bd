/**
 * A tiny futex mutex with no events and no process bookkeeping, guarding the
 * inside of a queue or a console for a handful of instructions. It is the
 * "OS-level" lock; `Lock` is the Python-level one the learner sees.
 */
export function rawLock(i32: Int32Array, at: number): void {
  let c = Atomics.compareExchange(i32, at, 0, 1);
  if (c === 0) return;
  if (c !== 2) c = Atomics.exchange(i32, at, 2);
  while (c !== 0) {
    Atomics.wait(i32, at, 2, 50);
    c = Atomics.exchange(i32, at, 2);
  }
}

export function rawUnlock(i32: Int32Array, at: number): void {
  if (Atomics.sub(i32, at, 1) !== 1) {
    Atomics.store(i32, at, 0);
    Atomics.notify(i32, at, 1);
  }
}
