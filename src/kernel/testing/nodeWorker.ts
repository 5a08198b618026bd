/**
 * Node worker_threads entry used by the unit tests: one simulated process per
 * thread, exactly as a browser Web Worker runs it (same ProcessHost).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ProcessHost, type RunnableScenario } from '../../core/process';

const { registryModule } = workerData as { registryModule: string };
const mod = (await import(registryModule)) as { scenarios: RunnableScenario<unknown, unknown>[] };
const byId = Object.fromEntries(mod.scenarios.map((s) => [s.id, s]));
const host = new ProcessHost(byId, () => Date.now());

parentPort!.on('message', (m: { type: 'attach' | 'prepare'; sab: SharedArrayBuffer; scenarioId: string; params: unknown; pid: number }) => {
  if (m.type === 'prepare') {
    // Load what the scenario's programs need (a Python interpreter) before the first run.
    void Promise.resolve(byId[m.scenarioId]?.prepare?.()).then(() => parentPort!.postMessage({ type: 'prepared', pid: m.pid }));
  }
  if (m.type === 'attach') {
    host.attach(m.sab, m.scenarioId, m.params, m.pid);
    parentPort!.postMessage({ type: 'attached', pid: m.pid });
  }
});
parentPort!.postMessage({ type: 'ready' });
