/**
 * Challenges are checked from real runs (real threads), and progress keeps
 * what was met and the fewest steps.
 */
import { describe, expect, it } from 'vitest';
import { judgeChallenges } from '../lab/challengeProgress';
import type { Challenge, ChallengeRun } from './challenges';
import { scenarioById, scenarios } from './registry';
import { runScenario, withDefaults } from './testing/run';
import { useScenarioMachine } from './testing/expectations';
import type { ScenarioParams } from './types';

const machine = useScenarioMachine(6);

async function finishedRun(id: string, given: ScenarioParams, mode: 'step' | 'clock', seed = 7): Promise<ChallengeRun> {
  const { judgement, schedule } = await runScenario(machine(), id, given, { mode, seed });
  return {
    verdict: judgement.verdict,
    figures: Object.fromEntries(judgement.figures.map((f) => [f.key, f.value])),
    params: withDefaults(id, given),
    mode,
    steps: schedule.length,
  };
}

const challenge = (scenario: string, id: string): Challenge => scenarioById.get(scenario)!.challenges!.find((c) => c.id === id)!;

describe('challenges on real runs', () => {
  it('every challenge has a unique id and a goal in both languages', () => {
    for (const sc of scenarios) {
      const ids = (sc.challenges ?? []).map((c) => c.id);
      expect(new Set(ids).size, sc.id).toBe(ids.length);
      for (const c of sc.challenges ?? []) expect(c.goal.en && c.goal.zh, `${sc.id}/${c.id}`).toBeTruthy();
    }
  });

  it('every challenge reads only the parameters and options its scenario has', () => {
    // A misspelt name reads undefined, and the challenge can then never be met (lifecycle's read `terminate`, not `end`).
    for (const sc of scenarios) {
      const known = new Set([...sc.params.map((p) => p.name), ...sc.options.map((o) => o.name)]);
      for (const c of sc.challenges ?? []) {
        const read = new Set<string>();
        const params = new Proxy(withDefaults(sc.id, {}), {
          get: (target, key) => {
            if (typeof key === 'string') read.add(key);
            return target[key as string];
          },
        });
        for (const verdict of ['ok', 'violated', 'deadlock'] as const)
          for (const mode of ['step', 'clock', 'parallel'] as const) c.met({ verdict, figures: {}, params, mode, steps: 1 });
        expect([...read].filter((k) => !known.has(k)), `${sc.id}/${c.id}`).toEqual([]);
      }
    }
  });

  it('tickets: two clients buying the last ticket is met without the lock, not with it', async () => {
    const off = await finishedRun('tickets', { lock: 'off', clients: 4, tickets: 1 }, 'clock');
    const on = await finishedRun('tickets', { lock: 'on', clients: 4, tickets: 1 }, 'clock');
    expect(challenge('tickets', 'double-sale').met(off)).toBe(true);
    expect(challenge('tickets', 'double-sale').met(on)).toBe(false);
  });

  it('bank: a lost update in step mode is met, and the step count is its score', async () => {
    const run = await finishedRun('bank', { lock: 'off', n: 5 }, 'step');
    const c = challenge('bank', 'lose-deposit');
    expect(c.met(run)).toBe(true);
    const first = judgeChallenges('bank', [c], run, {});
    expect(first.met).toEqual([c]);
    expect(first.progress['bank/lose-deposit']).toEqual({ done: true, best: run.steps });
    // A later, shorter success improves the best; a longer one keeps it.
    const shorter = judgeChallenges('bank', [c], { ...run, steps: run.steps - 3 }, first.progress);
    expect(shorter.met).toEqual([]);
    expect(shorter.improved).toEqual([c]);
    expect(shorter.progress['bank/lose-deposit']!.best).toBe(run.steps - 3);
    const longer = judgeChallenges('bank', [c], { ...run, steps: run.steps + 10 }, shorter.progress);
    expect(longer.improved).toEqual([]);
    expect(longer.progress['bank/lose-deposit']!.best).toBe(run.steps - 3);
  });

  it('lifecycle: a child killed (or ended by an exception) while it holds the lock meets the orphan-lock goal; a normal end does not', async () => {
    const c = challenge('lifecycle', 'orphan-lock');
    // It read a `terminate` option the scenario lost to `end`, so no run could meet it.
    for (const end of ['terminate', 'kill', 'raise']) expect(c.met(await finishedRun('lifecycle', { end }, 'clock')), end).toBe(true);
    expect(c.met(await finishedRun('lifecycle', { end: 'normal' }, 'clock'))).toBe(false);
  });

  it('queue tickets: qsize() lies only in the unsafe form', async () => {
    // Round robin: every buyer checks qsize() > 0 before any of them gets.
    const unsafe = await finishedRun('queue-tickets', { safe: 'off', buyers: 4, tickets: 2 }, 'step');
    const safe = await finishedRun('queue-tickets', { safe: 'on', buyers: 4, tickets: 2 }, 'step');
    expect(unsafe.verdict).toBe('deadlock');
    expect(safe.verdict).toBe('ok');
    expect(challenge('queue-tickets', 'qsize-lies').met(unsafe)).toBe(true);
    expect(challenge('queue-tickets', 'qsize-lies').met(safe)).toBe(false);
  });
});
