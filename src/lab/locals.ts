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
 */
import { EK } from '../core/events';
import { pyRepr } from '../core/data';

/** What produced the value: the op's kind. */
export type LocalHow = 'load' | 'compute' | 'read' | 'get' | 'recv' | 'qsize' | 'empty' | 'full' | 'poll' | 'acquire' | 'wait';

export interface Local {
  /** The variable the line assigns (`data`, `item`), or null when the line uses the value unnamed (`num.value -= 1`, `if q.qsize() > 0:`). */
  name: string | null;
  how: LocalHow;
  /** The shared object the op was on. */
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

const HOW: Partial<Record<number, LocalHow>> = {
  [EK.load]: 'load',
  [EK.compute]: 'compute',
  [EK.read]: 'read',
  [EK.get]: 'get',
  [EK.recv]: 'recv',
  [EK.qsize]: 'qsize',
  [EK.empty]: 'empty',
  [EK.full]: 'full',
  [EK.poll]: 'poll',
  [EK.acquire]: 'acquire',
  [EK.wait]: 'wait',
};

/** Kinds whose result is a truth value (Python prints True/False). */
const BOOLEAN: ReadonlySet<LocalHow> = new Set(['empty', 'full', 'poll', 'acquire', 'wait']);
/** Kinds that are local values only when the line names them (`got = lock.acquire(timeout=2)`), not every `with lock:`. */
const ONLY_NAMED: ReadonlySet<LocalHow> = new Set(['acquire', 'wait']);

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

export class LocalsFold {
  private readonly byPid = new Map<number, readonly Local[]>();
  /** Items put or sent and not yet taken: `obj:serial` → their JSON text. */
  private readonly inFlight = new Map<string, string>();
  /** Event index of the next `event` call when the caller does not give one. */
  count = 0;

  /** `lines`: the program's Python source, split into lines (line 1 is `lines[0]`). */
  constructor(private readonly lines: readonly string[]) {}

  /** Fold one event (same fields as the log's columns; `payload` '' when none). */
  event(pid: number, kind: number, obj: number, arg: number, result: number, line: number, payload: string): void {
    const at = this.count++;
    if (kind === EK.put || kind === EK.send) {
      this.inFlight.set(`${obj}:${arg}`, payload);
      return;
    }
    const how = HOW[kind];
    if (how === undefined) return;
    const name = assignedName(this.lines[line - 1] ?? '');
    if (ONLY_NAMED.has(how) && name === null) return;
    this.set(pid, { name, how, obj, line, at, value: this.valueOf(how, obj, arg, result, line, payload) });
  }

  private valueOf(how: LocalHow, obj: number, arg: number, result: number, line: number, payload: string): string {
    if (BOOLEAN.has(how)) return result ? 'True' : 'False';
    switch (how) {
      case 'compute':
        return String(arg);
      case 'read':
        // `json.load(f)` gives the parsed data; `f.read()` the text itself.
        return /json\.load/.test(this.lines[line - 1] ?? '') ? reprOfJson(payload) : pyRepr(payload);
      case 'get':
      case 'recv': {
        const key = `${obj}:${arg}`;
        const text = this.inFlight.get(key);
        this.inFlight.delete(key);
        return text === undefined ? `#${arg}` : reprOfJson(text);
      }
      default:
        return String(result);
    }
  }

  /** Replace the value of the same variable (or the same unnamed op on the same object); keep the newest MAX_LOCALS. */
  private set(pid: number, v: Local): void {
    const prev = this.byPid.get(pid) ?? [];
    const same = (l: Local) => (v.name !== null ? l.name === v.name : l.name === null && l.how === v.how && l.obj === v.obj);
    const next = [...prev.filter((l) => !same(l)), v];
    this.byPid.set(pid, next.length > MAX_LOCALS ? next.slice(next.length - MAX_LOCALS) : next);
  }

  /** Process `pid`'s values, oldest first; the same array until one of them changes. */
  of(pid: number): readonly Local[] {
    return this.byPid.get(pid) ?? NONE;
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
  payload: ReadonlyMap<number, string>;
}

/** Fold the log's events from where `fold` stopped up to (not including) `end`. */
export function foldLogInto(fold: LocalsFold, log: LogColumns, end: number): void {
  const to = Math.min(end, log.length);
  for (let i = fold.count; i < to; i++) fold.event(log.pid[i]!, log.kind[i]!, log.obj[i]!, log.arg[i]!, log.result[i]!, log.line[i]!, log.payload.get(i) ?? '');
}
