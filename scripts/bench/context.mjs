// The run's settings, shared by every measuring module: samples per figure, sizes, the server's address, the log.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS = join(root, 'bench-results', 'latest.json');

const started = Date.now();
export const log = (msg) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
export const elapsedS = () => Math.round((Date.now() - started) / 100) / 10;

/** Settings from the command line: `--quick` (3 samples, smaller work; for trying changes, not for the docs). */
export function benchOptions(argv) {
  const quick = argv.includes('--quick');
  const port = Number(process.env.LOCKSTEP_BENCH_PORT) || 4175;
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',') ?? null;
  return {
    quick,
    samples: quick ? 3 : 5,
    port,
    base: `http://localhost:${port}`,
    /** Measure only these groups (see GROUPS in run.mjs) and merge them into the last results. */
    only,
    /** The work of the rows compared with CPython: bench/cpython.py runs the same sizes. */
    sizes: {
      /** Bank updates per process (2 processes). */
      bank: quick ? 20_000 : 1_000_000,
      /** Queue items per producer (4 producers, 4 consumers, Queue(8)). */
      queueItems: quick ? 20_000 : 100_000,
      /** Lock pairs per process, CPython (Lockstep calibrates its own: benchPage.mjs LOCK_SAMPLE_MS). */
      lockPairs: quick ? 20_000 : 500_000,
      /** The Python lab's lock_pairs(4, n) and queue_items(4, 4, n). */
      pythonLock: quick ? 2000 : 5000,
      pythonQueue: quick ? 300 : 1000,
    },
    keepBuild: argv.includes('--keep-build'),
    noDocs: argv.includes('--no-docs'),
  };
}
