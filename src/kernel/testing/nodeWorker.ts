/**
 * Node worker_threads entry used by the unit tests: one simulated process per
 * thread, exactly as a browser Web Worker runs it (same ProcessHost).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { ProcessHost } from '../../core/process';
import { AttachReceiver, isAttachOrder } from '../attach';
import { LoadedScenarios, loadersOf, type AnyScenario, type ScenarioLoaders } from '../loadedScenarios';

const { registryModule, waitSliceMs } = workerData as { registryModule: string; waitSliceMs?: number };
// A catalogue of loaders (src/scenarios/catalogue.ts) is imported a scenario at a time, as the page's workers do.
// A bundled thread (workerBundle.ts) has the registry already, on globalThis.
type Registry = { scenarios?: AnyScenario[]; scenarioLoaders?: ScenarioLoaders };
const mod = ((globalThis as { __lockstepTestRegistry?: Registry }).__lockstepTestRegistry ?? (await import(registryModule))) as Registry;
const loaded = new LoadedScenarios(mod.scenarioLoaders ?? loadersOf(mod.scenarios ?? []));
const host = new ProcessHost(loaded.byId, () => Date.now(), waitSliceMs);
/** Every buffer this thread was handed, weakly: the leak test counts the ones still reachable after a GC. */
const handed: WeakRef<SharedArrayBuffer>[] = [];

/** A full garbage collection (V8's `gc`, exposed on demand: workers take no --expose-gc). */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** `busy`: keep this thread's event loop busy for `ms` (a slow pickup); `detach`: serve no slot (a pickup that never comes). */
type Message = { type: 'prepare'; scenarioId: string; pid: number } | { type: 'probe' } | { type: 'busy'; ms: number } | { type: 'detach' } | { type: 'loaded' };

// Attach orders, answered on the board as a browser process worker answers them (src/kernel/processWorker.ts).
const receiver = new AttachReceiver(
  async ({ sab, scenarioId, params, index }, current) => {
    await loaded.load(scenarioId);
    if (!current()) return;
    host.attach(sab, scenarioId, params, index);
    handed.push(new WeakRef(sab));
  },
  (failure) => parentPort!.postMessage(failure),
);

parentPort!.on('message', (m: Message) => {
  if (isAttachOrder(m)) void receiver.receive(m);
  else if (m.type === 'prepare') {
    // Load what the scenario's programs need (a Python interpreter) before the first run.
    void loaded
      .load(m.scenarioId)
      .then((s) => s.prepare?.())
      .catch(() => undefined) // an unknown scenario fails at its attach, by name
      .then(() => parentPort!.postMessage({ type: 'prepared', pid: m.pid }));
  } else if (m.type === 'loaded') {
    parentPort!.postMessage({ type: 'loaded', ids: loaded.ids });
  } else if (m.type === 'busy' || m.type === 'detach') {
    // Said before it takes effect, so a test knows the next start's pickup comes after it.
    parentPort!.postMessage({ type: 'obeyed', order: m.type });
    if (m.type === 'detach') host.detach();
    const until = m.type === 'busy' ? Date.now() + m.ms : 0;
    while (Date.now() < until);
  } else if (m.type === 'probe') {
    // Let woken waits settle first, then collect and count what is still held.
    setTimeout(() => {
      collect();
      parentPort!.postMessage({ type: 'probed', waits: host.waits, buffers: handed.filter((r) => r.deref()).length });
    }, 20);
  }
});
parentPort!.postMessage({ type: 'ready' });
