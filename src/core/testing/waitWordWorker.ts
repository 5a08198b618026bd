/**
 * One process's Runtime.waitWord on its own thread (tests only): waits on `word` while it holds
 * `seen`, until `deadline` (seconds since the run began), and reports how the wait ended, or the
 * unwind it ended with (its reason, and whether a notify had just woken it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Unwind } from '../errors';
import { Memory } from '../layout';
import { Runtime } from '../runtime';

const { sab, pid, word, seen, deadline } = workerData as { sab: SharedArrayBuffer; pid: number; word: number; seen: number; deadline: number | null };
const rt = new Runtime(Memory.attach(sab), pid);
try {
  parentPort!.postMessage({ end: rt.waitWord(word, seen, deadline ?? Infinity) });
} catch (e) {
  if (!(e instanceof Unwind)) throw e;
  parentPort!.postMessage({ unwind: e.reason, notified: e.notified });
}
