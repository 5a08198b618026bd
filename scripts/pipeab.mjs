// A/B of the bench page's pipeline row ("events/s through the whole pipeline, zero loss") between two trees,
// interleaved (ABBA), a fresh browser per sample: bench.html's pipeline(procs, events) after one warm-up run of the
// same size on the same page, as the bench takes its samples (a tenth-size warm-up left the view worker's fold still
// being optimized during the sample: 25-40 ms more of TurboFan threads and reader CPU per 1 M events). Per sample: events/s, zero loss, ring waits, the sample's phases where the tree reports
// them (boot, every process ended, first/last event drained, the view worker's time in drain batches, its rests
// and how many a writer woke), and per-thread CPU from /proc (ns per event: the busiest two workers with their minor
// page faults per 1 M events, the
// renderer's main thread, all threads; and their run-queue wait, which is the machine's load, not the work).
// Each tree needs dist-bench/ first: `npx vite build -c vite.bench.config.ts` in its directory.
// Run: node scripts/pipeab.mjs --base <dir> [--new <dir>] [--procs 1] [--events 1000000] [--rounds 6] [--port 4415]
/* global window, document */
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './browser-path.mjs';
import { root } from './bench/context.mjs';
import { startServer } from './bench/server.mjs';
import { threadDelta, threads } from './bench/threads.mjs';

const args = process.argv.slice(2);
const opt = (k, d) => (args.indexOf(k) >= 0 ? args[args.indexOf(k) + 1] : d);
const procs = Number(opt('--procs', 1));
const events = Number(opt('--events', 1_000_000));
const rounds = Number(opt('--rounds', 6));
const port = Number(opt('--port', 4415));
if (!args.includes('--base')) throw new Error('--base <dir>: the baseline tree (with dist-bench/ and node_modules/)');
const builds = [
  { name: 'base', dir: opt('--base'), port },
  { name: 'new', dir: opt('--new', root), port: port + 1 },
];
const servers = [];
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');
try {
  for (const b of builds) servers.push(await startServer({ port: b.port, base: `http://localhost:${b.port}`, dir: b.dir }));
  const res = { base: [], new: [] };
  const total = procs * events;
  for (let r = 0; r < rounds; r++) {
    for (const b of r % 2 ? [...builds].reverse() : builds) {
      const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
      const page = await browser.newPage();
      await page.goto(`http://localhost:${b.port}/bench.html`);
      await page.waitForFunction(() => document.body.dataset.ready === '1');
      await page.evaluate(([p, n]) => window.__bench.pipeline(p, n), [procs, events]);
      const load = loadavg()[0];
      const t0 = threads();
      const s = await page.evaluate(([p, n]) => window.__bench.pipeline(p, n), [procs, events]);
      const d = threadDelta(t0, threads());
      await browser.close();
      const zeroLoss = s.drainedNotes === s.emitted && s.events === s.seqIssued && s.folded === s.events && s.logged === s.events && s.seqBreaks === 0;
      if (!zeroLoss) throw new Error(`${b.name}: not zero loss: ${JSON.stringify(s)}`);
      const per = (ns) => ns / total;
      const allWorkers = d.filter((x) => x.type === 'renderer' && x.name === 'DedicatedWorker');
      const workers = allWorkers.slice(0, 2);
      const main = d.find((x) => x.type === 'renderer' && x.name === 'chromium' && x.sleeps > 20) ?? { cpu: NaN, wait: NaN };
      const all = d.reduce((a, x) => a + x.cpu, 0);
      const ph = s.phases;
      const row = { mps: s.eventsPerSec / 1e6, ms: s.ms, cpu: per(all), workers: per(workers.reduce((a, w) => a + w.cpu, 0)), faults: (workers.reduce((a, w) => a + w.faults, 0) * 1e6) / total, load, oldMps: ph ? s.events / ph.frameEndMs / 1e3 : NaN };
      res[b.name].push(row);
      console.log(
        `${b.name.padEnd(4)} r${r} ${f(row.mps, 2)} M/s ${f(s.ms)} ms, ${s.frames} frames, ring waits ${s.ringWaits}` +
          (ph ? ` | boot ${f(ph.bootMs)} first drain ${f(ph.firstDrainMs)}${ph.runs ? ` events/run ${f(s.events / ph.runs)}` : ''} | old clock ${f(ph.frameEndMs)} ms, ended ${f(ph.endedMs)} last drain ${f(ph.lastDrainMs)} drain busy ${f(ph.drainBusyMs)} rests ${ph.rests} (woken ${ph.restsWoken})` : '') +
          ` | CPU ns/event: workers ${workers.map((w) => `${f(per(w.cpu), 0)} (wait ${f(per(w.wait), 0)} pf ${f((w.faults * 1e6) / total, 0)} sleeps ${w.sleeps})`).join(' ')}${allWorkers.length > 2 ? `, then ${allWorkers.slice(2, 4).map((w) => `${f(per(w.cpu), 0)} (sleeps ${w.sleeps})`).join(' ')}` : ''}, main ${f(per(main.cpu), 0)}, all ${f(per(all), 0)} | load ${f(load)}`,
      );
    }
  }
  for (const k of ['base', 'new']) {
    const xs = res[k];
    const old = xs.some((x) => Number.isFinite(x.oldMps)) ? ` (the same samples by the clock before session 12: ${f(med(xs.map((x) => x.oldMps)), 2)})` : '';
    console.log(`${k}: median ${f(med(xs.map((x) => x.mps)), 2)} M events/s${old} (${f(med(xs.map((x) => x.ms)))} ms), CPU ${f(med(xs.map((x) => x.cpu)), 0)} ns/event over all threads, the busiest two workers ${f(med(xs.map((x) => x.workers)), 0)} ns/event and ${f(med(xs.map((x) => x.faults)), 0)} faults per 1 M events, load ${f(Math.min(...xs.map((x) => x.load)))}–${f(Math.max(...xs.map((x) => x.load)))}`);
  }
} finally {
  for (const s of servers) s.kill('SIGTERM');
}
