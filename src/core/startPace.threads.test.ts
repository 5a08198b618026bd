/**
 * A crowded parallel run starts children at the pace their workers pick them up (startPace.ts): a parent on a
 * real thread starting 40 children never has more than STARTS_IN_FLIGHT of them still waking up, while this
 * test plays their workers (picking up the oldest every few ms); a small run starts all of them at once.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { H, Memory, S } from './layout';
import { PAGE_FIRST_MAX_PROCS } from './pageFirst';
import { parallelMemory } from './testing/parallelMemory';
import { announcePickup, START_WAIT_MS, STARTS_IN_FLIGHT, StartPace } from './startPace';

const bootstrap = fileURLToPath(new URL('./testing/threadBootstrap.mjs', import.meta.url));
const entry = new URL('./testing/startPaceWorker.ts', import.meta.url).href;

interface Report {
  most: number;
  paced: boolean;
  waits: number;
  gaveUp: number;
}

function parallelRun(maxProcs: number): Memory {
  const mem = parallelMemory({ maxProcs, ringEvents: 8, heapWords: 16 }, true);
  Atomics.store(mem.i32, H.nextPid, 1);
  return mem;
}

/**
 * The parent (pid 0) starts `children` on a thread; this thread picks up each started child `pickEveryMs` after the
 * last (null: nobody picks any up).
 */
async function startAll(mem: Memory, children: number, pickEveryMs: number | null): Promise<Report> {
  const worker = new Worker(bootstrap, { workerData: { entry, sab: mem.sab, children } });
  const report = new Promise<Report>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  let done = false;
  void report.finally(() => (done = true));
  let next = 1;
  while (!done) {
    await new Promise((r) => setTimeout(r, pickEveryMs ?? 5));
    if (pickEveryMs !== null && next < Atomics.load(mem.i32, H.nextPid) && Atomics.load(mem.i32, mem.at(next, S.start)) > 0) announcePickup(mem, next++);
  }
  await worker.terminate();
  return report;
}

describe('a crowded parallel run paces its starts (real thread)', () => {
  it(`a parent starting 40 children has at most ${STARTS_IN_FLIGHT} still waking up at a time`, async () => {
    const r = await startAll(parallelRun(41), 40, 2);
    expect(r.paced).toBe(true);
    expect(r.waits).toBeGreaterThan(0);
    // A pickup later than START_WAIT_MS (a loaded machine) lets one more start: counted, and allowed for.
    expect(r.most).toBeLessThanOrEqual(STARTS_IN_FLIGHT + r.gaveUp);
    expect(r.gaveUp).toBeLessThan(40 - STARTS_IN_FLIGHT);
  });

  it('a small run starts its children at once, as before', async () => {
    // Nobody picks up: a pickup between two of the parent's starts (a slow thread under load) would make 19 the most.
    const r = await startAll(parallelRun(PAGE_FIRST_MAX_PROCS), 20, null);
    expect(r.paced).toBe(false);
    expect(r.most).toBe(20);
  });
});

describe('StartPace on its own', () => {
  it('gives up on a child nobody picks up after START_WAIT_MS, once', () => {
    const mem = parallelRun(41);
    const alive = () => undefined;
    const pace = new StartPace(mem, alive, 2);
    for (const pid of [1, 2]) {
      Atomics.add(mem.i32, mem.at(pid, S.start), 1);
      pace.started(pid);
    }
    const t0 = Date.now();
    pace.before();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(START_WAIT_MS - 1);
    expect(pace.gaveUp).toBe(1);
    // Child 2 is still waking, child 3 starts: two again, so the next start waits for child 2 only; once it is up, none.
    Atomics.add(mem.i32, mem.at(3, S.start), 1);
    pace.started(3);
    announcePickup(mem, 2);
    const t1 = Date.now();
    pace.before();
    expect(Date.now() - t1).toBeLessThan(START_WAIT_MS);
    expect(pace.gaveUp).toBe(1);
  });

  it('applies to parallel runs of more than PAGE_FIRST_MAX_PROCS slots only', () => {
    expect(StartPace.applies(parallelRun(PAGE_FIRST_MAX_PROCS + 1), false)).toBe(true);
    expect(StartPace.applies(parallelRun(PAGE_FIRST_MAX_PROCS), false)).toBe(false);
    expect(StartPace.applies(parallelRun(PAGE_FIRST_MAX_PROCS + 1), true)).toBe(false);
  });
});
