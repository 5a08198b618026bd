/**
 * deadlock on real threads: each case deadlocks without the fix (in step,
 * clock and parallel) and the judge names the cycle or the dead holder from
 * the wait-for graph; with the fix every case finishes.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../testing/run';
import { expectReplay, figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';

const machine = useScenarioMachine(9);
const CASES = ['self', 'abba', 'philosophers', 'terminate'] as const;
const SENTENCE = {
  self: 'Deadlock: Process-1 holds lock and waits for lock.',
  abba: 'Deadlock: Process-1 holds lock_a and waits for lock_b; Process-2 holds lock_b and waits for lock_a.',
  philosophers: 'Deadlock: Process-1 holds forks[0] and waits for forks[1]; Process-2 holds forks[1] and waits for forks[2]; Process-3 holds forks[2] and waits for forks[3]; Process-4 holds forks[3] and waits for forks[4]; Process-5 holds forks[4] and waits for forks[0].',
  terminate: 'Deadlock: Process-2 is blocked forever on lock: its holder Process-1 was terminated and will never release it; Process-3 is blocked forever on lock: its holder Process-1 was terminated and will never release it.',
};

describe('deadlock: step mode, round robin', () => {
  for (const c of CASES) {
    it(`${c}: fix off deadlocks and the sentence names the cycle`, async () => {
      const { result, judgement } = await runScenario(machine(), 'deadlock', { case: c }, { mode: 'step', seed: 1 });
      expect(result.status).toBe('deadlock');
      expect(judgement.verdict).toBe('deadlock');
      expect(judgement.explanation.en.slice(0, SENTENCE[c].length)).toBe(SENTENCE[c]);
      expect(figure(judgement, 'Still blocked')).toBeGreaterThan(0);
    });
    it(`${c}: fix on finishes`, async () => {
      await runOk(machine(), 'deadlock', { case: c, fix: 'on' }, { mode: 'step', seed: 1 });
    });
  }
});

describe('deadlock: clock mode', () => {
  for (const c of CASES) {
    it(`${c}: fix off deadlocks, the same way every time`, async () => {
      const { result, judgement } = await expectReplay(machine(), 'deadlock', { case: c }, { mode: 'clock', seed: 7 });
      expect(result.status).toBe('deadlock');
      expect(judgement.verdict).toBe('deadlock');
    });
    it(`${c}: fix on finishes`, async () => {
      await runOk(machine(), 'deadlock', { case: c, fix: 'on' }, { mode: 'clock', seed: 7 });
    });
  }
});

describe('deadlock: parallel mode (real threads)', () => {
  for (const c of CASES) {
    // Real threads deadlock only if every process takes its first lock before any takes its second: the program's
    // sleep(0.1) is that window. At the slowest speed (0.25) it lasts 400 ms, wide enough for threads started on a
    // loaded machine (at speed 4 it was 25 ms, and a CI run under load 40 saw abba and the philosophers finish).
    it(`${c}: fix off ends with everyone blocked`, async () => {
      const { result, judgement } = await runScenario(machine(), 'deadlock', { case: c }, { mode: 'parallel', seed: 1, speed: 0.25 }, { deadlockAfterMs: 300, timeoutMs: 20_000 });
      expect(result.status).toBe('deadlock');
      expect(judgement.verdict).toBe('deadlock');
      expect(judgement.explanation.en).toMatch(/holds|blocked forever/);
    });
    it(`${c}: fix on finishes`, async () => {
      await runOk(machine(), 'deadlock', { case: c, fix: 'on', n: 8 }, { mode: 'parallel', seed: 1, turbo: true });
    });
  }
});

describe('deadlock: Python source', () => {
  it('every op is tagged with a line that does it', async () => {
    for (const c of CASES)
      for (const fix of ['off', 'on']) {
        const { kinds } = await expectTaggedLines(machine(), 'deadlock', { case: c, fix, n: 3 }, { mode: 'step', seed: 2 }, { acquire: /\.acquire\(\)/, release: /\.release\(\)/, set: /\.set\(\)/, wait: /\.wait\(\)/, terminate: /\.terminate\(\)/ });
        expect(kinds).toContain('acquire');
      }
  });
});
