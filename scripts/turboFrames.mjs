/* global document, requestAnimationFrame, MutationObserver */
// WHEN a run's long frame gaps happen and WHAT fills them: one page run per sample, with the page's frames
// (rAF timestamps), its phase/verdict changes and the first lane drawn on one clock, a Chromium trace of the
// main thread's tasks in each long gap (wall vs CPU), and the renderer's per-thread CPU and run-queue wait
// from /proc/<pid>/task/*/schedstat. A/B: several builds (label=dist-dir), interleaved, a fresh browser per sample.
//
//   node scripts/turboFrames.mjs --port=4435 --samples=3 new=dist old=../turbo1k-base/dist
//
// --url defaults to the bench row (1,000 ticket lanes, parallel turbo). --trace=0 skips the trace (its
// cost is in the page's numbers). --window=ms ends a sample that long after Run instead of at the verdict
// (a clock run lasts minutes), as the bench's clock rows do:
//
//   node scripts/turboFrames.mjs --port=4445 --samples=5 --window=10000 --trace=0 \
//     --url='/?scenario=tickets&clients=100&mode=clock&speed=16' new=dist old=../clockp99-base/dist
//
// Each sample also keeps the browser's Long Animation Frame entries over 50 ms (`loaf`: when the frame's rendering
// and its style and layout began, and its scripts with the style and layout each forced). With 1,000 workers use
// them, not the trace: Chromium 156 drops the main thread's trace events for most of such a run (the renderer's
// shared trace buffer is held by the workers' threads; the t0 stamp is then missing and the gaps show no task).
//
// --warm=n: n Run → verdict → Reset cycles first, discarded, so the sample is a warm run, as the bench's
// "start + join 1,000 warm" row (the same page's second and later runs):
//
//   node scripts/turboFrames.mjs --port=4450 --samples=5 --warm=1 --runs=2 --trace=0 new=dist old=../join1k-base/dist
//
// --runs=k: k samples per browser (Reset between them), so one pool's warm-up (a minute for 1,001 workers on
// a loaded machine) serves several warm runs. Each sample also gives the renderer's CPU in all
// (`rendererCpuMs`), the busiest worker threads' CPU and run-queue wait (`topWorkers`: the view worker, a
// crowded run's parent) and the median worker thread's (`medianWorker`: one child's); `node` is this script.
//
// --categories=devtools.timeline (the trace without the toplevel category) keeps most of the main thread's events
// there: each sample then gives the main thread's CPU per frame from Run to the verdict (`heaviestFrame`, what it ran,
// and `framesOver8msCpu`), a figure the machine's load stretches far less than the wall gaps:
//
//   node scripts/turboFrames.mjs --port=4425 --samples=5 --categories=devtools.timeline new=dist old=../turbo1k-base/dist
//
// Besides the longest gaps it reports the bench's p99 gap and the frames over 17 ms (a missed 60 Hz beat),
// and with the trace what the main thread ran in those slow frames, summed by trace event.
// Prints one JSON line per sample and a median summary per build.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './browser-path.mjs';
import { cycles, labIdle, openSettledLab } from './bench/page.mjs';
import { abArgs } from './abArgs.mjs';
import { serveDist } from './serveDist.mjs';

const { args, builds } = abArgs();
const port = Number(args.port ?? 4435);
const url = args.url ?? '/?scenario=tickets&clients=1000&mode=parallel&turbo=on';
const samples = Number(args.samples ?? 3);
const trace = args.trace !== '0';
const windowMs = Number(args.window ?? 0);
const warm = Number(args.warm ?? 0);
const runsPer = Number(args.runs ?? 1);
const load = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ')[0];

/** Per-thread [cpu ns, run-queue wait ns] of every process under `root` (Chromium's browser pid), by thread name. */
async function schedstat(root) {
  const kids = new Map();
  for (const p of await readdir('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    const st = await readFile(`/proc/${p}/stat`, 'utf8').catch(() => '');
    const ppid = Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
    kids.set(Number(p), ppid);
  }
  const mine = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, pp] of kids)
      if (!mine.has(p) && mine.has(pp)) {
        mine.add(p);
        grew = true;
      }
  }
  const out = [];
  for (const pid of mine) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    // This script's own process (Playwright, the static servers) is the root: not Chromium's.
    const type = pid === root ? 'node' : (/--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser');
    for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [])) {
      const [cpu, wait] = (await readFile(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').catch(() => '0 0')).split(' ').map(Number);
      const comm = (await readFile(`/proc/${pid}/task/${tid}/comm`, 'utf8').catch(() => '?')).trim();
      out.push({ key: `${pid}:${tid}`, type, comm: tid === String(pid) ? 'main' : comm, cpu, wait });
    }
  }
  return out;
}

