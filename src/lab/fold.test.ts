/**
 * The event log is the UI's one source: folding every event of a finished run
 * must give back exactly what shared memory holds at rest.
 */
import { describe, expect, it } from 'vitest';
import { useNodeMachine } from '../kernel/testing/useNodeMachine';
import { EK, type LogEvent } from '../core/events';
import { RunFold } from './fold';
import { trackObjects, type ObjectView, type ViewOf, type KindTag } from '../kinds/registry';
import type { Lock, RLock, Semaphore, Event } from '../core/sync';
import type { Value, Console } from '../core/data';
import type { Connection, JoinableQueue, Queue } from '../core/queue';
import { S, STATE_NAMES } from '../core/layout';

const registryModule = new URL('../core/testing/scenarios.ts', import.meta.url).href;
const machine = useNodeMachine(registryModule, 9);

/** Fold a finished run's events the way the page does (objects claimed by their kinds). */
function foldRun(objs: object, events: LogEvent[]): { fold: RunFold; views: ObjectView[] } {
  const fold = new RunFold(trackObjects(objs as Record<string, unknown>));
  for (const e of events) fold.event(e.pid, EK[e.kind], e.obj, e.arg, e.result, e.line, e.payload);
  return { fold, views: fold.views({ waiters: () => [] }) };
}

function viewOf<K extends KindTag>(views: ObjectView[], kind: K, id: number): ViewOf<K> {
  const v = views.find((o) => o.kind === kind && o.id === id);
  if (!v) throw new Error(`no ${kind} view with id ${id}`);
  return v as ViewOf<K>;
}

describe('fold(events) equals shared memory at rest', () => {
  for (const mode of ['step', 'clock', 'parallel'] as const) {
    it(`counter, lock on and off (${mode})`, async () => {
      for (const locked of [true, false]) {
        const r = await machine().run<{ num: Value; lock: Lock; console: Console }>('counter', { procs: 3, n: 300, locked }, { mode, seed: 11, turbo: true });
        const { fold, views } = foldRun(r.objs, r.events);
        expect(fold.seq).toBe(r.events.length);
        expect(viewOf(views, 'value', r.objs.num.id).value).toBe(r.objs.num.peek());
        expect(viewOf(views, 'lock', r.objs.lock.id).owner).toBe(r.objs.lock.snapshot().owner);
        for (const [pid, lane] of fold.lanes) expect(lane.state).toBe(STATE_NAMES[r.mem.load(pid, S.state)]);
      }
    });

    it(`every kind left mid-use: rlock depth, semaphore counters, event flag, unfinished tasks, pipe ends (${mode})`, async () => {
      type Objs = { rlock: RLock; sem: Semaphore; bsem: Semaphore; ev: Event; jq: JoinableQueue; pipe: [Connection, Connection]; console: Console };
      const r = await machine().run<Objs>('kinds', { procs: 4 }, { mode, seed: 3, turbo: true });
      expect(r.status).toBe('finished');
      const { views } = foldRun(r.objs, r.events);
      const { rlock, sem, bsem, ev, jq, pipe } = r.objs;

      const rl = viewOf(views, 'rlock', rlock.id);
      expect([rl.owner, rl.depth]).toEqual([rlock.snapshot().owner, rlock.depth]);
      expect(rl.depth).toBe(2);

      const s = viewOf(views, 'semaphore', sem.id);
      expect(s.value).toBe(sem.value);
      // 4 guests: pids 2 and 4 released, 1 and 3 stayed inside; main's release let the longest-inside out.
      expect(s.inside.length).toBe(Math.max(0, sem.initial - sem.value));
      const b = viewOf(views, 'semaphore', bsem.id);
      expect([b.value, b.bounded, b.inside]).toEqual([bsem.value, true, [0]]);

      expect(viewOf(views, 'event', ev.id).flag).toBe(ev.is_set());
      const q = viewOf(views, 'queue', jq.id);
      expect(q.unfinished).toBe(jq.unfinished);
      expect(q.items.map((i) => i.json)).toEqual(jq.peekItems().map((i) => i.json));

      const p = views.find((v): v is ViewOf<'pipe'> => v.kind === 'pipe')!;
      const toOne = p.directions.find((d) => d.from === 0 && d.to === 1)!;
      const toZero = p.directions.find((d) => d.from === 1 && d.to === 0)!;
      const atOne = pipe[1].peekInbox();
      const atZero = pipe[0].peekInbox();
      expect(toOne.items.map((i) => [i.serial, i.json])).toEqual(atOne.items.map((i) => [i.serial, i.json]));
      expect(toZero.items.map((i) => [i.serial, i.json])).toEqual(atZero.items.map((i) => [i.serial, i.json]));
      expect([toOne.closed, toZero.closed]).toEqual([atOne.senderClosed, atZero.senderClosed]);
      expect(p.closed).toEqual([true, false]);
      expect(toOne.items.length).toBe(2);
    });
  }

  it('queue contents after a partial run (step mode, stopped midway)', async () => {
    const r = await machine().run<{ q: Queue; console: Console }>('mpmc', { producers: 2, consumers: 1, items: 20, capacity: 4 }, { mode: 'step', seed: 2 }, { maxSteps: 60 });
    const { views } = foldRun(r.objs, r.events);
    const items = viewOf(views, 'queue', r.objs.q.id).items.map((i) => ({ serial: i.serial, json: i.json }));
    expect(items).toEqual(r.objs.q.peekItems());
    expect(items.length).toBeGreaterThan(0);
  });

  it('a terminated lock owner stays the owner in the fold too', async () => {
    const r = await machine().run<{ lock: Lock; console: Console }>('life', { case: 'terminate' }, { mode: 'step', seed: 1 });
    const { fold, views } = foldRun(r.objs, r.events);
    expect(viewOf(views, 'lock', r.objs.lock.id).owner).toBe(1);
    expect(r.objs.lock.snapshot().owner).toBe(1);
    expect(fold.lanes.get(1)?.state).toBe('terminated');
    expect(fold.lanes.get(0)?.state).toBe('blocked');
  });
});

describe('process events', () => {
  it('an uncaught exception records its line and console index (the lane’s traceback); a kill records -9', () => {
    const fold = new RunFold([]);
    fold.event(0, EK.start, -1, -1, 0, 0, '');
    fold.event(1, EK.start, -1, 0, 0, 0, '');
    fold.event(1, EK.print, -1, 0, 0, 9, '');
    fold.event(1, EK.raise, -1, 1, 1, 12, 'ValueError: the child…');
    fold.event(1, EK.exit, -1, 1, 1, 12, '');
    fold.event(2, EK.killed, -1, -9, 0, 5, '');
    expect(fold.lanes.get(1)).toMatchObject({ state: 'done', exitcode: 1, raisedLine: 12, raisedAt: 1 });
    expect(fold.printed).toBe(2);
    expect(fold.lanes.get(0)).toMatchObject({ raisedLine: -1, raisedAt: -1 });
    expect(fold.lanes.get(2)).toMatchObject({ state: 'terminated', exitcode: -9 });
  });
});
