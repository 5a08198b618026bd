/**
 * event on real threads: every car passes on green, each once; some
 * wait(timeout=1) calls return False at red; the daemon light is terminated
 * when main ends.
 */
import { describe, expect, it } from 'vitest';
import { expectReplay, figure, judgeMadeUp, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';

const machine = useScenarioMachine(12);

describe('event under every mode', () => {
  it('step: every car passes on green, once', async () => {
    const { result, judgement } = await runOk(machine(), 'event', {}, { mode: 'step', seed: 1 });
    expect(figure(judgement, 'Passed on green')).toBe(5);
    expect(figure(judgement, 'Passed on red')).toBe(0);
    for (let i = 1; i <= 5; i++) expect(result.console.filter((l) => l.text.startsWith(`car ${i} passes`))).toHaveLength(1);
  });
  it('clock: replays; a wait(timeout=1) returns False at red; the daemon light is terminated (-15)', async () => {
    const { result, judgement } = await expectReplay(machine(), 'event', { cars: 8 }, { mode: 'clock', seed: 4 });
    expect(judgement.verdict).toBe('ok');
    expect(figure(judgement, 'Passed on green')).toBe(8);
    expect(result.console.some((l) => l.text.endsWith('still red after a second'))).toBe(true);
    expect(judgement.explanation.en).toMatch(/^All 8 cars passed on green; (1 wait\(timeout=1\) call|\d+ wait\(timeout=1\) calls) returned False/);
    expect(result.procs[1]).toMatchObject({ exitcode: -15 });
  });
  it('parallel: every car on green', async () => {
    for (const seed of [1, 2]) {
      const { judgement } = await runOk(machine(), 'event', { cars: 6 }, { mode: 'parallel', seed, speed: 20 });
      expect(figure(judgement, 'Passed on green')).toBe(6);
    }
  });
});

describe('event: source and judge', () => {
  it('ops are tagged with their lines', async () => {
    await expectTaggedLines(machine(), 'event', { cars: 3 }, { mode: 'clock', seed: 2 }, { set: /light\.set\(\)/, clear: /light\.clear\(\)/, wait: /light\.wait\(timeout=1\)/ });
  });
  it('a car that passed on red is a violation', () => {
    const { finished } = judgeMadeUp('event', {}, [{ pid: 2, text: 'car 1 passes on red' }, { pid: 3, text: 'car 2 passes on green' }]);
    expect(finished.verdict).toBe('violated');
    expect(finished.figures.map((f) => f.value)).toEqual([1, 1]);
  });
});
