// Worker threads do not inherit Vitest's TypeScript transform: register tsx, then load the stamp writer.
import { register } from 'tsx/esm/api';

register();
await import('./stampWriterWorker.ts');
