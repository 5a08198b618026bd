/* global window */
// Figures measured on the app itself, through its public surface: a URL opens the run, the Run and Reset
// buttons drive it, role=status's data-verdict says when it ended, window.__lockstep gives the worker count.
// Whatever runs where inside (a view worker, a pre-warmed pool), these figures are what the learner gets.
import { log } from './context.mjs';
import { cycles, openApp, press, settlePool, warmRuns } from './page.mjs';
import { stats } from './stats.mjs';

const newContext = (browser) => browser.newContext({ viewport: { width: 1400, height: 1000 } });

const ticketsUrl = (clients, mode) => `/?scenario=tickets&clients=${clients}&mode=${mode}${mode === 'parallel' ? '&turbo=on' : '&speed=16'}`;

/**
 * Can the app run `clients` ticket clients? The bench page reads the limit from the scenario's exported
 * parameter (facts.ticketsMaxClients); above it the app would refuse the URL, so the row is "not available".
 */
const supports = (facts, clients) => (facts.ticketsMaxClients ?? 0) >= clients;

/** The bank program, a lock around each update, n updates per process, parallel turbo: Run → verdict, same page. */
export async function bank(browser, o) {
  const n = o.sizes.bank;
  const url = `/?scenario=bank&n=${n}&scope=update&mode=parallel&turbo=on`;
  const context = await newContext(browser);
  const page = await openApp(context, o.base, url);
  const runs = await warmRuns(page, o.samples, { timeoutMs: 300_000 });
  await context.close();
  log('bank: done');
  return { n, url, s: stats(runs.map((r) => r.ms / 1000)), verdicts: [...new Set(runs.map((r) => r.verdict))], raw: runs };
}

/**
 * Start + join: tickets with `clients` clients, parallel turbo, timed from Run to the verdict. Cold: a new
 * browser context per sample, the pool allowed to warm after load. Warm: the same page again after a first run.
 */
export async function startJoin(browser, o, facts) {
  const out = {};
  const url100 = ticketsUrl(100, 'parallel');
  const cold = [];
  for (let i = 0; i < o.samples; i++) {
    const context = await newContext(browser);
    const page = await openApp(context, o.base, url100);
    const pool = await settlePool(page);
    cold.push({ ...(await press(page)), pool });
    await context.close();
  }
  out.cold100 = { url: url100, ms: stats(cold.map((r) => r.ms)), verdicts: [...new Set(cold.map((r) => r.verdict))], pool: stats(cold.map((r) => r.pool)), raw: cold };
  log('start + join 100 cold: done');
  if (!supports(facts, 1000)) {
    out.warm1000 = { notAvailable: `the app accepts at most ${facts.ticketsMaxClients} ticket clients` };
    return out;
  }
  const url = ticketsUrl(1000, 'parallel');
  const context = await newContext(browser);
  const page = await openApp(context, o.base, url);
  const warm = await warmRuns(page, o.samples);
  await context.close();
  out.warm1000 = { url, ms: stats(warm.map((r) => r.ms)), verdicts: [...new Set(warm.map((r) => r.verdict))], raw: warm };
  log('start + join 1,000 warm: done');
  return out;
}

/**
 * Frame gaps while the app animates: `lanes` ticket lanes at clock ×16 (a fixed window after Run: the paced run
 * lasts minutes) or parallel turbo (Run → verdict). A new page per sample.
 */
export async function frames(browser, o, facts, lanes, mode) {
  if (!supports(facts, lanes)) return { notAvailable: `the app accepts at most ${facts.ticketsMaxClients} ticket clients` };
  const windowMs = mode === 'clock' ? (o.quick ? 4000 : 10_000) : 0;
  const out = await frameGaps(browser, o, ticketsUrl(lanes, mode), windowMs);
  log(`frames ${lanes} ${mode}: done`);
  return out;
}

/**
 * Frame gaps of the queue stress as a learner gets it: the app page running the bench-only `queue-stress`
 * scenario (4 producers × 4 consumers × `sizes.queueItems` items through Queue(8), log on, parallel turbo),
 * Run → verdict, a new page per sample. Its Run → verdict time gives the app's items/s (a diagnostic).
 */
