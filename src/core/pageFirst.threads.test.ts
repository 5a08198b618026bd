/**
 * "The page comes first" (pageFirst.ts) on a real thread (Node worker_threads, real Atomics.wait): a parallel
 * process backs off at its op boundaries while the page's beat is overdue and resumes when the page draws; its
 * back-off stays within its budget when the page never draws; and nothing backs off when no page watches.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { H, Memory } from './layout';
import { parallelMemory } from './testing/parallelMemory';
import { PAGE_BUSY_MS, PAGE_GONE_MS, PAGE_LATE_MS, PAGE_WAKE_PER_FRAME, YIELD_BUDGET_MS, YIELD_WINDOW_MS, beatPage, closeFrame, leavePage, type YieldBounds, type YieldStats } from './pageFirst';

const bootstrap = fileURLToPath(new URL('./testing/threadBootstrap.mjs', import.meta.url));
const entry = new URL('./testing/pageFirstWorker.ts', import.meta.url).href;

interface Report {
  ops: number;
  elapsedMs: number;
  stats: YieldStats;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A parallel run with logging off, its clock started now; heap words: the (first) thread's op count and a stop word. */
function parallelRun(): { mem: Memory; progress: number; stop: number } {
  const mem = parallelMemory({ maxProcs: 1, ringEvents: 8, heapWords: 16 }, true);
  return { mem, progress: mem.layout.heap, stop: mem.layout.heap + 15 };
}

/** A test machine's bounds: one back-off lasts until a frame wakes it (a minute), so a stalled count means backing off, not a loaded machine. */
const UNTIL_WOKEN: YieldBounds = { sliceMs: 60_000, budgetMs: 60_000, windowMs: 60_000 };

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
    const { report, worker } = opsOnThread(mem, progress, stop, 120_000, UNTIL_WOKEN);
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

  it('a thread backs off at its first op: a process of a handful of ops (a ticket client) never reaches the 32nd', async () => {
    const { mem, progress, stop } = parallelRun();
    const i32 = mem.i32;
    const { report, worker } = opsOnThread(mem, progress, stop, 120_000, UNTIL_WOKEN);
    try {
      // The page is late (its last frame 200 ms ago) from before the thread starts, kept late without waking anyone
      // (the thread's start may take seconds on a loaded machine: past PAGE_GONE_MS a fixed beat would count as gone).
      while (Atomics.load(i32, H.pageYielding) === 0) {
        Atomics.store(i32, H.pageBeat, Date.now() - 200);
        await sleep(20);
      }
      expect(Atomics.load(i32, progress)).toBe(0);
      Atomics.store(i32, stop, 1);
      leavePage(i32);
      expect((await report).stats.backoffs).toBeGreaterThanOrEqual(1);
    } finally {
      await worker.terminate();
    }
  });

  it('a thread backs off for a heavy frame (still open PAGE_BUSY_MS after its beat, not yet late) and goes on once the page has drawn it', async () => {
    const { mem, progress, stop } = parallelRun();
    const i32 = mem.i32;
    const { report, worker } = opsOnThread(mem, progress, stop, 120_000, UNTIL_WOKEN);
    try {
      // A frame begun PAGE_BUSY_MS + 2 ms ago and not drawn: busy, well short of late (begun anew until the thread,
      // which may take seconds to start on a loaded machine, looks; the open word is the beat's, as beatPage leaves it).
      while (Atomics.load(i32, H.pageYielding) === 0) {
        const beat = (Date.now() - PAGE_BUSY_MS - 2) | 0;
        Atomics.store(i32, H.pageOpen, beat);
        Atomics.store(i32, H.pageBeat, beat);
        await sleep(2);
      }
      const at = Atomics.load(i32, progress);
      await sleep(100);
      expect(Atomics.load(i32, progress)).toBe(at);
      // The page has drawn it: the thread goes on (its wait is a minute long: only the close can end it; no frame begins).
      closeFrame(i32);
      await until(() => Atomics.load(i32, progress) > at, 'the thread to resume');
      Atomics.store(i32, stop, 1);
      leavePage(i32);
      const { stats } = await report;
      expect(stats.busy).toBeGreaterThanOrEqual(1);
      expect(stats.woken).toBeGreaterThanOrEqual(1);
      expect(Atomics.load(i32, H.pageBusyBackoffs)).toBe(stats.busy);
    } finally {
      await worker.terminate();
    }
  });

  it('a frame already drawn costs no back-off for it, however old its beat (short of late)', async () => {
    const { mem, progress, stop } = parallelRun();
    const i32 = mem.i32;
    const { report, worker } = opsOnThread(mem, progress, stop, 120_000);
    try {
      await until(() => Atomics.load(i32, progress) > 0, 'the thread to start');
      // Frames PAGE_BUSY_MS + 2 ms old, each already drawn (its open word 0), for 300 ms. A loaded machine may still
      // make one late (this loop held up past PAGE_LATE_MS): those are late back-offs, counted apart from the busy ones.
      for (const t0 = Date.now(); Date.now() - t0 < 300; await sleep(2)) {
        Atomics.store(i32, H.pageOpen, 0);
        Atomics.store(i32, H.pageBeat, (Date.now() - PAGE_BUSY_MS - 2) | 0);
      }
      Atomics.store(i32, stop, 1);
      leavePage(i32);
      const { ops, stats } = await report;
      expect(ops).toBeGreaterThan(1000);
      expect(stats.busy).toBe(0);
    } finally {
      await worker.terminate();
    }
  });

  it('one frame wakes at most PAGE_WAKE_PER_FRAME of the threads backing off, not the herd; a page that leaves wakes all', async () => {
    const n = PAGE_WAKE_PER_FRAME + 4;
    const { mem, stop } = parallelRun();
    const i32 = mem.i32;
    const progress = Array.from({ length: n }, (_, i) => mem.layout.heap + i);
    const threads = progress.map((p) => opsOnThread(mem, p, stop, 120_000, UNTIL_WOKEN));
    try {
      while (Atomics.load(i32, H.pageYielding) < n) {
        Atomics.store(i32, H.pageBeat, Date.now() - 200);
        await sleep(20);
      }
      const at = progress.map((p) => ({ p, ops: Atomics.load(i32, p) }));
      const moved = () => at.filter(({ p, ops }) => Atomics.load(i32, p) > ops).length;
      // One frame: its beat is fresh, so a woken thread runs on (for 32 ops at least) before it looks again.
      beatPage(i32);
      await until(() => moved() >= PAGE_WAKE_PER_FRAME, 'the woken threads to go on');
      // The others' waits last a minute: only another frame could end them.
      await sleep(200);
      expect(moved()).toBe(PAGE_WAKE_PER_FRAME);
      // The page leaves (hidden, or the run left): nobody may wait for it any longer.
      Atomics.store(i32, stop, 1);
      leavePage(i32);
      const reports = await Promise.all(threads.map((t) => t.report));
      expect(reports.every((r) => r.stats.woken >= 1)).toBe(true);
    } finally {
      await Promise.all(threads.map((t) => t.worker.terminate()));
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
      const { report, worker } = opsOnThread(mem, progress, stop, 120_000);
      try {
        // At least 150 ms of ops from the thread's start and more than 1,000 of them, then stop it. A bare 150 ms
        // (the thread's own clock) gave it 22 ops in a full unit run at load ~50: it hardly ran, backing off or not.
        await until(() => Atomics.load(mem.i32, progress) > 0, 'the thread to start');
        await sleep(150);
        await until(() => Atomics.load(mem.i32, progress) > 1000, 'a thousand ops');
        Atomics.store(mem.i32, stop, 1);
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
