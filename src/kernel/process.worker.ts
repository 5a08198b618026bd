/**
 * A process worker: one simulated process at a time runs here, on its own
 * thread. Workers are pooled; each run attaches them to the run's buffer.
 */
import { expose } from 'comlink';
import { ProcessHost } from '../core/process';
import { registry } from '../scenarios/registry';

const host = new ProcessHost(registry);

const api = {
  /** Serve process slot `pid` of the run in `sab`. Returns once the worker is idle and listening. */
  attach(sab: SharedArrayBuffer, scenarioId: string, params: unknown, pid: number): number {
    host.attach(sab, scenarioId, params, pid);
    return pid;
  },
  ping(): string {
    return 'pong';
  },
};

export type ProcessWorkerApi = typeof api;
expose(api);
