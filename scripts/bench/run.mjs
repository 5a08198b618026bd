// The runner: measures every group and writes bench-results/latest.json (raw samples and their statistics).
// The report (report.mjs) turns that file into docs/BENCHMARKS.md; nothing here formats a row.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from '../browser-path.mjs';
import * as app from './app.mjs';
import * as engine from './benchPage.mjs';
import { RESULTS, elapsedS, log } from './context.mjs';
import { cpython } from './cpython.mjs';
import { loadAvg, machineInfo } from './machine.mjs';
import { cpuLab, explorer } from './node.mjs';
import { call, openBench } from './page.mjs';
import { pythonLab } from './python.mjs';
import { startServer } from './server.mjs';

/** What `--only=` can name. Browser groups share one server and browser; the others run after they close. */
export const GROUPS = ['engine', 'app', 'python', 'cpython', 'node'];

/** The CPython rows, at the sizes the Lockstep rows use (`row=n`, see bench/cpython.py). */
const cpythonRows = (s) => ['bank=' + s.bank, `lock1=${s.lockPairs}`, `lock2=${s.lockPairs}`, `lock4=${s.lockPairs}`, `queue4x4=${s.queueItems}`, 'start100-fork', 'start100-spawn', `lock4=${s.pythonLock}`, `queue4x4=${s.pythonQueue}`];

export async function runBench(o) {
  const wanted = (g) => !o.only || o.only.includes(g);
  const executablePath = resolveChromium();
  const server = await startServer(o);
  log(`vite preview on ${o.base} (pid ${server.pid}); chromium ${executablePath ?? "Playwright's own"}`);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const results = { machine: machineInfo(browser.version()), quick: o.quick, samples: o.samples, sizes: o.sizes, chromiumArgs: CHROMIUM_ARGS, benchmarks: {} };
  const B = results.benchmarks;
  try {
    // Facts the rows depend on, read by the bench page from the code's exports (never from its text).
    const context = await browser.newContext();
    const page = await openBench(context, o.base);
    results.facts = await call(page, 'facts');
    if (wanted('engine')) {
      B.lock = await engine.lock(page, o);
      B.pipeline = await engine.pipeline(page, o);
      B.step = await engine.step(page, o);
      B.queue = await engine.queue(page, o);
    }
    await context.close();
    if (wanted('engine')) B.spawn = await engine.spawn(browser, o);
    if (wanted('app')) {
      B.bank = await app.bank(browser, o);
      B.startJoin = await app.startJoin(browser, o, results.facts);
      B.frames = {
        lanes100clock: await app.frames(browser, o, results.facts, 100, 'clock'),
        lanes1000clock: await app.frames(browser, o, results.facts, 1000, 'clock'),
        lanes1000turbo: await app.frames(browser, o, results.facts, 1000, 'parallel'),
        queueStress: await app.queueFrames(browser, o, results.facts),
      };
      B.memory = await app.memory(browser, o);
    }
    if (wanted('python')) B.python = await pythonLab(browser, o);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
  if (wanted('cpython')) B.cpython = cpython(cpythonRows(o.sizes), o);
  if (wanted('node')) {
    B.cpu = cpuLab(o);
    B.explorer = explorer();
  }
  results.machine.loadAvgEnd = loadAvg();
  results.elapsedS = elapsedS();
  return o.only ? mergeInto(readPrevious(), results) : results;
}

function readPrevious() {
  try {
    return JSON.parse(readFileSync(RESULTS, 'utf8'));
  } catch {
    return null;
  }
}

/** `--only`: the groups just measured replace theirs in the last full results (marked as a partial re-run). */
function mergeInto(prev, now) {
  if (!prev) return { ...now, partial: now.benchmarks && Object.keys(now.benchmarks) };
  return { ...prev, facts: now.facts, benchmarks: { ...prev.benchmarks, ...now.benchmarks }, remeasured: [...new Set([...(prev.remeasured ?? []), ...Object.keys(now.benchmarks)])], remeasuredOn: now.machine.date };
}

export function writeResults(results) {
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${RESULTS}`);
}
