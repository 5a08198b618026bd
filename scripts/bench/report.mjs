#!/usr/bin/env node
// The report: bench-results/latest.json → docs/BENCHMARKS.md (and the target table on stdout).
// Run alone (`node scripts/bench/report.mjs`) to rewrite the page from the last results without measuring.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RESULTS, log, root } from './context.mjs';
import { fmt, spread, verdictCell } from './format.mjs';
import { median, stats } from './stats.mjs';
import { targetRows } from './targets.mjs';
import { LOCK_SAMPLE_MS } from './benchPage.mjs';

const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export const targetTable = (r) =>
  table(
    ['Figure', 'Lockstep median (min–max)', 'CPython median', 'Compared', 'Target', 'Result', 'Notes'],
    targetRows(r).map((x) => [x.figure, x.lockstep, x.cpython, x.value, x.target, verdictCell(x.result), x.notes]),
  );

/** Figures without a target: what the targets' misses are made of. */
function diagnostics(r) {
  const B = r.benchmarks;
  const out = [];
  const add = (name, s, d, unit, note = '') => out.push([name, spread(s, d, unit), note]);
  if (B.spawn) {
    add('start + join 100 on the bench page, cold (new context, new Machine)', B.spawn.cold.totalMs, 0, ' ms', `prepare ${fmt(B.spawn.cold.prepareMs.median)} ms + run ${fmt(B.spawn.cold.runMs.median)} ms, timed from Machine.prepare`);
    add('start + join 100 on the bench page, new Machine, scripts cached', B.spawn.coldCached.totalMs, 0, ' ms', `prepare ${fmt(B.spawn.coldCached.prepareMs.median)} ms`);
    add('start + join 100 on the bench page, pooled workers', B.spawn.warm.totalMs, 0, ' ms', `prepare ${fmt(B.spawn.warm.prepareMs.median)} ms + run ${fmt(B.spawn.warm.runMs.median)} ms`);
  }
  for (const l of B.lock?.rows ?? []) add(`bare futex pairs/s, ${l.procs} process${l.procs > 1 ? 'es' : ''}`, l.futexOpsPerSec, 0, '', `Lock log on / futex ${fmt(l.lockOpsPerSec.median / l.futexOpsPerSec.median, 3)}`);
  for (const p of B.pipeline?.rows ?? []) add(`longest frame gap while draining, ${p.procs} writer${p.procs > 1 ? 's' : ''}`, p.maxFrameGapMs, 1, ' ms', `p99 ${fmt(p.p99FrameGapMs.median, 1)} ms; longest single drain() ${fmt(p.drainMsMax.max, 1)} ms`);
  if (B.pipeline?.drainOnly) add('drain alone, no writer running, no budget, events/s', B.pipeline.drainOnly.eventsPerSec, 0, '', `${B.pipeline.drainOnly.procs} × ${fmt(B.pipeline.drainOnly.eventsPerProc)} events pre-filled`);
  if (B.queue) {
    add('longest frame gap, queue stress, log on, on the bench page', B.queue.maxFrameGapMs, 1, ' ms', `no React: LiveRun.drain in the view worker, one snapshot per frame; log off: max ${fmt(B.queue.quiet.maxFrameGapMs?.max, 1)} ms`);
    add('queue stress, log off, items/s', B.queue.quiet.itemsPerSec, 0, '', `Lost ${B.queue.quiet.lost}, Duplicated ${B.queue.quiet.duplicated}`);
  }
  const qf = B.frames?.queueStress;
  if (qf?.itemsPerSec) add('queue stress on the app page, log on, items/s (Run → verdict)', qf.itemsPerSec, 0, '', `verdict ${qf.verdicts.join('/')}; React, view worker, one snapshot per frame`);
  for (const policy of ['step', 'clock']) {
    const s = B.step?.[policy];
    if (!s) continue;
    add(`step latency (${policy}), grant → parked, in a worker`, s.grantMedianUs, 1, ' µs', `mean ${fmt(s.grantMeanUs.median, 1)} µs, p90 ${fmt(s.grantP90Us.median, 1)} µs`);
    add(`kernelApi.step() round trip (${policy}), from the page`, s.roundTripMedianUs, 0, ' µs', 'Comlink postMessage both ways + the grant');
  }
  return out.length ? `## Diagnostics (no target)\n\n${table(['Figure', 'Median (min–max)', 'Notes'], out)}\n\n` : '';
}