export async function queueFrames(browser, o, facts) {
  const items = o.sizes.queueItems;
  if ((facts.queueStressMaxItems ?? 0) < items) return { notAvailable: `the app's queue-stress takes at most ${facts.queueStressMaxItems} items per producer` };
  const url = `/?scenario=queue-stress&producers=4&consumers=4&items=${items}&maxsize=8&mode=parallel&turbo=on`;
  const out = await frameGaps(browser, o, url, 0);
  log('frames queue stress: done');
  return { ...out, itemsPerProducer: items, itemsPerSec: stats(out.raw.map((r) => (4 * items * 1000) / r.ms)) };
}

/** Frame gaps on the app page at `url` from Run, a new page per sample: for `windowMs` after Run, or (0) until the verdict. */
async function frameGaps(browser, o, url, windowMs) {
  const runs = [];
  for (let i = 0; i < o.samples; i++) {
    const context = await newContext(browser);
    const page = await openApp(context, o.base, url);
    runs.push(await press(page, { frames: true, windowMs, until: windowMs ? [] : undefined, timeoutMs: 120_000 }));
    await context.close();
  }
  return {
    url,
    windowMs,
    maxGapMs: stats(runs.map((r) => r.maxGapMs)),
    p99GapMs: stats(runs.map((r) => r.p99GapMs)),
    framesOver50: runs.reduce((a, r) => a + r.over50, 0),
    verdicts: [...new Set(runs.map((r) => r.verdict))],
    raw: runs,
  };
}

/**
 * The page's V8 heap from a heap snapshot, split into compiled code (the snapshot's "code" nodes: bytecode,
 * JIT code, feedback vectors; it grows as the JIT warms up over the first hundreds of runs) and everything
 * else (the app's objects: what a leak would grow). Browser-side (native) nodes are left out, as
 * Runtime.getHeapUsage leaves them out.
 */
async function heapSplit(cdp) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join(''));
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [typeAt, sizeAt, width] = [fields.indexOf('type'), fields.indexOf('self_size'), fields.length];
  let code = 0;
  let other = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]];
    if (type === 'code') code += snap.nodes[i + sizeAt];
    else if (type !== 'native' && type !== 'synthetic') other += snap.nodes[i + sizeAt];
  }
  return { codeMB: code / 2 ** 20, withoutCodeMB: other / 2 ** 20 };
}

/**
 * Memory over many runs in one page: Run → verdict → Reset, `total` times (1,000 in a full run, in batches
 * looped inside the page: a few minutes); the JS heap of the page (after a forced GC, through the DevTools
 * protocol) and the worker count after `early` runs and after all of them, and the heap split by a heap
 * snapshot into V8's compiled code and the rest (`heapSplit`).
 */
export async function memory(browser, o) {
  const early = 10;
  const total = o.quick ? 100 : 1000;
  const url = '/?scenario=printer&mode=parallel&turbo=on';
  const context = await newContext(browser);
  const page = await openApp(context, o.base, url);
  const cdp = await context.newCDPSession(page);
  const measure = async (runs) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const workers = await page.evaluate(() => window.__lockstep?.poolSize() ?? NaN);
    return { runs, heapMB: usedSize / 2 ** 20, workers, ...(await heapSplit(cdp)) };
  };
  const points = [];
  const verdicts = new Set();
  const t0 = Date.now();
  for (let done = 0; done < total; ) {
    // Up to the next measuring point, at most 100 cycles per call (progress in the log).
    const batch = Math.min(100, (done < early ? early : total) - done);
    for (const v of (await cycles(page, batch)).verdicts) verdicts.add(v);
    done += batch;
    if (done === early || done === total) points.push(await measure(done));
    if (done % 100 === 0) log(`memory: ${done} of ${total} runs`);
  }
  await context.close();
  const seconds = Math.round((Date.now() - t0) / 1000);
  log(`memory: ${total} runs in ${seconds} s`);
  return { url, early: points[0], late: points[1], verdicts: [...verdicts], seconds };
}
