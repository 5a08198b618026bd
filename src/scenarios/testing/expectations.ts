/**
 * What the scenario tests share beside the Python-line check (lines.ts): a
 * machine per test file, figures by key, the seeded replay check, and a judge
 * fed a made-up result.
 */
import { expect } from 'vitest';
import type { ConsoleLine } from '../../core/data';
import type { RunConfig } from '../../kernel/scheduler';
import type { NodeMachine } from '../../kernel/testing/nodeMachine';
import { scenarioById } from '../registry';
import type { Judgement, ScenarioParams } from '../types';
import { useNodeMachine } from '../../kernel/testing/useNodeMachine';
import { registryModule, runScenario, withDefaults, workerModule } from './run';

/** A machine of `size` process slots, made before the file's tests and closed after them. */
export function useScenarioMachine(size: number): () => NodeMachine {
  return useNodeMachine(registryModule, size, { workerModule });
}

/** The value of the figure named `key` (its English name). */
export const figure = (j: { figures: { key: string; value: string | number }[] }, key: string) => j.figures.find((f) => f.key === key)?.value;

/** Each named figure has exactly its value. */
export function expectFigures(j: { figures: { key: string; value: string | number }[] }, want: Record<string, string | number>): void {
  for (const [key, value] of Object.entries(want)) expect(figure(j, key), key).toBe(value);
}

/** Runs the scenario and expects it to finish with the verdict `ok`. Returns the run. */
export async function runOk(...args: Parameters<typeof runScenario>) {
  const r = await runScenario(...args);
  expect(r.result.status).toBe('finished');
  expect(r.judgement.verdict).toBe('ok');
  return r;
}

/** Runs the same seeded run twice: the console, the schedule and the judgement come out the same. Returns the first run. */
export async function expectReplay(machine: NodeMachine, id: string, given: ScenarioParams, config: Omit<RunConfig, 'mainProgram'>) {
  const a = await runScenario(machine, id, given, config);
  const b = await runScenario(machine, id, given, config);
  expect(b.result.console).toEqual(a.result.console);
  expect(b.schedule).toEqual(a.schedule);
  expect(b.judgement).toEqual(a.judgement);
  return a;
}

/** The scenario's judge, with default parameters, on a made-up result (these objects and console lines) in each status. */
export function judgeMadeUp(id: string, objs: unknown, console: ConsoleLine[] = []): Record<'running' | 'deadlock' | 'finished', Judgement> {
  const sc = scenarioById.get(id)!;
  const params = withDefaults(id, {});
  const base = { objs, world: {} as never, procs: [], takes: new Map(), puts: new Map(), console };
  return {
    running: sc.judge({ ...base, status: 'running' }, params),
    deadlock: sc.judge({ ...base, status: 'deadlock' }, params),
    finished: sc.judge({ ...base, status: 'finished' }, params),
  };
}
