// Worker threads do not inherit Vitest's TypeScript transform: register tsx, then load the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./nodeViewWorker.ts');
