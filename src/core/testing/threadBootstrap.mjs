// Worker threads do not inherit Vitest's TypeScript transform: register tsx, then load the test thread's entry (workerData.entry, a file URL).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
