/**
 * Serve a ViewHost over Comlink from a worker (the app's src/app/view.worker.ts,
 * the bench's, or a Node worker thread in the tests). The entry point names
 * the scenarios it can attach to, as a process worker's does.
 */
import { expose, type Endpoint } from 'comlink';
import type { Scenario } from '../scenarios/types';
import { messageLoopClock, ViewHost } from './viewHost';
import type { ViewRequest, ViewRun } from './protocol';
import { holdLifeLock } from '../kernel/deathWatch';

export function serveView(scenarios: readonly Scenario[], endpoint?: Endpoint) {
  const host = new ViewHost(new Map(scenarios.map((s) => [s.id, s])), messageLoopClock());
  const api = {
    open: (id: number, spec: ViewRun) => host.open(id, spec),
    close: () => host.close(),
    crashed: (id: number) => host.crashed(id),
    snapshot: (id: number, req: ViewRequest) => host.snapshot(id, req),
    moment: (id: number, index: number) => host.moment(id, index),
    tally: (id: number, obj: number) => host.tally(id, obj),
    drainAll: (id: number) => host.drainAll(id),
    ping: () => 'pong',
    /** Hold a Web Lock for as long as this worker lives: the page learns of a silent death (src/kernel/deathWatch.ts). */
    hold: holdLifeLock,
  };
  expose(api, endpoint);
  return api;
}

export type ViewApi = ReturnType<typeof serveView>;
