/**
 * One NodeMachine per test file: made before the file's tests, closed after
 * them. Starting the threads is not what a test measures, and on two busy
 * cores it can take far longer than Vitest's default hook timeout.
 */
import { afterAll, beforeAll } from 'vitest';
import { NodeMachine, START_STALL_MS, type NodeMachineOptions } from './nodeMachine';

export interface UseNodeMachineOptions extends NodeMachineOptions {
  /** Load this scenario's code in every worker before the tests (Python's interpreter takes a while). */
  prepare?: string;
  /** How long the start (and `prepare`) may take. */
  startTimeoutMs?: number;
}

/** A machine of `size` process slots serving the scenarios of `registryModule`; the returned getter throws until it is up. */
export function useNodeMachine(registryModule: string, size: number, options: UseNodeMachineOptions = {}): () => NodeMachine {
  let machine: NodeMachine | undefined;
  beforeAll(async () => {
    machine = await NodeMachine.create(registryModule, size, options);
    if (options.prepare) await machine.prepare(options.prepare);
    // A start that makes progress is not cut short (allReady fails one that stops): the hook's own timeout allows
    // each worker the stall time, one after another.
  }, options.startTimeoutMs ?? (size + 1) * START_STALL_MS);
  afterAll(async () => {
    await machine?.close();
  });
  return () => {
    if (!machine) throw new Error('the test machine is not up yet');
    return machine;
  };
}
