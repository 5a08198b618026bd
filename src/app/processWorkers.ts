/** How the app spawns its process workers (given to the Machine, so the kernel does not name the catalogue). */
import type { SpawnProcessWorker } from '../kernel/processWorker';

export const spawnAppProcess: SpawnProcessWorker = (name) => new Worker(new URL('./process.worker.ts', import.meta.url), { type: 'module', name });
