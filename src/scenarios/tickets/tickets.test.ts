/**
 * tickets on real threads: without the lock the one ticket is sold many
 * times; with it, sales match the tickets and the file, under every mode.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, withDefaults } from '../testing/run';
import { expectReplay, figure, judgeMadeUp, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines, LOCK_OPS } from '../testing/lines';
import { tickets } from '.';
import { Memory } from '../../core/layout';
import { World } from '../../core/world';

const machine = useScenarioMachine(12);


describe('tickets under the step mode (round robin)', () => {
  it('lock off: 10 clients, 1 ticket — oversold', async () => {
    const { result, judgement } = await runScenario(machine(), 'tickets', { lock: 'off' }, { mode: 'step', seed: 1 });
    expect(result.status).toBe('finished');
    expect(judgement.verdict).toBe('violated');
    const sold = figure(judgement, 'Tickets sold') as number;
    expect(sold).toBeGreaterThan(1);
    expect(figure(judgement, 'Tickets left')).toBe(0);
    expect(judgement.explanation.en).toBe(`${sold} clients bought the only ticket: each read count=1 before anyone wrote 0.`);
    expect(result.console.at(-1)?.text).toBe('tickets left: 0');
  });

  it('lock on: exactly one sale, nine sold out', async () => {
    const { result, judgement } = await runScenario(machine(), 'tickets', { lock: 'on' }, { mode: 'step', seed: 1 });
    expect(judgement.verdict).toBe('ok');
    expect(figure(judgement, 'Tickets sold')).toBe(1);
    expect(figure(judgement, 'Tickets left')).toBe(0);
    expect(result.console.filter((l) => l.text.endsWith('sold out'))).toHaveLength(9);
  });

  it('lock off with more tickets than buyers: the file disagrees with the sales', async () => {
    const { judgement } = await runScenario(machine(), 'tickets', { lock: 'off', tickets: 20, clients: 5 }, { mode: 'step', seed: 1 });
    expect(judgement.verdict).toBe('violated');
    expect(figure(judgement, 'Tickets sold')).toBe(5);
    expect(figure(judgement, 'Tickets left')).not.toBe(15);
  });
});

describe('tickets under the clock mode', () => {
  it('the same seed gives the same console and verdict', async () => {
    await expectReplay(machine(), 'tickets', { lock: 'off' }, { mode: 'clock', seed: 11 });
  });

  it('lock on: ok', async () => {
    for (const seed of [1, 2, 3]) {
      const { judgement } = await runScenario(machine(), 'tickets', { lock: 'on', tickets: 4 }, { mode: 'clock', seed });
      expect(judgement.verdict).toBe('ok');
      expect(figure(judgement, 'Tickets sold')).toBe(4);
      expect(figure(judgement, 'Tickets left')).toBe(0);
    }
  });
});

describe('tickets under the parallel mode', () => {
  it('lock on: ok on real threads, run after run', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const { judgement } = await runOk(machine(), 'tickets', { lock: 'on', tickets: 3 }, { mode: 'parallel', seed, turbo: true });
      expect(figure(judgement, 'Tickets sold')).toBe(3);
    }
  });
});

describe('tickets: Python source', () => {
  it('every op is tagged with a Python line that does what the op does', async () => {
    for (const lock of ['on', 'off']) {
      const { run: r, kinds } = await expectTaggedLines(machine(), 'tickets', { lock, tickets: 2, clients: 4 }, { mode: 'step', seed: 3 }, {
        ...LOCK_OPS,
        read: /json\.load\(f\)/,
        write: /json\.dump\(/,
      });
      expect(r.status).toBe('finished');
      expect(kinds).toContain('read');
      expect(kinds).toContain('write');
    }
    const src = tickets.python(withDefaults('tickets', {}) as never).split('\n');
    const struck = tickets.struckLines!(withDefaults('tickets', { lock: 'off' }) as never);
    expect(struck).toHaveLength(2);
    for (const n of struck) expect(src[n - 1]).toMatch(/lock\.(acquire|release)\(\)/);
    expect(tickets.python(withDefaults('tickets', { tickets: 5, clients: 30 }) as never)).toContain('TICKETS = 5\nCLIENTS = 30\n');
  });

  it('judges a run in progress and a deadlock', () => {
    const db = { peek: () => '{"count": 0}' };
    const { running, deadlock, finished } = judgeMadeUp('tickets', { db }, [{ pid: 1, text: 'client 1 bought a ticket, 0 left' }]);
    expect(running.verdict).toBe('running');
    expect(running.figures.map((f) => f.value)).toEqual([1, 0]);
    expect(deadlock.verdict).toBe('deadlock');
    expect(finished.verdict).toBe('ok');
  });
});

describe('tickets with 100 clients', () => {
  // A 101-thread machine takes ~40 s to boot (tsx in every worker), so the largest run is checked on memory alone.
  it('the largest run fits: 101 process slots, every line it can print', () => {
    const params = withDefaults('tickets', { clients: 100, tickets: 1000 }) as never;
    expect(tickets.maxProcesses(params)).toBe(101);
    const world = new World(Memory.create({ maxProcs: tickets.maxProcesses(params) }), true);
    const objs = tickets.setup(world, params);
    expect(objs.db.peek()).toBe('{"count": 1000}');
    // 100 searches, 100 sales, and main's last line, at their longest.
    for (let i = 0; i < 100; i++) objs.console.append(100, 'client 100 sees 1000 ticket(s) left');
    for (let i = 0; i < 100; i++) objs.console.append(100, 'client 100 bought a ticket, 999 left');
    objs.console.append(0, 'tickets left: 1000');
    expect(objs.console.length).toBe(201);
  });
});
