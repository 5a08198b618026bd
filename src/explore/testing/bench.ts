/**
 * The explorer's and the statistics' throughput on real Node worker_threads
 * (the same RewindableRun the kernel worker drives in the page):
 *   - schedules per second, with and without partial-order reduction, and the
 *     reduction factor (schedules without / with), for tickets with 3 and 2
 *     clients and bank with n = 2 and 1, lock off (the full search is capped);
 *   - statistics runs per second (clock mode, tickets 3 clients) against the
 *     time of one fresh run (new buffer, workers attached, run, judged).
 * Run: node --import tsx src/explore/testing/bench.ts  (prints one JSON line of rows).
 */
import { scenarioMachine, runScenario, withDefaults } from '../../scenarios/testing/run';
import { scenarioById } from '../../scenarios/registry';
import { RewindableRun } from '../rewind';
import { Search } from '../search';
import { Statistics } from '../statistics';
import type { ScenarioParams } from '../../scenarios/types';

const CAP = 20_000;
const machine = await scenarioMachine(4);

async function rewindable(id: string, given: ScenarioParams): Promise<RewindableRun> {
  const params = withDefaults(id, given);
  const { mem } = await machine.attach(id, params, { layout: { ringEvents: 1024 } });
  return new RewindableRun(mem, scenarioById.get(id)!, params, { mode: 'step', seed: 1 });
}

const rows: Record<string, unknown>[] = [];
for (const [id, params] of [
  ['tickets', { clients: 3, tickets: 1, lock: 'off' }],
  ['tickets', { clients: 2, tickets: 1, lock: 'off' }],
  ['bank', { n: 2, lock: 'off' }],
  ['bank', { n: 1, lock: 'off' }],
] as const) {
  const run = await rewindable(id, params);
  const measure = (reduction: boolean) => {
    const t0 = performance.now();
    const search = new Search(run, { reduction, bound: null, maxSchedules: CAP });
    const r = search.runAll();
    if (search.replayRetries) console.error(`replay retried ${search.replayRetries}x: ${search.lastRetry}`);
    const ms = performance.now() - t0;
    return { schedules: r.explored, complete: r.complete, outcomes: r.outcomes.map((o) => `${o.value}:${o.count}`).join(' '), ms: Math.round(ms), schedulesPerSecond: Math.round((r.explored * 1000) / ms), transitionsPerSecond: Math.round((r.transitions * 1000) / ms) };
  };
  const reduced = measure(true);
  const full = measure(false);
  rows.push({ case: `${id} ${JSON.stringify(params)}`, reduced, full, reductionFactor: full.complete ? +(full.schedules / reduced.schedules).toFixed(1) : `> ${(full.schedules / reduced.schedules).toFixed(1)} (full search capped at ${CAP})` });
}

{
  const params = { clients: 3, tickets: 1, lock: 'off' };
  const stats = new Statistics(await rewindable('tickets', params), { runs: 500, mode: 'clock', seed: 1 });
  const t0 = performance.now();
  while (stats.next());
  const ms = performance.now() - t0;
  const singles: number[] = [];
  for (let i = 0; i < 10; i++) {
    const s0 = performance.now();
    await runScenario(machine, 'tickets', params, { mode: 'clock', seed: i, turbo: true });
    singles.push(performance.now() - s0);
  }
  singles.sort((a, b) => a - b);
  rows.push({ case: 'statistics tickets 3 clients (clock)', runs: 500, runsPerSecond: Math.round((500 * 1000) / ms), msPerRun: +(ms / 500).toFixed(2), freshRunMedianMs: +singles[5]!.toFixed(2) });
}

await machine.close();
console.log(JSON.stringify(rows));
