/**
 * Folding the event stream into what the page shows. The live view folds
 * every event as it is drained; scrubbing the timeline folds a prefix of the
 * recorded log. Pure TypeScript: tested against shared memory at rest.
 */
import { EK, EVENT_KINDS, type EventKind } from '../core/events';

export type LaneState = 'new' | 'ready' | 'running' | 'blocked' | 'sleeping' | 'done' | 'terminated';

export interface LaneFold {
  pid: number;
  state: LaneState;
  /** Object id it is blocked on, or -1. */
  blockedOn: number;
  /** Last Python line it executed. */
  line: number;
  exitcode: number | null;
  /** Python exception name code (0 = none). */
  error: number;
  ops: number;
}

export interface ItemFold {
  serial: number;
  json: string;
  /** Who put it. */
  by: number;
}

export interface FoldState {
  seq: number;
  lanes: Map<number, LaneFold>;
  /** Lock/RLock id → owner pid. */
  owners: Map<number, number>;
  /** Value id → last value seen by a load or store. */
  values: Map<number, number>;
  /** File id → content after the last read or write. */
  files: Map<number, string>;
  /** Queue/pipe channel id → items in FIFO order. */
  queues: Map<number, ItemFold[]>;
  /** Queue id → the last few items taken, newest last (who made each, who took it). */
  taken: Map<number, (ItemFold & { takenBy: number })[]>;
  /** Queue id → the last qsize()/empty()/full() answer: a snapshot that may be stale by now. */
  snapshots: Map<number, { pid: number; kind: EventKind; value: number; seq: number }>;
  /** Console lines printed so far. */
  printed: number;
  /** The last event (pid, kind code, object), for "what just happened" highlights; pid -1 when none. Numbers, not an object: the live fold runs millions of times a second. */
  lastPid: number;
  lastKind: number;
  lastObj: number;
}

/** How many taken items each queue remembers for the view. */
const TAKEN_KEPT = 6;

export function emptyFold(): FoldState {
  return { seq: 0, lanes: new Map(), owners: new Map(), values: new Map(), files: new Map(), queues: new Map(), taken: new Map(), snapshots: new Map(), printed: 0, lastPid: -1, lastKind: 0, lastObj: -1 };
}

function lane(s: FoldState, pid: number): LaneFold {
  let l = s.lanes.get(pid);
  if (!l) s.lanes.set(pid, (l = { pid, state: 'new', blockedOn: -1, line: 0, exitcode: null, error: 0, ops: 0 }));
  return l;
}

/**
 * Apply one event. `payload` is the event's text ('' for kinds that carry none).
 * Mutates `s` for speed: the live fold handles millions of events.
 */
export function foldEvent(s: FoldState, pid: number, kind: number, obj: number, arg: number, result: number, line: number, payload: string): void {
  s.seq++;
  const l = lane(s, pid);
  l.ops++;
  if (line > 0) l.line = line;
  switch (kind) {
    case EK.start:
      l.state = 'ready';
      break;
    case EK.spawn:
      lane(s, arg).state = 'new';
      break;
    case EK.exit:
      if (l.state !== 'terminated') l.state = 'done';
      l.exitcode = arg;
      l.error = result;
      l.blockedOn = -1;
      break;
    case EK.killed:
      l.state = 'terminated';
      l.exitcode = arg;
      l.blockedOn = -1;
      break;
    case EK.block:
      l.state = 'blocked';
      l.blockedOn = obj;
      break;
    case EK.wake:
      l.state = 'running';
      l.blockedOn = -1;
      break;
    case EK.sleep:
      l.state = 'sleeping';
      break;
    case EK.acquire:
      l.state = 'running';
      if (result === 1 && !s.owners.has(obj)) s.owners.set(obj, pid);
      break;
    case EK.release:
      l.state = 'running';
      // An RLock's release reports the depth left in `arg`; a Lock's is 0.
      if (arg === 0) s.owners.delete(obj);
      break;
    case EK.load:
      l.state = 'running';
      s.values.set(obj, result);
      break;
    case EK.store:
      l.state = 'running';
      s.values.set(obj, arg);
      break;
    case EK.read:
    case EK.write:
      l.state = 'running';
      s.files.set(obj, payload);
      break;
    case EK.put:
    case EK.send: {
      l.state = 'running';
      let q = s.queues.get(obj);
      if (!q) s.queues.set(obj, (q = []));
      q.push({ serial: arg, json: payload, by: pid });
      break;
    }
    case EK.get:
    case EK.recv: {
      l.state = 'running';
      const q = s.queues.get(obj);
      let item: ItemFold | undefined;
      if (q && q.length > 0 && q[0]!.serial === arg) item = q.shift();
      else if (q) {
        const i = q.findIndex((it) => it.serial === arg);
        if (i >= 0) item = q.splice(i, 1)[0];
      }
      if (item) {
        let t = s.taken.get(obj);
        if (!t) s.taken.set(obj, (t = []));
        t.push({ ...item, takenBy: pid });
        if (t.length > TAKEN_KEPT) t.shift();
      }
      break;
    }
    case EK.qsize:
    case EK.empty:
    case EK.full:
      l.state = 'running';
      s.snapshots.set(obj, { pid, kind: EVENT_KINDS[kind]!, value: result, seq: s.seq });
      break;
    case EK.print:
    case EK.raise:
      s.printed = Math.max(s.printed, arg + 1);
      if (kind === EK.print) l.state = 'running';
      break;
    case EK.terminate:
      break;
    default:
      if (l.state !== 'blocked' && l.state !== 'done' && l.state !== 'terminated') l.state = 'running';
  }
  s.lastPid = pid;
  s.lastKind = kind;
  s.lastObj = obj;
}

/** The last event as the views want it. */
export function lastEvent(s: FoldState): { pid: number; kind: EventKind; obj: number } | null {
  return s.lastPid < 0 ? null : { pid: s.lastPid, kind: EVENT_KINDS[s.lastKind] ?? 'note', obj: s.lastObj };
}
