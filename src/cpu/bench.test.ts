import { describe, expect, it } from 'vitest';
import { runCpuBench } from './bench';
import { POLICIES } from './types';

describe('benchCpu (small, so it cannot rot)', () => {
  it('reports every policy with ticks and a rate', () => {
    const rows = runCpuBench(200, 2);
    expect(rows.map((r) => r.policy)).toEqual([...POLICIES]);
    for (const r of rows) {
      expect(r.jobs).toBe(200);
      expect(r.ticks).toBeGreaterThan(200);
      expect(r.medianMs).toBeGreaterThanOrEqual(0);
      expect(r.ticksPerSecond).toBeGreaterThan(0);
    }
  });
});
