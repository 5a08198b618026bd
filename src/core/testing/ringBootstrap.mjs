// Worker threads do not inherit Vitest's TypeScript transform: register tsx, then load the ring writer
// (or the module `workerData.entry` names, next to this file).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(`./${workerData?.entry ?? 'ringWriterWorker.ts'}`);
