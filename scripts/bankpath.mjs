// The bank micro-bench (src/bench/testing/bankPath.ts), bundled first (see runBundled.mjs).
// Prints one JSON line; figures on stderr.
// Run: node scripts/bankpath.mjs [--n N] [--samples N] [--count] [--log on|off|both] [--rest-ms N]
import { runBundled } from './runBundled.mjs';

await runBundled('bankPath', 'bankPathWorker');
