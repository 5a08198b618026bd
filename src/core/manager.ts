/**
 * multiprocessing.Manager, built as Python's is: a server process holds the
 * real dict and list in its own memory; a proxy in any process turns every
 * operation into a request to the server and waits for its reply. So
 * `d['count'] += 1` is two round trips — `d['count']` (a get) and
 * `d['count'] = v` (a set) — and two processes can both get 5 and both set
 * 6: a lost update, unless a Lock spans both. `l.append(x)` is one round trip,
 * done whole by the server, and is never lost.
 *
 * Requests travel on one shared Queue to the server, `[client pid, proxy,
 * method, args]`; each process has its own reply Queue, `[ok, value]`.
 * After each request that changes an object, the server publishes what it
 * now holds into that proxy's shared region (a dict's JSON; a list's length
 * and its last items): only the page and the judge read it — the clients
 * always go through the server.
 *
 * @example
 *   // setup:   const manager = new Manager(world, { target: 'manager_server', clients: 6 });
 *   //          const d = manager.dict('d'), l = manager.list('l');
 *   // server:  manager_server: (p) => p.objs.manager.serve(p, LINE.manager)
 *   // main:    p.objs.manager.start(p); d.create(); d.setitem('count', 0); … manager.shutdown();
 *   // worker:  d.setitem('count', (d.getitem('count') as number) + 1); l.append(i);
 */
import { pidLabel } from './pid';
import { EK } from './events';
import { PyError, unwireError, wireError, type WiredError } from './errors';
import type { Child, ProcessApi } from './process';
import { Queue } from './queue';
import { objectTable, type ObjectInfo, type World } from './world';

export interface ManagerOptions {
  /** The program the server process runs; it must call `serve`. */
  target: string;
  /** How many processes may call it (pids 0 … clients − 1 each get a reply queue): the run's process slots. */
  clients: number;
  name?: string;
}

type Request = [client: number, proxy: number, method: string, args: unknown[]];
type Reply = [ok: true, value: unknown] | [ok: false, error: WiredError];

/** The request queue's name is the manager's and this. */
const REQUESTS = ' requests';

/** How many of a list's last items the server publishes for the view. */
export const LIST_TAIL = 8;
const PUBLISHED_BYTES = 256;
const R = { version: 0, length: 1, bytes: 2, words: 3 + PUBLISHED_BYTES / 4 } as const;

/** The manager's shared part: its request queue, one reply queue per process, its proxies (created in setup). */
export class Manager {
  readonly requests: Queue;
  readonly replies: Queue[];
  readonly proxies: Proxy[] = [];
  readonly target: string;
  readonly name: string;
  private server: Child | null = null;

  constructor(
    readonly world: World,
    opts: ManagerOptions,
  ) {
    this.target = opts.target;
    this.name = opts.name ?? 'manager';
    this.requests = new Queue(world, opts.clients, `${this.name}${REQUESTS}`, 'manager', true);
    this.replies = Array.from({ length: opts.clients }, (_, pid) => new Queue(world, 1, `${this.name} reply to ${pid}`, 'manager', true));
  }

  /**
   * A handle on a manager another process made at run time (the Python lab), found at its
   * request queue's row: null for any other row, NOT_READY while its reply queues' rows are
   * still being written.
   */
  static at(world: World, row: ObjectInfo): Manager | 'not ready' | null {
    if (row.kind !== 'manager' || !row.name.endsWith(REQUESTS)) return null;
    const clients = Queue.capacityOf(row);
    const name = row.name.slice(0, -REQUESTS.length);
    // Its creator made the reply queues right after it, in pid order (other processes' objects may sit between).
    const ids = [row.id];
    for (const r of objectTable(world.mem, row.id + 1)) {
      if (ids.length > clients) break;
      if (r.kind === 'manager' && r.creator === row.creator && r.name === `${name} reply to ${ids.length - 1}`) ids.push(r.id);
    }
    if (ids.length <= clients) return 'not ready';
    return world.adopt(ids, () => new Manager(world, { target: '', clients, name }));
  }

