/**
 * A producer or consumer of the queue micro-bench (queuePath.ts): one simulated
 * process on a real worker thread with the app's own Runtime, World and Queue.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Memory, S } from '../../core/layout';
import { Runtime } from '../../core/runtime';
import { World } from '../../core/world';
import { queueObjects, type QueueAnswer, type QueueJob } from './queuePathShared';

const { sab, pid, capacity, items } = workerData as { sab: SharedArrayBuffer; pid: number; capacity: number; items: number };
const mem = Memory.attach(sab);
const i32 = mem.i32;

const realWait = Atomics.wait;
const realNotify = Atomics.notify;
let waits = 0;
let notifies = 0;
/** Of them, on the queue's internal lock (its first word). */
let guardWaits = 0;
let guardNotifies = 0;
function counting(on: boolean, guard = -1): void {
  waits = notifies = guardWaits = guardNotifies = 0;
  const wait = (ta: Int32Array, at: number, v: number, t?: number) => (waits++, at === guard && guardWaits++, realWait(ta, at, v, t));
  const notify = (ta: Int32Array, at: number, n?: number) => (notifies++, at === guard && guardNotifies++, realNotify(ta, at, n));
  Atomics.wait = on ? (wait as typeof Atomics.wait) : realWait;
  Atomics.notify = on ? (notify as typeof Atomics.notify) : realNotify;
}

function run(job: QueueJob): QueueAnswer {
  // A fresh Runtime per job: it reads H.quiet (log on or off) as it is made, as a process does.
  const rt = new Runtime(mem, pid);
  const world = new World(mem, false, rt);
  const { q, tally, start } = queueObjects(world, capacity, items);
  while (Atomics.load(i32, start) === job.round) Atomics.wait(i32, start, job.round, 50);
  counting(job.count, q.info.base);
  const t0 = process.cpuUsage();
  if (job.role === 'alone') {
    const slot = mem.layout.slot(pid);
    for (let i = 0; i < job.n; i++) {
      q.put(i);
      q.get();
      if ((i & 255) === 0) Atomics.store(i32, slot + S.ringTail, Atomics.load(i32, slot + S.ringHead));
    }
  } else if (job.role === 'producer') {
    const base = job.k * job.n;
    for (let i = 0; i < job.n; i++) q.put(base + i);
  } else {
    for (let i = 0; i < job.n; i++) Atomics.add(i32, tally + (q.get() as number), 1);
  }
  const t = process.cpuUsage(t0);
  const answer = { cpuUs: t.user + t.system, waits, notifies, guardWaits, guardNotifies };
  counting(false);
  return answer;
}

parentPort!.on('message', (job: QueueJob) => parentPort!.postMessage(run(job)));
parentPort!.postMessage('ready');