/** What the misses are made of, from this run's numbers only (no code is read: it changes under the page). */
function reading(r) {
  const B = r.benchmarks;
  const out = [];
  const l2 = B.lock?.rows.find((x) => x.procs === 2);
  const c2 = B.cpython?.rows?.[`lock2=${r.sizes?.lockPairs}`];
  const drain = B.pipeline?.drainOnly?.eventsPerSec.median;
  if (l2 && c2 && drain) {
    const epp = l2.lockEventsPerSec.median / l2.lockOpsPerSec.median;
    const need = median(c2.samples) * epp;
    out.push(
      `- **Lock with the log on.** A pair is ${fmt(epp, 2)} logged events here (2 processes), so matching CPython's ${fmt(median(c2.samples))} pairs/s means folding ${fmt(need)} events/s; the drain alone, with no writer competing, folds ${fmt(drain)} events/s (${fmt(drain / need, 2)}× of that), and while writers run the pipeline carries ${B.pipeline.rows.map((p) => fmt(p.eventsPerSec.median)).join(' / ')} events/s.`,
    );
  }
  const cold = B.startJoin?.cold100;
  if (cold) out.push(`- **Start + join 100, cold.** ${fmt(cold.pool.median)} workers were pooled when Run was pressed; Run → verdict took ${fmt(cold.ms.median)} ms. On the bench page a pooled run (no React, no drain) takes ${fmt(B.spawn?.warm.totalMs.median)} ms.`);
  const P = B.python;
  if (P?.cold.waitMs) out.push(`- **Python lab, cold.** Of ${fmt(P.cold.totalMs.median)} ms, Run stayed disabled for ${fmt(P.cold.waitMs.median)} ms after the page was idle (interpreters loading) and the run itself took ${fmt(P.cold.runMs.median)} ms.`);
  const m = r.machine;
  out.push(`- **Load.** The 1-minute load average was ${fmt(m.loadAvgStart[0], 2)} at the start and ${fmt(m.loadAvgEnd?.[0], 2)} at the end on ${m.nproc} cores: frame gaps and throughput on a busy machine are the machine's as much as the app's.`);
  return `## Reading the numbers\n\n${out.join('\n')}\n\n`;
}

function cpythonSection(r) {
  const C = r.benchmarks.cpython;
  if (!C) return '';
  if (C.notMeasured) return `## CPython\n\nNot measured: ${C.notMeasured}. Every ratio to CPython above says so.\n\n`;
  const rows = Object.entries(C.rows).map(([name, x]) => [`\`${name}\``, fmt(x.n), x.unit, spread(stats(x.samples), x.unit === 's' ? 2 : 0)]);
  return `## CPython ${C.python} (bench/cpython.py, same run)

\`python3 bench/cpython.py --repeat ${r.samples} row=n …\`: the same programs with the real \`multiprocessing\`
(start method: the platform's default, fork on Linux, except the \`start100-spawn\` row).

${table(['Row', 'n', 'Unit', 'Median (min–max)'], rows)}

`;
}

function cpuSection(r) {
  const C = r.benchmarks.cpu;
  if (!C) return '';
  return `## CPU lab: simulated ticks per second, ${fmt(C.jobs)} jobs

\`benchCpu()\` (src/cpu/bench.ts): one seeded ${fmt(C.jobs)}-job workload, each policy simulated ${C.repeats} times
without a trace, in ${C.raw.length} fresh Node ${r.machine.node} processes after the browser closed. No target.

${table(['Policy', 'Simulated ticks', 'Ticks/s median (min–max)', 'One simulation (median)'], C.rows.map((x) => [`\`${x.policy}\``, fmt(x.ticks), spread(x.ticksPerSecond), `${fmt(x.medianMs.median, 1)} ms`]))}

`;
}

function explorerSection(r) {
  const rows = r.benchmarks.explorer;
  if (!rows) return '';
  const search = rows.filter((x) => x.reduced);
  const st = rows.filter((x) => x.runsPerSecond);
  return `## Explorer and statistics (issue 11), Node worker_threads

Every schedule of a scenario's ops under step semantics, with and without partial-order reduction; a capped
full search makes its factor a lower bound.

${table(
  ['Case', 'Schedules (reduced)', 'Schedules/s (reduced)', 'Schedules (full)', 'Schedules/s (full)', 'Reduction factor', 'Outcomes (reduced)'],
  search.map((x) => [x.case, `${fmt(x.reduced.schedules)}${x.reduced.complete ? '' : ' (capped)'}`, fmt(x.reduced.schedulesPerSecond), `${fmt(x.full.schedules)}${x.full.complete ? '' : ' (capped)'}`, fmt(x.full.schedulesPerSecond), x.reductionFactor, x.reduced.outcomes]),
)}

${st.map((x) => `Statistics, ${x.case}: ${fmt(x.runsPerSecond)} runs/s (${fmt(x.msPerRun, 2)} ms a run) vs ${fmt(x.freshRunMedianMs, 2)} ms for one fresh run (median of 10).`).join('\n')}

`;
}

export function markdown(r) {
  const m = r.machine;
  const S = r.sizes ?? {};
  return `# Benchmarks

