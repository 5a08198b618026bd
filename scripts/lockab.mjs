// A/B of the bench page's Lock row between two builds, interleaved (ABBA), a fresh browser context per sample:
// bench.html's lock(procs, iters) after a warm-up run (a tenth of the size; `--warm 1`: full size, as the bench's
// calibrated samples follow runs that filled the event log, whose memory the next run reuses). Per sample: pairs/s, events per pair (over 2:
// block/wake events, i.e. contended acquires that slept), ring waits, and the CPU of every thread this script's
// processes own (/proc schedstat; the busiest four with their run-queue wait per pair (ready but off a core: what
// the machine's load takes), system ticks, sleeps and minor faults per 1,000 pairs).
// Each build needs dist-bench/ first: `npx vite build -c vite.bench.config.ts` in its directory.
// Run: node scripts/lockab.mjs --base <dir> [--new <dir>] [--procs 2] [--iters 1000000] [--rounds 5] [--warm 0.1] [--port 4415]
/* global window, document */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './browser-path.mjs';
import { root } from './bench/context.mjs';
import { threadDelta, threads } from './bench/threads.mjs';

const args = process.argv.slice(2);
const opt = (k, d) => (args.indexOf(k) >= 0 ? args[args.indexOf(k) + 1] : d);
const procs = Number(opt('--procs', 2));
const iters = Number(opt('--iters', 1_000_000));
const rounds = Number(opt('--rounds', 5));
const warm = Number(opt('--warm', 0.1));
const port = Number(opt('--port', 4415));
if (!args.includes('--base')) throw new Error('--base <dir>: the baseline build (a worktree with dist-bench/ and node_modules/)');
const builds = [
  { name: 'base', dir: opt('--base'), port },
  { name: 'new', dir: opt('--new', root), port: port + 1 },
];
const servers = builds.map((b) =>
  spawn(`${b.dir}/node_modules/.bin/vite`, ['preview', '-c', 'vite.bench.config.ts', '--port', String(b.port), '--strictPort'], { cwd: b.dir, stdio: 'ignore' }),
);

try {
  for (const b of builds) {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://localhost:${b.port}/bench.html`)).ok) break;
      } catch {
        /* not up yet */
      }
      // A 404 too: `npm run bench` removes dist-bench/ when it ends, and this used to wait forever then.
      if (i > 100) throw new Error(`vite preview of ${b.dir} did not serve bench.html (is ${b.dir}/dist-bench built?)`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  const res = { base: [], new: [] };
  const pairs = procs * iters;
  const per = (x) => ((x * 1000) / pairs).toFixed(2);
  for (let r = 0; r < rounds; r++) {
    for (const b of r % 2 ? [...builds].reverse() : builds) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`http://localhost:${b.port}/bench.html`);
      await page.waitForFunction(() => document.body.dataset.ready === '1');
      await page.evaluate(([p, n]) => window.__bench.lock(p, n), [procs, Math.round(iters * warm)]);
      const t0 = threads();
      const s = await page.evaluate(([p, n]) => window.__bench.lock(p, n), [procs, iters]);
      const t1 = threads();
      const d = threadDelta(t0, t1);
      const cpu = d.reduce((a, x) => a + x.cpu, 0) / pairs;
      res[b.name].push({ mps: s.opsPerSec / 1e6, cpu, epp: s.events / pairs });
      const top = d.slice(0, 4).map((x) => `${(x.cpu / pairs).toFixed(0)} [rq ${(x.wait / pairs).toFixed(0)} sys ${x.sys} sl ${per(x.sleeps)} pf ${per(x.faults)}]`);
      console.log(`${b.name.padEnd(4)} r${r} ${(s.opsPerSec / 1e6).toFixed(2)} M pairs/s  events/pair ${(s.events / pairs).toFixed(4)}  ring waits ${s.ringWaits}  CPU ns/pair ${cpu.toFixed(0)}: ${top.join(' ')}  load ${loadavg()[0].toFixed(1)}`);
      await ctx.close();
    }
  }
  const med = (xs) => [...xs].sort((a, b2) => a - b2)[xs.length >> 1];
  for (const k of ['base', 'new']) console.log(`${k}: median ${med(res[k].map((x) => x.mps)).toFixed(2)} M pairs/s, CPU ${med(res[k].map((x) => x.cpu)).toFixed(0)} ns/pair, ${med(res[k].map((x) => x.epp)).toFixed(4)} events/pair`);
  await browser.close();
} finally {
  for (const s of servers) s.kill('SIGTERM');
}
