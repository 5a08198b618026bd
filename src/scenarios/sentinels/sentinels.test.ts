/**
 * sentinels on real threads: one None per consumer ends everyone and every
 * item is consumed once; fewer Nones than consumers leave the rest waiting
 * in q.get() forever (deadlock naming them); extra Nones are harmless.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, withDefaults } from '../testing/run';
import { expectFigures, expectReplay, figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';
import { sentinels } from '.';

const machine = useScenarioMachine(6);

const got = (r: { console: { text: string }[] }) =>
  r.console
    .map((l) => / got (P\d-\d+)$/.exec(l.text)?.[1])
    .filter((x): x is string => x !== undefined)
    .sort();
const allItems = (producers: number, items: number) =>
  Array.from({ length: producers }, (_, n) => Array.from({ length: items }, (_, i) => `P${n}-${i}`))
    .flat()
    .sort();

describe('sentinels: one None per consumer', () => {
  for (const mode of ['step', 'clock'] as const) {
    it(`${mode}: every item consumed once, each consumer leaves on its None`, async () => {
      const { result, judgement } = await runOk(machine(), 'sentinels', {}, { mode, seed: 2 });
      // The Nones are not items: 10 produced, not 12.
      expectFigures(judgement, { Produced: 10, Consumed: 10, Lost: 0, Duplicated: 0, 'Still blocked': 0 });
      expect(got(result)).toEqual(allItems(2, 5));
      expect(result.console.filter((l) => l.text.endsWith('got None and leaves'))).toHaveLength(2);
      expect(result.console.at(-1)?.text).toBe('main: every consumer has left');
    });
  }

  it('clock: the same seed replays the same run', async () => {
    const a = await expectReplay(machine(), 'sentinels', { consumers: 3, sentinels: 3 }, { mode: 'clock', seed: 9 });
    expect(a.judgement.verdict).toBe('ok');
  });

  it('parallel: ok on real threads', async () => {
    for (const seed of [1, 2, 3]) {
      const { result } = await runOk(machine(), 'sentinels', {}, { mode: 'parallel', seed, turbo: true });
      expect(got(result)).toEqual(allItems(2, 5));
    }
  });

  it('extra Nones stay in the queue and do no harm', async () => {
    const { judgement } = await runScenario(machine(), 'sentinels', { sentinels: 4 }, { mode: 'step', seed: 1 });
    expect(judgement.verdict).toBe('ok');
    expect(figure(judgement, 'Produced')).toBe(10);
    expect(judgement.explanation.en).toContain('2 extra Nones');
  });
});

describe('sentinels: too few Nones', () => {
  for (const mode of ['step', 'clock'] as const) {
    it(`${mode}: one None for two consumers — the other waits in q.get() forever, main waits to join it`, async () => {
      const { result, judgement } = await runScenario(machine(), 'sentinels', { sentinels: 1 }, { mode, seed: 4 });
      expect(result.status).toBe('deadlock');
      expect(judgement.verdict).toBe('deadlock');
      const stuck = result.procs.filter((p) => p.state === 'blocked');
      expect(stuck.map((p) => p.name).sort()).toEqual(['MainProcess', expect.stringMatching(/^consumer-[01]$/)]);
      const consumer = stuck.find((p) => p.pid > 0)!.name;
      expect(judgement.explanation.en).toContain(`${consumer} waits in q.get()`);
      expect(judgement.explanation.en).toContain(`MainProcess waits in ${consumer}.join()`);
      expect(judgement.explanation.en).toContain('1 None for 2 consumers, so 1 consumer never gets one.');
      expect(judgement.explanation.zh).toContain(`${consumer} 卡在 q.get()`);
      expect(figure(judgement, 'Consumed')).toBe(10);
      expect(figure(judgement, 'Still blocked')).toBe(2);
    });
  }

  it('no None at all: both consumers are stuck', async () => {
    const { result, judgement } = await runScenario(machine(), 'sentinels', { sentinels: 0 }, { mode: 'step', seed: 1 });
    expect(judgement.verdict).toBe('deadlock');
    expect(judgement.explanation.en).toContain('consumer-0 waits in q.get()');
    expect(judgement.explanation.en).toContain('consumer-1 waits in q.get()');
    expect(figure(judgement, 'Still blocked')).toBe(3);
    expect(result.console.some((l) => l.text.includes('None'))).toBe(false);
  });
});

describe('sentinels: Python source', () => {
  it('every event is tagged with a non-blank line that does what the op does', async () => {
    const pattern = { put: /q\.put\(/, get: /q\.get\(\)/ };
    const { kinds } = await expectTaggedLines(machine(), 'sentinels', { sentinels: 3 }, { mode: 'step', seed: 1 }, pattern, (e, text) => {
      if (e.kind === 'put' && e.payload === 'null') expect(text).toContain('q.put(None)');
    });
    for (const k of ['put', 'get', 'print', 'sleep', 'spawn', 'join']) expect(kinds).toContain(k);
    const src = sentinels.python(withDefaults('sentinels', { producers: 3, consumers: 4, items: 6, sentinels: 1 }) as never);
    expect(src).toContain('PRODUCERS = 3\nCONSUMERS = 4\nITEMS = 6  # per producer\nSENTINELS = 1  #');
    expect(sentinels.params.find((p) => p.name === 'sentinels')?.default).toBe(sentinels.params.find((p) => p.name === 'consumers')?.default);
    expect(sentinels.maxProcesses(withDefaults('sentinels', {}) as never)).toBe(5);
  });
});
