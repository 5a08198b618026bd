/**
 * Run a registered scenario on real Node threads and judge it (tests only).
 *
 * @example
 *   const m = await scenarioMachine(12);
 *   const { judgement } = await runScenario(m, 'bank', { n: 50, lock: 'off' }, { mode: 'step', seed: 1 });
 */
import { NodeMachine, type NodeRunOptions } from '../../kernel/testing/nodeMachine';
import type { RunConfig } from '../../kernel/scheduler';
import { buildResult, ItemTally } from '../result';
import { scenarioById } from '../registry';
import type { Judgement, RunResult, ScenarioParams } from '../types';
import type { Console } from '../../core/data';

export const registryModule = new URL('../registry.ts', import.meta.url).href;
/** What the scenario machines' threads import: each loads only the scenarios it runs. */
export const workerModule = new URL('../catalogue.ts', import.meta.url).href;

export function scenarioMachine(size: number): Promise<NodeMachine> {
  return NodeMachine.create(registryModule, size, { workerModule });
}

/** Fill in defaults for parameters and options not given. */
export function withDefaults(id: string, given: ScenarioParams): ScenarioParams {
  const sc = scenarioById.get(id);
  if (!sc) throw new Error(`unknown scenario ${id}`);
  const out: ScenarioParams = {};
  for (const p of sc.params) out[p.name] = p.default;
  for (const o of sc.options) out[o.name] = o.default;
  return { ...out, ...given };
}

export async function runScenario(
  machine: NodeMachine,
  id: string,
  given: ScenarioParams,
  config: Omit<RunConfig, 'mainProgram'>,
  opts: NodeRunOptions = {},
): Promise<{ result: RunResult<{ console: Console }>; judgement: Judgement; schedule: number[] }> {
  const sc = scenarioById.get(id)!;
  const params = withDefaults(id, given);
  const r = await machine.run<{ console: Console }>(id, params, config, opts);
  const tally = new ItemTally();
  for (const e of r.events) tally.addEvent(e);
  const status = r.status === 'idle' ? 'finished' : r.status === 'awaiting' ? 'running' : r.status;
  const result = buildResult(r.world, r.objs, status, tally);
  return { result, judgement: sc.judge(result, params), schedule: r.scheduler.schedule };
}
