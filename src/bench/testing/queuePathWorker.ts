/**
 * A producer or consumer of the queue micro-bench (queuePath.ts): one simulated
 * process on a real worker thread with the app's own Runtime, World and Queue.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Memory, S } from '../../core/layout';
import { Runtime } from '../../core/runtime';
import { World } from '../../core/world';
import { queueObjects, type QueueAnswer, type QueueJob } from './queuePathShared';
import { atomicsCount, countAtomics } from './threadBench';

const { sab, pid, capacity, items } = workerData as { sab: SharedArrayBuffer; pid: number; capacity: number; items: number };
const mem = Memory.attach(sab);
const i32 = mem.i32;

function run(job: QueueJob): QueueAnswer {
  // A fresh Runtime per job: it reads H.quiet (log on or off) as it is made, as a process does.
  const rt = new Runtime(mem, pid);
  const world = new World(mem, false, rt);
  const { q, tally, start } = queueObjects(world, capacity, items);
  while (Atomics.load(i32, start) === job.round) Atomics.wait(i32, start, job.round, 50);
  countAtomics(job.count, q.info.base);
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
  const c = atomicsCount;
  const answer = { cpuUs: t.user + t.system, waits: c.waits, notifies: c.notifies, guardWaits: c.atWaits, guardNotifies: c.atNotifies };
  countAtomics(false);
  return answer;
}

parentPort!.on('message', (job: QueueJob) => parentPort!.postMessage(run(job)));
parentPort!.postMessage('ready');
