/**
 * English verdicts agree with their counts: each judge is given a made-up
 * result whose count is 1 ("1 item were got twice" was the texts' word), and
 * the Chinese text, which has no plural, still carries the number.
 */
import { describe, expect, it } from 'vitest';
import type { Judgement, RunResult } from './types';
import { scenarioById } from './registry';
import { withDefaults } from './testing/run';

type Status = RunResult<unknown>['status'];

/** Queue item serials: `puts` put once each; `takes` maps a serial to how many times it was got. */
function judge(id: string, params: Record<string, number | string>, status: Status, opts: { puts?: number[]; takes?: Record<number, number>; objs?: unknown; procs?: unknown[] } = {}): Judgement {
  const sc = scenarioById.get(id)!;
  const result = {
    objs: opts.objs ?? { q: { size: 0, unfinished: 0 } },
    world: {} as never,
    procs: opts.procs ?? [],
    console: [],
    status,
    puts: new Map([[1, opts.puts ?? []]]),
    takes: new Map([[1, new Map(Object.entries(opts.takes ?? {}).map(([s, n]) => [Number(s), n]))]]),
  };
  return sc.judge(result as never, withDefaults(id, params) as never);
}

const en = (j: Judgement) => j.explanation.en;

describe('English verdicts agree in number with a count of 1', () => {
  it('queue-basics: "1 was got twice"', () => {
    const j = judge('queue-basics', {}, 'finished', { puts: [1, 2], takes: { 1: 2, 2: 1 } });
    expect(en(j)).toBe('0 items vanished and 1 was got twice.');
    expect(j.explanation.zh).toContain('1 件被取了两次');
  });

  it('queue-stress: "All 1 item went through the queue and was consumed"', () => {
    const j = judge('queue-stress', { producers: 1, items: 1 }, 'finished', { puts: [1], takes: { 1: 1 } });
    expect(en(j)).toBe('All 1 item went through the queue and was consumed exactly once.');
  });

  it('pipe: 1 message was never received, 1 was received twice', () => {
    const j = judge('pipe', {}, 'finished', { puts: [1, 2], takes: { 1: 2 } });
    expect(en(j)).toBe('1 message was never received and 1 was received twice.');
  });

  it('joinable: 1 task was taken once; its 1 daemon consumer was terminated', () => {
    expect(en(judge('joinable', {}, 'finished', { puts: [1, 2], takes: { 1: 2 } }))).toBe('1 task was never taken and 1 was taken twice.');
    const ok = judge('joinable', { items: 1, consumers: 1 }, 'finished', { puts: [1], takes: { 1: 1 }, procs: [{ pid: 1, exitcode: -15 }] });
    expect(en(ok)).toMatch(/^All 1 task was taken once .* its 1 daemon consumer was terminated/);
  });

  it('pool: apply_async and imap_unordered say the results came in the order they finished, even when that was the input order', () => {
    const sc = scenarioById.get('pool')!;
    const console = [{ pid: 1, text: 'ForkPoolWorker-1 squares 0' }, { pid: 0, text: '[0, 1, 4]' }];
    const j = sc.judge({ objs: {}, world: {} as never, procs: [], console, status: 'finished', puts: new Map(), takes: new Map() } as never, withDefaults('pool', { tasks: 3, call: 'apply_async' }) as never);
    expect(en(j)).toBe('3 tasks on 1 worker: each worker took task after task; apply_async handed the results over in the order they finished, which this time happened to be the input order.');
    expect(j.explanation.zh).toContain('apply_async 交回结果的顺序是按完成的先后，这一次恰好就是输入的顺序');
  });

  it('pool: "1 of 3 workers has squared"; "not the 1 square of range(1)"', () => {
    const sc = scenarioById.get('pool')!;
    const at = (status: Status, console: { pid: number; text: string }[], params: Record<string, number | string>) =>
      sc.judge({ objs: {}, world: {} as never, procs: [], console, status, puts: new Map(), takes: new Map() } as never, withDefaults('pool', params) as never).explanation.en;
    expect(at('running', [{ pid: 1, text: 'ForkPoolWorker-1 squares 0' }], {})).toBe('Running: 1 of 3 workers has squared something so far.');
    expect(at('finished', [{ pid: 0, text: '[]' }], { tasks: 1 })).toMatch(/^The parent printed 0 results, not the 1 square of range\(1\)/);
  });

  it('queue-tickets: 1 ticket was taken twice; 1 buyer was told it was sold out', () => {
    expect(en(judge('queue-tickets', {}, 'finished', { puts: [1], takes: { 1: 2 }, objs: { q: { size: 0 } } }))).toBe('1 ticket was taken twice and 0 vanished.');
    const ok = judge('queue-tickets', { tickets: 1, buyers: 2 }, 'finished', { puts: [1], takes: { 1: 1 }, objs: { q: { size: 0 } } });
    expect(en(ok)).toMatch(/^1 of 1 ticket went to 1 buyer, each exactly once, and 1 buyer was told it was sold out/);
  });

  it('sentinels: "0 Nones for 1 consumer"', () => {
    expect(en(judge('sentinels', { consumers: 1, sentinels: 0 }, 'deadlock'))).toMatch(/Main put 0 Nones for 1 consumer, so 1 consumer never gets one\.$/);
  });

  it('printer: a deadlock after 1 line says "1 line printed"', () => {
    const sc = scenarioById.get('printer')!;
    const result = { objs: {}, world: {} as never, procs: [], console: [{ pid: 1, text: 'user 1: line 1 of 3' }], status: 'deadlock', puts: new Map(), takes: new Map() };
    expect(sc.judge(result as never, withDefaults('printer', {}) as never).explanation.en).toMatch(/^Nobody can move: 1 line printed,/);
  });

  it('bank: 1 withdrawal and 1 deposit; 1 deposit was lost before it was written', () => {
    const sc = scenarioById.get('bank')!;
    const params = withDefaults('bank', { n: 1, pairs: 1 }) as never;
    const base = { world: {} as never, procs: [], takes: new Map(), puts: new Map(), console: [], status: 'finished' };
    expect(sc.judge({ ...base, objs: { num: { peek: () => 100 } } } as never, params).explanation.en).toBe('After 1 withdrawal and 1 deposit of 1 the balance is back at 100.');
    expect(sc.judge({ ...base, objs: { num: { peek: () => 99 } } } as never, params).explanation.en).toBe(
      'The balance ended at 99, 1 below 100: at least 1 deposit was lost, overwritten by a store computed from a balance loaded before it was written.',
    );
  });
});