/** The renderer's threads (main, workers: DedicatedWorker, other), other processes by type; CPU and run-queue wait in ms between two reads. */
function cpuBetween(a, b) {
  const before = new Map(a.map((t) => [t.key, t]));
  const sum = {};
  for (const t of b) {
    const o = before.get(t.key) ?? { cpu: 0, wait: 0 };
    // Other processes (browser, gpu-process, utility) by type: the browser's threads send the page its frames.
    const k = t.type !== 'renderer' ? t.type : t.comm === 'main' ? 'main' : t.comm.startsWith('DedicatedWorker') ? 'workers' : t.comm.replace(/\d+$/, '');
    sum[k] ??= { cpuMs: 0, waitMs: 0 };
    sum[k].cpuMs += (t.cpu - o.cpu) / 1e6;
    sum[k].waitMs += (t.wait - o.wait) / 1e6;
  }
  // The busiest worker threads (the view worker, a crowded run's parent process): CPU ms, wait ms.
  sum.topWorkers = b
    .filter((t) => t.type === 'renderer' && t.comm.startsWith('DedicatedWorker'))
    .map((t) => [(t.cpu - (before.get(t.key)?.cpu ?? 0)) / 1e6, (t.wait - (before.get(t.key)?.wait ?? 0)) / 1e6])
    .sort((x, y) => y[0] - x[0])
    .map(([c, w]) => [Math.round(c * 100) / 100, Math.round(w * 100) / 100]);
  // And the median worker thread's (a crowded run's child), CPU and run-queue wait.
  sum.medianWorker = sum.topWorkers[Math.floor(sum.topWorkers.length / 2)] ?? null;
  sum.topWorkers = sum.topWorkers.slice(0, 4);
  for (const v of Object.values(sum)) {
    if (Array.isArray(v) || v === null) continue;
    v.cpuMs = Math.round(v.cpuMs);
    v.waitMs = Math.round(v.waitMs);
  }
  return sum;
}

/** CPU ms of every thread of Chromium's renderer processes between two reads. */
function rendererCpu(a, b) {
  const before = new Map(a.map((t) => [t.key, t.cpu]));
  return Math.round(b.filter((t) => t.type === 'renderer').reduce((sum, t) => sum + t.cpu - (before.get(t.key) ?? 0), 0) / 1e6);
}

async function sample(base, label, n) {
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  try {
    const { context, page } = await openSettledLab(browser, base, url);
    if (warm > 0) await cycles(page, warm, { timeoutMs: 600_000 });
    const outs = [];
    for (let r = 0; r < runsPer; r++) {
      if (r > 0) {
        await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Reset').click());
        await labIdle(page, 600_000);
      }
      outs.push(await measure(context, page, label, runsPer > 1 ? `${n}.${r}` : n));
    }
    await context.close();
    return outs;
  } finally {
    await browser.close();
  }
}

