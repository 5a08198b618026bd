/** A catalogue for NodeMachine (it serves a module's `scenarios`): the bench-only scenarios the URL opens (imported alone, not through the registry). */
import { queueStress } from '../queue-stress';

export const scenarios = [queueStress];
