// Worker threads do not inherit Vitest's TypeScript transform: register tsx, then load the ring writer.
import { register } from 'tsx/esm/api';

register();
await import('./ringWriterWorker.ts');
