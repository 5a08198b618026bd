/**
 * Shared set-up of the view tests that drive the bench-events scenario on real threads: a NodeMachine of
 * `procs` writers (plus main) made before the file's tests and closed after, and a pull of a running run.
 */
import { afterAll, beforeAll } from 'vitest';
import { NodeMachine } from '../../kernel/testing/nodeMachine';
import type { ViewRequest } from '../protocol';

const registryModule = new URL('./registry.ts', import.meta.url).href;

/** The machine for this file's tests (call at the top level of the test file); read it inside a test. */
export function benchEventsMachine(procs: number): () => NodeMachine {
  let machine: NodeMachine | undefined;
  beforeAll(async () => {
    machine = await NodeMachine.create(registryModule, procs + 1);
  }, 60_000);
  afterAll(async () => {
    await machine?.close();
  });
  return () => machine!;
}

/** A pull of a parallel run still going (no step, nothing asked of the verdict). */
export const RUNNING: ViewRequest = { booted: true, midStep: false, byHand: false, running: true, judgeDue: false, betweenSteps: false, changed: false, acceptDeadlock: false, dead: [] };
