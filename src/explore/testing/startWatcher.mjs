// A worker_thread for src/explore/explore.test.ts: reads the given words of a shared buffer as fast as it
// can until told to stop, and reports every time one of them went down. A process slot's start word only
// ever grows (an idle worker takes any other value for a new start), so a rewind must never lower it, not
// even for a moment.
import { parentPort, workerData } from 'node:worker_threads';

const { sab, words, control } = workerData;
const i32 = new Int32Array(sab);
const ctl = new Int32Array(control);
const last = words.map((w) => Atomics.load(i32, w));
const drops = [];
let reads = 0;
Atomics.store(ctl, 1, 1); // running
while (Atomics.load(ctl, 0) === 0) {
  for (let k = 0; k < words.length; k++) {
    const v = Atomics.load(i32, words[k]);
    if (v < last[k] && drops.length < 20) drops.push({ word: k, from: last[k], to: v });
    last[k] = v;
  }
  reads++;
}
parentPort.postMessage({ drops, reads });
