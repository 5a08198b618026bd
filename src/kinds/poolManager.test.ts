/**
 * The pool and manager kinds: their labels, and their fold of a real run
 * (Node worker threads) against shared memory at rest — the pool's queues
 * drained, every task counted to the worker that took it; the manager's dict
 * and list as the server published them.
 */
import { describe, expect, it } from 'vitest';
import { useNodeMachine } from '../kernel/testing/useNodeMachine';
import { EK, type LogEvent } from '../core/events';
import { RunFold } from '../lab/fold';
import { EventLog } from '../lab/eventLog';
import { trackObjects, type ObjectView, type ViewOf, type KindTag } from './registry';
import type { Pool } from '../core/pool';
import type { DictProxy, ListProxy, Manager } from '../core/manager';
import { resultLabel, taskLabel } from './pool';
import { replyText, requestText } from './manager';

const registryModule = new URL('../core/testing/scenarios.ts', import.meta.url).href;
const machine = useNodeMachine(registryModule, 7);

type Objs = { pool: Pool; manager: Manager; d: DictProxy; l: ListProxy };

function foldRun(objs: object, events: LogEvent[], waiters: (id: number) => number[] = () => []) {
  const fold = new RunFold(trackObjects(objs as Record<string, unknown>));
  // As the page folds: only the kinds of event whose payload it reads carry one.
  for (const e of events) fold.event(e.pid, EK[e.kind], e.obj, e.arg, e.result, e.line, EventLog.needsPayload(EK[e.kind]) ? e.payload : '');
  return fold.views({ waiters });
}
const viewOf = <K extends KindTag>(views: ObjectView[], kind: K): ViewOf<K> => views.find((o) => o.kind === kind) as ViewOf<K>;

describe('labels', () => {
  it('a task reads as its call, a chunk by its size, the sentinel as None; a cut payload by its index', () => {
    expect(taskLabel('[0,3,"square",[[3]]]')).toBe('square(3)');
    expect(taskLabel('[0,1,"square",[[5],[6],[7]]]')).toBe('square × 3');
    expect(taskLabel('null')).toBe('None');
    expect(taskLabel('[12,7,"square",[[35],[36],[')).toBe('square #7');
    expect(resultLabel('[0,3,true,[9]]')).toBe('9');
    expect(resultLabel('[0,3,false,["ValueError","no"]]')).toBe('ValueError');
  });

  it('a request reads as the Python call on the proxy, a reply as its value', () => {
    const proxies = [{ name: 'd', type: 'dict' }, { name: 'l', type: 'list' }];
    expect(requestText('[2,0,"__getitem__",["count"]]', proxies)).toBe("d['count']");
    expect(requestText('[2,0,"__setitem__",["count",5]]', proxies)).toBe("d['count'] = 5");
    expect(requestText('[3,1,"append",[2]]', proxies)).toBe('l.append(2)');
    expect(requestText('[3,1,"__len__",[]]', proxies)).toBe('len(l)');
    expect(requestText('[0,1,"__init__",[]]', proxies)).toBe('l = manager.list()');
    expect(requestText('[10,0,"__setitem__",["count",1000', proxies)).toBe("d['count'] = …");
    expect(requestText('[10,0,"__getitem__",["a long key tha', proxies)).toBe('d[…]');
    expect(requestText('[10,1,"append",[123456789012345', proxies)).toBe('l.append(…)');
    expect(requestText('null', proxies)).toBe('shutdown');
    expect(replyText('[true,null]')).toBe('None');
    expect(replyText('[true,41]')).toBe('41');
    expect(replyText('[false,["KeyError","\'x\'"]]')).toBe('KeyError');
  });
});

describe('fold(events) equals shared memory at rest', () => {
  for (const mode of ['step', 'clock', 'parallel'] as const) {
    it(`pool: queues drained, each task counted to the worker that took it (${mode})`, async () => {
      const r = await machine().run<Objs>('poolmgr', { which: 'map', processes: 3, tasks: 12, locked: true }, { mode, seed: 4, turbo: true });
      expect(r.status).toBe('finished');
      const pool = viewOf(foldRun(r.objs, r.events), 'pool');
      expect(pool.tasks).toHaveLength(r.objs.pool.tasks.size);
      expect(pool.results).toHaveLength(r.objs.pool.results.size);
      expect(pool.tasks).toEqual([]);
      // map(12 items, 3 processes) is 12 chunks of 1: each printed line is one task, by the worker that took it.
      const printedBy = new Map<number, number>();
      for (const e of r.events) if (e.kind === 'print' && e.pid > 0) printedBy.set(e.pid, (printedBy.get(e.pid) ?? 0) + 1);
      expect(pool.workers.filter((w) => w.done > 0).map((w) => [w.pid, w.done])).toEqual([...printedBy].sort((a, b) => a[0] - b[0]));
      expect(pool.workers.every((w) => w.current === null)).toBe(true);
    });

    it(`manager: the dict and the list as the server published them (${mode})`, async () => {
      const r = await machine().run<Objs>('poolmgr', { which: 'counter', processes: 3, tasks: 9, locked: mode !== 'step' }, { mode, seed: 2, turbo: true });
      expect(r.status).toBe('finished');
      const m = viewOf(foldRun(r.objs, r.events), 'manager');
      const [d, l] = m.held;
      const published = JSON.parse(r.objs.d.peek().json) as { count: number };
      expect(d!.text).toBe(`{'count': ${published.count}}`);
      expect(l!.length).toBe(r.objs.l.peek().length);
      expect(l!.length).toBe(27);
      expect(l!.text).toBe(`[…, ${(JSON.parse(r.objs.l.peek().json) as number[]).join(', ')}]`);
      expect([m.requests, m.replies]).toEqual([[], []]);
      expect(r.mem.processName(m.server)).toBe('SyncManager-1');
    });
  }

  it('paused mid-run (step): queued tasks, results, requests and replies are what the queues hold', async () => {
    for (const maxSteps of [5, 17, 40, 63]) {
      const p = await machine().run<Objs>('poolmgr', { which: 'map', processes: 3, tasks: 12, locked: true }, { mode: 'step', seed: 1 }, { maxSteps });
      const pool = viewOf(foldRun(p.objs, p.events), 'pool');
      expect([pool.tasks.length, pool.results.length]).toEqual([p.objs.pool.tasks.size, p.objs.pool.results.size]);
      const m = await machine().run<Objs>('poolmgr', { which: 'counter', processes: 3, tasks: 5, locked: false }, { mode: 'step', seed: 1 }, { maxSteps });
      const mv = viewOf(foldRun(m.objs, m.events), 'manager');
      expect(mv.requests.length).toBe(m.objs.manager.requests.size);
      expect(mv.replies.length).toBe(m.objs.manager.replies.reduce((n, q) => n + q.size, 0));
    }
  });
});
