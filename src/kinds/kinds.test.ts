/**
 * Each kind's fold on hand-written event sequences (what the core emits for
 * each op), and the registry's claims. Fold == memory on real threads is
 * checked in src/lab/fold.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { EK, type EventKind } from '../core/events';
import { Memory } from '../core/layout';
import { readRow, World, type ObjectInfo } from '../core/world';
import type { Runtime } from '../core/runtime';
import { NOT_READY, type AnyKind } from './types';
import { BoundedSemaphore, Condition, Event, Lock, RLock, Semaphore } from '../core/sync';
import { Console, SharedArray, SharedFile, Value } from '../core/data';
import { JoinableQueue, Pipe, Queue, type PipeInfo } from '../core/queue';
import { Mailbox } from '../core/mailbox';
import { Manager } from '../core/manager';
import { requestText, type ManagerView } from './manager';
import { RunFold } from '../lab/fold';
import { holdersOf, KINDS, trackObjects, type KindTag, type ObjectView, type ViewOf } from './registry';

function setup() {
  const world = new World(Memory.create({ maxProcs: 8, ringEvents: 64, heapWords: 1 << 18 }), true);
  const lock = new Lock(world, 'lock');
  const objs = {
    console: new Console(world, 16, 1024),
    lock,
    rlock: new RLock(world, 'rlock'),
    sem: new Semaphore(world, 2, 'sem'),
    bsem: new BoundedSemaphore(world, 1, 'bsem'),
    ev: new Event(world, 'ev'),
    cond: new Condition(world, lock, 'cond'),
    num: new Value(world, 'i', 100, false, 'num'),
    db: new SharedFile(world, 'db.json', '{"count": 1}'),
    q: new Queue(world, 3, 'q'),
    jq: new JoinableQueue(world, 0, 'jq'),
    pipe: Pipe(world, true, 'pipe'),
    oneWay: Pipe(world, false, 'oneway'),
    boxes: [new Mailbox(world, 'commands[0]')],
  };
  const fold = new RunFold(trackObjects(objs));
  const on = (pid: number, kind: EventKind, obj: number, arg = 0, result = 0, payload = '') => fold.event(pid, EK[kind], obj, arg, result, 1, payload);
  const view = <K extends KindTag>(kind: K, id: number): ViewOf<K> => fold.views({ waiters: () => [] }).find((v) => v.kind === kind && v.id === id) as ViewOf<K>;
  return { objs, fold, on, view };
}

describe('the registry', () => {
  it('claims every core object once, by its kind, in id order; a pipe once for both ends', () => {
    const { fold } = setup();
    const tags = fold.tracked.map((t) => t.kind.kind);
    expect(tags).toEqual(['lock', 'console', 'rlock', 'semaphore', 'semaphore', 'event', 'condition', 'value', 'file', 'queue', 'queue', 'pipe', 'pipe', 'mailbox']);
    expect(new Set(KINDS.map((k) => k.kind)).size).toBe(KINDS.length);
  });

  it('every kind names its ops with strings it defines in both languages', () => {
    for (const k of KINDS) for (const key of Object.values(k.ops) as string[]) expect([k.kind, key in k.strings.en && key in k.strings.zh]).toEqual([k.kind, true]);
  });
});

describe('kind folds', () => {
  it('lock: the owner until release; a failed try does not own it', () => {
    const { objs, on, view } = setup();
    on(1, 'acquire', objs.lock.id, 1, 1);
    on(2, 'acquire', objs.lock.id, 0, 0);
    expect(view('lock', objs.lock.id).owner).toBe(1);
    on(1, 'release', objs.lock.id);
    expect(view('lock', objs.lock.id).owner).toBe(-1);
  });

  it('rlock: depth counts re-acquires; the release reports the depth left', () => {
    const { objs, on, view } = setup();
    const id = objs.rlock.id;
    on(1, 'acquire', id, 1, 1);
    on(1, 'acquire', id, 1, 1);
    on(1, 'acquire', id, 1, 1);
    expect([view('rlock', id).owner, view('rlock', id).depth]).toEqual([1, 3]);
    on(1, 'release', id, 2);
    expect([view('rlock', id).owner, view('rlock', id).depth]).toEqual([1, 2]);
    on(1, 'release', id, 1);
    on(1, 'release', id, 0);
    expect([view('rlock', id).owner, view('rlock', id).depth]).toEqual([-1, 0]);
  });

  it('semaphore: a counter and a set of holders, never a stale owner', () => {
    const { objs, on, view } = setup();
    const id = objs.sem.id;
    on(1, 'acquire', id, 1, 1);
    on(2, 'acquire', id, 1, 1);
    on(3, 'acquire', id, 0, 0); // non-blocking try on 0: fails
    let v = view('semaphore', id);
    expect([v.value, v.initial, v.inside, holdersOf(v)]).toEqual([0, 2, [1, 2], [1, 2]]);
    on(1, 'release', id, 1);
    v = view('semaphore', id);
    expect([v.value, v.inside]).toEqual([1, [2]]);
    on(2, 'release', id, 2);
    v = view('semaphore', id);
    expect([v.value, v.inside, holdersOf(v)]).toEqual([2, [], []]);
  });

  it('semaphore: a release by a process not inside lets the longest-inside out; bounded is reported', () => {
    const { objs, on, view } = setup();
    const id = objs.sem.id;
    on(1, 'acquire', id, 1, 1);
    on(2, 'acquire', id, 1, 1);
    on(5, 'release', id, 1);
    expect(view('semaphore', id).inside).toEqual([2]);
    expect(view('semaphore', objs.bsem.id).bounded).toBe(true);
    expect(view('semaphore', id).bounded).toBe(false);
  });

  it('event: the flag follows set and clear; the last wait says whether it timed out; nobody holds it', () => {
    const { objs, on, view } = setup();
    const id = objs.ev.id;
    expect(view('event', id).flag).toBe(false);
    on(1, 'wait', id, 0, 0);
    expect(view('event', id).lastWait).toEqual({ pid: 1, set: false });
    on(0, 'set', id);
    on(2, 'wait', id, 0, 1);
    expect([view('event', id).flag, view('event', id).lastWait]).toEqual([true, { pid: 2, set: true }]);
    on(0, 'clear', id);
    expect(view('event', id).flag).toBe(false);
    expect(holdersOf(view('event', id))).toEqual([]);
  });

  it('condition: the last notify (who, asked, woke) and its lock', () => {
    const { objs, on, view } = setup();
    on(3, 'notify', objs.cond.id, 1, 1);
    expect(view('condition', objs.cond.id)).toMatchObject({ lockName: 'lock', lastNotify: { pid: 3, asked: 1, woke: 1 } });
  });

  it('value and file start from their configuration and follow loads, stores, reads and writes', () => {
    const { objs, on, view } = setup();
    expect(view('value', objs.num.id).value).toBe(100);
    on(1, 'load', objs.num.id, 0, 100);
    on(1, 'compute', objs.num.id, 101, 100);
    expect(view('value', objs.num.id).value).toBe(100);
    on(1, 'store', objs.num.id, 101);
    expect(view('value', objs.num.id).value).toBe(101);
    expect(view('file', objs.db.id).content).toBe('{"count": 1}');
    on(2, 'write', objs.db.id, 0, 0, '{"count": 0}');
    expect(view('file', objs.db.id).content).toBe('{"count": 0}');
  });

  it('queue: FIFO items, recent takes, the last snapshot answer; a JoinableQueue counts unfinished tasks', () => {
    const { objs, on, view } = setup();
    on(1, 'put', objs.q.id, 1, 1, '"a"');
    on(1, 'put', objs.q.id, 2, 2, '"b"');
    on(2, 'get', objs.q.id, 1, 1, '"a"');
    on(2, 'qsize', objs.q.id, 0, 1);
    const q = view('queue', objs.q.id);
    expect(q.items.map((i) => i.json)).toEqual(['"b"']);
    expect(q.taken).toEqual([{ serial: 1, json: '"a"', by: 1, takenBy: 2 }]);
    expect([q.snapshot, q.unfinished]).toEqual([{ pid: 2, query: 'qsize', value: 1 }, null]);
    on(1, 'put', objs.jq.id, 1, 1, '1');
    on(1, 'put', objs.jq.id, 2, 2, '2');
    on(2, 'get', objs.jq.id, 1, 1, '1');
    on(2, 'task_done', objs.jq.id, 0, 1);
    expect(view('queue', objs.jq.id).unfinished).toBe(1);
  });

  it('pipe: messages per direction, and a closed end closes the direction it sends on', () => {
    const { objs, on, view } = setup();
    const [a, b] = objs.pipe;
    const p0 = view('pipe', a.pipe.channels[0]!.id);
    const zeroToOne = p0.directions.find((d) => d.from === 0)!.id;
    const oneToZero = p0.directions.find((d) => d.from === 1)!.id;
    on(1, 'send', zeroToOne, 1, 1, '"m0"');
    on(1, 'send', zeroToOne, 2, 2, '"m1"');
    on(2, 'recv', zeroToOne, 1, 1, '"m0"');
    on(2, 'send', oneToZero, 1, 1, '"ack"');
    on(1, 'close', zeroToOne, 0);
    const p = view('pipe', p0.id);
    expect(p.closed).toEqual([true, false]);
    const d01 = p.directions.find((d) => d.from === 0)!;
    const d10 = p.directions.find((d) => d.from === 1)!;
    expect([d01.items.map((i) => i.json), d01.closed]).toEqual([['"m1"'], true]);
    expect([d10.items.map((i) => i.json), d10.closed]).toEqual([['"ack"'], false]);
    expect(p.received).toEqual([{ serial: 1, json: '"m0"', by: 1, takenBy: 2 }]);
    expect(b.pipe).toBe(a.pipe);
  });

  it('pipe: a copy of an end closed while another process holds one (result 1) leaves the end and its direction open', () => {
    const { objs, on, view } = setup();
    const [r] = objs.oneWay;
    const id = r.pipe.channels[0]!.id;
    on(0, 'close', id, 1, 1); // main closes its copy of the sending end; the child's copy goes on
    let p = view('pipe', id);
    expect([p.closed, p.directions[0]!.closed]).toEqual([[false, false], false]);
    on(1, 'close', id, 1, 0); // the last copy
    p = view('pipe', id);
    expect([p.closed, p.directions[0]!.closed]).toEqual([[false, true], true]);
  });

  it('one-way pipe: closing the receiving end does not close the sender’s direction', () => {
    const { objs, on, view } = setup();
    const [r] = objs.oneWay;
    const id = r.pipe.channels[0]!.id;
    on(0, 'close', id, 0); // end 0 only receives
    let p = view('pipe', id);
    expect([p.closed, p.directions[0]!.closed]).toEqual([[true, false], false]);
    on(1, 'close', id, 1); // end 1 sends
    p = view('pipe', id);
    expect([p.closed, p.directions[0]!.closed]).toEqual([[true, true], true]);
  });

  it('a process event never reaches a kind; an object event marks its lane running', () => {
    const { objs, fold, on } = setup();
    on(1, 'start', -1);
    on(1, 'block', objs.lock.id);
    expect(fold.lanes.get(1)!.state).toBe('blocked');
    on(1, 'wake', objs.lock.id);
    on(1, 'acquire', objs.lock.id, 1, 1);
    expect(fold.lanes.get(1)!.state).toBe('running');
    const views: ObjectView[] = fold.views({ waiters: () => [] });
    expect(views.filter((v) => v.kind === 'lock').map((v) => holdersOf(v))).toEqual([[1]]);
  });
});

describe('objects made at run time (the Python lab): the page adopts them from the object table', () => {
  function runTime() {
    const mem = Memory.create({ maxProcs: 4, ringEvents: 64, heapWords: 1 << 16 });
    const creator = new World(mem, true, { pid: 1 } as unknown as Runtime);
    creator.dynamic = true;
    const page = new World(mem, true);
    return { mem, creator, page };
  }
  const adopt = (page: World, row: ObjectInfo) => {
    for (const kind of KINDS as readonly AnyKind[]) {
      const core = kind.adopt?.(page, row);
      if (core !== null && core !== undefined) return { kind: kind.kind, core };
    }
    return null;
  };

  it('a condition waits for its lock id (written just after its row), then names its lock', () => {
    const { mem, creator, page } = runTime();
    const cond = new Condition(creator, new RLock(creator, 'guard'), 'cond');
    const lockWord = cond.info.base + 3;
    const written = Atomics.exchange(mem.i32, lockWord, 0); // as the page may find it: row published, lock id not yet
    expect(adopt(page, cond.info)?.core).toBe(NOT_READY);
    Atomics.store(mem.i32, lockWord, written);
    const found = adopt(page, cond.info)!;
    expect(found.kind).toBe('condition');
    expect((found.core as Condition).lock.name).toBe('guard');
  });

  it('an array waits for its length (written last), then brings its elements and its lock', () => {
    const { mem, creator, page } = runTime();
    const arr = new SharedArray(creator, 'i', [4, 5, 6], true, 'arr');
    const length = Atomics.exchange(mem.i32, arr.info.base, 0);
    expect(adopt(page, arr.info)?.core).toBe(NOT_READY);
    Atomics.store(mem.i32, arr.info.base, length);
    const found = adopt(page, arr.info)!;
    expect(found.kind).toBe('array');
    const kind = KINDS.find((k) => k.kind === 'array')! as unknown as AnyKind;
    const s = kind.initial(found.core) as { items: number[] };
    kind.fold(s, 1, EK.store, arr.id, 9, 0, '2');
    expect(s.items).toEqual([4, 5, 9]);
  });

  it('a duplex pipe is adopted once, at its second direction; a one-way pipe at its only one', () => {
    const { creator, page } = runTime();
    const [a] = Pipe(creator, true, 'p');
    const [r] = Pipe(creator, false, 'p');
    const rows = [a.pipe.channels[0]!.id, a.pipe.channels[1]!.id, r.pipe.channels[0]!.id].map((id) => readRow(creator.mem, id)!);
    const found = rows.map((row) => adopt(page, row));
    expect(found[0]).toBeNull();
    expect((found[1]!.core as PipeInfo).duplex).toBe(true);
    expect((found[2]!.core as PipeInfo).duplex).toBe(false);
  });

  it("a manager is adopted at its request queue once all its reply queues' rows are written (other objects may sit between); its server's reports fold into what it holds", () => {
    const { mem, creator, page } = runTime();
    const other = new World(mem, false, { pid: 2 } as unknown as Runtime);
    other.dynamic = true;
    // What `new Manager(world, { clients: 4, name: 'mgr' })` allocates, with another process's object claiming a row between.
    const m = creator.track(() => {
      const requests = new Queue(creator, 4, 'mgr requests', 'manager').info;
      new Lock(other, 'between');
      return [requests, ...[0, 1, 2, 3].map((pid) => new Queue(creator, 1, `mgr reply to ${pid}`, 'manager').info)];
    });
    const rows = page.refresh();
    expect(adopt(page, rows.find((r) => r.name === 'mgr reply to 0')!)).toBeNull();
    const found = adopt(page, rows.find((r) => r.name === 'mgr requests')!)!;
    expect(found.kind).toBe('manager');
    const mgr = found.core as Manager;
    expect(mgr.replies.map((q) => q.id)).toEqual(m.value.slice(1).map((r) => r.id));
    const kind = KINDS.find((k) => k.kind === 'manager')! as unknown as AnyKind;
    const s = kind.initial(mgr);
    kind.fold(s, 1, EK.write, mgr.requests.id, 1, 0, 'scores = {}');
    kind.fold(s, 1, EK.write, mgr.requests.id, 1, 0, "scores = {'team 0': 0, 'team…");
    const view = kind.view(mgr, s, { waiters: () => [] }) as ManagerView;
    expect(view.held).toEqual([{ id: 1, name: 'scores', type: 'object', length: 0, text: "scores = {'team 0': 0, 'team…" }]);
    expect(requestText('[1,1,"__setitem__",["team 0",0]]', [{ name: 'manager', type: 'object' }, { name: 'scores', type: 'object' }])).toBe("scores['team 0'] = 0");
  });
});
