/**
 * `Scenario.printsCommute` on real threads: a scenario that declares it is judged the same whatever the
 * order of its processes' lines, and the explorer that lets its prints commute reaches every outcome
 * and every bug the search with ordered prints reaches.
 */
import { describe, expect, it } from 'vitest';
import { withDefaults } from '../scenarios/testing/run';
import { useScenarioMachine } from '../scenarios/testing/expectations';
import { scenarios, scenarioById } from '../scenarios/registry';
import type { Scenario, ScenarioParams } from '../scenarios/types';
import { Rng } from '../core/rng';
import { RewindableRun } from './rewind';
import { Search } from './search';

const machine = useScenarioMachine(6);

async function rewindable(scenario: Scenario, given: ScenarioParams): Promise<RewindableRun> {
  const params = withDefaults(scenario.id, given);
  const { mem } = await machine().attach(scenario.id, params, { layout: { ringEvents: 256 } });
  return new RewindableRun(mem, scenario, params, { mode: 'step', seed: 1 });
}

/** Small settings of each scenario that declares it (every declaring scenario must be listed). */
const CASES: Record<string, ScenarioParams[]> = {
  tickets: [
    { clients: 3, tickets: 1, lock: 'off' },
    { clients: 3, tickets: 2, lock: 'on' },
  ],
  bank: [{ n: 2, lock: 'off' }],
  deadlock: [
    { case: 'abba', fix: 'off' },
    { case: 'philosophers', n: 3, fix: 'off' },
    { case: 'terminate', fix: 'off' },
    { case: 'self', fix: 'off' },
  ],
};

/** The lines in another order that each process's own lines keep (the orders a schedule can give). */
function interleave<L extends { pid: number }>(lines: L[], rng: Rng): L[] {
  const byPid = new Map<number, L[]>();
  for (const l of lines) byPid.set(l.pid, [...(byPid.get(l.pid) ?? []), l]);
  const queues = [...byPid.values()];
  const out: L[] = [];
  while (queues.some((q) => q.length > 0)) {
    const open = queues.filter((q) => q.length > 0);
    out.push(open[rng.int(open.length)]!.shift()!);
  }
  return out;
}

describe('scenarios whose prints commute', () => {
  it('are each listed here', () => {
    expect(scenarios.filter((s) => s.printsCommute).map((s) => s.id).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [id, list] of Object.entries(CASES)) {
    for (const given of list) {
      it(`${id} ${JSON.stringify(given)}: the same verdict and figures with the lines of random schedules reordered`, async () => {
        const scenario = scenarioById.get(id)!;
        const run = await rewindable(scenario, given);
        const rng = new Rng(7);
        let reordered = 0;
        let shared = 0;
        for (let k = 0; k < 25; k++) {
          run.reset();
          for (let e = run.enabled(); e.length > 0; e = run.enabled()) run.step(e[rng.int(e.length)]!);
          const result = run.result();
          const want = scenario.judge(result, run.params);
          if (new Set(result.console.map((l) => l.pid)).size > 1) shared++;
          for (let j = 0; j < 4; j++) {
            const lines = interleave(result.console, rng);
            if (lines.some((l, i) => l !== result.console[i])) reordered++;
            const got = scenario.judge({ ...result, console: lines }, run.params);
            expect({ verdict: got.verdict, figures: got.figures }).toEqual({ verdict: want.verdict, figures: want.figures });
          }
        }
        // Where two processes print, some reordering moved a line (bank: only the main process prints).
        expect(reordered > 0).toBe(shared > 0);
      });
    }
  }

  for (const [id, given] of [
    ['tickets', { clients: 2, tickets: 1, lock: 'off' }],
    ['tickets', { clients: 2, tickets: 1, lock: 'on' }],
    ['deadlock', { case: 'abba', fix: 'off' }],
  ] as const) {
    it(`${id} ${JSON.stringify(given)}: the reduced search reaches every outcome and bug it reaches with ordered prints, in fewer schedules`, async () => {
      const scenario = scenarioById.get(id)!;
      const commuting = new Search(await rewindable(scenario, given), { reduction: true, bound: null }).runAll();
      const ordered = new Search(await rewindable({ ...scenario, printsCommute: false }, given), { reduction: true, bound: null }).runAll();
      expect(ordered.complete && commuting.complete).toBe(true);
      const seen = (r: typeof ordered) => r.outcomes.map((o) => `${o.value} ${o.verdicts.join(',')}`).sort();
      expect(seen(commuting)).toEqual(seen(ordered));
      expect(commuting.violating > 0).toBe(ordered.violating > 0);
      expect(commuting.deadlocked > 0).toBe(ordered.deadlocked > 0);
      expect(commuting.explored).toBeLessThan(ordered.explored);
    });
  }
});
