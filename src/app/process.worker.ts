/** A process worker of the app: it imports the program of a scenario the URL can name when it is warmed for or attached to it. */
import { serveProcesses } from '../kernel/processWorker';
import { scenarioLoaders } from '../scenarios/catalogue';

// The listed and bench-only scenarios and the Python lab's (the learner's own program, on the same machine).
serveProcesses(scenarioLoaders);
