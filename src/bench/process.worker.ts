/** A process worker of the benchmark page: the app's scenarios and the benchmark's own (the Python lab is measured in the app). */
import { serveProcesses } from '../kernel/processWorker';
import { urlScenarios } from '../scenarios/registry';
import { benchScenarios } from './scenarios';
import type { RunnableScenario } from '../core/process';

serveProcesses([...urlScenarios, ...benchScenarios] as RunnableScenario<unknown, unknown>[]);
