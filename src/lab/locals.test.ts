import { describe, expect, it } from 'vitest';
import { EK, type LogEvent } from '../core/events';
import { scenarioById } from '../scenarios/registry';
import { pyRepr } from '../core/data';
import { withDefaults } from '../scenarios/testing/run';
import { useScenarioMachine } from '../scenarios/testing/expectations';
import { EventLog } from './eventLog';
import { assignedName, foldLogInto, LocalsFold, MAX_LOCALS, type LogColumns } from './locals';
import type { ObjectInfo } from '../core/world';

describe('assignedName', () => {
  it('names the variable a line assigns, and nothing else', () => {
    expect(assignedName('        data = json.load(f)')).toBe('data');
    expect(assignedName('    item = q.get(timeout=TIMEOUT)  # waits')).toBe('item');
    expect(assignedName('    got: bool = lock.acquire(timeout=2)')).toBe('got');
    expect(assignedName('        num.value -= 1')).toBeNull();
    expect(assignedName('    if q.qsize() > 0:')).toBeNull();
    expect(assignedName('    x == 3')).toBeNull();
    expect(assignedName("        data['count'] -= 1")).toBeNull();
  });
});

describe('LocalsFold', () => {
  const source = ['def w(num, q, f):', '    num.value -= 1', '    item = q.get()', '    data = json.load(f)', '    if q.qsize() > 0:', '    with lock:', '    got = lock.acquire(timeout=2)'];
  const fold = () => new LocalsFold(source);

  it('keeps the value a load returned and the one computed from it, unnamed on `num.value -= 1`', () => {
    const f = fold();
    f.event(1, EK.load, 3, 0, 100, 2, '');
    f.event(1, EK.compute, 3, 99, 100, 2, '');
    expect(f.of(1).map((l) => [l.how, l.name, l.value])).toEqual([
      ['load', null, '100'],
      ['compute', null, '99'],
    ]);
    // The next iteration replaces both, not appends.
    f.event(1, EK.load, 3, 0, 99, 2, '');
    expect(f.of(1).map((l) => [l.how, l.value])).toEqual([
      ['compute', '99'],
      ['load', '99'],
    ]);
    expect(f.of(2)).toEqual([]);
  });

  it("gives a get the item of the put with the same serial, as Python's repr", () => {
    const f = fold();
    f.event(0, EK.put, 5, 7, 1, 9, '"job-7"');
    f.event(0, EK.put, 5, 8, 2, 9, '[1, true, null]');
    f.event(2, EK.get, 5, 8, 1, 3, '');
    f.event(3, EK.get, 5, 7, 0, 3, '');
    expect(f.of(2)).toMatchObject([{ name: 'item', how: 'get', value: '[1, True, None]', line: 3 }]);
    expect(f.of(3)).toMatchObject([{ name: 'item', value: "'job-7'" }]);
    // A get whose put the log no longer holds still says which item it was.
    f.event(3, EK.get, 5, 99, 0, 3, '');
    expect(f.of(3)[0]!.value).toBe('#99');
  });

  it('folding a log, reads an item from the log only when a view shows it (not at each put or get)', () => {
    const log = new EventLog();
    for (let i = 0; i < 1000; i++) {
      log.push(0, EK.put, 5, i, i + 1, 9, 0, `"job-${i}"`);
      log.push(2, EK.get, 5, i, 0, 3, 0, null);
    }
    let decoded = 0;
    const payload = log.payload;
    const counting: LogColumns = { length: log.length, kind: log.kind, pid: log.pid, obj: log.obj, arg: log.arg, result: log.result, line: log.line, payload: { get: (i) => (decoded++, payload.get(i)) } };
    const f = fold();
    foldLogInto(f, counting, Infinity);
    expect(decoded).toBe(0);
    expect(f.of(2)).toMatchObject([{ name: 'item', how: 'get', value: "'job-999'" }]);
    expect(decoded).toBe(1);
  });

  it('reads `json.load` as data, a cut payload as raw text, counts and truth values as Python prints them', () => {
    const f = fold();
    f.event(1, EK.read, 4, 0, 0, 4, '{"count": 2}');
    f.event(1, EK.qsize, 5, 0, 3, 5, '');
    f.event(1, EK.acquire, 6, 0, 1, 6, ''); // `with lock:` is not a local
    f.event(1, EK.acquire, 6, 0, 0, 7, '');
    expect(f.of(1).map((l) => [l.name, l.how, l.value])).toEqual([
      ['data', 'read', "{'count': 2}"],
      [null, 'qsize', '3'],
      ['got', 'acquire', 'False'],
    ]);
    const g = fold();
    g.event(1, EK.read, 4, 0, 0, 4, '{"count": 2, "na');
    expect(g.of(1)[0]!.value).toBe('{"count": 2, "na…');
  });

  it(`keeps the newest ${MAX_LOCALS} and returns the same array while a process's values do not change`, () => {
    const f = new LocalsFold(['a = q.get()', 'b = q.get()', 'c = q.get()', 'd = q.get()', 'e = q.get()']);
    for (let line = 1; line <= 5; line++) f.event(1, EK.get, 5, line, 0, line, '');
    expect(f.of(1).map((l) => l.name)).toEqual(['b', 'c', 'd', 'e']);
    const before = f.of(1);
    f.event(2, EK.load, 3, 0, 1, 1, '');
    expect(f.of(1)).toBe(before);
  });
});

