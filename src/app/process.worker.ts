/** A process worker of the app: it runs the listed scenarios' programs. */
import { serveProcesses } from '../kernel/processWorker';
import { scenarios } from '../scenarios/registry';

serveProcesses(scenarios);
