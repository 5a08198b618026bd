/**
 * Every runnable scenario by id, each a dynamic import: what the app's process
 * workers (src/app/process.worker.ts) and the scenario tests' worker threads
 * load, so a worker imports only the scenario it runs (Vite makes each its own
 * chunk). Its ids are the registry's (src/scenarios/registry.ts; a test checks
 * the two agree): a new scenario is one line there and one line here.
 */
import type { AnyScenario, ScenarioLoaders } from '../kernel/loadedScenarios';

const as = (s: unknown) => s as AnyScenario;

export const scenarioLoaders: ScenarioLoaders = {
  printer: () => import('./printer').then((m) => as(m.printer)),
  tickets: () => import('./tickets').then((m) => as(m.tickets)),
  bank: () => import('./bank').then((m) => as(m.bank)),
  'queue-tickets': () => import('./queue-tickets').then((m) => as(m.queueTickets)),
  'producer-consumer': () => import('./producer-consumer').then((m) => as(m.producerConsumer)),
  sentinels: () => import('./sentinels').then((m) => as(m.sentinels)),
  joinable: () => import('./joinable').then((m) => as(m.joinable)),
  pipe: () => import('./pipe').then((m) => as(m.pipe)),
  'queue-basics': () => import('./queue-basics').then((m) => as(m.queueBasics)),
  lifecycle: () => import('./lifecycle').then((m) => as(m.lifecycle)),
  semaphore: () => import('./semaphore').then((m) => as(m.semaphore)),
  event: () => import('./event').then((m) => as(m.event)),
  deadlock: () => import('./deadlock').then((m) => as(m.deadlock)),
  pool: () => import('./pool').then((m) => as(m.pool)),
  manager: () => import('./manager').then((m) => as(m.manager)),
  'lifecycle-control': () => import('./lifecycle-control').then((m) => as(m.lifecycleControl)),
  daemon: () => import('./daemon').then((m) => as(m.daemon)),
  'join-order': () => import('./join-order').then((m) => as(m.joinOrder)),
  'queue-stress': () => import('./queue-stress').then((m) => as(m.queueStress)),
  // The Python lab's program alone: the lab's judge and texts stay on the page.
  python: () => import('../python/program').then((m) => as(m.pythonProgram)),
};
