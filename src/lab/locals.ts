/**
 * "Each step explained": the local values a process read or computed, as its
 * card shows them (`data = {'count': 1}`, `item = 'job-3'`, the `qsize()` it
 * saw, the value `num.value -= 1` loaded and the one it computed). Derived from
 * the recorded events only — the value a load returned, the new value of a
 * compute, the text a file read returned, the item a get took — and named by
 * the Python line the event ran on when that line assigns a variable.
 *
 * A get's event carries only its item's serial (the log keeps no payload for
 * gets): the item's text is the payload of the put with that serial, held
 * here from the put until the get takes it.
 *
 * A Pool's and a Manager's own channels (tagged `internal` at creation) carry
 * tasks, results, requests and replies, not the learner's values: their ops
 * are skipped — except a client's get of its Manager reply `[True, value]`,
 * which is what the line's proxy call returned (`x = d['k']` shows `x = 400`).
 */
import { EK } from '../core/events';
import { pyRepr } from '../core/data';
import { Manager } from '../core/manager';
import type { ObjectInfo } from '../core/world';

/** What produced the value: the op's kind. */
export type LocalHow = 'load' | 'compute' | 'read' | 'get' | 'recv' | 'qsize' | 'empty' | 'full' | 'poll' | 'acquire' | 'wait' | 'map';

export interface Local {
  /** The variable the line assigns (`data`, `item`), or null when the line uses the value unnamed (`num.value -= 1`, `if q.qsize() > 0:`). */
  name: string | null;
  how: LocalHow;
  /** The shared object the op was on (a map's value: the pool's result queue). */
  obj: number;
  /** The value as Python would print it (repr). */
  value: string;
  /** The 1-based Python line of the op. */
  line: number;
  /** The log index of the event that set it (the newest shows as just changed). */
  at: number;
}

/** Values a card keeps per process (the newest ones; a loop overwrites its own). */
export const MAX_LOCALS = 4;

/** The value's kind by event kind number (the hot loop indexes this, not a map). */
const HOW_BY_KIND: (LocalHow | undefined)[] = [];
for (const how of ['load', 'compute', 'read', 'get', 'recv', 'qsize', 'empty', 'full', 'poll', 'acquire', 'wait'] as const) HOW_BY_KIND[EK[how]] = how;

// Kind numbers the hot loops compare with, read once (EK is a large object built at run time).
const PUT = EK.put;
const SEND = EK.send;
const READ = EK.read;

/** Kinds whose result is a truth value (Python prints True/False). */
const BOOLEAN: ReadonlySet<LocalHow> = new Set(['empty', 'full', 'poll', 'acquire', 'wait']);

