#!/usr/bin/env node
// `npm run bench`: measure the built app (scripts/bench/run.mjs), then write docs/BENCHMARKS.md
// (scripts/bench/report.mjs). Expects dist-bench/, built by `vite build -c vite.bench.config.ts` (the npm
// script does it first).
//
// Flags: --quick (3 samples, smaller work: for trying changes, not for the docs),
//        --only=engine,app,python,cpython,node (measure these groups, merged into the last results),
//        --no-docs (print the targets, leave docs/BENCHMARKS.md alone),
//        --keep-build (leave dist-bench/; by default it is removed, or ESLint would lint the bundle).
// `node scripts/bench/report.mjs` rewrites the docs from bench-results/latest.json without measuring.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchOptions, root } from './bench/context.mjs';
import { writeReport } from './bench/report.mjs';
import { GROUPS, runBench, writeResults } from './bench/run.mjs';

const o = benchOptions(process.argv.slice(2));
const unknown = (o.only ?? []).filter((g) => !GROUPS.includes(g));
if (unknown.length) throw new Error(`--only: unknown group(s) ${unknown.join(', ')} (groups: ${GROUPS.join(', ')})`);
let results;
try {
  results = await runBench(o);
} finally {
  if (!o.keepBuild) rmSync(join(root, 'dist-bench'), { recursive: true, force: true });
}
writeResults(results);
writeReport(results, { docs: !o.noDocs });
