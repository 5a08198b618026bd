/**
 * Every scenario, by id: the UI lists them, the URL's `scenario` parameter
 * names one, and the app's process workers (src/app/process.worker.ts) run
 * their programs. A new scenario is its folder and one line here.
 */
import type { Scenario } from './types';
import { lifecycle } from './lifecycle';
import { printer } from './printer';
import { tickets } from './tickets';
import { bank } from './bank';
import { queueTickets } from './queue-tickets';
import { producerConsumer } from './producer-consumer';
import { sentinels } from './sentinels';
import { joinable } from './joinable';
import { pipe } from './pipe';
import { queueBasics } from './queue-basics';
import { semaphore } from './semaphore';
import { event } from './event';
import { deadlock } from './deadlock';
import { pool } from './pool';
import { manager } from './manager';
import { pythonScenario } from '../python/scenario';
import { daemon } from './daemon';
import { joinOrder } from './join-order';
import { lifecycleControl } from './lifecycle-control';
import { queueStress } from './queue-stress';

export const scenarios: Scenario[] = [
  // race lab (issue 3)
  printer, tickets, bank,
  // queues and IPC (issue 4)
  queueTickets, producerConsumer, sentinels, joinable, pipe, queueBasics,
  // process life cycle
  lifecycle,
  // locks, semaphores, events and deadlocks (issue 8)
  semaphore, event, deadlock,
  // pool and manager (issue 8)
  pool, manager,
  // processes (issue 8)
  lifecycleControl, daemon, joinOrder,
];

/**
 * Scenarios the URL opens (`?scenario=queue-stress&…`) but no list shows: the start page, the picker and
 * the explorer leave them out. `npm run bench` measures the app page running them.
 */
export const benchOnlyScenarios: Scenario[] = [queueStress];

/** Every scenario the URL can name: the listed ones and the bench-only ones. */
export const urlScenarios: Scenario[] = [...scenarios, ...benchOnlyScenarios];

/** Every scenario the lab can run by id: those the URL names and the Python lab's (the learner's own program). */
export const scenarioById = new Map<string, Scenario>([...urlScenarios, pythonScenario].map((s) => [s.id, s]));
