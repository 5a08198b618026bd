/**
 * Every scenario, by id. The kernel's workers import this to find programs;
 * the UI lists it; the URL's `scenario` parameter names one of these ids.
 */
import type { RunnableScenario } from '../core/process';
import type { Scenario } from './types';
import { lifecycle } from './lifecycle';
import { benchScenarios } from '../bench/scenarios';
import { printer } from './printer';
import { tickets } from './tickets';
import { bank } from './bank';
import { queueTickets } from './queue-tickets';
import { producerConsumer } from './producer-consumer';
import { sentinels } from './sentinels';
import { joinable } from './joinable';
import { pipe } from './pipe';
import { queueBasics } from './queue-basics';

export const scenarios: Scenario[] = [
  // race lab (issue 3)
  printer, tickets, bank,
  // queues and IPC (issue 4)
  queueTickets, producerConsumer, sentinels, joinable, pipe, queueBasics,
  // process life cycle
  lifecycle,
];

export const scenarioById = new Map(scenarios.map((s) => [s.id, s]));

/** Scenarios that only the benchmark page runs (not listed in the UI). */
export const hiddenScenarios: Scenario[] = [...benchScenarios];

/** The shape the process host wants: every runnable program, listed or not. */
export const registry = Object.fromEntries([...scenarios, ...hiddenScenarios].map((s) => [s.id, s])) as Record<string, RunnableScenario<unknown, unknown>>;
