/** A process worker of the app: it runs the programs of every scenario the URL can name. */
import type { RunnableScenario } from '../core/process';
import { serveProcesses } from '../kernel/processWorker';
import { urlScenarios } from '../scenarios/registry';
import { pythonScenario } from '../python/scenario';

// The listed and bench-only scenarios and the Python lab's (the learner's own program, on the same machine).
serveProcesses([...urlScenarios, pythonScenario] as RunnableScenario<unknown, unknown>[]);
