/**
 * queue-tickets on real threads: qsize() then get() lets late buyers block
 * forever on an empty queue (deadlock naming them); get_nowait() with
 * except queue.Empty sells each ticket once under every mode.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, withDefaults } from '../testing/run';
import { expectFigures, expectReplay, figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';
import { queueTickets } from '.';

const machine = useScenarioMachine(7);


describe('queue-tickets under the step mode (round robin)', () => {
  it('qsize() then get(): a buyer passes the check, finds the queue empty at get() and blocks forever', async () => {
    const { result, judgement } = await runScenario(machine(), 'queue-tickets', {}, { mode: 'step', seed: 1 });
    expect(result.status).toBe('deadlock');
    expect(judgement.verdict).toBe('deadlock');
    // Buyers that neither got a ticket nor were told "sold out" are the stuck ones.
    const spoke = new Set(result.console.map((l) => l.pid));
    const silent = result.procs.filter((p) => p.pid > 0 && !spoke.has(p.pid)).map((p) => p.name);
    const blocked = result.procs.filter((p) => p.state === 'blocked').map((p) => p.name);
    expect(silent).toEqual(['buyer-4']);
    expect(blocked.sort()).toEqual(['MainProcess', ...silent]);
    for (const name of silent) {
      expect(judgement.explanation.en).toContain(`${name} waits in q.get()`);
      expect(judgement.explanation.zh).toContain(`${name} 卡在 q.get()`);
    }
    expect(judgement.explanation.en).toContain('MainProcess waits in buyer-4.join()');
    expectFigures(judgement, { Produced: 3, Consumed: 3, Lost: 0, Duplicated: 0, 'Still blocked': 2 });
    expect(result.console.filter((l) => / got ticket \d$/.test(l.text))).toHaveLength(3);
  });

  it('one ticket, five buyers: whoever is caught between the check and the get is named', async () => {
    const { result, judgement } = await runScenario(machine(), 'queue-tickets', { tickets: 1, buyers: 5 }, { mode: 'step', seed: 1 });
    expect(judgement.verdict).toBe('deadlock');
    const stuck = result.procs.filter((p) => p.pid > 0 && p.state === 'blocked').map((p) => p.name);
    expect(stuck.length).toBeGreaterThanOrEqual(1);
    for (const name of stuck) expect(judgement.explanation.en).toContain(`${name} waits in q.get()`);
    expect(figure(judgement, 'Still blocked')).toBe(stuck.length + 1);
  });

  it('safe form: three tickets sold once each, two buyers told it is sold out', async () => {
    const { result, judgement } = await runOk(machine(), 'queue-tickets', { safe: 'on' }, { mode: 'step', seed: 1 });
    expect(figure(judgement, 'Consumed')).toBe(3);
    expect(figure(judgement, 'Still blocked')).toBe(0);
    expect(result.console.filter((l) => l.text.endsWith(': sold out'))).toHaveLength(2);
    expect(result.console.at(-1)?.text).toBe('tickets left: 0');
    expect(result.procs.every((p) => p.exitcode === 0)).toBe(true);
  });

  it('more tickets than buyers: the unsold ones stay in the queue and are not counted as lost', async () => {
    const { result, judgement } = await runScenario(machine(), 'queue-tickets', { tickets: 8, buyers: 3 }, { mode: 'step', seed: 1 });
    expect(judgement.verdict).toBe('ok');
    expectFigures(judgement, { Produced: 8, Consumed: 3, Lost: 0 });
    expect(result.console.at(-1)?.text).toBe('tickets left: 5');
  });
});

describe('queue-tickets under the clock mode', () => {
  it('the same seed replays the same run', async () => {
    await expectReplay(machine(), 'queue-tickets', {}, { mode: 'clock', seed: 7 });
  });

  it('the race also happens with random arrival times, and the safe form never deadlocks', async () => {
    const verdicts: string[] = [];
    for (const seed of [1, 2, 3, 4]) {
      verdicts.push((await runScenario(machine(), 'queue-tickets', {}, { mode: 'clock', seed })).judgement.verdict);
      const safe = await runScenario(machine(), 'queue-tickets', { safe: 'on' }, { mode: 'clock', seed });
      expect(safe.judgement.verdict).toBe('ok');
      expect(figure(safe.judgement, 'Consumed')).toBe(3);
    }
    expect(verdicts).toContain('deadlock');
  });
});

describe('queue-tickets under the parallel mode', () => {
  it('safe form: ok on real threads, run after run', async () => {
    for (const seed of [1, 2, 3]) {
      const { result, judgement } = await runOk(machine(), 'queue-tickets', { safe: 'on' }, { mode: 'parallel', seed, turbo: true });
      expect(figure(judgement, 'Consumed')).toBe(3);
      expect(result.console.filter((l) => l.text.endsWith(': sold out'))).toHaveLength(2);
    }
  });
});

describe('queue-tickets: Python source', () => {
  it('every event is tagged with a non-blank line that does what the op does', async () => {
    const pattern = {
      put: /q\.put\(/,
      get: /q\.get(_nowait)?\(\)/,
      qsize: /q\.qsize\(\)/,
    };
    for (const safe of ['on', 'off']) {
      const { kinds } = await expectTaggedLines(machine(), 'queue-tickets', { safe }, { mode: 'step', seed: 2 }, pattern);
      expect(kinds).toContain('get');
      if (safe === 'off') expect(kinds).toContain('qsize');
    }
    expect(queueTickets.python(withDefaults('queue-tickets', { tickets: 4, buyers: 9 }) as never)).toContain('TICKETS = 4\nBUYERS = 9\n');
    expect(queueTickets.maxProcesses(withDefaults('queue-tickets', {}) as never)).toBe(6);
  });
});
