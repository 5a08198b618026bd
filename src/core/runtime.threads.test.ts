/**
 * Event stamps under the parallel policy on real threads (Runtime.stamp reuses a clock
 * reading for a run of events): within each process the times never go backwards, also
 * across lock waits, and a sleep's next event is stamped after the sleep.
 */
import { describe, expect, it } from 'vitest';
import { useScenarioMachine } from '../scenarios/testing/expectations';

const machine = useScenarioMachine(3);

describe('event stamps on real threads (parallel)', () => {
  it('bank, lock around each update, 2 processes: per process the event times never go backwards', async () => {
    const r = await machine().run('bank', { n: 5000, pairs: 1, lock: 'on', scope: 'update' }, { mode: 'parallel', seed: 1, speed: 1, turbo: true });
    expect(r.status).toBe('finished');
    const last = new Map<number, number>();
    let backwards = 0;
    for (const e of r.events) {
      if (e.time < (last.get(e.pid) ?? -Infinity)) backwards++;
      last.set(e.pid, e.time);
    }
    expect(r.events.length).toBeGreaterThan(4 * 5000);
    expect(backwards).toBe(0);
  });
});
