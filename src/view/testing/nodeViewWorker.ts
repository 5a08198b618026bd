/**
 * Node worker_threads entry for the tests: the view worker's real body
 * (serveView over Comlink) on a thread of its own, attached to the
 * scenarios of `registryModule`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Scenario } from '../../scenarios/types';
import { serveView } from '../serve';

const { registryModule } = workerData as { registryModule: string };
const mod = (await import(registryModule)) as { scenarios: Scenario[] };
serveView(mod.scenarios, nodeEndpoint(parentPort!));
parentPort!.postMessage({ type: 'ready' });
