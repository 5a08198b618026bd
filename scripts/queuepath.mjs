// The Queue micro-bench (src/bench/testing/queuePath.ts), bundled first (see runBundled.mjs).
// Prints one JSON line; figures on stderr.
// Run: node scripts/queuepath.mjs [--items N] [--samples N] [--count] [--log on|off|both] [--alone] [--frame-ms N]
import { runBundled } from './runBundled.mjs';

await runBundled('queuePath', 'queuePathWorker');
