/** How the benchmark page spawns its process workers. */
import type { SpawnProcessWorker } from '../kernel/processWorker';

export const spawnBenchProcess: SpawnProcessWorker = (name) => new Worker(new URL('./process.worker.ts', import.meta.url), { type: 'module', name });
