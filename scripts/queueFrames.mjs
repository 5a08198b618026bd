/* global window, document, requestAnimationFrame, MutationObserver */
// WHEN the queue stress's long frame gaps happen on the app page and WHAT fills them, for builds A/B.
// One page run per sample (a fresh browser each, builds interleaved A, B, A, B, …): the rAF timestamps and the
// lab's phase/status/verdict changes recorded in the page, a Chromium trace of the same run, and the page's main
// thread's scheduler stats (/proc/<pid>/task/<tid>/schedstat: CPU and run-queue wait) over Run → verdict.
//
//   npx vite build   # in each tree
//   node scripts/queueFrames.mjs --port=4425 --samples=5 new=. old=../qframes-base   # label=tree, served by its vite preview
//
// --url changes the lab (default: the bench's queue stress row). --gaps=N lists each sample's N longest gaps with
// what the main thread did in them (its tasks' wall and CPU time, the biggest events inside). Per sample, one JSON
// line: the longest gap, frames over 50 ms, the main thread's CPU and longest task, its style/layout/paint per frame
// (`render`), the run-queue wait, the page-first back-offs, and when the longest gaps fell (ms after the click; the first snapshot and the verdict too).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './browser-path.mjs';
import { labIdle, settlePool } from './bench/page.mjs';
import { abArgs } from './abArgs.mjs';

const { args, builds } = abArgs();
const port = Number(args.port ?? 4425);
const url = args.url ?? '/?scenario=queue-stress&producers=4&consumers=4&items=100000&maxsize=8&mode=parallel&turbo=on';
const samples = Number(args.samples ?? 3);
const listGaps = Number(args.gaps ?? 3);
const categories = args.categories ?? 'devtools.timeline,toplevel';

/** `vite preview` of a tree's dist/ (built first: `npx vite build`), as e2e serves it, with the app's own headers. */
async function serve(tree, at) {
  // Something already answering there would be measured in the tree's stead.
  if (await fetch(`http://127.0.0.1:${at}/`).then(() => true, () => false)) throw new Error(`port ${at} is in use: pick another --port`);
  const child = spawn(join(tree, 'node_modules', '.bin', 'vite'), ['preview', '--port', String(at), '--strictPort', '--host', '127.0.0.1'], { cwd: tree, stdio: 'ignore' });
  for (const t0 = Date.now(); ; await new Promise((r) => setTimeout(r, 200))) {
    if (child.exitCode !== null) throw new Error(`vite preview in ${tree} exited (${child.exitCode})`);
    if (await fetch(`http://127.0.0.1:${at}/`).then((r) => r.ok, () => false)) return child;
    if (Date.now() - t0 > 30_000) throw new Error(`vite preview in ${tree} did not answer`);
  }
}

