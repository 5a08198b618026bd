/* global document */
// WHO optimises in the first --window ms after Run, and WHAT: one page per sample with a CDP trace of V8's compile
// categories (which thread queued each Maglev/TurboFan job, the compiler threads' CPU) and V8's own code log per
// isolate (--js-flags=--log-code --log-deopt: every optimised function and deopt by name and place). A log's clock
// starts with its isolate, so each log is put on the trace's clock where its optimised-code creations line up with
// one thread's `V8.*ConcurrentFinalize` events (the install of the same code). Per build and role (page, view
// worker, process workers, kernel): codes installed and deopts in the window, and the compiler threads' CPU then;
// with --names, the functions and the deopts' sites and reasons.
//
//   npx vite build   # in each tree
//   node scripts/jitWindow.mjs --port=4435 --samples=3 --names=1 new=dist old=../base/dist
//
// --url changes the lab (default: the bench's queue stress row); --window=400 (ms after the click; 60000: the whole
// run); --keep=1 keeps each sample's logs and trace (the directory is printed on stderr).
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './browser-path.mjs';
import { openSettledLab } from './bench/page.mjs';
import { abArgs } from './abArgs.mjs';
import { serveDist } from './serveDist.mjs';

const { args, builds } = abArgs();
const port = Number(args.port ?? 4435);
const url = args.url ?? '/?scenario=queue-stress&producers=4&consumers=4&items=100000&maxsize=8&mode=parallel&turbo=on';
const samples = Number(args.samples ?? 1);
const windowMs = Number(args.window ?? 400);
const ended = ['ok', 'violated', 'deadlock', 'error'];

async function sample(base) {
  const dir = await mkdtemp(join(tmpdir(), 'jitw-'));
  // V8 writes isolate-<addr>-<pid>-v8.log relative to the renderer's working directory (inherited).
  const cwd = process.cwd();
  process.chdir(dir);
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: [...CHROMIUM_ARGS, '--js-flags=--log-code --log-deopt --logfile=v8.log'] });
  process.chdir(cwd);
  const events = [];
  try {
    const { context, page } = await openSettledLab(browser, base, url);
    await page.getByRole('button', { name: 'Run', exact: true }).waitFor({ state: 'visible' });
    const cdp = await context.newCDPSession(page);
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel,disabled-by-default-v8.compile', transferMode: 'ReportEvents' });
    await page.evaluate(() => {
      console.timeStamp('jw-click');
      [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run').click();
    });
    await page.waitForFunction((ended) => ended.includes(document.querySelector('[role="status"]')?.getAttribute('data-verdict')), ended, { timeout: 600_000 });
    await cdp.send('Tracing.end');
    await done;
    // Leaving the page ends its workers: their isolates close (and flush) their logs.
    await page.goto('about:blank');
    await new Promise((ok) => setTimeout(ok, 3000));
  } finally {
    await browser.close();
  }
  const logs = [];
  for (const f of await readdir(dir)) logs.push(await readFile(join(dir, f), 'utf8'));
  if (args.keep) {
    await writeFile(join(dir, 'trace.json'), JSON.stringify(events));
    console.error(dir);
  } else await rm(dir, { recursive: true, force: true });
  return analyse(events, logs);
}

/** A log's role from the first app script it loaded. */
function roleOf(text) {
  const m = /^script-(?:details|source),\d+,[^,]*\/assets\/(process\.worker|view\.worker|kernel\.worker|explorer\.worker|index)-/m.exec(text);
  return m ? { 'process.worker': 'process', 'view.worker': 'view', 'kernel.worker': 'kernel', 'explorer.worker': 'explorer', index: 'page' }[m[1]] : null;
}