/** The variable a Python line assigns (`name = …`, not `==`, not `a.b = …`, not a tuple), or null. */
export function assignedName(line: string): string | null {
  const m = /^\s*([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)/.exec(line);
  return m ? m[1]! : null;
}

/** An item's text (JSON, possibly cut short in the ring) as Python's repr, or the raw text when it does not parse. */
function reprOfJson(text: string): string {
  try {
    return pyRepr(JSON.parse(text));
  } catch {
    return `${text}…`;
  }
}

/** Manager requests that make an object: the reply is its id, while the line's variable is the proxy (`d = m.dict()`). */
const CREATES: ReadonlySet<string> = new Set(['create', '__init__']);

/** A Manager request's method: `[client, object, method, args]` (null for a request sent in pieces). */
function requestMethod(payload: string): string | null {
  const m = /^\[\d+,\s*\d+,\s*"(\w+)"/.exec(payload);
  return m ? m[1]! : null;
}

/**
 * The value a Manager reply `[true, value]` hands the caller, as JSON; null for a failure, a
 * call that returns None (`d[k] = v`: not a value of the line) or a cut-short item.
 */
function replyValue(text: string | null): string | null {
  if (text === null) return null;
  try {
    const reply = JSON.parse(text) as unknown;
    return Array.isArray(reply) && reply[0] === true && reply[1] !== null && reply[1] !== undefined ? JSON.stringify(reply[1]) : null;
  } catch {
    return null;
  }
}

/**
 * A Pool task's or result's job and index: the curated pool's items are JSON arrays `[job, i, …]`, the
 * Python lab's are tuples whose JSON carries their repr `{"$py": "(job, i, …)", …}`.
 */
function jobAndIndex(text: string): [number, number] | null {
  const m = /^\[(\d+),\s*(\d+),|^\{"\$py":"\((\d+), (\d+),/.exec(text);
  return m ? [Number(m[1] ?? m[3]), Number(m[2] ?? m[4])] : null;
}

/**
 * A Pool result's values as Python reprs, in order: a chunk's list (curated pool: `[job, i, true, [values]]`;
 * Python lab: the tuple's repr `(job, i, True, [values])`, which the ring keeps whole when short, its list's
 * inside as one piece); null for a failure or an item cut short.
 */
function resultReprs(text: string): string[] | null {
  if (text.startsWith('[')) {
    try {
      const r = JSON.parse(text) as unknown[];
      return r[2] === true && Array.isArray(r[3]) ? r[3].map((v) => pyRepr(v)) : null;
    } catch {
      return null;
    }
  }
  const m = /^\{"\$py":("(?:[^"\\]|\\.)*")/.exec(text);
  if (!m) return null;
  const shown = JSON.parse(m[1]!) as string;
  const v = /^\(\d+, \d+, True, \[(.*)\]\)$/.exec(shown);
  return v && !shown.endsWith('…') ? [v[1]!] : null;
}

/** A `name = pool.map(…)` (or starmap) the parent is in: its job's tasks counted as put, its results gathered as taken. */
interface MapCall {
  line: number;
  job: number;
  tasks: number;
  parts: Map<number, string[]>;
  failed: boolean;
}

/** A value as recorded: formatted only when a card asks (`of`), so folding a load or a compute allocates nothing. */
interface Raw {
  name: string | null;
  how: LocalHow;
  obj: number;
  line: number;
  at: number;
  /** The result (a load, a count, a truth value), the new value (a compute) or the item's serial (a get). */
  num: number;
  /** A read's text or a taken item's JSON (null: the item's put is not in the log); a number: the log index of the put whose payload it is, read when shown. */
  text: ItemText | null;
}

/**
 * An item's JSON, or the index of the logged put that carries it. Folding a log, the fold keeps the
 * index and decodes the text only when a view shows the value: a queue run puts hundreds of thousands
 * of items a second, and decoding each one as it was folded measured a quarter of the view worker's time.
 */
type ItemText = string | number;

export class LocalsFold {
  /** Per process, its newest values (at most MAX_LOCALS), oldest first; mutated in place. */
  private readonly raw = new Map<number, Raw[]>();
  /** Per process, the formatted values last handed out, and the processes whose values changed since. */
  private readonly views = new Map<number, readonly Local[]>();
  private readonly stale: boolean[] = [];
  /** Per line, the variable it assigns (undefined: not looked at yet). */
  private readonly names: (string | null | undefined)[] = [];
  /** Items put or sent and not yet taken, per object: serial → their JSON text (or its put's log index). */
  private readonly inFlight = new Map<number, Map<number, ItemText>>();
  /** The log that `foldLogInto` folds: where a log index in an ItemText is read. */
  private texts: LogColumns['payload'] | null = null;
  /** Per client pid, the method of its last Manager request (its reply answers that call). */
  private readonly calls: (string | null)[] = [];
  /** Per parent pid, the `pool.map` call under way (see MapCall). */
  private readonly maps = new Map<number, MapCall>();
  /** How many events were folded (the next event's log index). */
  count = 0;

  /**
   * `lines`: the program's Python source, split into lines (line 1 is `lines[0]`).
   * `objects`: the run's objects by id (a World's `objects`, kept current), to tell the library's internal channels apart.
   */
  constructor(
    private readonly lines: readonly string[],
    private readonly objects: readonly (ObjectInfo | undefined)[] = [],
  ) {}

  private nameAt(line: number): string | null {
    let name = this.names[line];
    if (name === undefined) name = this.names[line] = assignedName(this.lines[line - 1] ?? '');
    return name;
  }

  /** Fold one event (same fields as the log's columns; `payload` '' when none). */
  event(pid: number, kind: number, obj: number, arg: number, result: number, line: number, payload: string): void {
    if (kind === PUT || kind === SEND) this.put(pid, obj, arg, line, payload);
    else this.other(pid, kind, obj, arg, result, line, payload);
  }

  /** Fold event `i` of `log`: as `event`, but a put's item text stays in the log until a view shows it. */
  eventAt(log: LogColumns, i: number): void {
    const kind = log.kind[i]!;
    if (kind === PUT || kind === SEND) {
      this.texts = log.payload;
      this.put(log.pid[i]!, log.obj[i]!, log.arg[i]!, log.line[i]!, i);
    } else if (HOW_BY_KIND[kind] === undefined) {
      // Most events give no local value (a release, a store, a start): only their index counts,
      // so their other columns are not read (the bank program: 2 events of 5).
      this.count++;
    } else this.other(log.pid[i]!, kind, log.obj[i]!, log.arg[i]!, log.result[i]!, log.line[i]!, kind === READ ? (log.payload.get(i) ?? '') : '');
  }

  /** A put or send: its item waits for the get that takes it. */
  private put(pid: number, obj: number, serial: number, line: number, text: ItemText): void {
    this.count++;
    let items = this.inFlight.get(obj);
    if (!items) this.inFlight.set(obj, (items = new Map()));
    items.set(serial, text);
    const info = this.objects[obj];
    if (!info?.internal) return;
    // The library's internal channels are read at once: a request to a manager names the call its reply
    // answers; a Pool's task counts towards its map's list.
    if (info.kind === 'manager' && !Manager.isReplyQueue(info)) this.calls[pid] = requestMethod(this.textOf(text) ?? '');
    else if (info.kind === 'queue') this.mapTask(pid, line, this.textOf(text) ?? '');
  }

  /** The text of `t` (null: a log index the log no longer holds). */
  private textOf(t: ItemText | null): string | null {
    return typeof t === 'number' ? (this.texts?.get(t) ?? null) : t;
  }

  private other(pid: number, kind: number, obj: number, arg: number, result: number, line: number, payload: string): void {
    const at = this.count++;
    const how = HOW_BY_KIND[kind];
    if (how === undefined) return;
    const name = this.nameAt(line);
    // acquire and wait are local values only when the line names them (`got = lock.acquire(timeout=2)`), not every `with lock:`.
    if (name === null && (how === 'acquire' || how === 'wait')) return;
    let num = result;
    let text: ItemText | null = null;
    if (how === 'compute') num = arg;
    else if (how === 'read') text = payload;
    else if (how === 'get' || how === 'recv') {
      const items = this.inFlight.get(obj);
      text = items?.get(arg) ?? null;
      items?.delete(arg);
      num = arg;
    }
    const info = this.objects[obj];
    if (info?.internal && info.kind === 'queue' && how === 'get' && text !== null) this.mapResult(pid, name, line, at, obj, this.textOf(text) ?? '');
    if (info?.internal) {
      const creates = CREATES.has(this.calls[pid] ?? '');
      text = name !== null && how === 'get' && !creates && Manager.isReplyQueue(info) ? replyValue(this.textOf(text)) : null;
      if (text === null) return;
    }
    this.set(pid, name, how, obj, line, at, num, text);
  }

  /** A parent puts a task of `name = pool.map(…)` (a map puts every task on its own line, then waits there). */
  private mapTask(pid: number, line: number, payload: string): void {
    if (this.nameAt(line) === null || !/\.(?:star)?map\(/.test(this.lines[line - 1] ?? '')) return;
    const ji = jobAndIndex(payload);
    if (!ji) return;
    let call = this.maps.get(pid);
    if (!call || call.job !== ji[0] || call.line !== line) this.maps.set(pid, (call = { line, job: ji[0], tasks: 0, parts: new Map(), failed: false }));
    call.tasks++;
  }

  /** The parent takes a result on its map's line: once every task's is in, the list map returns is the line's value. */
  private mapResult(pid: number, name: string | null, line: number, at: number, obj: number, text: string): void {
    const call = this.maps.get(pid);
    const ji = jobAndIndex(text);
    if (!call || name === null || call.line !== line || !ji || ji[0] !== call.job) return;
    const reprs = resultReprs(text);
    if (reprs === null) call.failed = true;
    else call.parts.set(ji[1], reprs);
    if (call.failed || call.parts.size < call.tasks) return;
    this.maps.delete(pid);
    const all: string[] = [];
    for (let i = 0; i < call.tasks; i++) all.push(...(call.parts.get(i) ?? []));
    this.set(pid, name, 'map', obj, line, at, 0, `[${all.join(', ')}]`);
  }

  /** Replace the value of the same variable (or the same unnamed op on the same object), as the newest; keep MAX_LOCALS. */
  private set(pid: number, name: string | null, how: LocalHow, obj: number, line: number, at: number, num: number, text: ItemText | null): void {
    let list = this.raw.get(pid);
    if (!list) this.raw.set(pid, (list = []));
    let i = list.length - 1;
    for (; i >= 0; i--) {
      const l = list[i]!;
      if (name !== null ? l.name === name : l.name === null && l.how === how && l.obj === obj) break;
    }
    let v: Raw;
    if (i >= 0) {
      v = list[i]!;
      // Move it to the end (the newest), without allocating: a loop alternates between two or three values.
      for (; i < list.length - 1; i++) list[i] = list[i + 1]!;
      list[list.length - 1] = v;
    } else {
      v = { name, how, obj, line, at, num, text };
      list.push(v);
      if (list.length > MAX_LOCALS) list.shift();
    }
    v.line = line;
    v.at = at;
    v.num = num;
    v.text = text;
    this.stale[pid] = true;
  }

  private format(v: Raw): string {
    if (BOOLEAN.has(v.how)) return v.num ? 'True' : 'False';
    switch (v.how) {
      case 'read': {
        // `json.load(f)` gives the parsed data; `f.read()` the text itself.
        const text = this.textOf(v.text) ?? '';
        return /json\.load/.test(this.lines[v.line - 1] ?? '') ? reprOfJson(text) : pyRepr(text);
      }
      case 'get':
      case 'recv': {
        const text = this.textOf(v.text);
        return text === null ? `#${v.num}` : reprOfJson(text);
      }
      case 'map':
        // Assembled as Python's repr already (mapResult).
        return this.textOf(v.text) ?? '[]';
      default:
        return String(v.num);
    }
  }

  /** Process `pid`'s values, oldest first; the same array until one of them changes. */
  of(pid: number): readonly Local[] {
    if (this.stale[pid]) {
      this.stale[pid] = false;
      this.views.set(pid, (this.raw.get(pid) ?? []).map((v) => ({ name: v.name, how: v.how, obj: v.obj, line: v.line, at: v.at, value: this.format(v) })));
    }
    return this.views.get(pid) ?? NONE;
  }
}

const NONE: readonly Local[] = [];

/** The columns of a recorded log that the fold reads (an `EventLog` fits). */
export interface LogColumns {
  length: number;
  pid: ArrayLike<number>;
  kind: ArrayLike<number>;
  obj: ArrayLike<number>;
  arg: ArrayLike<number>;
  result: ArrayLike<number>;
  line: ArrayLike<number>;
  payload: { get(i: number): string | undefined };
}

/** Fold the log's events from where `fold` stopped up to (not including) `end`. */
export function foldLogInto(fold: LocalsFold, log: LogColumns, end: number): void {
  const to = Math.min(end, log.length);
  for (let i = fold.count; i < to; i++) fold.eventAt(log, i);
}
