import { LabController } from '../../lab/controller';

let instance: LabController | null = null;

declare global {
  interface Window {
    /** For tests and the curious: kill a process's worker thread for real. */
    __lockstep?: { killWorker(pid: number): void; poolSize(): number };
  }
}

/** One controller (and so one worker pool) for the page, even under StrictMode's double mount. */
export function labController(): LabController {
  if (!instance) {
    const c = (instance = new LabController());
    window.__lockstep = { killWorker: (pid) => c.killWorker(pid), poolSize: () => c.machine.poolSize };
  }
  return instance;
}
