/**
 * printer on real threads: lock off interleaves the users' blocks, lock on
 * keeps each block whole, under every mode.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, withDefaults } from '../testing/run';
import { expectReplay, figure, judgeMadeUp, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines, LOCK_OPS } from '../testing/lines';
import { countInterruptions, printer } from '.';

const machine = useScenarioMachine(12);


describe('printer: interruptions', () => {
  it('counts a block broken by another user, not a finished one', () => {
    const L = (pid: number) => ({ pid, text: '' });
    expect(countInterruptions([L(1), L(1), L(2), L(2)], 2).count).toBe(0);
    const r = countInterruptions([L(1), L(2), L(1), L(2), L(0)], 2);
    expect(r.count).toBe(2);
    expect(r.first).toEqual({ by: 2, victim: 1, after: 1 });
  });
});

describe('printer under the step mode (round robin)', () => {
  it('lock off: the blocks interleave', async () => {
    const { result, judgement } = await runScenario(machine(), 'printer', { lock: 'off' }, { mode: 'step', seed: 1 });
    expect(result.status).toBe('finished');
    expect(judgement.verdict).toBe('violated');
    expect(figure(judgement, 'Interruptions')).toBeGreaterThan(0);
    expect(result.console.filter((l) => l.pid > 0)).toHaveLength(9);
    expect(judgement.explanation.en).toMatch(/User \d printed after user \d's line \d of 3/);
  });

  it('lock on: every block is whole', async () => {
    const { result, judgement } = await runOk(machine(), 'printer', { lock: 'on', users: 4, lines: 2 }, { mode: 'step', seed: 1 });
    expect(figure(judgement, 'Interruptions')).toBe(0);
    expect(result.console.map((l) => l.text).at(-1)).toBe('all users printed');
  });
});

describe('printer under the clock mode', () => {
  it('the same seed gives the same console and verdict', async () => {
    await expectReplay(machine(), 'printer', { lock: 'off' }, { mode: 'clock', seed: 7 });
  });

  it('lock on: ok', async () => {
    for (const seed of [1, 2, 3]) {
      const { judgement } = await runScenario(machine(), 'printer', { lock: 'on', users: 5 }, { mode: 'clock', seed });
      expect(judgement.verdict).toBe('ok');
    }
  });
});

describe('printer under the parallel mode', () => {
  it('lock on: ok on real threads, run after run', async () => {
    for (const seed of [1, 2, 3, 4]) {
      await runOk(machine(), 'printer', { lock: 'on', users: 10, lines: 5 }, { mode: 'parallel', seed, turbo: true });
    }
  });
});

describe('printer: Python source', () => {
  it('every op is tagged with a Python line that does what the op does', async () => {
    for (const lock of ['on', 'off']) {
      const { run: r } = await expectTaggedLines(machine(), 'printer', { lock }, { mode: 'step', seed: 3 }, LOCK_OPS);
      expect(r.status).toBe('finished');
    }
    expect(printer.python(withDefaults('printer', { users: 7, lines: 2 }) as never)).toContain('USERS = 7\nLINES = 2\n');
    const src = printer.python(withDefaults('printer', {}) as never).split('\n');
    const struck = printer.struckLines!(withDefaults('printer', { lock: 'off' }) as never);
    expect(struck).toHaveLength(2);
    for (const n of struck) expect(src[n - 1]).toMatch(/lock\.(acquire|release)\(\)/);
    expect(printer.struckLines!(withDefaults('printer', {}) as never)).toEqual([]);
  });

  it('judges a run in progress and a deadlock', () => {
    const { running, deadlock } = judgeMadeUp('printer', {}, [{ pid: 1, text: 'a' }, { pid: 2, text: 'b' }]);
    expect(running.verdict).toBe('running');
    expect(running.figures[0]?.value).toBe(1);
    expect(deadlock.verdict).toBe('deadlock');
  });
});
