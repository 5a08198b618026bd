/**
 * daemon on real threads: a daemon child is terminated when main's code ends
 * (its last lines never printed), a non-daemon child keeps the program alive,
 * a daemon child may not start a child (AssertionError), and `p.daemon = ...`
 * after start() raises AssertionError, under every mode.
 */
import { describe, expect, it } from 'vitest';
import { errorName } from '../../core/errors';
import { S } from '../../core/layout';
import { runScenario } from '../testing/run';
import { expectReplay, figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';
import { CHILD_LINES } from '.';

const machine = useScenarioMachine(3);
const MODES = ['step', 'clock', 'parallel'] as const;
const childLines = (r: { console: { pid: number; text: string }[] }) => r.console.filter((l) => l.pid === 1).map((l) => l.text);

describe('daemon', () => {
  for (const mode of MODES) {
    it(`${mode}: a daemon child is terminated when main's code ends; its last lines are never printed`, async () => {
      const { result, judgement } = await runOk(machine(), 'daemon', { daemon: 'on' }, { mode, seed: 1 });
      expect(result.procs[1]?.exitcode).toBe(-15);
      const printed = childLines(result);
      expect(printed[0]).toBe('child: started');
      expect(printed).not.toContain('child: finished');
      expect(printed.length).toBeLessThan(CHILD_LINES);
      expect(figure(judgement, 'Lines printed by the child')).toBe(`${printed.length} / ${CHILD_LINES}`);
      expect(result.console.map((l) => l.text)).toContain('main: cannot change daemon after start(): process has already started');
    });

    it(`${mode}: a non-daemon child keeps the program alive until its last line`, async () => {
      const { result, judgement } = await runOk(machine(), 'daemon', { daemon: 'off' }, { mode, seed: 1 });
      expect(result.procs[1]?.exitcode).toBe(0);
      expect(childLines(result)).toEqual(['child: started', 'child: line 1', 'child: line 2', 'child: line 3', 'child: finished']);
      expect(figure(judgement, 'Lines printed by the child')).toBe('5 / 5');
      // main's code ended before its child did
      const texts = result.console.map((l) => l.text);
      expect(texts.indexOf('main: my code ends here')).toBeLessThan(texts.indexOf('child: finished'));
    });

    it(`${mode}: a daemon child that starts a child raises AssertionError`, async () => {
      const { result, judgement } = await runScenario(machine(), 'daemon', { daemon: 'on', grandchild: 'on' }, { mode, seed: 1 });
      expect(result.status).toBe('finished');
      expect(judgement.verdict).toBe('violated');
      expect(result.procs[1]?.error).toBe('AssertionError');
      expect(errorName(result.world.mem.load(1, S.error))).toBe('AssertionError');
      expect(result.procs[1]?.exitcode).toBe(1);
      expect(result.console.map((l) => l.text)).toContain('Process-1: AssertionError: daemonic processes are not allowed to have children');
      expect(result.procs).toHaveLength(2); // the grandchild never got a slot
    });
  }

  it('a non-daemon child may start a grandchild (named Process-1:1), who prints', async () => {
    const { result } = await runOk(machine(), 'daemon', { daemon: 'off', grandchild: 'on' }, { mode: 'clock', seed: 1 });
    expect(result.procs.map((p) => p.name)).toEqual(['MainProcess', 'Process-1', 'Process-1:1']);
    expect(result.console.map((l) => l.text)).toContain('grandchild: hello');
    expect(result.world.mem.load(2, S.ppid)).toBe(1);
  });

  it('clock: main ends at 1.5 s, so the daemon printed "started" and line 1 only; replays the same', async () => {
    const { result } = await expectReplay(machine(), 'daemon', { daemon: 'on' }, { mode: 'clock', seed: 4 });
    expect(childLines(result)).toEqual(['child: started', 'child: line 1']);
  });

  it('every event is tagged with a line that does what the op does', async () => {
    for (const grandchild of ['off', 'on'])
      // Python's exit handler joins a non-daemon child (terminates a daemon) after main's last line: those ops carry that line.
      await expectTaggedLines(machine(), 'daemon', { daemon: 'off', grandchild }, { mode: 'step', seed: 1 }, { join: /\.join\(\)|my code ends here/ });
  });
});
