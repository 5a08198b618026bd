/**
 * tickets on real threads: without the lock the one ticket is sold many
 * times; with it, sales match the tickets and the file, under every policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeMachine } from '../../kernel/testing/nodeMachine';
import { runScenario, scenarioMachine, withDefaults } from '../testing/run';
import { tickets } from '.';
import { Memory } from '../../core/layout';
import { World } from '../../core/world';

let machine: NodeMachine;
beforeAll(async () => {
  machine = await scenarioMachine(12);
}, 60_000);
afterAll(async () => {
  await machine?.close();
});

const figure = (j: { figures: { key: string; value: string | number }[] }, key: string) => j.figures.find((f) => f.key === key)?.value;

describe('tickets under the step policy (round robin)', () => {
  it('lock off: 10 clients, 1 ticket — oversold', async () => {
    const { result, judgement } = await runScenario(machine, 'tickets', { lock: 'off' }, { policy: 'step', seed: 1 });
    expect(result.status).toBe('finished');
    expect(judgement.verdict).toBe('violated');
    const sold = figure(judgement, 'Tickets sold') as number;
    expect(sold).toBeGreaterThan(1);
    expect(figure(judgement, 'Tickets left')).toBe(0);
    expect(judgement.explanation.en).toBe(`${sold} clients bought the only ticket: each read count=1 before anyone wrote 0.`);
    expect(result.console.at(-1)?.text).toBe('tickets left: 0');
  });

  it('lock on: exactly one sale, nine sold out', async () => {
    const { result, judgement } = await runScenario(machine, 'tickets', { lock: 'on' }, { policy: 'step', seed: 1 });
    expect(judgement.verdict).toBe('ok');
    expect(figure(judgement, 'Tickets sold')).toBe(1);
    expect(figure(judgement, 'Tickets left')).toBe(0);
    expect(result.console.filter((l) => l.text.endsWith('sold out'))).toHaveLength(9);
  });

  it('lock off with more tickets than buyers: the file disagrees with the sales', async () => {
    const { judgement } = await runScenario(machine, 'tickets', { lock: 'off', tickets: 20, clients: 5 }, { policy: 'step', seed: 1 });
    expect(judgement.verdict).toBe('violated');
    expect(figure(judgement, 'Tickets sold')).toBe(5);
    expect(figure(judgement, 'Tickets left')).not.toBe(15);
  });
});

describe('tickets under the clock policy', () => {
  it('the same seed gives the same console and verdict', async () => {
    const a = await runScenario(machine, 'tickets', { lock: 'off' }, { policy: 'clock', seed: 11 });
    const b = await runScenario(machine, 'tickets', { lock: 'off' }, { policy: 'clock', seed: 11 });
    expect(b.result.console).toEqual(a.result.console);
    expect(b.judgement).toEqual(a.judgement);
    expect(b.schedule).toEqual(a.schedule);
  });

  it('lock on: ok', async () => {
    for (const seed of [1, 2, 3]) {
      const { judgement } = await runScenario(machine, 'tickets', { lock: 'on', tickets: 4 }, { policy: 'clock', seed });
      expect(judgement.verdict).toBe('ok');
      expect(figure(judgement, 'Tickets sold')).toBe(4);
      expect(figure(judgement, 'Tickets left')).toBe(0);
    }
  });
});

describe('tickets under the parallel policy', () => {
  it('lock on: ok on real threads, run after run', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const { result, judgement } = await runScenario(machine, 'tickets', { lock: 'on', tickets: 3 }, { policy: 'parallel', seed, turbo: true });
      expect(result.status).toBe('finished');
      expect(judgement.verdict).toBe('ok');
      expect(figure(judgement, 'Tickets sold')).toBe(3);
    }
  });
});

describe('tickets: Python source', () => {
  it('every op is tagged with a Python line that does what the op does', async () => {
    for (const lock of ['on', 'off']) {
      const params = withDefaults('tickets', { lock, tickets: 2, clients: 4 });
      const lines = tickets.python(params as never).split('\n');
      const r = await machine.run('tickets', params, { policy: 'step', seed: 3 });
      expect(r.status).toBe('finished');
      const pattern: Record<string, RegExp> = {
        acquire: /lock\.acquire\(\)/,
        release: /lock\.release\(\)/,
        print: /print\(/,
        sleep: /time\.sleep\(/,
        spawn: /\.start\(\)/,
        join: /\.join\(\)/,
        read: /json\.load\(f\)/,
        write: /json\.dump\(/,
      };
      const kinds = new Set<string>();
      for (const e of r.events) {
        if (e.kind === 'start') continue;
        kinds.add(e.kind);
        const text = lines[e.line - 1];
        expect(text?.trim(), `${e.kind} at line ${e.line}`).toBeTruthy();
        const want = pattern[e.kind];
        if (want) expect(text, `${e.kind} at line ${e.line}`).toMatch(want);
      }
      expect(kinds).toContain('read');
      expect(kinds).toContain('write');
    }
    const src = tickets.python(withDefaults('tickets', {}) as never).split('\n');
    for (const n of tickets.lockLines!(withDefaults('tickets', {}) as never)) expect(src[n - 1]).toMatch(/lock\.(acquire|release)\(\)/);
    expect(tickets.python(withDefaults('tickets', { tickets: 5, clients: 30 }) as never)).toContain('TICKETS = 5\nCLIENTS = 30\n');
  });

  it('judges a run in progress and a deadlock', () => {
    const params = withDefaults('tickets', {}) as never;
    const db = { peek: () => '{"count": 0}' };
    const base = { objs: { db } as never, world: {} as never, procs: [], takes: new Map(), puts: new Map(), console: [{ pid: 1, text: 'client 1 bought a ticket, 0 left' }] };
    const running = tickets.judge({ ...base, status: 'running' }, params);
    expect(running.verdict).toBe('running');
    expect(running.figures.map((f) => f.value)).toEqual([1, 0]);
    expect(tickets.judge({ ...base, status: 'deadlock' }, params).verdict).toBe('deadlock');
    expect(tickets.judge({ ...base, status: 'finished' }, params).verdict).toBe('ok');
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