  /** Whether a row is one of a manager's reply queues (what a client's get there returns is its proxy call's `[ok, value]`). */
  static isReplyQueue(row: ObjectInfo): boolean {
    return row.kind === 'manager' && !row.name.endsWith(REQUESTS);
  }

  /** `manager.dict()`'s shared handle (declared in setup; `create()` makes the dict on the server). */
  dict(name: string): DictProxy {
    const px = new DictProxy(this, name);
    this.proxies.push(px);
    return px;
  }

  /** `manager.list()`'s shared handle. */
  list(name: string): ListProxy {
    const px = new ListProxy(this, name);
    this.proxies.push(px);
    return px;
  }

  /** `Manager()` in the parent: start the server process (Python names it SyncManager-1). */
  start<O, P>(p: ProcessApi<O, P>): Child {
    this.server = p.Process({ target: this.target, name: 'SyncManager-1' });
    this.server.start();
    return this.server;
  }

  /** Leaving `with Manager() as manager:` — ask the server to stop and wait for it. */
  shutdown(): void {
    this.requests.put(null);
    this.server?.join();
  }

  /** Process `pid`'s reply queue; a process the manager was not made for has none (the Python lab's bridge asks too). */
  replyQueue(pid: number): Queue {
    const q = this.replies[pid];
    if (!q) throw PyError.said('RuntimeError', 'runtime.noReplyQueue', { process: pidLabel(pid), served: this.replies.length });
    return q;
  }

  /** One round trip: the request out, then wait for this process's reply. */
  call(proxy: Proxy, method: string, args: unknown[]): unknown {
    const replies = this.replyQueue(this.world.rt.pid);
    this.requests.put([this.world.rt.pid, this.proxies.indexOf(proxy), method, args] satisfies Request);
    const reply = replies.get() as Reply;
    if (reply[0]) return reply[1];
    throw unwireError(reply[1]);
  }

  /** The server process's loop: take a request, apply it to the objects it holds, reply. `null` stops it. */
  serve<O, P>(p: ProcessApi<O, P>, line: number): void {
    const held: (Map<string, unknown> | unknown[])[] = this.proxies.map((px) => (px instanceof DictProxy ? new Map() : []));
    for (;;) {
      p.at(line);
      const req = this.requests.get() as Request | null;
      if (req === null) return;
      const [client, k, method, args] = req;
      let reply: Reply;
      try {
        const proxy = this.proxies[k];
        if (!proxy) throw PyError.said('RuntimeError', 'runtime.noSharedObject', { id: String(k) });
        reply = [true, proxy.apply(held[k]!, method, args)];
      } catch (e) {
        reply = [false, wireError(e)];
      }
      p.at(line);
      this.replies[client]!.put(reply);
    }
  }
}

/** What a proxy's shared region holds: what the server published last. */
export interface Published {
  /** A dict's JSON, or a list's last items as JSON. */
  json: string;
  /** A dict's number of keys, a list's length. */
  length: number;
}

/** A proxy: the shared handle processes call through, plus the region the server publishes its object into. */
export abstract class Proxy {
  readonly info: ObjectInfo;

  constructor(
    readonly manager: Manager,
    readonly name: string,
  ) {
    this.info = manager.world.allocate('proxy', name, R.words);
  }

  get id(): number {
    return this.info.id;
  }

  abstract readonly type: 'dict' | 'list';

  /** `manager.dict()` / `manager.list()`: a round trip that makes the object on the server. */
  create(): void {
    this.manager.call(this, '__init__', []);
  }

  /** Run on the server: one method on the object it holds. */
  abstract apply(obj: unknown, method: string, args: unknown[]): unknown;

