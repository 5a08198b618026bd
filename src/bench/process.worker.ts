/** A process worker of the benchmark page: the app's scenarios and the benchmark's own (the Python lab is measured in the app). */
import { serveProcesses } from '../kernel/processWorker';
import { scenarioLoaders } from '../scenarios/catalogue';
import { benchScenarios } from './scenarios';
import { loadersOf } from '../kernel/loadedScenarios';
import type { RunnableScenario } from '../core/process';

serveProcesses({ ...scenarioLoaders, ...loadersOf(benchScenarios as RunnableScenario<unknown, unknown>[]) });
