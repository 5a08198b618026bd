/**
 * The explorer's table (docs/ARCHITECTURE.md, "The search"): for each case, the search the app runs
 * with no bound chosen (`IterativeSearch`, as `Job` builds it), on real Node worker_threads. Per case:
 * runs (executions started: repeats and runs cut short by sleep sets included) and CPU seconds (this
 * process and its worker threads) to the first violated or deadlocked run and to the end, the traces
 * counted, whether the end is a proof (complete) and the bound covered. Executions are the load-free figure; CPU seconds move with the machine's load.
 *
 * Run: node --import tsx src/explore/testing/exploreTable.ts [--only=tickets] [--cap=50000] [--ms=120000]
 * Same file, same command in another tree (an A/B): it uses only `IterativeSearch` and `RewindableRun`.
 */
import { scenarioMachine, withDefaults } from '../../scenarios/testing/run';
import { scenarioById } from '../../scenarios/registry';
import { RewindableRun } from '../rewind';
import { IterativeSearch } from '../search';
import type { ScenarioParams } from '../../scenarios/types';

const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const CAP = Number(arg('cap', '50000'));
const WALL_MS = Number(arg('ms', '120000'));
const only = arg('only', '');

const label = (id: string, p: ScenarioParams) => `${id} ${Object.entries(p).map(([k, v]) => `${k}=${v}`).join(' ')}`;
const CASES: [string, ScenarioParams][] = [
  ...[3, 5, 10].flatMap((clients) => (['off', 'on'] as const).map((lock): [string, ScenarioParams] => ['tickets', { clients, tickets: 1, lock }])),
  ...[2, 100].flatMap((n) => (['off', 'on'] as const).map((lock): [string, ScenarioParams] => ['bank', { n, lock }])),
  ...(['self', 'abba', 'philosophers', 'terminate'] as const).flatMap((c) => (['off', 'on'] as const).map((fix): [string, ScenarioParams] => ['deadlock', { case: c, fix }])),
].filter(([id, p]) => !only || only.split(',').some((o) => label(id, p).includes(o)));

const machine = await scenarioMachine(12);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const rows: string[] = ['| case | first bug: runs | first bug: CPU s | end: runs | traces | end: CPU s | wall s | end |'];
for (const [id, given] of CASES) {
  const params = withDefaults(id, given);
  const { mem } = await machine.attach(id, params, { layout: { ringEvents: 1024 } });
  const run = new RewindableRun(mem, scenarioById.get(id)!, params, { mode: 'step', seed: 1 });
  const search = new IterativeSearch(run, { reduction: true, maxSchedules: CAP });
  const c0 = cpu();
  const t0 = performance.now();
  let firstBug: { runs: number; cpu: number } | null = null;
  let runs = 0;
  while (search.next()) {
    runs++;
    const p = search.progress();
    if (!firstBug && p.violating + p.deadlocked > 0) firstBug = { runs, cpu: cpu() - c0 };
    if (performance.now() - t0 > WALL_MS) search.stop();
  }
  const p = search.progress();
  if (!firstBug && p.violating + p.deadlocked > 0) firstBug = { runs: runs + 1, cpu: cpu() - c0 };
  const end = p.complete ? 'complete' : `${p.stopped} (covered ${p.coveredUpTo})`;
  const row = `| ${label(id, given)} | ${firstBug?.runs ?? '—'} | ${firstBug ? firstBug.cpu.toFixed(1) : '—'} | ${runs + 1} | ${p.explored} | ${(cpu() - c0).toFixed(1)} | ${((performance.now() - t0) / 1000).toFixed(1)} | ${end}; outcomes ${p.outcomes.map((o) => `${o.value}×${o.count}`).join(' ')} |`;
  rows.push(row);
  console.error(row);
}
await machine.close();
console.log(rows.join('\n'));
