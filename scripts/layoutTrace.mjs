/* global document */
// What a run costs the page's main thread in style, layout and paint, from a Chromium trace (CDP Tracing).
// A/B: give several builds (label=dist-dir); samples are interleaved (A, B, A, B, …), a new page each.
//
//   node scripts/layoutTrace.mjs --port=4435 --url='/?scenario=tickets&clients=100&mode=clock&speed=16' \
//     --window=4000 --samples=3 new=dist old=../base/dist
//
// --window=0 waits for the verdict. DEBUG=1 also prints which nodes asked for layout (invalidation tracking) and
// the three tasks with the most CPU. Per sample: the main thread's CPU (its tasks' thread time), its longest task,
// and count / total / longest of Layout, UpdateLayoutTree (style), PrePaint and Paint, with the objects each
// layout had to visit (Layout's dirtyObjects, summed): what a snapshot's layout costs, whatever the grid's size.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './browser-path.mjs';
import { labIdle, settlePool } from './bench/page.mjs';
import { abArgs } from './abArgs.mjs';
import { serveDist } from './serveDist.mjs';

const { args, builds } = abArgs();
const port = Number(args.port ?? 4435);
const url = args.url ?? '/?scenario=tickets&clients=100&mode=clock&speed=16';
const windowMs = Number(args.window ?? 4000);
const samples = Number(args.samples ?? 3);

async function sample(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${base}${url}`);
  await labIdle(page, 120_000);
  // The pool warmed as the bench allows: its size still for a second.
  await settlePool(page, 1000, 600_000);
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor({ state: 'visible' });
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: `devtools.timeline,disabled-by-default-devtools.timeline,toplevel${process.env.DEBUG ? ',disabled-by-default-devtools.timeline.invalidationTracking' : ''}`, transferMode: 'ReportEvents' });
  await page.evaluate(
    (windowMs) =>
      new Promise((ok) => {
        [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run').click();
        if (windowMs) return setTimeout(ok, windowMs);
        const check = () => (['ok', 'violated', 'deadlock', 'error'].includes(document.querySelector('[role="status"]')?.getAttribute('data-verdict')) ? ok() : setTimeout(check, 20));
        check();
      }),
    windowMs,
  );
  await cdp.send('Tracing.end');
  await done;
  await context.close();
  return summarize(events);
}

function summarize(events) {
  // The page's main thread: the CrRendererMain with the most events.
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const count = new Map(mains.map((k) => [k, 0]));
  for (const e of events) if (count.has(`${e.pid}:${e.tid}`)) count.set(`${e.pid}:${e.tid}`, count.get(`${e.pid}:${e.tid}`) + 1);
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  const on = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X');
  const tasks = on.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const ms = (us) => Math.round(us / 100) / 10;
  const out = { cpuMs: ms(tasks.reduce((a, e) => a + (e.tdur ?? 0), 0)), longestTaskMs: ms(Math.max(0, ...tasks.map((e) => e.dur))), longestTaskCpuMs: ms(Math.max(0, ...tasks.map((e) => e.tdur ?? 0))) };
  // What the longest task spent its time on (the names of the events inside it, by thread time).
  const worst = tasks.reduce((a, e) => (a && a.dur >= e.dur ? a : e), null);
  if (worst) {
    const inside = new Map();
    for (const e of on) if (e !== worst && e.ts >= worst.ts && e.ts + e.dur <= worst.ts + worst.dur && ['Layout', 'UpdateLayoutTree', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'Paint', 'PrePaint', 'HitTest'].includes(e.name)) inside.set(e.name, (inside.get(e.name) ?? 0) + (e.tdur ?? e.dur));
    out.longestTaskHas = Object.fromEntries([...inside].map(([k, v]) => [k, ms(v)]));
  }
  for (const name of ['Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint']) {
    const es = on.filter((e) => e.name === name);
    out[name] = { n: es.length, totalMs: ms(es.reduce((a, e) => a + (e.tdur ?? e.dur), 0)), maxMs: ms(Math.max(0, ...es.map((e) => e.tdur ?? e.dur))) };
  }
  const layouts = on.filter((e) => e.name === 'Layout');
  if (process.env.DEBUG) {
    // Which nodes asked for layout, and why (the invalidation-tracking category).
    const why = new Map();
    // The second half of the window only: the run under way, not its start.
    const ts = events.filter((e) => e.ts > 0).map((e) => e.ts).sort((a, b) => a - b);
    const half = ts[Math.floor(ts.length / 2)];
    for (const e of events) if (e.name === 'LayoutInvalidationTracking' && e.ts > half) { const k = `${e.args.data.nodeName} ${e.args.data.reason}`; why.set(k, (why.get(k) ?? 0) + 1); }
    console.error([...why].sort((a, b) => b[1] - a[1]).slice(0, 25));
    // The three tasks with the most CPU: when (ms after the trace's first task), and every event inside by thread time.
    for (const task of [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 3)) {
      const inside = new Map();
      for (const e of on) if (e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur) inside.set(e.name, (inside.get(e.name) ?? 0) + (e.tdur ?? e.dur) / 1000);
      console.error(ms(task.ts - tasks[0].ts), ms(task.tdur), [...inside].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
    }
  }
  out.Layout.dirtyObjects = layouts.reduce((a, e) => a + (e.args?.beginData?.dirtyObjects ?? 0), 0);
  out.Layout.medianDirty = layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0).sort((a, b) => a - b)[Math.floor(layouts.length / 2)] ?? 0;
  // A layout that started below the page's root (a relayout boundary: a lane's box).
  out.Layout.partial = layouts.filter((e) => e.args?.beginData?.partialLayout).length;
  out.Layout.totalObjects = Math.max(0, ...layouts.map((e) => e.args?.beginData?.totalObjects ?? 0));
  return out;
}

const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
const servers = await Promise.all(builds.map(([, dir], i) => serveDist(resolve(dir), port + i)));
try {
  for (let s = 0; s < samples; s++)
    for (const [i, [label]] of builds.entries()) {
      const r = await sample(browser, `http://127.0.0.1:${port + i}`);
      console.log(JSON.stringify({ label, sample: s, load: (await readFile('/proc/loadavg', 'utf8')).split(' ')[0], ...r }));
    }
} finally {
  await browser.close();
  for (const s of servers) s.close();
}
