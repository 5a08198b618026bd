/**
 * Machine.prepare overtaken while it waits to retry a refused allocation: it must stop, not rebuild the workers
 * (and the kernel) that the newer prepare has taken. No real worker is needed: the allocations are refused by
 * fault injection, and the newer prepare's kernel (a browser Worker) is not reached here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultParams } from '../lab/settings';
import { scenarioById } from '../scenarios/registry';
import { AttachSuperseded } from './attach';
import { Machine } from './bridge';

afterEach(() => vi.restoreAllMocks());

describe('Machine.prepare', () => {
  it('an overtaken prepare retries no refused allocation: the newer run keeps its workers and kernel', async () => {
    const bank = scenarioById.get('bank')!;
    const params = defaultParams(bank);
    const m = new Machine(() => {
      throw new Error('no process worker in this test');
    }, () => {});
    // Counts each rebuild of every worker and the kernel (what a refused allocation does before it retries).
    const rebuilds = vi.spyOn(m as unknown as { dropWorkers(): void }, 'dropWorkers');
    m.failAllocations(1);
    const older = m.prepare(bank, params, { mode: 'step', seed: 1 });
    void older.catch(() => undefined);
    expect(rebuilds).toHaveBeenCalledTimes(1); // refused, rebuilt, and now waiting to try again
    // The learner moves on: a newer prepare gets its buffer (it then needs a kernel worker, which Node has not).
    void m.prepare(bank, params, { mode: 'step', seed: 1 }).catch(() => undefined);
    // Memory is still short when the older one's wait ends.
    m.failAllocations(1);
    await expect(older).rejects.toThrow(AttachSuperseded);
    expect(rebuilds).toHaveBeenCalledTimes(1);
  });
});
