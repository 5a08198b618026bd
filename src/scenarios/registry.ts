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
import { pythonScenario } from '../python/scenario';

export const scenarios: Scenario[] = [
  // race lab (issue 3)
  printer, tickets, bank,
  // queues and IPC (issue 4)
  queueTickets, producerConsumer, sentinels, joinable, pipe, queueBasics,
  // process life cycle
  lifecycle,
];

/** Every scenario the lab can run by id: the listed ones and the Python lab's (the learner's own program). */
export const scenarioById = new Map<string, Scenario>([...scenarios, pythonScenario].map((s) => [s.id, s]));