function analyse(events, logs) {
  const click = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'jw-click').ts;
  // The nested twins of a compile event (same thread, name and µs) count once.
  const seen = new Set();
  const finals = new Map(); // thread -> install times (µs, trace clock)
  let tfCpu = 0;
  let mgCpu = 0;
  const inWindow = (ts) => ts >= click && ts < click + windowMs * 1000;
  for (const e of events) {
    if (e.ph !== 'X') continue;
    const key = `${e.tid}:${e.name}:${Math.round(e.ts / 20)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (e.name === 'V8.OptimizeConcurrentFinalize' || e.name === 'V8.MaglevConcurrentFinalize') {
      const k = `${e.pid}:${e.tid}`;
      if (!finals.has(k)) finals.set(k, []);
      finals.get(k).push(e.ts + e.dur);
    }
    if (inWindow(e.ts) && e.name === 'V8.TurbofanTask') tfCpu += e.tdur ?? 0;
    if (inWindow(e.ts) && e.name === 'V8.MaglevTask') mgCpu += e.tdur ?? 0;
  }
  const roles = {};
  for (const text of logs) {
    const role = roleOf(text);
    if (!role) continue;
    // code-creation,JS,<kind>,<time µs>,<addr>,<size>,<name and place>,<sfi>,<tier: + Maglev, * TurboFan, o OSR>
    const opt = [];
    const deopts = [];
    for (const line of text.split('\n')) {
      // code-deopt,<time>,<size>,<code addr>,<inlining id>,<script offset>,<bailout kind>,<place>,<reason>
      if (line.startsWith('code-deopt,')) {
        const f = line.split(',');
        deopts.push({ t: Number(f[1]), name: `${f[6]} ${f.slice(7).join(',').replace(/http:\/\/[^/]+\/assets\//, '')}` });
      }
      if (!line.startsWith('code-creation,JS,')) continue;
      const f = line.split(',');
      const tier = f.at(-1);
      if (/[+*]/.test(tier)) opt.push({ t: Number(f[3]), tier, name: f.slice(6, -2).join(',').trim().replace(/http:\/\/[^/]+\/assets\//, '') });
    }
    if (!opt.length) continue;
    // The offset (log clock -> trace clock) at which most installs coincide: candidates from 50 µs buckets of every
    // pair, then each scored by the log's installs with a trace install within 80 µs (bursts of installs make
    // many pairs vote for a wrong offset; one-to-one matches do not).
    let best = { n: 0, offset: 0 };
    for (const [, ts] of finals) {
      const votes = new Map();
      for (const a of ts) for (const o of opt) {
        const d = Math.round((a - o.t) / 50);
        votes.set(d, (votes.get(d) ?? 0) + 1);
      }
      const sorted = [...ts].sort((a, b) => a - b);
      const near = (x) => {
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (sorted[mid] < x - 80) lo = mid + 1;
          else hi = mid;
        }
        return lo < sorted.length && sorted[lo] <= x + 80;
      };
      for (const [d] of [...votes].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
        const n = opt.filter((o) => near(o.t + d * 50)).length;
        if (n > best.n) best = { n, offset: d * 50 };
      }
    }
    // Too few coincidences: this isolate did not optimise during the trace.
    if (best.n < 3) continue;
    const r = (roles[role] ??= { isolates: 0, maglev: 0, turbofan: 0, deopts: 0, names: new Map(), deoptNames: new Map() });
    r.isolates++;
    for (const d of deopts) {
      if (!inWindow(d.t + best.offset)) continue;
      r.deopts++;
      r.deoptNames.set(d.name, (r.deoptNames.get(d.name) ?? 0) + 1);
    }
    for (const o of opt) {
      if (!inWindow(o.t + best.offset)) continue;
      const tf = o.tier.includes('*');
      r[tf ? 'turbofan' : 'maglev']++;
      const k = `${tf ? 'TF' : 'MG'}${o.tier.startsWith('o') ? ' OSR' : ''} ${o.name}`;
      r.names.set(k, (r.names.get(k) ?? 0) + 1);
    }
  }
  return { tfCpuMs: Math.round(tfCpu / 1000), maglevCpuMs: Math.round(mgCpu / 1000), roles };
}

const servers = await Promise.all(builds.map(([, d], i) => serveDist(resolve(d), port + i)));
try {
  for (let s = 0; s < samples; s++)
    for (const [i, [label]] of builds.entries()) {
      const load = (await readFile('/proc/loadavg', 'utf8')).split(' ')[0];
      const { tfCpuMs, maglevCpuMs, roles } = await sample(`http://127.0.0.1:${port + i}`);
      const per = Object.fromEntries(Object.entries(roles).map(([k, v]) => [k, `${v.isolates} isolates, ${v.maglev} Maglev, ${v.turbofan} TurboFan, ${v.deopts} deopts`]));
      console.log(JSON.stringify({ label, sample: s, load, windowMs, compilerThreadsCpuMs: { turbofan: tfCpuMs, maglev: maglevCpuMs }, installed: per }));
      if (args.names)
        for (const [role, v] of Object.entries(roles)) {
          const tf = [...v.names].filter(([k]) => k.startsWith('TF')).sort((a, b) => b[1] - a[1]);
          const mg = [...v.names].filter(([k]) => !k.startsWith('TF')).sort((a, b) => b[1] - a[1]);
          console.log(`  ${role} TurboFan: ${tf.map(([k, n]) => `${k.slice(3)} x${n}`).join('; ') || '-'}`);
          console.log(`  ${role} deopts (top 10): ${[...v.deoptNames].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, n]) => `${k} x${n}`).join('; ') || '-'}`);
          console.log(`  ${role} Maglev (top 25): ${mg.slice(0, 25).map(([k, n]) => `${k.slice(3)} x${n}`).join('; ') || '-'}`);
        }
    }
} finally {
  for (const s of servers) s.close();
}
