/**
 * `_lockstep`: the JS module a Python process imports (through Pyodide's
 * registerJsModule) to reach the core. The Python `multiprocessing` module
 * (py/multiprocessing) holds handles on the very primitives the curated
 * scenarios use; this bridge builds them (`make`), rebuilds them in another
 * process from their object-table ids (`adopt`), and runs their ops with the
 * learner's line number (`call`). One bridge per process run.
 */
import { Console, SharedArray, SharedFile, Value, type Typecode } from '../core/data';
import { EK } from '../core/events';
import { H, readLang, S } from '../core/layout';
import { PyError } from '../core/errors';
import { runtimeText, type RuntimeKey, type RuntimeVars } from '../i18n/runtime';
import { Manager } from '../core/manager';
import { Child } from '../core/process';
import { JoinableQueue, Pipe, Queue, type Connection } from '../core/queue';
import type { Runtime } from '../core/runtime';
import { BoundedSemaphore, Condition, Event, Lock, RLock, Semaphore } from '../core/sync';
import { objectTable, type World } from '../core/world';

/** Largest file in the working directory, in bytes (a write over it raises, naming the limit). */
export const FILE_BYTES = 4096;

/** The objects every Python run starts with: the console and the working directory's files. */
export interface PythonObjects {
  console: Console;
  /** By name: the setup's files and those this process met at run time. */
  files: Map<string, SharedFile>;
  /** The setup's files as a list (what the page's kind tracking walks). */
  setupFiles: SharedFile[];
}

/** Queue ops with items as JSON text (Python encodes them: JSON when exact, else a pickle). */
class QueueHandle {
  constructor(readonly q: Queue) {}
  get info() {
    return this.q.info;
  }
  putJson(text: string, block: boolean, timeout?: number) {
    this.q.putJson(text, block, timeout ?? null);
  }
  getJson(block: boolean, timeout?: number): string {
    return this.q.getJson(block, timeout ?? null);
  }
  qsize() {
    return this.q.qsize();
  }
  empty() {
    return this.q.empty();
  }
  full() {
    return this.q.full();
  }
  task_done() {
    (this.q as JoinableQueue).task_done();
  }
  join() {
    (this.q as JoinableQueue).join();
  }
}

/**
 * One end of a Pipe in this process. The process's copy counts until it closes or the process ends, however
 * it ends (CPython: a file descriptor; the reader meets EOFError once every copy of the sending end is closed).
 */
class ConnectionHandle {
  private held = false;

  constructor(
    readonly c: Connection,
    private readonly rt: Runtime,
  ) {}

  /** This process holds a copy of the end (it made the pipe, or was given the end) until it closes it or ends. */
  own(): void {
    if (this.held) return;
    this.held = true;
    const { c, rt } = this;
    c.hold(rt.pid);
    rt.atEnd.push(() => c.letGo(rt.pid));
  }
  sendJson(text: string) {
    this.c.send(JSON.parse(text));
  }
  recvJson(): string {
    return JSON.stringify(this.c.recv());
  }
  poll(timeout?: number) {
    return this.c.poll(timeout ?? null);
  }
  close() {
    this.c.close(false);
  }

  /** The parent gave this end to child `pid` (before the child runs, so its copy counts from its start). */
  give(pid: number) {
    this.c.hold(pid);
  }
  get closed() {
    return this.c.closed;
  }
}

/**
 * A `Manager()`'s channel (the core Manager's request queue and one reply queue per process):
 * Python's proxies and its server process (py/multiprocessing/managers.py) speak over it, one
 * queue item (JSON text, at most a slot) per op.
 */
class ManagerHandle {
  constructor(
    readonly m: Manager,
    private readonly rt: Runtime,
  ) {}

  get info() {
    return this.m.requests.info;
  }

  /** Client: one request (or a piece of one) to the server. */
  request(text: string): void {
    this.m.requests.putJson(text);
  }

  /** Client: wait for the next item on this process's reply queue. */
  awaitReply(): string {
    return this.m.replyQueue(this.rt.pid).getJson();
  }

  /** Server: the next request item; queue.Empty after `timeout` seconds (none: wait for one). */
  take(timeout?: number): string {
    return this.m.requests.getJson(true, timeout ?? null);
  }

  /** Server: one reply item to process `pid`. */
  answer(pid: number, text: string): void {
    this.m.replyQueue(pid).putJson(text);
  }

