/**
 * semaphore on real threads: never more guests inside than rooms with the
 * semaphore (step, clock, 1,000 parallel runs), more without it, and the
 * BoundedSemaphore's extra release raising ValueError in MainProcess.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../testing/run';
import { expectFigures, expectReplay, figure, judgeMadeUp, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';
import { mostInside } from '.';

const machine = useScenarioMachine(11);

describe('semaphore: step mode', () => {
  const guests = [1, 2, 3, 4, 5, 6, 7, 8];
  // A learner who starts every guest, then lets each arrive and try the door in turn.
  const crowd = [...guests.map(() => 0), ...guests, ...guests, ...guests];

  it('round robin: ok, never above the limit', async () => {
    const { judgement } = await runOk(machine(), 'semaphore', {}, { mode: 'step', seed: 1 });
    expect(figure(judgement, 'Most inside at once')).toBeLessThanOrEqual(3);
  });
  it('everyone at the door at once: 3 get in, 5 wait', async () => {
    const { result, judgement } = await runScenario(machine(), 'semaphore', {}, { mode: 'step', seed: 1 }, { schedule: [...guests.map(() => 0), ...guests, ...guests, 1, 2, 3] });
    expectFigures(judgement, { 'Most inside at once': 3, Limit: 3 });
    expect(result.procs.filter((p) => p.state === 'blocked').map((p) => p.pid)).toEqual([4, 5, 6, 7, 8]);
  });
  it('without it, the same crowd all walks in', async () => {
    const { judgement } = await runScenario(machine(), 'semaphore', { semaphore: 'off' }, { mode: 'step', seed: 1 }, { schedule: crowd });
    expect(figure(judgement, 'Most inside at once')).toBe(8);
  });
});

describe('semaphore: clock mode', () => {
  it('the same seed replays; the limit holds', async () => {
    const { judgement } = await expectReplay(machine(), 'semaphore', { rooms: 2, guests: 6 }, { mode: 'clock', seed: 5 });
    expect(judgement.verdict).toBe('ok');
    expect(figure(judgement, 'Most inside at once')).toBe(2);
  });
  it('off: more than the rooms at once', async () => {
    const { judgement } = await runScenario(machine(), 'semaphore', { rooms: 2, guests: 6, semaphore: 'off' }, { mode: 'clock', seed: 5 });
    expect(judgement.verdict).toBe('violated');
  });
  it('bounded: the extra release raises ValueError in MainProcess (exitcode 1)', async () => {
    const { result, judgement } = await runScenario(machine(), 'semaphore', { bounded: 'on' }, { mode: 'clock', seed: 3 });
    expect(result.status).toBe('finished');
    expect(result.procs[0]).toMatchObject({ name: 'MainProcess', error: 'ValueError', exitcode: 1 });
    expect(judgement.verdict).toBe('ok');
    expect(judgement.explanation.en).toContain('ValueError');
    // A plain Semaphore takes the same release silently.
    const plain = await runScenario(machine(), 'semaphore', { bounded: 'off' }, { mode: 'clock', seed: 3 });
    expect(plain.result.procs[0]).toMatchObject({ error: null, exitcode: 0 });
  });
});

describe('semaphore: parallel mode (real threads)', () => {
  it('never above the limit in 1,000 runs', { timeout: 300_000 }, async () => {
    let worst = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const { judgement } = await runScenario(machine(), 'semaphore', { rooms: 3, guests: 10 }, { mode: 'parallel', seed, turbo: true });
      expect(judgement.verdict).toBe('ok');
      worst = Math.max(worst, figure(judgement, 'Most inside at once') as number);
    }
    expect(worst).toBeLessThanOrEqual(3);
  });
  it('off: more than the limit inside at once', async () => {
    const { judgement } = await runScenario(machine(), 'semaphore', { rooms: 1, guests: 6, semaphore: 'off' }, { mode: 'parallel', seed: 1, speed: 8 });
    expect(judgement.verdict).toBe('violated');
  });
});

describe('semaphore: Python source and judge', () => {
  it('ops are tagged with their lines; the switch strikes the acquire and release', async () => {
    for (const bounded of ['off', 'on'])
      await expectTaggedLines(machine(), 'semaphore', { guests: 4, bounded }, { mode: 'step', seed: 1 }, { acquire: /rooms\.acquire\(\)/, release: /rooms\.release\(\)/ });
  });
  it('counts the crowd along the console', () => {
    const lines = ['guest 1 checks in', 'guest 2 checks in', 'guest 1 checks out', 'guest 3 checks in', 'guest 4 checks in'].map((text) => ({ text }));
    expect(mostInside(lines)).toBe(3);
    const { running, deadlock } = judgeMadeUp('semaphore', {}, lines.map((l) => ({ pid: 1, ...l })));
    expect(running.verdict).toBe('running');
    expect(deadlock.verdict).toBe('deadlock');
  });
});
