/**
 * manager on real threads: d['count'] += 1 through a proxy is a get and a set,
 * two round trips to the server process; without the lock other workers' round
 * trips fall between them and updates are lost, with it the count is exact.
 * l.append is one round trip and never lost.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, withDefaults } from '../testing/run';
import { expectFigures, expectReplay, figure, judgeMadeUp, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines, LOCK_OPS } from '../testing/lines';
import { manager } from '.';

const machine = useScenarioMachine(12);

describe('manager: lock on', () => {
  for (const config of [{ mode: 'step', seed: 1 }, { mode: 'clock', seed: 2 }, { mode: 'parallel', seed: 3, turbo: true }] as const) {
    it(`the counter is exact (${config.mode})`, async () => {
      const n = config.mode === 'parallel' ? 300 : 15;
      const { result, judgement } = await runOk(machine(), 'manager', { workers: 4, n, lock: 'on' }, config);
      expectFigures(judgement, { Counter: 4 * n, Expected: 4 * n });
      expect(result.console.map((l) => l.text)).toEqual([`count: ${4 * n} expected: ${4 * n}`, `list length: ${4 * n}`]);
      const server = result.procs.find((p) => p.name === 'SyncManager-1');
      expect(server?.exitcode).toBe(0);
    });
  }

  // 10 x 10,000 (the contract's largest) took 43 s here (2 shared cores): 300,000 round trips. A tenth of it checks the same.
  it('ten workers in parallel: 10 x 1,000 updates, exact', async () => {
    const { judgement } = await runOk(machine(), 'manager', { workers: 10, n: 1000, lock: 'on' }, { mode: 'parallel', seed: 1, turbo: true }, { timeoutMs: 120_000 });
    expectFigures(judgement, { Counter: 10_000, Expected: 10_000 });
  }, 150_000);
});

describe('manager: lock off', () => {
  it('step (round robin): updates are lost, appends are not', async () => {
    const { result, judgement } = await runScenario(machine(), 'manager', { workers: 4, n: 10, lock: 'off' }, { mode: 'step', seed: 1 });
    expect(judgement.verdict).toBe('violated');
    expect(figure(judgement, 'Counter') as number).toBeLessThan(40);
    expect(result.console.at(-1)?.text).toBe('list length: 40');
    expect(judgement.explanation.en).toMatch(/(1 update|\d+ updates) lost/);
    expect(judgement.explanation.en).toContain('The list has 40 items');
  });

  it('clock: lost updates, and the same seed gives the same run', async () => {
    const { judgement } = await expectReplay(machine(), 'manager', { workers: 4, n: 20, lock: 'off' }, { mode: 'clock', seed: 5 });
    expect(judgement.verdict).toBe('violated');
  });

  it('parallel: lost updates on real threads', async () => {
    const { judgement } = await runScenario(machine(), 'manager', { workers: 4, n: 2000, lock: 'off' }, { mode: 'parallel', seed: 1, turbo: true });
    expect(judgement.verdict).toBe('violated');
    expect(figure(judgement, 'Counter') as number).toBeLessThan(8000);
  });
});

describe('manager: Python source and judge', () => {
  it('every op is tagged with a Python line that does what the op does', async () => {
    for (const lock of ['on', 'off']) {
      const { run: r } = await expectTaggedLines(machine(), 'manager', { lock, workers: 2, n: 2 }, { mode: 'step', seed: 1 }, {
        ...LOCK_OPS,
        spawn: /Manager\(\)|p\.start\(\)/,
        join: /p\.join\(\)|Manager\(\)/,
        put: /d\[|l\.append|len\(l\)|manager\.(dict|list)|Manager\(\)/,
        get: /d\[|l\.append|len\(l\)|manager\.(dict|list)|Manager\(\)/,
        write: /Manager\(\)/,
      });
      expect(r.status).toBe('finished');
    }
    const src = manager.python(withDefaults('manager', {}) as never).split('\n');
    for (const n of manager.struckLines!(withDefaults('manager', { lock: 'off' }) as never)) expect(src[n - 1]).toMatch(/lock\.(acquire|release)\(\)/);
  });

  it('judges a run in progress from what the server holds, and a deadlock', () => {
    const objs = { d: { peek: () => ({ json: '{"count": 7}', length: 1 }) }, l: { peek: () => ({ json: '[0]', length: 9 }) } };
    const { running, deadlock } = judgeMadeUp('manager', objs);
    expect(running.verdict).toBe('running');
    expectFigures(running, { Counter: 7, Expected: 400 });
    expect(running.explanation.en).toContain('a list of 9 items');
    expect(deadlock.verdict).toBe('deadlock');
  });
});
