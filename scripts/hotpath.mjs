// The hot-path micro-bench (src/bench/testing/hotpath.ts), bundled first (see runBundled.mjs).
// Prints one JSON line; figures on stderr.
// Run: node scripts/hotpath.mjs [--quick] [--samples N]
import { runBundled } from './runBundled.mjs';

await runBundled('hotpath', 'hotpathWorker');
