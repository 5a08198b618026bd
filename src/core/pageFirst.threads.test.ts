/**
 * "The page comes first" (pageFirst.ts) on a real thread (Node worker_threads, real Atomics.wait): a parallel
 * process backs off at its op boundaries while the page's beat is overdue and resumes when the page draws; its
 * back-off stays within its budget when the page never draws; and nothing backs off when no page watches.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { H, Memory, Mode } from './layout';
import { PAGE_GONE_MS, PAGE_LATE_MS, YIELD_BUDGET_MS, YIELD_WINDOW_MS, beatPage, leavePage, type YieldBounds, type YieldStats } from './pageFirst';

const bootstrap = fileURLToPath(new URL('./testing/threadBootstrap.mjs', import.meta.url));
const entry = new URL('./testing/pageFirstWorker.ts', import.meta.url).href;

interface Report {
  ops: number;
  elapsedMs: number;
  stats: YieldStats;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A parallel run with logging off, its clock started now; two heap words: the thread's op count and a stop word. */
function parallelRun(): { mem: Memory; progress: number; stop: number } {
  const mem = Memory.create({ maxProcs: 1, ringEvents: 8, heapWords: 16 });
  Atomics.store(mem.i32, H.mode, Mode.parallel);
  Atomics.store(mem.i32, H.quiet, 1);
  mem.f64[H.epochLo >> 1] = performance.timeOrigin + performance.now();
  return { mem, progress: mem.layout.heap, stop: mem.layout.heap + 1 };
}

function opsOnThread(mem: Memory, progress: number, stop: number, forMs: number, bounds?: YieldBounds): { report: Promise<Report>; worker: Worker } {
  const worker = new Worker(bootstrap, { workerData: { entry, sab: mem.sab, progress, stop, forMs, bounds } });
  const report = new Promise<Report>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { report, worker };
}

async function until(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

describe('the page comes first, under a real thread', () => {
  it('a thread backs off while the page is late and resumes when it draws', async () => {
    const { mem, progress, stop } = parallelRun();
    const i32 = mem.i32;
    // A test machine: one back-off lasts until the page draws (a minute), so a stalled count means backing off, not a loaded machine.
    const { report, worker } = opsOnThread(mem, progress, stop, 120_000, { sliceMs: 60_000, budgetMs: 60_000, windowMs: 60_000 });
    try {
      // Once the thread runs (it takes seconds to start on a loaded machine), the page's last frame was 200 ms ago: late, not gone.
      await until(() => Atomics.load(i32, progress) > 0, 'the thread to start');
      beatPage(i32, Date.now() - 200);
      await until(() => Atomics.load(i32, H.pageYielding) === 1, 'the thread to back off');
      const at = Atomics.load(i32, progress);
      await sleep(100);
      expect(Atomics.load(i32, H.pageYielding)).toBe(1);
      expect(Atomics.load(i32, progress)).toBe(at);
      // The page draws: the thread goes on at once (its wait is a minute long: only the frame can end it).
      beatPage(i32);
      await until(() => Atomics.load(i32, progress) > at + 1000, 'the thread to resume');
      Atomics.store(i32, stop, 1);
      leavePage(i32);
      const { stats } = await report;
      expect(stats.woken).toBeGreaterThanOrEqual(1);
      expect(stats.backoffs).toBeGreaterThanOrEqual(1);
    } finally {
      await worker.terminate();
    }
  });

  it('the bound holds when the page never draws: at most the budget per window, and none once the page is gone', async () => {
    const { mem, progress, stop } = parallelRun();
    const { report, worker } = opsOnThread(mem, progress, stop, 120_000);
    try {
      await until(() => Atomics.load(mem.i32, progress) > 0, 'the thread to start');
      // The last frame was just late, and no other comes: late for PAGE_GONE_MS, then gone; the thread runs on past that.
      beatPage(mem.i32, Date.now() - PAGE_LATE_MS);
      await sleep(PAGE_GONE_MS + 500);
      Atomics.store(mem.i32, stop, 1);
      const { ops, stats } = await report;
      expect(stats.backoffs).toBeGreaterThan(0);
      // The waits asked at most the budget in each window, and windows begin at most once per YIELD_WINDOW_MS of
      // the late stretch (from the first back-off): none after the page is gone.
      expect(stats.askedMs).toBeLessThanOrEqual(stats.windows * YIELD_BUDGET_MS);
      expect(stats.windows).toBeLessThanOrEqual(Math.ceil((PAGE_GONE_MS - PAGE_LATE_MS) / YIELD_WINDOW_MS) + 1);
      expect(ops).toBeGreaterThan(0);
    } finally {
      await worker.terminate();
    }
  });

  it('no back-off when no page watches (0), when the page left, or when its last frame is long gone', async () => {
    for (const set of [() => {}, (i32: Int32Array) => leavePage(i32), (i32: Int32Array) => beatPage(i32, Date.now() - PAGE_GONE_MS - 1000)]) {
      const { mem, progress, stop } = parallelRun();
      set(mem.i32);
      const { report, worker } = opsOnThread(mem, progress, stop, 150);
      try {
        const { ops, stats } = await report;
        expect(ops).toBeGreaterThan(1000);
        expect(stats.backoffs).toBe(0);
        expect(stats.askedMs).toBe(0);
      } finally {
        await worker.terminate();
      }
    }
  });
});
