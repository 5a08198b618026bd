// Figures measured on bench.html (src/bench/main.ts): the engine under the real Machine, kernel worker and
// LiveRun.drain, without the React page. Each window.__bench call is one sample.
import { log } from './context.mjs';
import { call, calibrate, openBench, sample } from './page.mjs';
import { stats } from './stats.mjs';

/** Start + join of 100 children on the bench page's own Machine: cold (new context), a new Machine, pooled. */
export async function spawn(browser, o) {
  const PROCS = 100;
  const cold = [];
  for (let i = 0; i < o.samples; i++) {
    const context = await browser.newContext();
    cold.push(await call(await openBench(context, o.base), 'spawn', PROCS, true));
    await context.close();
  }
  const context = await browser.newContext();
  const page = await openBench(context, o.base);
  const coldCached = await sample('spawn cold, cached scripts', o.samples, () => call(page, 'spawn', PROCS, true));
  const warm = await sample('spawn warm', o.samples, () => call(page, 'spawn', PROCS, false), 2);
  await context.close();
  const part = (xs, keys) => Object.fromEntries(keys.map((k) => [k, stats(xs.map((s) => s[k]))]));
  return {
    procs: PROCS,
    cold: part(cold, ['totalMs', 'prepareMs', 'runMs']),
    coldCached: part(coldCached, ['totalMs', 'prepareMs']),
    warm: part(warm, ['totalMs', 'prepareMs', 'runMs']),
    raw: { cold, coldCached, warm },
  };
}

/** How long one quick-mode sample of the Lock rows with the log on runs (a full bench: twice this). */
export const LOCK_SAMPLE_MS = 1500;

/** Lock pairs with the event log on and drained, the log off, and a bare futex loop: interleaved, same page. */
export async function lock(page, o) {
  const targetMs = o.quick ? 400 : 800;
  const rows = [];
  for (const procs of [1, 2, 4]) {
    // Log on: samples of ~1.5 s (3 s full), calibrated in two passes. Session 11's bench sized them from one
    // 20,000-pair trial whose fixed start dominated it, so its samples ran 50-330 ms (a few frames) and one
    // run's 2-process samples spread 2.44-4.07 M pairs/s.
    const lockIters = await calibrate(page, 'lock', (n) => [procs, n], 20_000, LOCK_SAMPLE_MS * (o.quick ? 1 : 2), { passes: 3 });
    const futexIters = await calibrate(page, 'futex', (n) => [procs, n], 200_000, targetMs, { round: 10_000 });
    const quietIters = await calibrate(page, 'lock', (n) => [procs, n, true], 200_000, targetMs / 2, { round: 10_000 });
    const lockS = [];
    const futexS = [];
    const quietS = [];
    for (let i = 0; i < o.samples; i++) {
      lockS.push(await call(page, 'lock', procs, lockIters));
      futexS.push(await call(page, 'futex', procs, futexIters));
      quietS.push(await call(page, 'lock', procs, quietIters, true));
    }
    rows.push({
      procs,
      lockIters,
      futexIters,
      quietIters,
      lockOpsPerSec: stats(lockS.map((s) => s.opsPerSec)),
      lockEventsPerSec: stats(lockS.map((s) => s.eventsPerSec)),
      futexOpsPerSec: stats(futexS.map((s) => s.opsPerSec)),
      quietOpsPerSec: stats(quietS.map((s) => s.opsPerSec)),
      /** Log off / futex, per sample (run back to back). */
      quietRatio: stats(quietS.map((q, i) => q.opsPerSec / futexS[i].opsPerSec)),
      maxFrameGapMs: stats(lockS.map((s) => s.maxFrameGapMs)),
      seqBreaks: lockS.reduce((a, s) => a + s.seqBreaks, 0),
      raw: { lock: lockS, futex: futexS, quiet: quietS },
    });
    log(`lock ${procs}: done`);
  }
  return { rows };
}

/** N children emitting bare events as fast as their rings allow, drained per frame; then the drain alone. */
export async function pipeline(page, o) {
  const rows = [];
  for (const [procs, perProc] of o.quick ? [[1, 500_000], [2, 250_000]] : [[1, 1_000_000], [2, 750_000]]) {
    const s = await sample(`pipeline ${procs}`, o.samples, () => call(page, 'pipeline', procs, perProc));
    rows.push({
      procs,
      eventsPerProc: perProc,
      eventsPerSec: stats(s.map((x) => x.eventsPerSec)),
      maxFrameGapMs: stats(s.map((x) => x.maxFrameGapMs)),
      p99FrameGapMs: stats(s.map((x) => x.p99FrameGapMs)),
      drainMsMax: stats(s.map((x) => x.drainMsMax)),
      zeroLoss: s.every((x) => x.drainedNotes === x.emitted && x.events === x.seqIssued && x.folded === x.events && x.logged === x.events && x.seqBreaks === 0),
      raw: s,
    });
  }
  const d = await sample('drain only', o.samples, () => call(page, 'drainOnly', 4));
  return { rows, drainOnly: { procs: 4, eventsPerProc: d[0].eventsPerProc, eventsPerSec: stats(d.map((x) => x.eventsPerSec)), raw: d } };
}

/** A scheduler grant in a worker, and kernelApi.step() from the page, under step and clock. */
export async function step(page, o) {
  const STEPS = o.quick ? 2000 : 5000;
  const ROUND_TRIPS = o.quick ? 200 : 500;
  const out = {};
  for (const policy of ['step', 'clock']) {
    const s = await sample(`step ${policy}`, o.samples, () => call(page, 'step', policy, STEPS, ROUND_TRIPS));
    out[policy] = {
      steps: STEPS,
      roundTrips: ROUND_TRIPS,
      grantMedianUs: stats(s.map((x) => x.grantMedianUs)),
      grantMeanUs: stats(s.map((x) => x.grantMeanUs)),
      grantP90Us: stats(s.map((x) => x.grantP90Us)),
      roundTripMedianUs: stats(s.map((x) => x.roundTripMedianUs)),
      raw: s,
    };
  }
  return out;
}

/** 4 producers × 4 consumers × ITEMS through Queue(8), the log on and drained (and off, as a diagnostic). */
export async function queue(page, o) {
  const ITEMS = o.sizes.queueItems;
  const q = await sample('queue', o.samples, () => call(page, 'queue', 4, 4, ITEMS, 8), 0);
  const qq = await sample('queue, log off', o.samples, () => call(page, 'queue', 4, 4, ITEMS, 8, true), 0);
  return {
    producers: 4,
    consumers: 4,
    itemsPerProducer: ITEMS,
    capacity: 8,
    itemsPerSec: stats(q.map((s) => s.itemsPerSec)),
    eventsPerSec: stats(q.map((s) => s.eventsPerSec)),
    lost: Math.max(...q.map((s) => s.lost)),
    duplicated: Math.max(...q.map((s) => s.duplicated)),
    loggedExactlyOnce: q.every((s) => s.loggedPuts === 4 * ITEMS && s.loggedOnce === 4 * ITEMS),
    maxFrameGapMs: stats(q.map((s) => s.maxFrameGapMs)),
    quiet: { itemsPerSec: stats(qq.map((s) => s.itemsPerSec)), lost: Math.max(...qq.map((s) => s.lost)), duplicated: Math.max(...qq.map((s) => s.duplicated)), maxFrameGapMs: stats(qq.map((s) => s.maxFrameGapMs)), raw: qq },
    raw: q,
  };
}

