/**
 * The process host across many runs on real Node worker threads: a worker must
 * let go of each run's SharedArrayBuffer once the next run replaces it, or a
 * class clicking Reset all afternoon runs the page out of memory (issue 13).
 */
import { describe, expect, it } from 'vitest';
import { useNodeMachine } from '../kernel/testing/useNodeMachine';

const registryModule = new URL('./testing/scenarios.ts', import.meta.url).href;
const WORKERS = 4;
const machine = useNodeMachine(registryModule, WORKERS);

describe('ProcessHost across runs', () => {
  it('keeps one idle wait and one reachable buffer per worker after 40 runs', async () => {
    for (let i = 0; i < 40; i++) {
      const r = await machine().run('counter', { procs: 3, n: 20, locked: true }, { mode: 'parallel', seed: 1, turbo: true });
      expect(r.status).toBe('finished');
    }
    const probes = await machine().probe();
    expect(probes).toHaveLength(WORKERS);
    for (const p of probes) {
      expect(p.waits).toBeLessThanOrEqual(1);
      // The current run's buffer, and nothing older.
      expect(p.buffers).toBeLessThanOrEqual(1);
    }
  }, 120_000);
});