/** CPU and run-queue wait (ns) of a thread so far, or null (gone). */
async function schedstat(pid, tid) {
  const s = await readFile(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').catch(() => null);
  if (!s) return null;
  const [cpu, wait] = s.split(' ').map(Number);
  return { cpu, wait };
}

async function sample(base) {
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${base}${url}`);
    await labIdle(page, 120_000);
    // The pool warmed as the bench allows: its size still for a second.
    await settlePool(page, 1000, 600_000);
    await page.getByRole('button', { name: 'Run', exact: true }).waitFor({ state: 'visible' });
    // --warm: one untraced run and Reset first (the same workers then run warm code: what the JIT costs a first run).
    if (args.warm) {
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.waitForFunction(() => ['ok', 'violated', 'deadlock', 'error'].includes(document.querySelector('[role="status"]')?.getAttribute('data-verdict')), null, { timeout: 120_000 });
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await labIdle(page, 120_000);
      await page.waitForTimeout(1000);
    }
    const cdp = await context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
    // DEBUG: a JS sampling profile too, to name what the heaviest tasks ran (its clock is the trace's).
    if (process.env.DEBUG) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // The renderer's threads before the run (the trace names the main thread's pid and tid afterwards).
    const before = await threadStats();
    const run = await page.evaluate(
      () =>
        new Promise((ok) => {
          const verdict = () => document.querySelector('[role="status"]')?.getAttribute('data-verdict') ?? '';
          const frames = [];
          const changes = [];
          let last = '';
          const note = (t) => {
            const s = window.__lockstep.state();
            const k = `${s.phase}/${s.status}/${s.verdict ?? ''}/${verdict()}`;
            if (k !== last) changes.push({ t, k, backoffs: s.pageBackoffs });
            last = k;
            return s;
          };
          let on = true;
          const t0 = performance.now();
          // Lines the trace up with this clock: the click's TimeStamp event.
          console.timeStamp('qf-click');
          const tick = (ts) => {
            if (!on) return;
            const now = performance.now();
            frames.push([ts - t0, now - t0]);
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          const check = () => {
            const v = verdict();
            note(performance.now() - t0);
            if (!['ok', 'violated', 'deadlock', 'error'].includes(v)) return;
            on = false;
            observer.disconnect();
            const end = performance.now() - t0;
            ok({ frames, changes, end, verdict: v, backoffs: window.__lockstep.state().pageBackoffs });
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { attributes: true, attributeFilter: ['data-verdict'], subtree: true, childList: true });
          [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run').click();
        }),
    );
    const after = await threadStats();
    const profile = process.env.DEBUG ? (await cdp.send('Profiler.stop')).profile : null;
    await cdp.send('Tracing.end');
    await done;
    await context.close();
    if (process.env.TRACE_OUT) await import('node:fs/promises').then((fs) => fs.writeFile(process.env.TRACE_OUT, JSON.stringify({ traceEvents: events })));
    return summarize(events, run, before, after, profile);
  } finally {
    await browser.close();
  }
}

/** Every thread's schedstat of every process now (read again after the run; the trace picks the page's main thread). */
async function threadStats() {
  const { readdir } = await import('node:fs/promises');
  const out = new Map();
  for (const pid of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(pid)) continue;
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (!comm.startsWith('chrom')) continue;
    for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [])) {
      const st = await schedstat(pid, tid);
      if (st) out.set(`${pid}:${tid}`, { ...st, comm: (await readFile(`/proc/${pid}/task/${tid}/comm`, 'utf8').catch(() => '?')).trim() });
    }
  }
  return out;
}

const ms = (us) => Math.round(us / 100) / 10;

/** JS self time (ms) by function in [from, to) µs of a sampling profile. */
function jsIn(profile, from, to) {
  if (!profile) return [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < from || t >= to) continue;
    const f = byId.get(profile.samples[i]).callFrame;
    const k = `${f.functionName || '(anon)'} ${f.url.split('/').at(-1)}:${f.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i + 1] ?? 200) / 1000);
  }
  return [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(1)}`);
}

function summarize(events, run, before, after, profile) {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const count = new Map(mains.map((k) => [k, 0]));
  for (const e of events) if (count.has(`${e.pid}:${e.tid}`)) count.set(`${e.pid}:${e.tid}`, count.get(`${e.pid}:${e.tid}`) + 1);
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  const on = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X');
  const click = events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'qf-click');
  const t0 = click.ts; // µs; the page's t0 (ms) is this instant
  const at = (e) => (e.ts - t0) / 1000; // ms after the click
  const browserPids = new Set(events.map((e) => String(e.pid)));
  // Top-level tasks only (ThreadControllerImpl::RunTask wraps RunTask: counting both counts twice).
  const top = on.some((e) => e.name === 'ThreadControllerImpl::RunTask') ? 'ThreadControllerImpl::RunTask' : 'RunTask';
  const tasks = on.filter((e) => e.name === top && at(e) + e.dur / 1000 >= 0 && at(e) <= run.end);
  const gaps = [];
  let prev = 0;
  for (const [, now] of run.frames) {
    gaps.push({ from: prev, to: now });
    prev = now;
  }
  gaps.push({ from: prev, to: run.end });
  for (const g of gaps) g.ms = g.to - g.from;
  const sorted = [...gaps].sort((a, b) => b.ms - a.ms);
  const inGap = (g) => {
    const ts = tasks.filter((e) => at(e) < g.to && at(e) + e.dur / 1000 > g.from);
    const inside = new Map();
    for (const e of on) {
      if (at(e) >= g.to || at(e) + e.dur / 1000 <= g.from || e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
      if (!['Layout', 'UpdateLayoutTree', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'Paint', 'PrePaint', 'HandlePostMessage', 'V8.GC_SCAVENGER', 'MinorGC', 'MajorGC', 'V8.GCScavenger', 'V8.GCFinalizeMC', 'Commit', 'EventDispatch', 'ParseHTML', 'v8.compile', 'V8.GCIncrementalMarking'].includes(e.name)) continue;
      inside.set(e.name, (inside.get(e.name) ?? 0) + (e.tdur ?? e.dur));
    }
    return {
      at: Math.round(g.from),
      ms: Math.round(g.ms * 10) / 10,
      tasks: ts.length,
      wallMs: ms(ts.reduce((a, e) => a + e.dur, 0)),
      cpuMs: ms(ts.reduce((a, e) => a + (e.tdur ?? 0), 0)),
      longest: ts.length ? { wall: ms(Math.max(...ts.map((e) => e.dur))), cpu: ms(Math.max(...ts.map((e) => e.tdur ?? 0))) } : null,
      inside: Object.fromEntries([...inside].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => [k, ms(v)])),
    };
  };
  if (process.env.DEBUG)
    // The three tasks with the most CPU: when (ms after the click), and the JS functions inside by thread time.
    for (const task of [...tasks].sort((x, y) => (y.tdur ?? 0) - (x.tdur ?? 0)).slice(0, 5)) {
      const inside = new Map();
      for (const e of on) {
        if (e === task || e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
        const d = e.args?.data;
        const k = e.name === 'FunctionCall' ? `fn ${d?.functionName || '?'} ${String(d?.url ?? '').split('/').at(-1)}:${d?.lineNumber}` : e.name === 'TimerFire' ? `TimerFire ${d?.timerId}` : e.name;
        inside.set(k, (inside.get(k) ?? 0) + (e.tdur ?? e.dur) / 1000);
      }
      console.error(`  task at ${ms(task.ts - t0)} ms: cpu ${ms(task.tdur)} wall ${ms(task.dur)}:`, [...inside].sort((x, y) => y[1] - x[1]).slice(0, 10).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
      console.error('    js:', jsIn(profile, task.ts, task.ts + task.dur).join(', '));
    }
  // The first snapshot: the first change of the status after the click's own (the view's first pull).
  const firstSnap = run.changes.find((c, i) => i > 0 && !c.k.startsWith('idle'))?.t;
  const [pid, tid] = main.split(':');
  const a = before.get(`${pid}:${tid}`);
  const b = after.get(`${pid}:${tid}`);
  // Every thread of this browser (the page's process and the others it started) that ran in the window: CPU / run-queue ms.
  const threads = [];
  for (const [k, v] of after) {
    // A thread started during the run (a worker the pool lacked) counts from 0, marked +.
    const u = before.get(k) ?? { cpu: 0, wait: 0, born: true };
    if (!browserPids.has(k.split(':')[0])) continue;
    const cpu = (v.cpu - u.cpu) / 1e6;
    // R: the page's process (its main thread MAIN); O: another of the browser's processes (GPU, browser, network).
    if (cpu > 20) threads.push(`${k === main ? 'MAIN ' : k.split(':')[0] === main.split(':')[0] ? 'R ' : 'O '}${u.born ? '+' : ''}${v.comm} ${Math.round(cpu)}/${Math.round((v.wait - u.wait) / 1e6)}`);
  }
  const cpuTotal = tasks.reduce((s, e) => s + (e.tdur ?? 0), 0);
  // The renderer's own work in the run, by thread time: total and per frame drawn (what a snapshot costs the page
  // past its script), with the objects the layouts visited and how many of them started below the document.
  const render = {};
  for (const name of ['Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint']) {
    const es = on.filter((e) => e.name === name && at(e) >= 0 && at(e) <= run.end);
    const total = es.reduce((a, e) => a + (e.tdur ?? e.dur), 0);
    render[name] = { n: es.length, ms: ms(total), perFrameMs: Math.round((total / 1000 / Math.max(1, run.frames.length)) * 100) / 100 };
    if (name === 'Layout') Object.assign(render[name], { dirty: es.reduce((a, e) => a + (e.args?.beginData?.dirtyObjects ?? 0), 0), partial: es.filter((e) => e.args?.beginData?.partialLayout).length });
  }
  return {
    verdict: run.verdict,
    runMs: Math.round(run.end),
    frames: run.frames.length,
    maxGapMs: Math.round(sorted[0].ms * 10) / 10,
    over50: gaps.filter((g) => g.ms > 50).length,
    mainCpuMs: ms(cpuTotal),
    longestTaskCpuMs: ms(Math.max(0, ...tasks.map((e) => e.tdur ?? 0))),
    longestTaskMs: ms(Math.max(0, ...tasks.map((e) => e.dur))),
    cpuPerFrameMs: Math.round((cpuTotal / 1000 / Math.max(1, run.frames.length)) * 100) / 100,
    render,
    sched: a && b ? { cpuMs: Math.round((b.cpu - a.cpu) / 1e5) / 10, runQueueMs: Math.round((b.wait - a.wait) / 1e5) / 10 } : null,
    backoffs: run.backoffs,
    threads: threads.sort((x, y) => Number(y.split(' ').at(-1).split('/')[0]) - Number(x.split(' ').at(-1).split('/')[0])),
    firstSnapMs: firstSnap === undefined ? null : Math.round(firstSnap),
    changes: run.changes.map((c) => `${Math.round(c.t)} ${c.k}`),
    longGaps: sorted.slice(0, listGaps).map(inGap),
  };
}

const servers = await Promise.all(builds.map(([, dir], i) => serve(resolve(dir), port + i)));
try {
  for (let s = 0; s < samples; s++)
    for (const [i, [label]] of builds.entries()) {
      const load = (await readFile('/proc/loadavg', 'utf8')).split(' ')[0];
      const r = await sample(`http://127.0.0.1:${port + i}`);
      console.log(JSON.stringify({ label, sample: s, load, ...r }));
    }
} finally {
  for (const s of servers) s.kill('SIGTERM');
}
