/** A process worker of the benchmark page: the app's scenarios and the benchmark's own. */
import { serveProcesses } from '../kernel/processWorker';
import { scenarios } from '../scenarios/registry';
import { benchScenarios } from './scenarios';

serveProcesses([...scenarios, ...benchScenarios]);
