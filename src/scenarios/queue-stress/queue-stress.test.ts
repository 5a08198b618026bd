/**
 * queue-stress (bench-only) on real threads: every numbered item goes through
 * the bounded queue and is consumed exactly once (the log's balance and the
 * shared per-item words agree), each op is tagged with its Python line, and the
 * URL opens it while no list shows it.
 */
import { describe, expect, it } from 'vitest';
import { afterAll, beforeAll } from 'vitest';
import { NodeMachine } from '../../kernel/testing/nodeMachine';
import { settingsFromQuery } from '../../lab/settings';
import { scenarios, scenarioById } from '../registry';
import { runScenario, workerModule } from '../testing/run';
import { expectFigures, expectReplay } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';
import { queueStress } from '.';

let m: NodeMachine | undefined;
beforeAll(async () => {
  m = await NodeMachine.create(new URL('../testing/benchOnly.ts', import.meta.url).href, 9, { workerModule });
}, 60_000);
afterAll(async () => {
  await m?.close();
});
const machine = () => m!;

/** How many times each item's shared word says a consumer got it. */
function tallies(r: { result: { objs: unknown; world: { mem: { i32: Int32Array } } } }, total: number): number[] {
  const { tally } = r.result.objs as { tally: number };
  return Array.from(r.result.world.mem.i32.subarray(tally, tally + total));
}

describe('queue-stress: producers × consumers through Queue(maxsize)', () => {
  it('parallel turbo, 4 × 4 × 500 through Queue(8): every item consumed exactly once', async () => {
    const r = await runScenario(machine(), 'queue-stress', { items: 500 }, { mode: 'parallel', seed: 1, turbo: true });
    expect(r.result.status).toBe('finished');
    expect(r.judgement.verdict).toBe('ok');
    expectFigures(r.judgement, { Produced: 2000, Consumed: 2000, Lost: 0, Duplicated: 0, 'Still blocked': 0 });
    expect(r.judgement.explanation.en).toBe('All 2,000 items went through the queue and were consumed exactly once.');
    expect(new Set(tallies(r, 2000))).toEqual(new Set([1]));
  });

  it('clock: the same seed replays the same run; a full Queue(1) blocks the producers', async () => {
    const a = await expectReplay(machine(), 'queue-stress', { producers: 2, consumers: 3, items: 20, maxsize: 1 }, { mode: 'clock', seed: 5 });
    expect(a.judgement.verdict).toBe('ok');
    expectFigures(a.judgement, { Produced: 40, Consumed: 40, Lost: 0, Duplicated: 0 });
  });

  it('tags each op with its Python line', async () => {
    const { kinds } = await expectTaggedLines(machine(), 'queue-stress', { producers: 2, consumers: 2, items: 10, maxsize: 2 }, { mode: 'step', seed: 1 }, { put: /q\.put\(/, get: /q\.get\(\)/ });
    for (const k of ['spawn', 'put', 'get', 'join', 'block']) expect(kinds).toContain(k);
  });

  it('the URL opens it; the start page and the picker do not list it', () => {
    const { settings, notices } = settingsFromQuery(new URLSearchParams('scenario=queue-stress&producers=4&consumers=4&items=100000&maxsize=8&mode=parallel&turbo=on'));
    expect(notices).toEqual([]);
    expect(settings).toMatchObject({ scenarioId: 'queue-stress', mode: 'parallel', turbo: true, params: { producers: 4, consumers: 4, items: 100_000, maxsize: 8 } });
    expect(scenarioById.get('queue-stress')).toBe(queueStress);
    expect(scenarios).not.toContain(queueStress);
  });
});
