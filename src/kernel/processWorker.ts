/**
 * The body of a process worker: one simulated process at a time runs on its
 * thread. Workers are pooled; each run attaches them to the run's buffer. The
 * programs it can run are given by the entry point that spawns it (the app's
 * `src/app/process.worker.ts`, the benchmark's `src/bench/process.worker.ts`):
 * the kernel does not import the scenario catalogue.
 */
import { expose } from 'comlink';
import { ProcessHost, type RunnableScenario } from '../core/process';

/** Spawns one process worker (an entry point's `new Worker(new URL(...))`, so the bundler sees it). */
export type SpawnProcessWorker = (name: string) => Worker;

/** Serve process slots from this worker, running the programs of `scenarios`. */
export function serveProcesses(scenarios: readonly RunnableScenario<unknown, unknown>[]) {
  const host = new ProcessHost(Object.fromEntries(scenarios.map((s) => [s.id, s])));
  const api = {
    /** Serve process slot `pid` of the run in `sab`. Returns once the worker is idle and listening. */
    attach(sab: SharedArrayBuffer, scenarioId: string, params: unknown, pid: number): number {
      host.attach(sab, scenarioId, params, pid);
      return pid;
    },
    /** Idle waits still pending (each holds a run's buffer): the leak tests' count. */
    waits(): number {
      return host.waits;
    },
    /** Fault injection: throw outside any program, as a bug in the worker itself would. */
    fault(message: string): void {
      setTimeout(() => {
        throw new Error(message);
      });
    },
    ping(): string {
      return 'pong';
    },
  };
  expose(api);
  return api;
}

export type ProcessWorkerApi = ReturnType<typeof serveProcesses>;
