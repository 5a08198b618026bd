/** A process worker of the app: it runs the listed scenarios' programs. */
import type { RunnableScenario } from '../core/process';
import { serveProcesses } from '../kernel/processWorker';
import { scenarios } from '../scenarios/registry';
import { pythonScenario } from '../python/scenario';

// The listed scenarios and the Python lab's (the learner's own program, on the same machine).
serveProcesses([...scenarios, pythonScenario] as RunnableScenario<unknown, unknown>[]);
