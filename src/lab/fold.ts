/**
 * Folding the event stream into what the page shows. The live view folds
 * every event as it is drained; scrubbing the timeline folds a prefix of the
 * recorded log. Pure TypeScript: tested against shared memory at rest.
 *
 * Two folds in one pass: process events (start, exit, block, sleep, print…)
 * move the lanes here; an event on a shared object goes to that object's kind
 * (src/kinds), found through an array indexed by object id — no switch on
 * kinds, no allocation per event (the live fold handles millions a second).
 */
import { EK, EVENT_KINDS, type EventKind } from '../core/events';
import { E } from '../core/layout';
import type { Tracked, ObjectView } from '../kinds/registry';
import type { AnyKind, ViewContext } from '../kinds/types';

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
  /** Where an uncaught exception was raised (its traceback): the Python line and its console line's index, or -1. */
  raisedLine: number;
  raisedAt: number;
  ops: number;
}

/** Event kinds about a process rather than a shared object (an object event's `obj` is folded by its kind). */
const PROCESS_EVENTS: readonly EventKind[] = ['start', 'exit', 'spawn', 'join', 'terminate', 'killed', 'block', 'wake', 'sleep', 'print', 'raise', 'note'];
const isProcessEvent = new Uint8Array(EVENT_KINDS.length);
for (const k of PROCESS_EVENTS) isProcessEvent[EK[k]] = 1;

export class RunFold {
  seq = 0;
  readonly lanes = new Map<number, LaneFold>();
  /** Console lines printed so far. */
  printed = 0;
  /** The last event (pid, kind code, object), for "what just happened" highlights; pid -1 when none. Numbers, not an object: this runs millions of times a second. */
  lastPid = -1;
  lastKind = 0;
  lastObj = -1;
  /** Per tracked object (same order as `tracked`), its kind's fold state. */
  readonly states: unknown[];
  /** Object id → its kind, its kind's fold and its state (undefined: an object no kind tracks). */
  private readonly kindById: (AnyKind | undefined)[] = [];
  /** The fold functions themselves: calling through `kind.fold` would look a method up on a dozen module shapes per event. */
  private readonly foldById: (AnyKind['fold'] | undefined)[] = [];
  private readonly stateById: unknown[] = [];
  /** `lanes` by pid, for the hot path (an array index, not a Map lookup). */
  private readonly laneByPid: (LaneFold | undefined)[] = [];

  constructor(readonly tracked: Tracked[]) {
    this.states = tracked.map((t) => t.kind.initial(t.core));
    tracked.forEach((t, i) => this.index(t, this.states[i]));
  }

  /** Route the events of `t`'s ids to its kind's fold and `state`. */
  private index(t: Tracked, state: unknown): void {
    for (const id of t.ids) {
      this.kindById[id] = t.kind;
      // Kinds' folds are plain functions of their arguments (no `this`).
      this.foldById[id] = t.kind.fold;
      this.stateById[id] = state;
    }
  }

  private lane(pid: number): LaneFold {
    const l = this.laneByPid[pid];
    return l === undefined ? this.newLane(pid) : l;
  }

  private newLane(pid: number): LaneFold {
    const l: LaneFold = { pid, state: 'new', blockedOn: -1, line: 0, exitcode: null, error: 0, raisedLine: -1, raisedAt: -1, ops: 0 };
    this.lanes.set(pid, l);
    this.laneByPid[pid] = l;
    return l;
  }

  /** Apply one event. `payload` is the event's text ('' for kinds that carry none). */
  event(pid: number, kind: number, obj: number, arg: number, result: number, line: number, payload: string): void {
    this.seq++;
    const l = this.lane(pid);
    l.ops++;
    this.one(l, pid, kind, obj, arg, result, line, payload);
    this.lastPid = pid;
    this.lastKind = kind;
    this.lastObj = obj;
  }

  /**
   * Apply `count` events of process `pid` as ring records hold them (`E.*` words from `rec`, one every
   * `E.words`), in order; `payloadOf(rec)` is the text of a record whose kind carries one (`needsPayload`),
   * asked only for those. The same as `event` for each (the live drain's path: the lane is looked up
   * and counted once per run, not per event).
   */
  records(pid: number, i32: Int32Array, rec: number, count: number, needsPayload: Uint8Array, payloadOf: (rec: number) => string): void {
    if (count <= 0) return;
    this.seq += count;
    const l = this.lane(pid);
    l.ops += count;
    const end = rec + count * E.words;
    for (let r = rec; r < end; r += E.words) {
      const kind = i32[r + E.kind]!;
      this.one(l, pid, kind, i32[r + E.obj]!, i32[r + E.arg]!, i32[r + E.result]!, i32[r + E.line]!, needsPayload[kind] === 1 ? payloadOf(r) : '');
    }
    const last = end - E.words;
    this.lastPid = pid;
    this.lastKind = i32[last + E.kind]!;
    this.lastObj = i32[last + E.obj]!;
  }

  /** One event's effect on lane `l` (of `pid`) and on its object's kind (the counts are the caller's). */
  private one(l: LaneFold, pid: number, kind: number, obj: number, arg: number, result: number, line: number, payload: string): void {
    if (line > 0) l.line = line;
    if (isProcessEvent[kind] === 1) this.processEvent(l, kind, obj, arg, result, line);
    else {
      if (l.state !== 'blocked' && l.state !== 'done' && l.state !== 'terminated') l.state = 'running';
      const fold = obj >= 0 ? this.foldById[obj] : undefined;
      if (fold !== undefined) fold(this.stateById[obj], pid, kind, obj, arg, result, payload);
    }
  }

  private processEvent(l: LaneFold, kind: number, obj: number, arg: number, result: number, line: number): void {
    switch (kind) {
      case EK.start:
        l.state = 'ready';
        break;
      case EK.spawn:
        this.lane(arg).state = 'new';
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
      case EK.print:
        this.printed = Math.max(this.printed, arg + 1);
        l.state = 'running';
        break;
      case EK.raise:
        this.printed = Math.max(this.printed, arg + 1);
        l.raisedLine = line;
        l.raisedAt = arg;
        break;
      case EK.terminate:
        break;
      default: // join, note
        if (l.state !== 'blocked' && l.state !== 'done' && l.state !== 'terminated') l.state = 'running';
    }
  }

  /** The kind tracking object id `id`, if any (for op texts). */
  kindOf(id: number): AnyKind | undefined {
    return id >= 0 ? this.kindById[id] : undefined;
  }

  /** Every tracked object's view now, in id order (hidden kinds included: the caller decides what to draw). */
  /** Track an object found after the run began (a Python program made it): its kind folds its events from now on. */
  add(t: Tracked): void {
    const state: unknown = t.kind.initial(t.core);
    this.tracked.push(t);
    this.states.push(state);
    this.index(t, state);
  }

  views(ctx: ViewContext): ObjectView[] {
    return this.tracked.map((t, i) => t.kind.view(t.core, this.states[i], ctx) as ObjectView);
  }

  /** The last event as the views want it. */
  lastEvent(): { pid: number; kind: EventKind; obj: number } | null {
    return this.lastPid < 0 ? null : { pid: this.lastPid, kind: EVENT_KINDS[this.lastKind] ?? 'note', obj: this.lastObj };
  }
}
