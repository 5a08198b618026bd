/**
 * The "Python source" check every scenario test makes: run the scenario and
 * see that each event (but `start`) is tagged with a non-blank line of the
 * source shown beside the lanes, and that the line does what the op does.
 *
 * @example
 *   const { run, kinds } = await expectTaggedLines(machine(), 'pipe', { duplex: 'on' }, { mode: 'step', seed: 1 }, { send: /conn\.send\(/ });
 */
import { expect } from 'vitest';
import type { LogEvent } from '../../core/events';
import type { RunConfig } from '../../kernel/scheduler';
import type { NodeMachine, NodeRunResult } from '../../kernel/testing/nodeMachine';
import { scenarioById } from '../registry';
import type { ScenarioParams } from '../types';
import { withDefaults } from './run';

/** Per event kind, what its line must match (kinds not listed need only a non-blank line). */
export type OpPatterns = Record<string, RegExp>;

/** What every scenario's print, sleep, start and join lines say; checked unless a test's own pattern overrides one. */
export const PROCESS_OPS: OpPatterns = { print: /print\(/, sleep: /time\.sleep\(/, spawn: /\.start\(\)/, join: /\.join\(\)/ };

/** The race lab's lock calls. */
export const LOCK_OPS: OpPatterns = { acquire: /lock\.acquire\(\)/, release: /lock\.release\(\)/ };

/** Checks each event's line against `lines` (1-based) and PROCESS_OPS with `ops` over them; `each` adds a check of its own. Returns the kinds seen. */
export function expectEventLines(events: LogEvent[], lines: string[], ops: OpPatterns, each?: (e: LogEvent, text: string | undefined) => void): Set<string> {
  const pattern = { ...PROCESS_OPS, ...ops };
  const kinds = new Set<string>();
  for (const e of events) {
    if (e.kind === 'start') continue;
    kinds.add(e.kind);
    const text = lines[e.line - 1];
    expect(text?.trim(), `${e.kind} at line ${e.line}`).toBeTruthy();
    const want = pattern[e.kind];
    if (want) expect(text, `${e.kind} at line ${e.line}`).toMatch(want);
    each?.(e, text);
  }
  return kinds;
}

/** Runs scenario `id` (defaults filled in) and checks its events against its Python source. */
export async function expectTaggedLines(
  machine: NodeMachine,
  id: string,
  given: ScenarioParams,
  config: Omit<RunConfig, 'mainProgram'>,
  ops: OpPatterns,
  each?: (e: LogEvent, text: string | undefined) => void,
): Promise<{ run: NodeRunResult<unknown>; lines: string[]; kinds: Set<string> }> {
  const params = withDefaults(id, given);
  const lines = scenarioById.get(id)!.python(params).split('\n');
  const run = await machine.run(id, params, config);
  return { run, lines, kinds: expectEventLines(run.events, lines, ops, each) };
}