/** One Run → verdict (or window) on a page whose lab is loaded: frames, marks, per-thread CPU, the trace's tasks. */
async function measure(context, page, label, n) {
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Run' && !b.disabled && b.getAttribute('aria-disabled') !== 'true'), null, { timeout: 600_000 });
  const cdp = trace ? await context.newCDPSession(page) : null;
  const events = [];
  let done;
  if (cdp) {
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { categories: args.categories ?? 'devtools.timeline,disabled-by-default-devtools.timeline,toplevel', transferMode: 'ReportEvents' });
  }
  // Chromium runs as a child of this script: its renderer's threads are below our pid.
  const pid = process.pid;
  const s0 = pid ? await schedstat(pid) : [];
  const run = await page.evaluate(
    (windowMs) =>
      new Promise((ok) => {
        const marks = [];
        const frames = [];
        const t0 = performance.now();
        // The trace's zero (TimeStamp event, same clock as the tasks).
        console.timeStamp('turboFrames-t0');
        const at = () => Math.round(performance.now() - t0);
        let on = true;
        // The browser's own account of each long animation frame (wall ms from Run): when its rendering and
        // its style and layout began, and the scripts in it with what each forced (style and layout read
        // inside the script). It survives where the trace drops events (1,000 workers' threads).
        const loaf = [];
        const r = (x) => Math.round(x * 10) / 10;
        const keep = (entries) => {
          for (const e of entries)
            loaf.push({
              at: r(e.startTime - t0),
              dur: r(e.duration),
              render: r(e.renderStart ? e.renderStart - e.startTime : -1),
              styleLayout: r(e.styleAndLayoutStart ? e.duration - (e.styleAndLayoutStart - e.startTime) : 0),
              scripts: e.scripts.filter((s) => s.duration >= 2).map((s) => ({ at: r(s.startTime - t0), dur: r(s.duration), forced: r(s.forcedStyleAndLayoutDuration), by: `${s.invokerType} ${s.invoker} ${s.sourceFunctionName}@${s.sourceCharPosition}` })),
            });
        };
        const lo = new PerformanceObserver((list) => keep(list.getEntries()));
        lo.observe({ type: 'long-animation-frame' });
        const result = () => (keep(lo.takeRecords()), lo.disconnect(), { marks, frames, loaf, end: at(), t0: performance.timeOrigin + t0 });
        // As the bench's `press`: the callback's own time, not the frame's begin time.
        const tick = () => {
          if (!on) return;
          frames.push(at());
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        let phase = document.querySelector('[data-phase]')?.getAttribute('data-phase');
        let lanes = 0;
        const observer = new MutationObserver(() => {
          const p = document.querySelector('[data-phase]')?.getAttribute('data-phase');
          if (p !== phase) marks.push([at(), `phase ${(phase = p)}`]);
          const n = document.querySelectorAll('.lane').length;
          if ((n > 0) !== (lanes > 0)) marks.push([at(), `lanes ${n}`]);
          lanes = n;
          const v = document.querySelector('[role="status"]')?.getAttribute('data-verdict');
          if (['ok', 'violated', 'deadlock', 'error'].includes(v)) {
            marks.push([at(), `verdict ${v}`]);
            observer.disconnect();
            // A window runs to its end past the verdict, as the bench's clock rows do.
            if (windowMs) return;
            // Two frames more: what the verdict's own render costs.
            requestAnimationFrame(() => requestAnimationFrame(() => ((on = false), ok(result()))));
          }
        });
        observer.observe(document.body, { attributes: true, subtree: true, childList: true });
        if (windowMs)
          setTimeout(() => {
            observer.disconnect();
            on = false;
            ok(result());
          }, windowMs);
        [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run').click();
      }),
    windowMs,
  );
  const s1 = pid ? await schedstat(pid) : [];
  if (cdp) {
    await cdp.send('Tracing.end');
    await done;
  }
  const gaps = [];
  let last = 0;
  for (const f of run.frames) {
    gaps.push([last, f - last]);
    last = f;
  }
  // As the bench's press: the stretch from the last frame to the end counts too.
  gaps.push([last, run.end - last]);
  const long = gaps.filter(([, g]) => g > 50);
  const sorted = gaps.map(([, g]) => g).sort((a, b) => a - b);
  const p99 = sorted[Math.floor(0.99 * sorted.length)] ?? 0;
  const over17 = gaps.filter(([, g]) => g > 17).length;
  const out = { maxGap: Math.max(...gaps.map(([, g]) => g)), p99, loaf: run.loaf.filter((f) => f.dur > 50), over17, over50: long.length, frames: run.frames.length, rendererCpuMs: rendererCpu(s0, s1), verdictAt: run.marks.find(([, m]) => m.startsWith('verdict'))?.[0], marks: run.marks, long, cpu: cpuBetween(s0, s1) };
  // --dump=prefix: the raw trace of each sample, for a closer look (prefix-label-sample.json).
  if (cdp && args.dump) await writeFile(`${args.dump}-${label}-${n}.json`, JSON.stringify({ run, events }));
  if (cdp) Object.assign(out, tasksIn(events, run, long, gaps.filter(([, g]) => g > 17)), framesCpu(events, run, gaps));
  return out;
}

/** The main thread's tasks: CPU in all, the longest, and for each long gap the tasks inside it (wall, CPU, what). */
function tasksIn(events, run, long, slow) {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
  const count = new Map(mains.map((k) => [k, 0]));
  for (const e of events) if (count.has(`${e.pid}:${e.tid}`)) count.set(`${e.pid}:${e.tid}`, count.get(`${e.pid}:${e.tid}`) + 1);
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  const on = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X');
  // Innermost tasks only: Chromium nests RunTask events (a run loop inside a task), which would count twice.
  const all = on.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  const tasks = all.filter((t) => !all.some((u) => u !== t && u.ts >= t.ts && u.ts + u.dur <= t.ts + t.dur));
  // The trace's clock (µs) to the run's: the page stamps its t0 into the trace.
  // Chromium names the stamp data.message, newer ones data.name.
  const zero = events.find((e) => e.name === 'TimeStamp' && [e.args?.data?.message, e.args?.data?.name].includes('turboFrames-t0'));
  const offset = zero ? zero.ts / 1000 : 0;
  const ms = (us) => Math.round(us / 100) / 10;
  const what = (task) => {
    const inside = new Map();
    // Layouts in the task: more than one is a layout forced by script before the frame's own.
    let layouts = 0;
    for (const e of on)
      if (e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur) {
        inside.set(e.name, (inside.get(e.name) ?? 0) + (e.tdur ?? e.dur));
        if (e.name === 'Layout') layouts++;
      }
    return { layouts, ...Object.fromEntries([...inside].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => [k, ms(v)])) };
  };
  const inRun = tasks.filter((t) => t.ts / 1000 - offset >= -5 && t.ts / 1000 - offset <= run.end);
  const gapTasks = long.map(([from, g]) => {
    // Tasks overlapping the gap (one may have begun before it).
    const ts = inRun.filter((t) => t.ts / 1000 - offset < from + g && (t.ts + t.dur) / 1000 - offset > from);
    const top = [...ts].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))[0];
    return { from, gap: g, tasks: ts.length, cpuMs: ms(ts.reduce((a, t) => a + (t.tdur ?? 0), 0)), top: top ? { at: Math.round(top.ts / 1000 - offset), wall: ms(top.dur), cpu: ms(top.tdur ?? 0), has: what(top) } : null };
  });
  // Every frame over 17 ms: the main thread's CPU in the tasks overlapping it, by trace event (nested
  // events counted inside their parents too, so the names overlap: FunctionCall holds the React work).
  const byName = (ts) => {
    const sum = new Map();
    let cpu = 0;
    let i = 0;
    const sorted = [...on].sort((a, b) => a.ts - b.ts);
    for (const t of [...ts].sort((a, b) => a.ts - b.ts)) {
      cpu += t.tdur ?? 0;
      while (i < sorted.length && sorted[i].ts < t.ts) i++;
      for (let j = i; j < sorted.length && sorted[j].ts <= t.ts + t.dur; j++) {
        const e = sorted[j];
        if (e !== t && e.ts + e.dur <= t.ts + t.dur) sum.set(e.name, (sum.get(e.name) ?? 0) + (e.tdur ?? e.dur));
      }
    }
    return { cpuMs: ms(cpu), tasks: ts.length, has: Object.fromEntries([...sum].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => [k, ms(v)])) };
  };
  const slowTasks = new Set();
  for (const [from, g] of slow) for (const t of inRun) if (t.ts / 1000 - offset < from + g && (t.ts + t.dur) / 1000 - offset > from) slowTasks.add(t);
  const longest = inRun.reduce((a, t) => (a && a.dur >= t.dur ? a : t), null);
  return {
    mainCpuMs: ms(inRun.reduce((a, t) => a + (t.tdur ?? 0), 0)),
    longestTask: longest ? { at: Math.round(longest.ts / 1000 - offset), wall: ms(longest.dur), cpu: ms(longest.tdur ?? 0), has: what(longest) } : null,
    maxTaskCpuMs: ms(Math.max(0, ...inRun.map((t) => t.tdur ?? 0))),
    heaviest: [...inRun].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0)).slice(0, 4).map((t) => ({ at: Math.round(t.ts / 1000 - offset), wall: ms(t.dur), cpu: ms(t.tdur ?? 0), has: what(t) })),
    gapTasks,
    // Frames that painted the page (a commit of new content); the rest only ran the frame loop.
    paints: on.filter((e) => e.name === 'Paint' && e.args?.data?.nodeName === '#document' && e.ts / 1000 - offset >= 0 && e.ts / 1000 - offset <= run.end).length,
    slowFrames: byName([...slowTasks]),
    allFrames: byName(inRun),
  };
}