  /** Server side: publish what it holds now and log the change (`write` for a dict's item, `put` for a list's append: events that carry their payload to the page's fold). */
  protected publish(json: string, length: number, event: 'write' | 'put', payload: string): void {
    const world = this.manager.world;
    const mem = world.mem;
    const n = mem.writeBytes((this.info.base + R.words - PUBLISHED_BYTES / 4) * 4, PUBLISHED_BYTES, json);
    Atomics.store(mem.i32, this.info.base + R.bytes, Math.max(0, n));
    Atomics.store(mem.i32, this.info.base + R.length, length);
    Atomics.add(mem.i32, this.info.base + R.version, 1);
    const rt = world.rt;
    rt.emit(EK[event], this.id, rt.line, length, 0, payload);
  }

  /** What the server published last, without an op (the page and the judge). */
  peek(): Published {
    const mem = this.manager.world.mem;
    const n = Atomics.load(mem.i32, this.info.base + R.bytes);
    return { json: n > 0 ? mem.readBytes((this.info.base + R.words - PUBLISHED_BYTES / 4) * 4, n) : this.type === 'dict' ? '{}' : '[]', length: Atomics.load(mem.i32, this.info.base + R.length) };
  }
}

const key = (k: unknown) => JSON.stringify(k);

/** The dict's JSON as the server publishes it (keys are JSON texts already). */
function dictJson(m: Map<string, unknown>): string {
  return `{${[...m].map(([k, v]) => `${typeof JSON.parse(k) === 'string' ? k : JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
}

/** A `DictProxy`: `d[k]` is `getitem(k)`, `d[k] = v` is `setitem(k, v)`, each one round trip. */
export class DictProxy extends Proxy {
  readonly type = 'dict';

  getitem(k: unknown): unknown {
    return this.manager.call(this, '__getitem__', [k]);
  }

  setitem(k: unknown, v: unknown): void {
    this.manager.call(this, '__setitem__', [k, v]);
  }

  /** `d.get(k, default)`. */
  get(k: unknown, fallback: unknown = null): unknown {
    return this.manager.call(this, 'get', [k, fallback]);
  }

  len(): number {
    return this.manager.call(this, '__len__', []) as number;
  }

  apply(obj: unknown, method: string, args: unknown[]): unknown {
    const m = obj as Map<string, unknown>;
    switch (method) {
      case '__init__':
        m.clear();
        return null;
      case '__getitem__':
        if (!m.has(key(args[0]))) throw new PyError('KeyError', key(args[0]));
        return m.get(key(args[0]));
      case 'get':
        return m.has(key(args[0])) ? m.get(key(args[0])) : args[1];
      case '__setitem__':
        m.set(key(args[0]), args[1]);
        this.publish(dictJson(m), m.size, 'write', JSON.stringify([args[0], args[1]]));
        return null;
      case '__len__':
        return m.size;
      default:
        throw new PyError('AttributeError', `'dict' object has no attribute '${method}'`);
    }
  }
}

/** A `ListProxy`: `l.append(x)` is one round trip, done whole by the server. */
export class ListProxy extends Proxy {
  readonly type = 'list';

  append(x: unknown): void {
    this.manager.call(this, 'append', [x]);
  }

  getitem(i: number): unknown {
    return this.manager.call(this, '__getitem__', [i]);
  }

  len(): number {
    return this.manager.call(this, '__len__', []) as number;
  }

  apply(obj: unknown, method: string, args: unknown[]): unknown {
    const l = obj as unknown[];
    switch (method) {
      case '__init__':
        l.length = 0;
        return null;
      case 'append':
        l.push(args[0]);
        this.publish(JSON.stringify(l.slice(-LIST_TAIL)), l.length, 'put', JSON.stringify(args[0]));
        return null;
      case '__getitem__': {
        const i = args[0] as number;
        const at = i < 0 ? l.length + i : i;
        if (at < 0 || at >= l.length) throw new PyError('IndexError', 'list index out of range');
        return l[at];
      }
      case '__len__':
        return l.length;
      default:
        throw new PyError('AttributeError', `'list' object has no attribute '${method}'`);
    }
  }
}
