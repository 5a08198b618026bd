/**
 * Pool and Manager under real threads: workers fed by a task queue and reused,
 * map in order, callbacks before join() returns, a worker's exception raised in
 * the parent by name; a Manager's proxies as request/reply round trips, exact
 * with a lock, lossy without it, and KeyError by name.
 */
import { describe, expect, it } from 'vitest';
import { useNodeMachine } from '../kernel/testing/useNodeMachine';
import { S } from './layout';
import { errorName } from './errors';
import { mapChunksize } from './pool';
import type { Console } from './data';
import type { DictProxy, ListProxy } from './manager';
import type { RunConfig } from '../kernel/scheduler';

const registryModule = new URL('./testing/scenarios.ts', import.meta.url).href;
const machine = useNodeMachine(registryModule, 7);

type Objs = { console: Console; d: DictProxy; l: ListProxy };
const base = { which: 'map', processes: 3, tasks: 10, locked: true };
const MODES: Omit<RunConfig, 'mainProgram'>[] = [
  { mode: 'step', seed: 1 },
  { mode: 'clock', seed: 2 },
  { mode: 'parallel', seed: 3, turbo: true },
];
const run = (params: Partial<typeof base>, config: Omit<RunConfig, 'mainProgram'>) => machine().run<Objs>('poolmgr', { ...base, ...params }, config, { quiet: true, timeoutMs: 60_000 });
const printed = (r: { objs: Objs }, pid = 0) => r.objs.console.lines().filter((l) => l.pid === pid).map((l) => l.text);

describe('Pool', () => {
  it("chunks map's input as CPython does", () => {
    expect(mapChunksize(10, 3)).toBe(1);
    expect(mapChunksize(50, 3)).toBe(5);
    expect(mapChunksize(50, 1)).toBe(13);
    expect(mapChunksize(0, 3)).toBe(0);
  });

  for (const config of MODES) {
    it(`map returns the squares in input order, the workers are reused and end on the sentinel (${config.mode})`, async () => {
      const r = await run({ which: 'map', tasks: 12 }, config);
      expect(r.status).toBe('finished');
      expect(printed(r)).toEqual([JSON.stringify(Array.from({ length: 12 }, (_, x) => x * x)).replace(/,/g, ', '), 'workers alive 0']);
      // Three workers (pids 1–3) did twelve calls between them: reused, never more processes than the pool.
      const workers = new Set(r.objs.console.lines().filter((l) => l.pid > 0).map((l) => l.pid));
      expect([...workers].every((w) => w >= 1 && w <= 3)).toBe(true);
      expect(r.objs.console.lines().filter((l) => l.pid > 0)).toHaveLength(12);
      expect(r.exitcodes.slice(0, 4)).toEqual([0, 0, 0, 0]);
    }, 90_000);
  }

  it('apply_async: get() waits for its own result, every callback has run when join() returns', async () => {
    for (const config of MODES) {
      const r = await run({ which: 'apply', tasks: 8 }, config);
      expect(r.status).toBe('finished');
      expect(printed(r)).toEqual(['first 0 ready True', 'callbacks 8 True', '[0, 1, 4, 9, 16, 25, 36, 49]']);
    }
  }, 90_000);

  it('imap_unordered yields every square once', async () => {
    for (const config of MODES) {
      const r = await run({ which: 'imap', tasks: 9, processes: 2 }, config);
      expect(printed(r)[0]).toBe('[0, 1, 4, 9, 16, 25, 36, 49, 64]');
    }
  }, 90_000);

  it("a worker's exception is raised in the parent by its Python name; the worker lives on", async () => {
    const r = await run({ which: 'map-raises', tasks: 6 }, { mode: 'step', seed: 1 });
    expect(r.exitcodes[0]).toBe(1);
    expect(errorName(r.mem.load(0, S.error))).toBe('ValueError');
    expect(printed(r).at(-1)).toBe('MainProcess: ValueError: three is bad luck');
    // The daemonic workers are terminated when the parent ends, as Python's are.
    expect(r.exitcodes.slice(1, 4)).toEqual([-15, -15, -15]);
  }, 60_000);

  it('join() on a running pool raises ValueError', async () => {
    const r = await run({ which: 'join-running' }, { mode: 'step', seed: 1 });
    expect(r.exitcodes[0]).toBe(1);
    expect(errorName(r.mem.load(0, S.error))).toBe('ValueError');
    expect(printed(r).at(-1)).toContain('Pool is still running');
  }, 60_000);
});

describe('Manager', () => {
  for (const config of MODES) {
    it(`with the lock every increment through the proxy counts (${config.mode})`, async () => {
      const r = await run({ which: 'counter', processes: 4, tasks: config.mode === 'parallel' ? 500 : 20, locked: true }, config);
      expect(r.status).toBe('finished');
      const n = 4 * (config.mode === 'parallel' ? 500 : 20);
      expect(printed(r)).toEqual([`count ${n} length ${n}`]);
      expect(r.objs.d.peek()).toEqual({ json: `{"count": ${n}}`, length: 1 });
      expect(r.objs.l.peek().length).toBe(n);
    }, 120_000);
  }

  it('without the lock, a get and a set from two workers interleave: updates are lost, appends are not', async () => {
    // Step mode, round robin: every worker gets the same count before any sets it.
    const r = await run({ which: 'counter', processes: 3, tasks: 10, locked: false }, { mode: 'step', seed: 1 });
    const m = /^count (\d+) length (\d+)$/.exec(printed(r)[0] ?? '');
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeLessThan(30);
    expect(Number(m![2])).toBe(30);
  }, 60_000);

  it('a missing key raises KeyError in the client, from the server', async () => {
    const r = await run({ which: 'keyerror' }, { mode: 'step', seed: 1 });
    expect(printed(r)).toEqual(['caught KeyError']);
    expect(r.status).toBe('finished');
    expect(r.exitcodes.slice(0, 2)).toEqual([0, 0]);
  }, 60_000);
});
