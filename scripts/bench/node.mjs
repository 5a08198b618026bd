// Figures measured in Node after the browser closed (nothing else of ours competes for the cores).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { log, root } from './context.mjs';
import { stats } from './stats.mjs';

const tsx = (file, timeout) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout });
  const rows = JSON.parse(out.trim().split('\n').at(-1));
  if (!Array.isArray(rows) || rows.length === 0) throw new Error(`${file} printed no rows:\n${out}`);
  return rows;
};

/** The CPU lab: benchCpu() (src/cpu/bench.ts) in `samples` fresh Node processes, so min/max show the spread. */
export function cpuLab(o) {
  const runs = Array.from({ length: o.samples }, () => tsx(join('src', 'bench', 'cpu.ts'), 120_000));
  log('cpu lab: done');
  return {
    jobs: runs[0][0].jobs,
    repeats: 5,
    rows: runs[0].map(({ policy }) => {
      const mine = runs.map((rows) => rows.find((r) => r.policy === policy));
      const ticks = [...new Set(mine.map((r) => r.ticks))];
      if (ticks.length !== 1) throw new Error(`cpu lab: ${policy} simulated ${ticks.join(' vs ')} ticks in different runs (the workload is seeded)`);
      return { policy, jobs: mine[0].jobs, ticks: ticks[0], ticksPerSecond: stats(mine.map((r) => r.ticksPerSecond)), medianMs: stats(mine.map((r) => r.medianMs)) };
    }),
    raw: runs,
  };
}

/** The explorer and the statistics (issue 11) on real worker_threads: src/explore/testing/bench.ts. */
export function explorer() {
  const rows = tsx(join('src', 'explore', 'testing', 'bench.ts'), 600_000);
  log('explorer: done');
  return rows;
}
