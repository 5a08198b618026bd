/**
 * join-order on real threads: join() after each start() gives the written
 * order and the sum of the jobs' times; a Lock overlaps the work (sooner) and
 * lets the race pick the order; reports never overlap either way.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../testing/run';
import { expectReplay, figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines, LOCK_OPS } from '../testing/lines';
import { reportOrder } from '.';

const machine = useScenarioMachine(9);
const MODES = ['step', 'clock', 'parallel'] as const;

describe('join-order', () => {
  for (const mode of MODES) {
    it(`${mode}: order=join keeps the written order`, async () => {
      const { result, judgement } = await runOk(machine(), 'join-order', { order: 'join', jobs: 4 }, { mode, seed: 2 });
      expect(reportOrder(result.console)).toEqual([0, 1, 2, 3]);
      expect(figure(judgement, 'Order')).toBe('0, 1, 2, 3');
      expect(Number(figure(judgement, 'Virtual seconds'))).toBeGreaterThan(0);
    });

    it(`${mode}: order=lock runs every job once, reports apart`, async () => {
      const { result, judgement } = await runScenario(machine(), 'join-order', { order: 'lock', jobs: 4 }, { mode, seed: 2 });
      expect(result.status).toBe('finished');
      expect([...reportOrder(result.console)].sort()).toEqual([0, 1, 2, 3]);
      expect(judgement.explanation.en).not.toContain('overlapped');
    });
  }

  it('clock: the lock is sooner than join (work overlaps) and some seed puts the reports out of order', async () => {
    const outOfOrder: number[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const join = await runOk(machine(), 'join-order', { order: 'join', jobs: 5 }, { mode: 'clock', seed });
      const lock = await runScenario(machine(), 'join-order', { order: 'lock', jobs: 5 }, { mode: 'clock', seed });
      const tj = Number(figure(join.judgement, 'Virtual seconds'));
      const tl = Number(figure(lock.judgement, 'Virtual seconds'));
      // join: at least 5 × (0.5 + 0.2) s, one after another; lock: at most the longest work plus the five reports.
      expect(tj).toBeGreaterThanOrEqual(3.5);
      expect(tl).toBeLessThan(tj);
      expect(tl).toBeLessThanOrEqual(1.5 + 5 * 0.2 + 0.2);
      if (lock.judgement.verdict === 'violated') outOfOrder.push(seed);
      else expect(lock.judgement.verdict).toBe('ok');
    }
    expect(outOfOrder.length).toBeGreaterThan(0);
  });

  it('clock: seed 1 with the lock is out of order (the e2e failure path), and replays the same', async () => {
    const { judgement } = await expectReplay(machine(), 'join-order', { order: 'lock', jobs: 3 }, { mode: 'clock', seed: 1 });
    expect(judgement.verdict).toBe('violated');
    expect(figure(judgement, 'Order')).not.toBe('0, 1, 2');
  });

  it('parallel at speed 4: the seconds are virtual (real time × speed), as the sleeps are', async () => {
    const { judgement } = await runOk(machine(), 'join-order', { order: 'join', jobs: 2 }, { mode: 'parallel', seed: 1, speed: 4 });
    // two jobs one after another: at least 2 × (0.5 + 0.2) virtual seconds, though only a quarter of that passed for real
    expect(Number(figure(judgement, 'Virtual seconds'))).toBeGreaterThanOrEqual(1.4);
  });

  it('every event is tagged with a line that does what the op does', async () => {
    for (const order of ['join', 'lock'])
      await expectTaggedLines(machine(), 'join-order', { order }, { mode: 'step', seed: 1 }, { ...LOCK_OPS, acquire: /with lock:/, release: /with lock:/ });
  });
});
