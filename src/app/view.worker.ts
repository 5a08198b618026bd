/** The app's view worker (src/view): it attaches to runs of every scenario the lab offers, the Python lab's included. */
import { serveView } from '../view/serve';
import { scenarioById } from '../scenarios/registry';

serveView([...scenarioById.values()]);
