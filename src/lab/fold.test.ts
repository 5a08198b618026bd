/**
 * The event log is the UI's one source: folding every event of a finished run
 * must give back exactly what shared memory holds at rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeMachine } from '../kernel/testing/nodeMachine';
import { EK } from '../core/events';
import { emptyFold, foldEvent } from './fold';
import type { Lock } from '../core/sync';
import type { Value } from '../core/data';
import type { Queue } from '../core/queue';
import { S, STATE_NAMES } from '../core/layout';

const registryModule = new URL('../core/testing/scenarios.ts', import.meta.url).href;
let machine: NodeMachine;
beforeAll(async () => {
  machine = await NodeMachine.create(registryModule, 9);
}, 60_000);
afterAll(() => machine?.close());

describe('fold(events) equals shared memory at rest', () => {
  for (const policy of ['step', 'clock', 'parallel'] as const) {
    it(`counter, lock on and off (${policy})`, async () => {
      for (const locked of [true, false]) {
        const r = await machine.run<{ num: Value; lock: Lock }>('counter', { procs: 3, n: 300, locked }, { policy, seed: 11, turbo: true });
        const fold = emptyFold();
        for (const e of r.events) foldEvent(fold, e.pid, EK[e.kind], e.obj, e.arg, e.result, e.line, e.payload);
        expect(fold.seq).toBe(r.events.length);
        expect(fold.values.get(r.objs.num.id)).toBe(r.objs.num.peek());
        expect(fold.owners.get(r.objs.lock.id) ?? -1).toBe(r.objs.lock.snapshot().owner);
        for (const [pid, lane] of fold.lanes) expect(lane.state).toBe(STATE_NAMES[r.mem.load(pid, S.state)]);
      }
    });
  }

  it('queue contents after a partial run (step policy, stopped midway)', async () => {
    const r = await machine.run<{ q: Queue }>('mpmc', { producers: 2, consumers: 1, items: 20, capacity: 4 }, { policy: 'step', seed: 2 }, { maxSteps: 60 });
    const fold = emptyFold();
    for (const e of r.events) foldEvent(fold, e.pid, EK[e.kind], e.obj, e.arg, e.result, e.line, e.payload);
    const items = (fold.queues.get(r.objs.q.id) ?? []).map((i) => ({ serial: i.serial, json: i.json }));
    expect(items).toEqual(r.objs.q.peekItems());
    expect(items.length).toBeGreaterThan(0);
  });

  it('a terminated lock owner stays the owner in the fold too', async () => {
    const r = await machine.run<{ lock: Lock }>('life', { case: 'terminate' }, { policy: 'step', seed: 1 });
    const fold = emptyFold();
    for (const e of r.events) foldEvent(fold, e.pid, EK[e.kind], e.obj, e.arg, e.result, e.line, e.payload);
    expect(fold.owners.get(r.objs.lock.id)).toBe(1);
    expect(r.objs.lock.snapshot().owner).toBe(1);
    expect(fold.lanes.get(1)?.state).toBe('terminated');
    expect(fold.lanes.get(0)?.state).toBe('blocked');
  });
});
