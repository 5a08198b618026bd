import { H, Memory, Mode, type LayoutConfig } from '../layout';

/**
 * A run's buffer for a thread test under the parallel policy, its clock started now; `quiet` turns the log off
 * (the tests that only count ops or waits). The thread tests of page-first, start pacing, wait words and the
 * Lock's spin each made their own.
 */
export function parallelMemory(cfg: Partial<LayoutConfig>, quiet: boolean): Memory {
  const mem = Memory.create(cfg);
  Atomics.store(mem.i32, H.mode, Mode.parallel);
  if (quiet) Atomics.store(mem.i32, H.quiet, 1);
  mem.f64[H.epochLo >> 1] = performance.timeOrigin + performance.now();
  return mem;
}