/**
 * The main thread's CPU per frame from Run to the verdict: the trace's outermost events on the thread that stamped
 * t0 (no RunTask needed: `--categories=devtools.timeline` alone keeps most of the main thread's events through a
 * 1,000-worker run, where the toplevel category's RunTasks of every worker fill the trace buffer), summed by the
 * frame gap they start in. The heaviest frame with what it ran, and how many frames ran over 8 ms.
 */
function framesCpu(events, run, gaps) {
  const zero = events.find((e) => e.name === 'TimeStamp' && [e.args?.data?.message, e.args?.data?.name].includes('turboFrames-t0'));
  if (!zero) return {};
  const offset = zero.ts / 1000;
  const verdict = run.marks.find(([, m]) => m.startsWith('verdict'))?.[0] ?? run.end;
  const on = events.filter((e) => e.pid === zero.pid && e.tid === zero.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tops = [];
  let end = -Infinity;
  for (const e of on)
    if (e.ts >= end) {
      tops.push(e);
      end = e.ts + e.dur;
    }
  const frames = gaps
    .filter(([from]) => from < verdict)
    .map(([from, gap]) => {
      const has = {};
      let cpu = 0;
      for (const e of tops) {
        const at = e.ts / 1000 - offset;
        if (at < from || at >= from + gap) continue;
        cpu += e.tdur ?? 0;
        has[e.name] = (has[e.name] ?? 0) + (e.tdur ?? 0);
      }
      const ms = (us) => Math.round(us / 100) / 10;
      return { from, gap, cpuMs: ms(cpu), has: Object.fromEntries(Object.entries(has).filter(([, v]) => v >= 300).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, ms(v)])) };
    });
  const heaviest = frames.reduce((a, f) => (a && a.cpuMs >= f.cpuMs ? a : f), null);
  return { heaviestFrame: heaviest, framesOver8msCpu: frames.filter((f) => f.cpuMs > 8).length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const servers = await Promise.all(builds.map(([, dir], i) => serveDist(resolve(dir), port + i)));
const all = new Map(builds.map(([label]) => [label, []]));
try {
  for (let s = 0; s < samples; s++)
    for (const [i, [label]] of builds.entries()) {
      const l0 = await load();
      for (const [k, r] of (await sample(`http://127.0.0.1:${port + i}`, label, s)).entries()) {
        all.get(label).push(r);
        console.log(JSON.stringify({ label, sample: s, ...(runsPer > 1 ? { run: k } : {}), load: `${l0}-${await load()}`, ...r }));
      }
    }
} finally {
  for (const s of servers) s.close();
}
for (const [label, rs] of all)
  console.log(
    JSON.stringify({
      label,
      medians: {
        maxGap: median(rs.map((r) => r.maxGap)),
        p99: median(rs.map((r) => r.p99)),
        over17: median(rs.map((r) => r.over17)),
        over50: median(rs.map((r) => r.over50)),
        verdictAt: median(rs.map((r) => r.verdictAt)),
        mainCpuMs: median(rs.map((r) => r.cpu.main?.cpuMs ?? 0)),
        mainWaitMs: median(rs.map((r) => r.cpu.main?.waitMs ?? 0)),
        workersCpuMs: median(rs.map((r) => r.cpu.workers?.cpuMs ?? 0)),
        // From the long animation frames: style and layout forced by scripts in all, the longest frame's own style and layout.
        loafForcedMs: median(rs.map((r) => Math.round(r.loaf.reduce((a, f) => a + f.scripts.reduce((b, x) => b + x.forced, 0), 0)))),
        loafStyleLayoutMs: median(rs.map((r) => Math.max(0, ...r.loaf.map((f) => f.styleLayout)))),
        rendererCpuMs: median(rs.map((r) => r.rendererCpuMs)),
        ...(trace ? { heaviestFrameCpuMs: median(rs.map((r) => r.heaviestFrame?.cpuMs ?? 0)), framesOver8msCpu: median(rs.map((r) => r.framesOver8msCpu ?? 0)), paints: median(rs.map((r) => r.paints)), traceMainCpuMs: median(rs.map((r) => r.mainCpuMs)), maxTaskCpuMs: median(rs.map((r) => r.maxTaskCpuMs)) } : {}),
      },
    }),
  );