  /** Server: what object `k` holds now (`name = repr`), for the card: an event (its payload, cut to 28 bytes), no op. */
  report(k: number, text: string): void {
    this.rt.emit(EK.write, this.m.requests.id, this.rt.line, k, 0, text);
  }
}

type Handle = object;

export class PythonBridge {
  readonly cpuCount: number;
  private readonly adopted = new Map<string, Handle>();
  private pendingText = '';

  constructor(
    private readonly rt: Runtime,
    private readonly world: World,
    private readonly objs: PythonObjects,
    private readonly childProgram: number,
    readonly ignoreLocks: boolean,
    readonly lineSteps: boolean,
  ) {
    this.cpuCount = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
  }

  /** `method` of a handle as a function of (line, ...args): each call is the op of that line (Python keeps it, see `_Shared._call`). */
  bind = (obj: Record<string, (...a: unknown[]) => unknown>, method: string): ((line: number, ...args: unknown[]) => unknown) => {
    const fn = obj[method];
    if (typeof fn !== 'function') throw new Error(`no method ${method}`);
    const rt = this.rt;
    return (line, ...args) => {
      rt.line = line;
      return fn.apply(obj, args);
    };
  };

  /**
   * `method` of a handle as a call with no argument, made the op of `line` (one per line of the program,
   * kept by Python: the blocking acquire and the release, see _LockBase). Each argument through
   * Pyodide's call costs about as much as the call itself.
   */
  bindAt = (obj: Record<string, () => unknown>, method: string, line: number): (() => unknown) => {
    const fn = obj[method];
    if (typeof fn !== 'function') throw new Error(`no method ${method}`);
    const rt = this.rt;
    return () => {
      rt.line = line;
      return fn.call(obj);
    };
  };

  /**
   * What Python's `str(e)` is for an exception the core raised: the run's own words in the learner's language
   * (H.lang), CPython's words as CPython has them; `en` gives the English the event log keeps.
   */
  errorDetail = (e: unknown, en = false): string => (e instanceof PyError ? e.detail(en ? 'en' : readLang(this.world.mem.i32)) : '');

  /** The simulator's own words `key` (src/i18n/runtime.ts) with `words` (JSON), in the learner's language or (`en`) English. */
  said = (key: string, words: string, en = false): string =>
    runtimeText(en ? 'en' : readLang(this.world.mem.i32), key as RuntimeKey, JSON.parse(words) as RuntimeVars);

  /** Create a primitive; returns [handle, object-table ids] (the ids travel to other processes). */
  make = (kind: string, name: string, ...args: unknown[]): [Handle, number[]] => {
    const { value, ids } = this.world.track(() => this.construct(kind, name, args));
    if (kind === 'pipe') for (const end of value as ConnectionHandle[]) end.own();
    this.adopted.set(`${kind}:${ids.join(',')}`, value);
    return [value, ids];
  };

  /** A handle on a primitive another process made (one per object per process). */
  adopt = (kind: string, ids: number[], ...args: unknown[]): Handle => {
    const key = `${kind}:${[...ids].join(',')}`;
    let h = this.adopted.get(key);
    if (!h) {
      h = this.world.adopt([...ids], () => this.construct(kind, '', args));
      this.adopted.set(key, h);
    }
    if (kind !== 'pipe') return h;
    const end = (h as ConnectionHandle[])[args[1] as number]!;
    end.own(); // this process's copy of the end it was given (the other end of the pair is not its)
    return end;
  };

  private construct(kind: string, name: string, args: unknown[]): Handle {
    const w = this.world;
    switch (kind) {
      case 'lock':
        return new Lock(w, name);
      case 'rlock':
        return new RLock(w, name);
      case 'semaphore':
        return new Semaphore(w, args[0] as number, name);
      case 'bsemaphore':
        return new BoundedSemaphore(w, args[0] as number, name);
      case 'event':
        return new Event(w, name);
      case 'condition':
        return new Condition(w, args[0] as Lock | RLock, name);
      case 'value':
        return new Value(w, args[0] as Typecode, args[1] as number, args[2] as boolean, name);
      case 'array':
        return new SharedArray(w, args[0] as Typecode, JSON.parse(args[1] as string) as number[], args[2] as boolean, name);
      case 'queue':
        // args[1]: a Pool's own task or result queue (internal: its items are not the learner's values).
        return new QueueHandle(new Queue(w, args[0] as number, name, 'queue', args[1] === true));
      case 'jqueue':
        return new QueueHandle(new JoinableQueue(w, args[0] as number, name));
      case 'pipe':
        return Pipe(w, args[0] as boolean, name).map((c) => new ConnectionHandle(c, this.rt));
      case 'file':
        return new SharedFile(w, name, args[1] as string, args[0] as number);
      case 'manager':
        return new ManagerHandle(new Manager(w, { target: '', clients: w.mem.maxProcs, name }), this.rt);
      default:
        throw new Error(`unknown kind ${kind}`);
    }
  }

