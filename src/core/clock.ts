/**
 * The wall clock every thread of a parallel run shares, and the run's clock word
 * (`H.tick`) that lets a writer stamp events without reading it per event (see
 * `Runtime.stamp`).
 */
import { H, type Memory } from './layout';

/** Real milliseconds on a clock shared by every thread (workers' performance.now differ). */
export type WallClock = () => number;
/** A thread's time origin never changes: read it once (the getter costs more than the clock). */
const TIME_ORIGIN = performance.timeOrigin;
export const defaultWallClock: WallClock = () => TIME_ORIGIN + performance.now();

/**
 * The reader's side of the clock word: store the whole milliseconds since the run began
 * (`H.epochLo`) into `H.tick`. The reader calls it at every drain call; writers compare the
 * word, not the clock, per event. Nothing before the run's epoch is written.
 */
export function publishClockWord(mem: Memory, wall: WallClock = defaultWallClock): void {
  const epoch = mem.f64[H.epochLo >> 1]!;
  if (epoch > 0) Atomics.store(mem.i32, H.tick, Math.floor(wall() - epoch));
}
