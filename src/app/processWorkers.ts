/** How the app spawns its process workers (given to the Machine, so the kernel does not name the catalogue). */
import type { SpawnProcessWorker } from '../kernel/processWorker';

export const spawnAppProcess: SpawnProcessWorker = (name) => new Worker(new URL('./process.worker.ts', import.meta.url), { type: 'module', name });

/** The explorer worker (src/app/explorer.worker.ts): explorations and statistics run there. */
export const spawnAppExplorer = (): Worker => new Worker(new URL('./explorer.worker.ts', import.meta.url), { type: 'module', name: 'lockstep-explorer' });

/** The view worker (src/app/view.worker.ts): it drains, folds and logs the current run for the page. */
export const spawnAppView = (): Worker => new Worker(new URL('./view.worker.ts', import.meta.url), { type: 'module', name: 'lockstep-view' });
