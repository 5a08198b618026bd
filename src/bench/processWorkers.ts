/** How the benchmark page spawns its process workers. */
import type { SpawnProcessWorker } from '../kernel/processWorker';

export const spawnBenchProcess: SpawnProcessWorker = (name) => new Worker(new URL('./process.worker.ts', import.meta.url), { type: 'module', name });

/** The bench's view worker: the same pipeline the app's page reads its runs through. */
export const spawnBenchView = (): Worker => new Worker(new URL('./view.worker.ts', import.meta.url), { type: 'module', name: 'bench-view' });
