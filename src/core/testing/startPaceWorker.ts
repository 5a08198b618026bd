/**
 * A parallel parent on its own thread starting `children` children (tests only): after each `start()` it counts
 * its children still waking up (no event in their ring, not ended) and reports the most it ever had.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Memory, S, State } from '../layout';
import { Child } from '../process';
import { Runtime } from '../runtime';

const { sab, children } = workerData as { sab: SharedArrayBuffer; children: number };
const mem = Memory.attach(sab);
const rt = new Runtime(mem, 0);
// Waking up: started (S.start), its worker not yet at its program (S.picked lags), not ended.
const waking = (p: number) => mem.load(p, S.picked) !== mem.load(p, S.start) && mem.load(p, S.state) < State.done;
let most = 0;
for (let i = 0; i < children; i++) {
  new Child(rt, 0, [], `Process-${i + 1}`, false).start();
  most = Math.max(most, rt.children.filter(waking).length);
}
const pace = rt.startPace();
parentPort!.postMessage({ most, paced: pace !== null, waits: pace?.waits ?? 0, gaveUp: pace?.gaveUp ?? 0 });
