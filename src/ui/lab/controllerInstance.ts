import { LabController } from '../../lab/controller';
import { Machine } from '../../kernel/bridge';
import { useAppStore } from '../../app/appStore';
import { spawnAppProcess } from '../../app/processWorkers';

let instance: LabController | null = null;

/** Fault injection and counts for tests (and the curious); README "For tests". */
export interface LockstepHooks {
  /** Terminate a process's worker thread for real. */
  killWorker(pid: number): void;
  /** Terminate the kernel worker for real. */
  killKernel(): void;
  /** Terminate the view worker for real (silently, as a closing worker would be). */
  killView(): void;
  /** Make a process worker throw an uncaught error. */
  faultWorker(pid: number): void;
  /** Make the next `n` shared-buffer allocations fail as if memory ran out. */
  failAllocations(n: number): void;
  /** Process workers in the pool. */
  poolSize(): number;
  /** Process workers started since the page opened (replacements included): steady over many Resets. */
  workersSpawned(): number;
  /** Resolves once the pool's idle-time warming is done (a warm start is timed from here). */
  whenWarm(): Promise<void>;
  /** The scenarios each process worker has loaded (a worker imports only those it warmed for or ran). */
  loadedScenarios(): Promise<string[][]>;
  /** Idle waits the process workers hold (each pins a run's buffer): at most one per worker. */
  pendingWaits(): Promise<number>;
  /** The controller's state and the focused element (e2e failures print it). */
  state(): Record<string, unknown>;
}

declare global {
  interface Window {
    __lockstep?: LockstepHooks;
  }
}

/** One controller (and so one worker pool) for the page, even under StrictMode's double mount. */
export function labController(): LabController {
  if (!instance) {
    const c = (instance = new LabController({ machine: new Machine(spawnAppProcess) }));
    c.setLang(useAppStore.getState().lang);
    useAppStore.subscribe((s) => c.setLang(s.lang));
    const m = c.machine;
    window.__lockstep = {
      killWorker: (pid) => c.killWorker(pid),
      killKernel: () => c.killKernel(),
      killView: () => c.killView(),
      faultWorker: (pid) => m.faultWorker(pid),
      failAllocations: (n) => m.failAllocations(n),
      poolSize: () => m.poolSize,
      pendingWaits: () => m.pendingWaits(),
      workersSpawned: () => m.workersSpawned,
      whenWarm: () => m.whenWarm(),
      loadedScenarios: () => m.loadedScenarios(),
      state: () => {
        const el = document.activeElement;
        return { ...c.debugState(), focus: el ? `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40) ?? ''}` : null };
      },
    };
  }
  return instance;
}
