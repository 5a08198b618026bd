/**
 * The body of a process worker: one simulated process at a time runs on its
 * thread. Workers are pooled; each run attaches them to the run's buffer. The
 * programs it can run are given by the entry point that spawns it (the app's
 * `src/app/process.worker.ts`, the benchmark's `src/bench/process.worker.ts`)
 * as a loader per scenario: the kernel does not import the scenario catalogue,
 * and a worker imports only the scenarios it is warmed for or attached to.
 */
import { expose, transfer, type Endpoint } from 'comlink';
import { AttachReceiver, isAttachOrder, preloadOf } from './attach';
import { ProcessHost } from '../core/process';
import { LoadedScenarios, type ScenarioLoaders } from './loadedScenarios';
import { pyodideIndexURL } from '../python/wasm';
import { rehearseAll } from './rehearsal';

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

/** What a process worker loads before it attaches to a Python run: the page's compiled Python and interpreter snapshot. */
export interface PythonLoad {
  wasm: WebAssembly.Module;
  snapshot?: Uint8Array;
}

/** This worker's channel (its global scope): attach orders and Comlink's calls arrive on it. */
const scope = globalThis as unknown as Endpoint;

/** The channel as Comlink sees it: without the attach orders (Comlink would answer each with an empty reply). */
function comlinkChannel(): Endpoint {
  const wrapped = new Map<EventListenerOrEventListenerObject, EventListener>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) => scope.postMessage(message, transfer),
    addEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
      const only: EventListener = (ev) => {
        const data: unknown = (ev as MessageEvent).data;
        if (isAttachOrder(data) || preloadOf(data) !== undefined) return;
        if (typeof listener === 'function') listener(ev);
        else listener.handleEvent(ev);
      };
      wrapped.set(listener, only);
      scope.addEventListener(type, only);
    },
    removeEventListener: (type: string, listener: EventListenerOrEventListenerObject) => {
      const only = wrapped.get(listener);
      if (!only) return;
      wrapped.delete(listener);
      scope.removeEventListener(type, only);
    },
  };
}

/**
 * Take a Web Lock of a fresh name and hold it for as long as this worker lives; resolves with its name once
 * held ('' without Web Locks). The page queues for it after it terminated this worker and so learns when
 * the thread is really gone (before that, its process may still be writing its ring: see src/kernel/reaper.ts).
 */
function holdLifeLock(): Promise<string> {
  const locks = (globalThis as { navigator?: Navigator }).navigator?.locks;
  if (!locks) return Promise.resolve('');
  const name = `lockstep-process-${crypto.randomUUID()}`;
  return new Promise<string>((held) => {
    locks
      .request(name, () => {
        held(name);
        return new Promise<never>(() => {});
      })
      // Refused (an embedding without Web Locks): the worker still answers, as it did before life locks.
      .catch(() => held(''));
  });
}

/** Serve process slots from this worker, running the programs `loaders` import (each scenario's on first need). */
export function serveProcesses(loaders: ScenarioLoaders) {
  const life = holdLifeLock();
  const report = (message: string) => console.error(`process worker: ${message}`);
  // Compile a run's code as its scenario loads, while the pool warms, not in the first run (src/kernel/rehearsal.ts):
  // the pool counts this worker ready once it answers its ping, which waits for the scenario it warms for.
  const scenarios = new LoadedScenarios(loaders, (s) => rehearseAll([s], (m) => report(`rehearsal: ${m}`)));
  const host = new ProcessHost(scenarios.byId);
  // Attach orders (src/kernel/attach.ts): serve process slot `index` of the run in `sab`, then answer on the board.
  const receiver = new AttachReceiver<PythonLoad>(
    async ({ sab, scenarioId, params, index, extra }, current) => {
      // Loaded already when the pool warmed for this scenario; an unknown id fails the attach with its name.
      const loading = scenarios.load(scenarioId);
      void loading.catch(() => undefined); // awaited below, after the interpreter
      if (extra) {
        const m = await python(extra.wasm, extra.snapshot);
        // The first slots of a run start their interpreters now, side by side, not one by one as they are spawned.
        if (extra.snapshot && index < EAGER_INTERPRETERS && current()) void m.interpreter().catch(() => undefined);
      }
      await loading;
      if (current()) host.attach(sab, scenarioId, params, index);
    },
    (failure) => scope.postMessage(failure),
  );
  scope.addEventListener('message', (ev) => {
    const data: unknown = (ev as MessageEvent).data;
    if (isAttachOrder(data)) void receiver.receive(data as Parameters<typeof receiver.receive>[0]);
    const preload = preloadOf(data);
    // A failed preload is no failure yet: the attach that needs the scenario reports it.
    if (preload !== undefined) void scenarios.load(preload).catch(() => undefined);
  });
  const api = {
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
    /**
     * Answers once this worker is loaded and holds its life lock, with the lock's name; given a scenario, once
     * that scenario's module has loaded too (or failed to: its attach will say why).
     */
    async ping(scenarioId?: string): Promise<string> {
      if (scenarioId !== undefined) await scenarios.load(scenarioId).catch(() => undefined);
      return life;
    },
    /** The scenarios this worker has loaded or is loading (the tests' check that it loads only what it runs). */
    loadedScenarios(): string[] {
      return scenarios.ids;
    },
  };
  expose(api, comlinkChannel());
  return api;
}

export type ProcessWorkerApi = ReturnType<typeof serveProcesses>;