describe("LocalsFold: a Pool's and a Manager's own channels", () => {
  const source = ['x = d["k"]', 'd = m.dict()', 'task = tasks.get()', "d['count'] += 1"];
  const row = (id: number, kind: ObjectInfo['kind'], name: string, internal: boolean): ObjectInfo => ({ id, kind, name, base: 0, creator: 0, internal });
  const objects = [row(0, 'queue', 'pool tasks', true), row(1, 'manager', 'manager requests', true), row(2, 'manager', 'manager reply to 0', true), row(3, 'queue', 'tasks', false)];

  it("skips a pool's tasks and a manager's requests; a reply shows as the value the proxy call returned", () => {
    const f = new LocalsFold(source, objects);
    f.event(0, EK.put, 0, 1, 1, 3, 'null');
    f.event(1, EK.get, 0, 1, 0, 3, ''); // a worker's `None` sentinel is not `task = None`
    f.event(0, EK.put, 1, 1, 1, 1, '[0, 0, "__getitem__", ["k"]]');
    f.event(1, EK.get, 1, 1, 0, 1, '');
    f.event(1, EK.put, 2, 1, 1, 1, '[true, 400]');
    f.event(0, EK.get, 2, 1, 0, 1, '');
    expect(f.of(1)).toEqual([]);
    expect(f.of(0).map((l) => [l.name, l.value])).toEqual([['x', '400']]);
    // `d = m.dict()` replies the new object's id (not d's value); an unnamed `d['count'] += 1` get is no value either.
    f.event(0, EK.put, 1, 2, 1, 2, '[0,0,"create",["dict",null,[],{}]]');
    f.event(1, EK.get, 1, 2, 0, 2, '');
    f.event(1, EK.put, 2, 2, 1, 2, '[true, 1]');
    f.event(0, EK.get, 2, 2, 0, 2, '');
    f.event(1, EK.put, 2, 3, 1, 4, '[true, 5]');
    f.event(0, EK.get, 2, 3, 0, 4, '');
    expect(f.of(0).map((l) => [l.name, l.value])).toEqual([['x', '400']]);
    // A learner's own queue (even one named like a pool's) still shows.
    f.event(0, EK.put, 3, 1, 1, 3, '"job"');
    f.event(1, EK.get, 3, 1, 0, 3, '');
    expect(f.of(1).map((l) => [l.name, l.value])).toEqual([['task', "'job'"]]);
  });

  it("the Python lab's `r = pool.map(…)`: its tasks (one per chunk) and results travel as tuples; once every chunk's list is in, r is the list", () => {
    const f = new LocalsFold(['r = pool.map(square, range(3), chunksize=2)'], [row(0, 'queue', 'queue', true), row(1, 'queue', 'queue', true)]);
    const chunks = ['(0, 1)', '(2,)'];
    chunks.forEach((c, i) => f.event(0, EK.put, 0, i + 1, 1, 1, `{"$py":"(0, ${i}, <function mapstar>, ((<function square>, ${c}),), {})","$pickle":"AAAA"}`));
    // As the log keeps them: cut short after some 30 characters, the tuple's repr still whole.
    const result = (i: number) => `{"$py":"(0, ${i}, True, ${['[0, 1]', '[4]'][i]})","$v…`;
    f.event(1, EK.put, 1, 2, 1, 1, result(1));
    f.event(0, EK.get, 1, 2, 0, 1, '');
    expect(f.of(0)).toEqual([]);
    f.event(1, EK.put, 1, 1, 1, 1, result(0));
    f.event(0, EK.get, 1, 1, 0, 1, '');
    expect(f.of(0).map((l) => [l.name, l.value])).toEqual([['r', '[0, 1, 4]']]);
  });
});

