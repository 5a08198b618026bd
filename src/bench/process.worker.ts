/** A process worker of the benchmark page: the app's scenarios, the benchmark's own and the Python lab's. */
import { serveProcesses } from '../kernel/processWorker';
import { scenarios } from '../scenarios/registry';
import { benchScenarios } from './scenarios';
import { pythonScenario } from '../python/scenario';
import type { RunnableScenario } from '../core/process';

serveProcesses([...scenarios, ...benchScenarios, pythonScenario] as RunnableScenario<unknown, unknown>[]);
