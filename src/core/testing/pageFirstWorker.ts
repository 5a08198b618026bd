/**
 * One parallel process on its own thread doing ops (tests only): Runtime.op in a loop, counting them in
 * `progress` (a heap word), until `stop` is set or `forMs` has passed; then reports its back-off stats.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EK } from '../events';
import { Memory } from '../layout';
import type { YieldBounds } from '../pageFirst';
import { Runtime } from '../runtime';

const { sab, progress, stop, forMs, bounds } = workerData as { sab: SharedArrayBuffer; progress: number; stop: number; forMs: number; bounds?: YieldBounds };
const mem = Memory.attach(sab);
const rt = new Runtime(mem, 0, undefined, undefined, bounds);
const t0 = Date.now();
let ops = 0;
while (Atomics.load(mem.i32, stop) === 0 && Date.now() - t0 < forMs) {
  rt.op(EK.sleep, -1, 1);
  Atomics.store(mem.i32, progress, ++ops);
}
parentPort!.postMessage({ ops, elapsedMs: Date.now() - t0, stats: rt.pageFirst.stats });
