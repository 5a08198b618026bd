/**
 * The body of a process worker: one simulated process at a time runs on its
 * thread. Workers are pooled; each run attaches them to the run's buffer. The
 * programs it can run are given by the entry point that spawns it (the app's
 * `src/app/process.worker.ts`, the benchmark's `src/bench/process.worker.ts`):
 * the kernel does not import the scenario catalogue.
 */
import { expose, transfer } from 'comlink';
import { ProcessHost, type RunnableScenario } from '../core/process';
import { pyodideIndexURL } from '../python/wasm';

/** Spawns one process worker (an entry point's `new Worker(new URL(...))`, so the bundler sees it). */
export type SpawnProcessWorker = (name: string) => Worker;

/** Slots whose interpreter loads as soon as the worker attaches to a Python run (a typical program's processes). */
const EAGER_INTERPRETERS = 4;

/** The Python interpreter's loader, fetched only by a worker that runs Python. */
async function python(wasm: WebAssembly.Module | undefined, snapshot?: Uint8Array, makeSnapshot = false) {
  const m = await import('../python/interpreter');
  m.configurePython({ indexURL: pyodideIndexURL(), wasm, snapshot, makeSnapshot });
  return m;
}

/** Serve process slots from this worker, running the programs of `scenarios`. */
export function serveProcesses(scenarios: readonly RunnableScenario<unknown, unknown>[]) {
  const host = new ProcessHost(Object.fromEntries(scenarios.map((s) => [s.id, s])));
  const api = {
    /**
     * Serve process slot `pid` of the run in `sab`. Returns once the worker is idle and listening.
     * `wasm`, `snapshot`: the page's compiled Python and interpreter snapshot, for a worker that will load one.
     */
    async attach(sab: SharedArrayBuffer, scenarioId: string, params: unknown, pid: number, wasm?: WebAssembly.Module, snapshot?: Uint8Array): Promise<number> {
      if (wasm) {
        const m = await python(wasm, snapshot);
        // The first slots of a run start their interpreters now, side by side, not one by one as they are spawned.
        if (snapshot && pid < EAGER_INTERPRETERS) void m.interpreter().catch(() => undefined);
      }
      host.attach(sab, scenarioId, params, pid);
      return pid;
    },
    /**
     * Load this worker's Python interpreter now (the lab pre-warms while the learner reads): from
     * `snapshot` when given, else from scratch, making the snapshot the other workers will start from.
     */
    async warmPython(wasm: WebAssembly.Module, snapshot?: Uint8Array): Promise<{ loadMs: number; snapshot?: Uint8Array }> {
      const m = await python(wasm, snapshot, !snapshot);
      await m.interpreter();
      const made = snapshot ? null : m.madeSnapshot();
      return made ? transfer({ loadMs: m.loadMs, snapshot: made }, [made.buffer]) : { loadMs: m.loadMs };
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