  // ---- processes ---------------------------------------------------------

  /** Start a child running the pickled Process object `pickled` (base64); returns its pid. */
  spawn = (line: number, name: string, daemon: boolean, pickled: string): number => {
    this.rt.line = line;
    const bytes = new TextEncoder().encode(pickled).length;
    const blob = this.world.allocate('blob', `${name} (pickled)`, 2 + Math.ceil(bytes / 4));
    this.world.mem.writeBytes((blob.base + 2) * 4, bytes, pickled);
    Atomics.store(this.world.mem.i32, blob.base, bytes);
    const child = new Child(this.rt, this.childProgram, [blob.id], name, daemon);
    child.start();
    return child.pid;
  };

  join = (line: number, pid: number, timeout?: number): void => {
    this.rt.line = line;
    Child.attach(this.rt, pid).join(timeout ?? null);
  };

  alive = (pid: number): boolean => Child.attach(this.rt, pid).is_alive();

  exitcode = (pid: number): number | undefined => Child.attach(this.rt, pid).exitcode ?? undefined;

  terminate = (line: number, pid: number, signal: number): void => {
    this.rt.line = line;
    Child.attach(this.rt, pid).terminate(signal);
  };

  /** 'reset' or 'terminated' when this process must unwind, else ''. */
  unwindReason = (): string => {
    const mem = this.world.mem;
    if (Atomics.load(mem.i32, H.stop)) return 'reset';
    return mem.load(this.rt.pid, S.kill) ? 'terminated' : '';
  };

  // ---- console, time, files ----------------------------------------------

  /** What a print call wrote: one op, one console line per completed line (a partial line waits). */
  write = (line: number, text: string): void => {
    this.rt.line = line;
    const parts = (this.pendingText + text).split('\n');
    this.pendingText = parts.pop()!;
    if (parts.length) this.objs.console.printLines(parts);
  };

  /** A traceback as the process dies: printed without an op. */
  report = (line: number, text: string): void => {
    this.rt.line = line;
    this.flush();
    this.objs.console.appendLines(text.split('\n'));
  };

  /** A partial line left at exit is printed as it is. */
  flush(): void {
    if (!this.pendingText) return;
    const text = this.pendingText;
    this.pendingText = '';
    this.objs.console.appendLines([text]);
  }

  /** "Line steps": each executed line of the learner's program is an op at the gate (no event). */
  lineStep = (line: number): void => {
    this.rt.line = line;
    this.rt.op(EK.line, -1, line);
  };

  sleep = (line: number, seconds: number): void => {
    this.rt.sleep(seconds, line);
  };

  now = (): number => this.rt.now();

  fileExists = (name: string): boolean => this.file(name) !== null;

  /** The file's content (one op), or undefined when there is no such file. */
  fileRead = (line: number, name: string): string | undefined => {
    this.rt.line = line;
    return this.file(name)?.read();
  };

  fileWrite = (line: number, name: string, text: string): void => {
    this.rt.line = line;
    let f = this.file(name);
    if (!f) {
      f = new SharedFile(this.world, name, '', FILE_BYTES);
      this.objs.files.set(name, f);
    }
    f.write(text);
  };

  private file(name: string): SharedFile | null {
    const known = this.objs.files.get(name);
    if (known) return known;
    // Created at run time by another process: find it in the object table.
    const row = objectTable(this.world.mem).find((o) => o.kind === 'file' && o.name === name && o.creator >= 0);
    if (!row) return null;
    const f = this.world.adopt([row.id], () => new SharedFile(this.world, name, '', FILE_BYTES));
    this.objs.files.set(name, f);
    return f;
  }
}
