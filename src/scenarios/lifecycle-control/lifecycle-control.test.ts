/**
 * lifecycle-control on real threads (parallel only: commands come from a
 * mailbox). Built-in scripts stand for the learner's clicks on a running child.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../testing/run';
import { figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';
import { CALLS, SCRIPTS } from '.';

const machine = useScenarioMachine(2);
const said = (r: { console: { pid: number; text: string }[] }, pid: number) => r.console.filter((l) => l.pid === pid).map((l) => l.text);

describe('lifecycle-control', () => {
  it('script 1: alive, exitcode None, join(timeout=1) gives up, terminate() → -15, join() returns', async () => {
    const { result, judgement } = await runOk(machine(), 'lifecycle-control', { script: 1, work: 30 }, { mode: 'parallel', seed: 1 });
    expect(said(result, 0)).toEqual(['is_alive() -> True', 'exitcode -> None', 'join(timeout=1) returned; alive: True', 'terminate() sent', 'join() returned; exitcode -15']);
    expect(figure(judgement, 'Child exitcode')).toBe(-15);
    expect(said(result, 1)).not.toContain('child: done');
  });

  it('script 2: kill() → -9', async () => {
    const { result, judgement } = await runOk(machine(), 'lifecycle-control', { script: 2, work: 30 }, { mode: 'parallel', seed: 1 });
    expect(said(result, 0)[0]).toBe('kill() sent');
    expect(said(result, 0).at(-1)).toBe('join() returned; exitcode -9');
    expect(judgement.explanation.en).toContain('kill() (SIGKILL)');
  });

  it('script 3: join() waits for the whole work; exitcode 0', async () => {
    const t0 = performance.now();
    const { result } = await runOk(machine(), 'lifecycle-control', { script: 3, work: 2 }, { mode: 'parallel', seed: 1, speed: 4 });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(450); // 2 s of work at speed 4
    expect(said(result, 1)).toEqual(['child: working 1', 'child: working 2', 'child: done']);
    expect(said(result, 0)).toEqual(['join() returned; exitcode 0']);
  });

  it('the scripts only use calls the buttons offer; every event has a line', async () => {
    for (const s of SCRIPTS) for (const c of s) expect(CALLS).toContain(c);
    await expectTaggedLines(machine(), 'lifecycle-control', { script: 1, work: 30 }, { mode: 'parallel', seed: 1 }, { terminate: /p\.(terminate|kill)\(\)/, join: /p\.join\(/ }, (e, text) => {
      if (e.kind === 'get') expect(text).toMatch(/commands\.get\(\)/);
    });
  });

  it('step and clock are refused (the mailbox needs the parallel mode)', async () => {
    const { result } = await runScenario(machine(), 'lifecycle-control', { script: 1 }, { mode: 'step', seed: 1 });
    expect(result.procs[0]?.error).toBe('RuntimeError');
  });
});
