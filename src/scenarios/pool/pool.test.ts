/**
 * pool on real threads: map's results in input order, apply_async's callbacks
 * and imap_unordered's results as the workers finish; the same few workers
 * reused for every task, in every mode.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, withDefaults } from '../testing/run';
import { expectReplay, figure, judgeMadeUp, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';
import { pool } from '.';

const machine = useScenarioMachine(9);
const squares = (n: number) => `[${Array.from({ length: n }, (_, x) => x * x).join(', ')}]`;

describe('pool: the URL contract', () => {
  it('map with 5 tasks prints [0, 1, 4, 9, 16], in every mode', async () => {
    for (const config of [{ mode: 'step', seed: 1 }, { mode: 'clock', seed: 2 }, { mode: 'parallel', seed: 3, turbo: true }] as const) {
      const { judgement } = await runOk(machine(), 'pool', { tasks: 5, call: 'map' }, config);
      expect(figure(judgement, 'Results')).toBe('[0, 1, 4, 9, 16]');
      expect(judgement.explanation.en).toContain('map put the results back in input order');
    }
  });

  it('three workers share ten tasks: each worker is reused', async () => {
    const { result, judgement } = await runOk(machine(), 'pool', {}, { mode: 'clock', seed: 4 });
    expect(figure(judgement, 'Workers used')).toBe(3);
    const names = result.procs.filter((p) => p.pid > 0).map((p) => p.name);
    expect(names).toEqual(['ForkPoolWorker-1', 'ForkPoolWorker-2', 'ForkPoolWorker-3']);
    const byWorker = new Map<number, number>();
    for (const l of result.console) if (l.pid > 0) byWorker.set(l.pid, (byWorker.get(l.pid) ?? 0) + 1);
    expect([...byWorker.values()].reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...byWorker.values())).toBeGreaterThan(1);
  });

  it('imap_unordered hands the results over as they finish: out of input order under the clock', async () => {
    let outOfOrder = 0;
    for (const seed of [1, 2, 3]) {
      const { judgement } = await runOk(machine(), 'pool', { call: 'imap_unordered', tasks: 8 }, { mode: 'clock', seed });
      const printed = figure(judgement, 'Results') as string;
      expect(JSON.parse(printed).sort((a: number, b: number) => a - b)).toEqual(JSON.parse(squares(8)));
      if (printed !== squares(8)) outOfOrder++;
    }
    expect(outOfOrder).toBeGreaterThan(0);
  });

  it('apply_async: every callback ran before join() returned, in step and parallel mode', async () => {
    for (const config of [{ mode: 'step', seed: 1 }, { mode: 'parallel', seed: 2, turbo: true }] as const) {
      const { judgement } = await runOk(machine(), 'pool', { call: 'apply_async', processes: 8, tasks: 50 }, config);
      expect(JSON.parse(figure(judgement, 'Results') as string)).toHaveLength(50);
    }
  });

  it('one process does every task', async () => {
    const { judgement } = await runOk(machine(), 'pool', { processes: 1, tasks: 50 }, { mode: 'parallel', seed: 1, turbo: true });
    expect(figure(judgement, 'Workers used')).toBe(1);
    expect(figure(judgement, 'Results')).toBe(squares(50));
  });

  it('the same seed gives the same run', async () => {
    await expectReplay(machine(), 'pool', { call: 'imap_unordered' }, { mode: 'clock', seed: 9 });
  });
});

describe('pool: Python source and judge', () => {
  it('every op is tagged with a Python line that does what the op does', async () => {
    for (const call of ['map', 'apply_async', 'imap_unordered']) {
      const { run: r, kinds } = await expectTaggedLines(machine(), 'pool', { call, tasks: 4, processes: 2 }, { mode: 'step', seed: 1 }, {
        put: /Pool\(|pool\.(map|apply_async|imap_unordered|close)\(/,
        get: /Pool\(|pool\.(map|imap_unordered|join)\(/,
        spawn: /Pool\(/,
        join: /pool\.join\(\)/,
      });
      expect(r.status).toBe('finished');
      expect(kinds).toContain('get');
    }
    expect(pool.python(withDefaults('pool', { processes: 4, tasks: 7 }) as never)).toContain('PROCESSES = 4\nTASKS = 7\n');
  });

  it('judges a short or shuffled list as violated, a run in progress and a deadlock', async () => {
    const { running, deadlock } = judgeMadeUp('pool', {}, [{ pid: 1, text: 'ForkPoolWorker-1 squares 0' }]);
    expect(running.verdict).toBe('running');
    expect(figure(running, 'Workers used')).toBe(1);
    expect(deadlock.verdict).toBe('deadlock');
    const shuffled = judgeMadeUp('pool', {}, [{ pid: 0, text: '[1, 0, 4, 9, 16, 25, 36, 49, 64, 81]' }]).finished;
    expect(shuffled.verdict).toBe('violated');
    const short = judgeMadeUp('pool', {}, [{ pid: 0, text: '[0, 1, 4]' }]).finished;
    expect(short.verdict).toBe('violated');
    const { result } = await runScenario(machine(), 'pool', { tasks: 3 }, { mode: 'step', seed: 1 });
    expect(result.console.at(-1)?.text).toBe('[0, 1, 4]');
  });
});
