/**
 * bank on real threads: `num.value -= 1` is load, compute, store; without the
 * lock updates are lost (certainly under round robin, by a real race in
 * parallel), with it the balance ends at 100 under every mode and scope.
 */
import { describe, expect, it } from 'vitest';
import type { Value } from '../../core/data';
import { runScenario, withDefaults } from '../testing/run';
import { expectReplay, figure, judgeMadeUp, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines, LOCK_OPS } from '../testing/lines';
import { bank } from '.';

const machine = useScenarioMachine(12);

const numOf = (r: { result: { objs: unknown } }) => (r.result.objs as { num: Value }).num.peek();

describe("bank's verdict texts", () => {
  it('group big numbers as the page language does', () => {
    const params = withDefaults('bank', { n: 1_000_000, lock: 'on' }) as Parameters<typeof bank.judge>[1];
    const base = { world: {} as never, procs: [], takes: new Map(), puts: new Map(), console: [], status: 'finished' as const };
    const ok = bank.judge({ ...base, objs: { num: { peek: () => 100 } } } as never, params);
    expect(ok.explanation.en).toBe('After 1,000,000 withdrawals and 1,000,000 deposits of 1 the balance is back at 100.');
    expect(ok.explanation.zh).toContain('各 1,000,000 次取款和存款');
    const lost = bank.judge({ ...base, objs: { num: { peek: () => -12_345 } } } as never, params);
    expect(lost.explanation.en).toMatch(/^The balance ended at -12,345, 12,445 below 100: at least 12,445 deposits were lost/);
  });
});

describe('bank under the step mode (round robin)', () => {
  for (const scope of ['loop', 'update']) {
    it(`lock off (${scope}): updates are lost`, async () => {
      const r = await runScenario(machine(), 'bank', { n: 50, lock: 'off', scope }, { mode: 'step', seed: 1 });
      expect(r.result.status).toBe('finished');
      expect(r.judgement.verdict).toBe('violated');
      expect(figure(r.judgement, 'Balance')).toBe(numOf(r));
      expect(numOf(r)).not.toBe(100);
      expect(figure(r.judgement, 'Expected')).toBe(100);
      expect(r.result.console.at(-1)?.text).toBe(`balance: ${numOf(r)}`);
    });

    it(`lock on (${scope}): the balance is back at 100`, async () => {
      const r = await runScenario(machine(), 'bank', { n: 50, lock: 'on', scope }, { mode: 'step', seed: 1 });
      expect(r.judgement.verdict).toBe('ok');
      expect(figure(r.judgement, 'Balance')).toBe(100);
      expect(r.result.console.at(-1)?.text).toBe('balance: 100');
    });
  }
});

describe('bank under the clock mode', () => {
  it('the same seed gives the same console and verdict', async () => {
    await expectReplay(machine(), 'bank', { n: 200, lock: 'off' }, { mode: 'clock', seed: 5 });
  });

  it('lock on: ok in both scopes', async () => {
    for (const scope of ['loop', 'update'])
      for (const seed of [1, 2]) {
        const { judgement } = await runScenario(machine(), 'bank', { n: 200, lock: 'on', scope }, { mode: 'clock', seed });
        expect(judgement.verdict).toBe('ok');
      }
  });
});

describe('bank under the parallel mode', () => {
  it('lock on: 100 in both scopes, run after run', async () => {
    for (const scope of ['loop', 'update'])
      for (const seed of [1, 2, 3]) {
        const r = await runOk(machine(), 'bank', { n: 20_000, lock: 'on', scope }, { mode: 'parallel', seed, turbo: true }, { quiet: true });
        expect(numOf(r)).toBe(100);
      }
  }, 60_000);

  it('lock off, n = 200,000: a real race loses updates in at least one of 3 runs', async () => {
    const verdicts: string[] = [];
    for (const seed of [1, 2, 3]) {
      const r = await runScenario(machine(), 'bank', { n: 200_000, lock: 'off' }, { mode: 'parallel', seed, turbo: true }, { quiet: true, timeoutMs: 30_000 });
      expect(r.result.status).toBe('finished');
      expect(figure(r.judgement, 'Balance')).toBe(numOf(r));
      verdicts.push(r.judgement.verdict);
    }
    expect(verdicts).toContain('violated');
  }, 60_000);
});

describe('bank with many pairs', () => {
  it('lock on: 5 withdrawers and 5 depositors end at 100 under the clock and in parallel', async () => {
    for (const mode of ['clock', 'parallel'] as const) {
      const r = await runOk(machine(), 'bank', { n: 300, pairs: 5, lock: 'on', scope: 'update' }, { mode, seed: 4, turbo: true }, { quiet: true });
      expect(figure(r.judgement, 'Balance')).toBe(100);
    }
  }, 60_000);
});

describe('bank: Python source', () => {
  it('every op is tagged with a Python line that does what the op does', async () => {
    for (const scope of ['loop', 'update'] as const) {
      for (const lock of ['on', 'off']) {
        const { run: r, lines } = await expectTaggedLines(machine(), 'bank', { lock, scope, n: 5 }, { mode: 'step', seed: 3 }, {
          ...LOCK_OPS,
          load: /num\.value/,
          compute: /num\.value [-+]= 1/,
          store: /num\.value [-+]= 1/,
        });
        expect(r.status).toBe('finished');
        // Withdrawals come from the withdraw function, deposits from deposit.
        const stores = r.events.filter((e) => e.kind === 'store');
        expect(stores.filter((e) => lines[e.line - 1]!.includes('-= 1'))).toHaveLength(5);
        expect(stores.filter((e) => lines[e.line - 1]!.includes('+= 1'))).toHaveLength(5);
      }
      const params = withDefaults('bank', { scope, lock: 'off' }) as never;
      const src = bank.python(params).split('\n');
      expect(bank.struckLines!(withDefaults('bank', { scope }) as never)).toEqual([]);
      const locks = bank.struckLines!(params);
      expect(locks).toHaveLength(4);
      for (const n of locks) expect(src[n - 1]).toMatch(/lock\.(acquire|release)\(\)/);
    }
    expect(bank.python(withDefaults('bank', { n: 1_000_000 }) as never)).toContain('N = 1000000\n');
  });

  it('pairs > 1: the processes are built in a list, started and joined on the same lines as the two named ones', async () => {
    for (const lock of ['on', 'off']) {
      const { run: r, lines } = await expectTaggedLines(machine(), 'bank', { lock, pairs: 3, n: 4 }, { mode: 'step', seed: 2 }, {
        ...LOCK_OPS,
        spawn: /p\.start\(\)/,
        join: /p\.join\(\)/,
        load: /num\.value/,
        compute: /num\.value [-+]= 1/,
        store: /num\.value [-+]= 1/,
      });
      expect(r.status).toBe('finished');
      expect(r.events.filter((e) => e.kind === 'start')).toHaveLength(6 + 1);
      expect(r.events.filter((e) => e.kind === 'store')).toHaveLength(6 * 4);
      expect(lines[25]).toContain("print('balance:', num.value)");
    }
  });

  it('judges a run in progress and a deadlock', () => {
    const { running, deadlock, finished: done } = judgeMadeUp('bank', { num: { peek: () => 97 } });
    expect(running.verdict).toBe('running');
    expect(running.figures.map((f) => f.value)).toEqual([97, 100]);
    expect(deadlock.verdict).toBe('deadlock');
    expect(done.verdict).toBe('violated');
    expect(done.explanation.en).toMatch(/^The balance ended at 97, 3 below 100: at least 3 deposits were lost/);
  });
});