/** The events of a real run as the page's log holds them (no payload on a get). */
function asLog(events: LogEvent[]): EventLog {
  const log = new EventLog();
  for (const e of events) {
    const kind = EK[e.kind];
    log.push(e.pid, kind, e.obj, e.arg, e.result, e.line, e.time, EventLog.needsPayload(kind) ? e.payload : null);
  }
  return log;
}

describe('locals of real runs (worker threads)', () => {
  const machine = useScenarioMachine(4);

  const run = async (id: string, given: Record<string, number | string>) => {
    const params = withDefaults(id, given);
    const r = await machine().run(id, params, { mode: 'step', seed: 3 });
    const fold = new LocalsFold(scenarioById.get(id)!.python(params).split('\n'), r.world.objects);
    foldLogInto(fold, asLog(r.events), Infinity);
    return { r, fold };
  };

  it('bank: each worker shows the balance it loaded and the value it computed from it', async () => {
    const { r, fold } = await run('bank', { n: 3, lock: 'off' });
    const workers = [...new Set(r.events.filter((e) => e.kind === 'compute').map((e) => e.pid))];
    expect(workers).toHaveLength(2);
    for (const pid of workers) {
      const loaded = fold.of(pid).find((l) => l.how === 'load')!;
      const computed = fold.of(pid).find((l) => l.how === 'compute')!;
      const lastLoad = r.events.filter((e) => e.pid === pid && e.kind === 'load').at(-1)!;
      expect(loaded.value).toBe(String(lastLoad.result));
      expect(Math.abs(Number(computed.value) - Number(loaded.value))).toBe(1);
    }
  });

  it("pool and manager: no card shows an item of the library's own queues as a variable", async () => {
    for (const [id, given] of [['pool', {}], ['manager', { workers: 2, n: 3 }]] as const) {
      const { r, fold } = await run(id, given);
      const internal = new Set(r.world.objects.filter((o) => o.internal).map((o) => o.id));
      expect(internal.size).toBeGreaterThan(1);
      const pids = [...new Set(r.events.map((e) => e.pid))];
      for (const pid of pids) for (const l of fold.of(pid)) expect(internal.has(l.obj) ? l.value : 'learner').not.toMatch(/^\[True|^None$/);
      expect(pids.flatMap((pid) => fold.of(pid)).filter((l) => internal.has(l.obj) && l.name === null)).toEqual([]);
    }
  });

  it('pool: `results = pool.map(square, …)` shows the list map returned, assembled from its chunks in input order, once it returns', async () => {
    const { r, fold } = await run('pool', { call: 'map', tasks: 10, processes: 3 });
    const results = fold.of(0).find((l) => l.name === 'results');
    expect(results?.value).toBe(`[${Array.from({ length: 10 }, (_, x) => x * x).join(', ')}]`);
    // Not before: folded up to just before the parent's last result, the card has no value for it yet.
    const lastTake = r.events.findLastIndex((e) => e.pid === 0 && e.kind === 'get' && r.world.objects[e.obj]?.internal);
    const early = new LocalsFold(scenarioById.get('pool')!.python(withDefaults('pool', { call: 'map', tasks: 10, processes: 3 })).split('\n'), r.world.objects);
    foldLogInto(early, asLog(r.events), lastTake);
    expect(early.of(0).find((l) => l.name === 'results')).toBeUndefined();
  });

  it('producer-consumer: the consumer shows the item it took last, named `item`', async () => {
    const { r, fold } = await run('producer-consumer', { items: 3 });
    const lastGet = r.events.filter((e) => e.kind === 'get').at(-1)!;
    // A get logs only the serial it took; its text is the payload of the put with that serial.
    expect(lastGet.payload).toBe('');
    const itsPut = r.events.find((e) => e.kind === 'put' && e.obj === lastGet.obj && e.arg === lastGet.arg)!;
    expect(fold.of(lastGet.pid)).toContainEqual(expect.objectContaining({ name: 'item', how: 'get', value: pyRepr(JSON.parse(itsPut.payload)) }));
    expect(itsPut.payload).toBe('"item 2"');
  });
});
