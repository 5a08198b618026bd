/**
 * lifecycle on real threads: join(timeout) returns while the child lives,
 * the child reports its ppid, and the four ends: normal (0, the parent gets
 * the lock), terminate (-15), kill (-9) and an exception (1, ValueError by
 * name, a raise event at the raise line) all leave the lock held.
 */
import { describe, expect, it } from 'vitest';
import { errorName } from '../../core/errors';
import { S } from '../../core/layout';
import { runScenario, withDefaults } from '../testing/run';
import { scenarioById } from '../registry';
import { expectReplay, figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines, LOCK_OPS } from '../testing/lines';

const machine = useScenarioMachine(2);
const MODES = ['step', 'clock', 'parallel'] as const;
const texts = (r: { console: { text: string }[] }) => r.console.map((l) => l.text);
const OPS = { ...LOCK_OPS, acquire: /lock\.acquire\(/, terminate: /p\.(terminate|kill)\(\)/, join: /\.join\(/ };

describe('lifecycle', () => {
  for (const mode of MODES) {
    it(`${mode}: a normal end releases the lock; the child names its parent`, async () => {
      const { result, judgement } = await runOk(machine(), 'lifecycle', { end: 'normal' }, { mode, seed: 1 });
      expect(figure(judgement, 'Child exitcode')).toBe(0);
      expect(texts(result)).toContain('child: got the lock; pid 1001 ppid 1000');
      expect(texts(result).at(-1)).toBe('parent: got the lock: True');
    });

    for (const [end, code] of [['terminate', -15], ['kill', -9], ['raise', 1]] as const) {
      // Round robin fires join(timeout)'s deadline only when nobody else can move: the child finishes first, and the signal comes too late.
      if (mode === 'step' && end !== 'raise') continue;
      it(`${mode}: end=${end} gives exitcode ${code} and leaves the lock held`, async () => {
        const { result, judgement } = await runScenario(machine(), 'lifecycle', { end }, { mode, seed: 3 });
        expect(result.status).toBe('finished');
        expect(judgement.verdict).toBe('violated');
        expect(figure(judgement, 'Child exitcode')).toBe(code);
        expect(figure(judgement, 'Parent got the lock')).toBe('False');
        expect(texts(result)).toContain(`parent: exitcode ${code} alive: False`);
      });
    }
  }

  it('step, round robin: the timeout fires only when nobody else can move, so terminate() and kill() come after the child ended', async () => {
    for (const end of ['terminate', 'kill']) {
      const { result } = await runOk(machine(), 'lifecycle', { end }, { mode: 'step', seed: 1 });
      expect(texts(result)).toContain('parent: after join(timeout=0.5) alive: False exitcode 0');
    }
  });

  it('step, round robin: the verdict says terminate() and kill() came too late and how to catch the child holding the lock', async () => {
    for (const [end, call] of [['terminate', 'terminate()'], ['kill', 'kill()']] as const) {
      const { judgement } = await runOk(machine(), 'lifecycle', { end }, { mode: 'step', seed: 1 });
      expect(judgement.explanation.en).toContain(`had already finished (exitcode 0) and released the lock when the parent called ${call}, so the call did nothing`);
      expect(judgement.explanation.zh).toContain(`父进程调用 ${call} 时，子进程已经结束`);
    }
  });

  it('step: stepping the parent while it waits in join(timeout=0.5) fires the timeout, as the verdict advises: terminate() then catches the lock held', async () => {
    // main starts the child; the child takes the lock; main prints, enters join(timeout) and is stepped again: it times out.
    const { result, judgement } = await runScenario(machine(), 'lifecycle', { end: 'terminate' }, { mode: 'step', seed: 1, plan: [0, 1, 0, 0, 0] });
    expect(texts(result)).toContain('parent: after join(timeout=0.5) alive: True exitcode None');
    expect(judgement.verdict).toBe('violated');
    expect(figure(judgement, 'Child exitcode')).toBe(-15);
  });

  it('the sources say join(timeout) returns None either way (as CPython does): is_alive() and exitcode tell what happened', () => {
    const line = (id: string, code: string) => (scenarioById.get(id)!.python as (p: Record<string, unknown>) => string)(withDefaults(id, {})).split('\n').find((l) => l.includes(code));
    expect(line('lifecycle', 'p.join(timeout=0.5)')).toMatch(/# .*returns None either way/);
    expect(line('lifecycle-control', 'p.join(timeout=1)')).toMatch(/# returns None .*ended or not/);
  });

  it('clock: join(timeout=0.5) returns while the child still sleeps; exitcode is None then', async () => {
    const { result } = await expectReplay(machine(), 'lifecycle', { end: 'terminate' }, { mode: 'clock', seed: 3 });
    expect(texts(result)).toContain('parent: after join(timeout=0.5) alive: True exitcode None');
    expect(result.world.mem.load(1, S.exitcode)).toBe(-15);
  });

  it('clock: a raise after a sleep waits its turn, so join(timeout=0.5) still times out first (the child raises at 1 s)', async () => {
    for (const seed of [1, 2, 3]) {
      const { result } = await runScenario(machine(), 'lifecycle', { end: 'raise' }, { mode: 'clock', seed });
      const out = texts(result);
      expect(out).toContain('parent: after join(timeout=0.5) alive: True exitcode None');
      expect(out.indexOf('parent: after join(timeout=0.5) alive: True exitcode None')).toBeLessThan(out.indexOf('Process-1: ValueError: the child gave up holding the lock'));
    }
  });

  it('raise: ValueError by name, a raise event at the raise line, and the message in the console', async () => {
    const { run } = await expectTaggedLines(machine(), 'lifecycle', { end: 'raise' }, { mode: 'clock', seed: 1 }, OPS);
    expect(errorName(run.mem.load(1, S.error))).toBe('ValueError');
    const raised = run.events.find((e) => e.kind === 'raise');
    expect(raised?.pid).toBe(1);
    const { result } = await runScenario(machine(), 'lifecycle', { end: 'raise' }, { mode: 'clock', seed: 1 });
    expect(texts(result)).toContain('Process-1: ValueError: the child gave up holding the lock');
  });

  it('every event is tagged with a line that does what the op does', async () => {
    for (const end of ['normal', 'terminate', 'kill'])
      await expectTaggedLines(machine(), 'lifecycle', { end }, { mode: 'step', seed: 1 }, OPS);
  });
});
