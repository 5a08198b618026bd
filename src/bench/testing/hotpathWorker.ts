/**
 * The writer side of the hot-path micro-bench (hotpath.ts): one simulated
 * process on a real worker thread, with the app's own Runtime, World and Lock
 * on the bench's shared buffer. Each job waits on the start word, runs, and
 * answers its time in ns per op.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { publishClockWord } from '../../core/clock';
import { EK } from '../../core/events';
import { Memory, S } from '../../core/layout';
import { rawLock, rawUnlock } from '../../core/rawlock';
import { Runtime } from '../../core/runtime';
import { Lock } from '../../core/sync';
import { World } from '../../core/world';
import { benchObjects, schedSince, threadSched, type HotAnswer, type HotJob } from './hotpathShared';

const { sab, pid } = workerData as { sab: SharedArrayBuffer; pid: number };
const mem = Memory.attach(sab);
const i32 = mem.i32;

/** Wait until the start word moves past `round` (every writer leaves together). */
function waitStart(start: number, round: number): void {
  while (Atomics.load(i32, start) === round) Atomics.wait(i32, start, round, 50);
}

function run(job: HotJob): HotAnswer {
  // A fresh Runtime per job: it reads H.quiet (log on or off) as it is made, as a process does as it starts.
  // 'emitFixedClock': the same write with a clock that costs nothing, to show what reading the time costs.
  const rt = job.what === 'emitFixedClock' ? new Runtime(mem, pid, () => 0) : new Runtime(mem, pid);
  const world = new World(mem, false, rt);
  const { lock, raw, counter, start } = benchObjects(world, (w) => new Lock(w, 'lock'));
  const n = job.n;
  waitStart(start, job.round);
  // CPU time (the process's: the main thread sleeps in Atomics.wait or drains, see hotpath.ts): robust on a busy machine.
  const t0 = process.cpuUsage();
  const s0 = threadSched((f) => readFileSync(f, 'utf8'));
  switch (job.what) {
    case 'emit':
    case 'emitFixedClock': {
      // The ring write alone: a fake reader frees the ring at once (the writer never waits) and, as
      // RingReader.drain does at each call (the view worker's take at most 1,024 events), stores the clock word.
      const slot = mem.layout.slot(pid);
      const batch = Math.min(mem.layout.cfg.ringEvents, 1024);
      for (let done = 0; done < n; ) {
        const k = Math.min(batch, n - done);
        for (let i = 0; i < k; i++) rt.emit(EK.acquire, lock.id, 5, 1, 1);
        Atomics.store(i32, slot + S.ringTail, Atomics.load(i32, slot + S.ringHead));
        publishClockWord(mem);
        done += k;
      }
      break;
    }
    case 'emitFlood':
      // A real reader (the main thread) competes for the other core.
      for (let i = 0; i < n; i++) rt.emit(EK.note, -1, 1, i);
      break;
    case 'lock':
      for (let i = 0; i < n; i++) {
        lock.acquire();
        i32[counter]!++;
        lock.release();
      }
      break;
    case 'futex':
      for (let i = 0; i < n; i++) {
        rawLock(i32, raw);
        i32[counter]!++;
        rawUnlock(i32, raw);
      }
      break;
  }
  const sched = schedSince(s0, threadSched((f) => readFileSync(f, 'utf8')));
  const t = process.cpuUsage(t0);
  return { ns: ((t.user + t.system) * 1e3) / n, sched };
}

parentPort!.on('message', (job: HotJob) => parentPort!.postMessage(run(job)));
parentPort!.postMessage('ready');