Generated by \`npm run bench\` (scripts/bench/) on ${m.date.slice(0, 10)}. Do not edit by hand: run it again
(\`node scripts/bench/report.mjs\` rewrites this page from \`bench-results/latest.json\`, not committed).

## Machine

| | |
|---|---|
| CPUs (\`nproc\`) | ${m.nproc} |
| CPU model | ${m.cpu} |
| Memory | ${m.memoryGiB} GiB |
| OS | ${m.os} |
| Node | ${m.node} |
| Chromium | ${m.chromium} (headless, \`${(r.chromiumArgs ?? []).join(' ')}\`) |
| Date | ${m.date}${r.remeasured ? ` (re-measured ${r.remeasured.join(', ')} on ${r.remeasuredOn})` : ''} |
| Load average (1 / 5 / 15 min) at start | ${m.loadAvgStart.join(' / ')} (other work on the machine skews every figure) |
| Load average (1 / 5 / 15 min) at end | ${m.loadAvgEnd ? m.loadAvgEnd.join(' / ') : 'not recorded'} |
| Samples | ${r.samples} per figure${r.quick ? ' (**--quick run: smaller work, not for the record**)' : ''}; whole run ${fmt(r.elapsedS)} s |

## Targets (issues 9 and 10)

Medians of ${r.samples} samples; every ratio compares two medians of the same run. "not measured": the figure's
group did not run or there is no \`python3\`; "not available": the app refuses the size (the limit is read
from the scenario's exported parameters).

${targetTable(r)}

${reading(r)}${diagnostics(r)}${cpythonSection(r)}${cpuSection(r)}${explorerSection(r)}## Method

- **The app** (every row timed "from Run"): headless Chromium opens the built app (\`vite build -c
  vite.bench.config.ts\` → \`dist-bench/\`, \`vite preview\` with COOP/COEP) at the row's URL (in the Notes or
  below), waits until \`role=status\` says \`idle\`, and in the page clicks the button named Run and waits for
  \`data-verdict\` to end the run (a \`MutationObserver\`, so no round trip to the script is in the figure).
  Frame gaps are the times between \`requestAnimationFrame\` callbacks of a page script, counted from the
  click to the first frame and from the last frame to the verdict (or the window's end) too: a page that draws
  nothing between Run and its verdict shows that whole stretch as one gap (before this session's runs the two
  ends were not counted).
  *Cold* is a new browser context (empty cache, new workers); the pool may warm after load: Run is pressed
  once \`window.__lockstep.poolSize()\` has not changed for 1 s. *Warm* is the same page after a first run
  (Reset between runs). Bank: \`/?scenario=bank&n=${S.bank}&scope=update&mode=parallel&turbo=on\`.
  Lanes: \`/?scenario=tickets&clients=N&mode=clock&speed=16\` (and \`mode=parallel&turbo=on\`). Queue stress:
  the bench-only scenario \`/?scenario=queue-stress&producers=4&consumers=4&items=${S.queueItems}&maxsize=8&mode=parallel&turbo=on\`
  (the same module bench.html runs), Run → verdict, a new page per sample. Memory: the
  printer in parallel turbo, Run → verdict → Reset in a loop; the heap is \`Runtime.getHeapUsage\` after
  \`HeapProfiler.collectGarbage\` (DevTools protocol), the workers \`window.__lockstep.poolSize()\`.
- **The Python lab**: \`/?lab=python&mode=parallel&turbo=on&code=…\`. The first run is timed from navigation
  in a new context to the verdict (a main process and three children sharing a Lock). Lock pairs/s and Queue
  items/s run bench/cpython.py's own \`lock_pairs(4, n)\` and \`queue_items(4, 4, n)\`; the figure is the
  number the program prints (its last console line).
- **The bench page** (\`bench.html\`, src/bench/main.ts): the engine without React — \`Machine.prepare\`, pooled
  process workers, the kernel worker, \`LiveRun.drain\` and \`snapshot\` once per animation frame — one
  \`window.__bench\` call per sample. A run is timed from a frame (then Run) until the page holds the snapshot
  with every event drained, folded and logged, pulled as soon as the last process ends (until session 12 the
  next frame's pull took it: up to a frame more, so the events/s rows came out in whole frames). Lock: N children each \`acquire(); x += 1; release()\` (the final count
  proves mutual exclusion), iterations calibrated to ≈ ${fmt(LOCK_SAMPLE_MS * 2)} ms a run with the log on (${fmt(LOCK_SAMPLE_MS)} ms
  in \`--quick\`; three trial passes, the last ones also warm the page up), ≈ 0.4 s with it off, interleaved with the same loop on a bare
  three-state futex in plain workers (src/bench/futex.worker.ts). Pipeline: N children append bare \`note\`
  events; every event's seq must follow the previous one and drained = issued = folded = logged. Queue:
  4 × ${fmt(S.queueItems)} numbered items through \`Queue(8)\` to 4 consumers; Lost and Duplicated come from a
  shared word per item, and the drained log must agree.
- **CPython**: \`python3 bench/cpython.py\` after the browser closed, the same sizes (\`row=n\`).
`;
}

export function writeReport(results, { docs = true } = {}) {
  if (docs) {
    writeFileSync(join(root, 'docs', 'BENCHMARKS.md'), markdown(results));
    log('wrote docs/BENCHMARKS.md');
  }
  console.log('\n' + targetTable(results));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeReport(JSON.parse(readFileSync(RESULTS, 'utf8')), { docs: !process.argv.includes('--no-docs') });
}
