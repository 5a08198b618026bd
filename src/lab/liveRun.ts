/**
 * One run as the page sees it: drains the rings, folds the events, records
 * them, and builds the immutable snapshot React renders. It runs in the view
 * worker (src/view/viewHost.ts), which drains it continuously; it stays a
 * plain synchronous class so Node tests can drive it directly. Reading the
 * process table for the "about to" op is the one thing not taken from events
 * (the gate's pending op is not an event yet).
 */
import { pidLabel } from '../core/pid';
import { E, Memory, S, Gate, H } from '../core/layout';
import { EK, EVENT_KINDS, RingReader, readPayload, type EventKind } from '../core/events';
import { errorName } from '../core/errors';
import type { Console } from '../core/data';
import type { ObjectInfo, World } from '../core/world';
import type { Judgement, Scenario, ScenarioParams } from '../scenarios/types';
import { buildResult, ItemTally } from '../scenarios/result';
import { KINDS, trackObjects, type ObjectView, type Tracked } from '../kinds/registry';
import { NOT_READY, type AnyKind } from '../kinds/types';
import type { ViewContext } from '../kinds/types';
import type { StringKey } from '../i18n/i18n';
import { RunFold, type LaneFold, type LaneState } from './fold';
import { EventLog } from './eventLog';
import { foldLogInto, LocalsFold, type Local } from './locals';
import { opWords } from './opWords';
import type { RunMode } from '../core/layout';

const PAYLOAD_KIND = EventLog.PAYLOAD_KIND;

/**
 * The kinds that move an item (puts, gets, sends, receives), which the run's ItemTally counts: a table by kind code,
 * asked per drained event. One entry per kind and indexed as is (a code past the table reads undefined, never another kind's entry).
 */
const TALLIED = new Uint8Array(EVENT_KINDS.length);
for (const k of [EK.put, EK.get, EK.send, EK.recv]) TALLIED[k] = 1;

/** Whether events of kind code `kind` move an item (the run's ItemTally counts them). */
export function movesItem(kind: number): boolean {
  return TALLIED[kind] === 1;
}

/** An op as a lane reads it: a string key (its kind's, or a process op's) and the object's name. */
export interface OpText {
  key: StringKey;
  obj: string;
  /** The event kind, for the generic text of an op no kind names. */
  kind: EventKind;
}

export interface LaneView {
  pid: number;
  name: string;
  state: LaneState;
  blockedOn: number;
  blockedOnName: string;
  /** The op it will do when next granted (null when none), and its Python line. */
  next: OpText | null;
  nextLine: number;
  line: number;
  exitcode: number | null;
  error: string | null;
  /** The uncaught exception's traceback: the Python line it was raised at and its message (`ValueError: …`); null when none. */
  traceback: { line: number; message: string } | null;
  /** Its parent's pid (-1 for the main process). */
  ppid: number;
  daemon: boolean;
  steppable: boolean;
  ops: number;
}

export interface Snapshot {
  seq: number;
  lanes: LaneView[];
  /** Every tracked shared object, a tagged union by kind, in id order (hidden kinds included). */
  objects: ObjectView[];
  console: { pid: number; text: string }[];
  logLength: number;
  logOverflow: number;
  /** The clock of the last event logged (virtual seconds; real ones under parallel), 0 before any. */
  clock: number;
  last: ReturnType<RunFold['lastEvent']>;
  lastPid: number;
  /** Each process's local values (locals.ts), by pid; an array keeps its identity until its values change. */
  locals: readonly (readonly Local[])[];
}

const EMPTY_CONSOLE: Snapshot['console'] = [];

function sameOp(a: OpText | null, b: OpText | null): boolean {
  return a === b || (a !== null && b !== null && a.key === b.key && a.obj === b.obj && a.kind === b.kind);
}

function sameTraceback(a: LaneView['traceback'], b: LaneView['traceback']): boolean {
  return a === b || (a !== null && b !== null && a.line === b.line && a.message === b.message);
}

function sameLane(a: LaneView, b: LaneView): boolean {
  for (const k of Object.keys(a) as (keyof LaneView)[]) if (a[k] !== b[k] && !(k === 'next' && sameOp(a.next, b.next)) && !(k === 'traceback' && sameTraceback(a.traceback, b.traceback))) return false;
  return true;
}

export class LiveRun {
  readonly reader: RingReader;
  readonly fold: RunFold;
  readonly tally = new ItemTally();
  private consoleLines: Snapshot['console'] = EMPTY_CONSOLE;
  private readonly console: Console;
  /** The scenario's shared objects, each claimed by its kind (src/kinds). */
  private readonly tracked: Tracked[];
  private readonly names: Map<number, string>;
  private lastPid = -1;
  /** Run-time objects whose creator was still building them at the last drain (kinds' `adopt` said NOT_READY). */
  private unready: ObjectInfo[] = [];
  private readonly prevLanes: LaneView[] = [];
  /** The local values fold over the log, advanced at each snapshot. */
  private readonly locals: LocalsFold;

  constructor(
    readonly mem: Memory,
    readonly world: World,
    readonly objs: Record<string, unknown> & { console: Console },
    readonly scenario: Scenario,
    readonly params: ScenarioParams,
    readonly mode: RunMode,
    /** The run's log: a fresh one, or the view worker's next (`LogStore`, on the last run's memory). */
    readonly log: EventLog = new EventLog(),
  ) {
    this.reader = new RingReader(mem);
    this.locals = new LocalsFold(this.sourceLines, world.objects);
    this.console = objs.console;
    this.tracked = trackObjects(objs);
    this.fold = new RunFold([...this.tracked]);
    this.names = new Map(world.objects.map((o) => [o.id, o.name]));
  }

  /** The program's Python lines (line 1 is index 0): the locals name values by the line that assigns them. */
  get sourceLines(): string[] {
    return this.scenario.python(this.params).split('\n');
  }

  /** How an op of `kind` on object `obj` reads (opWords); `signal`: a terminate op's Kill word. */
  opText(kind: EventKind, obj: number, signal = 0): OpText {
    return { key: opWords(this.fold.kindOf(obj), kind, signal), obj: this.objectName(obj), kind };
  }

  objectName(id: number): string {
    if (id >= 1000) return this.mem.processName(id - 1000) || pidLabel(id - 1000);
    return this.names.get(id) ?? '';
  }

  /**
   * Objects the program created since (the Python lab), recognised by their kind from the object
   * table. Read before draining: a row is written before any event on its object.
   */
  private adoptNew(): void {
    const rows = [...this.unready, ...this.world.refresh()];
    this.unready = [];
    for (const row of rows) {
      if (row.creator < 0) continue; // a setup's object: tracked from the setup already
      this.names.set(row.id, row.name);
      for (const kind of KINDS as readonly AnyKind[]) {
        const core: unknown = kind.adopt?.(this.world, row);
        if (core === NOT_READY) this.unready.push(row);
        if (core === null || core === undefined || core === NOT_READY) continue;
        const t: Tracked = { kind, core, ids: kind.ids(core) };
        this.tracked.push(t);
        this.fold.add(t);
        break;
      }
    }
  }

  /** Drain what is ready, for at most `budgetMs` (10 ms of a 16.7 ms frame: the rest is React's); returns the number of events folded. */
  drain(budgetMs = 10): number {
    this.adoptNew();
    const { mem, fold, log, tally, reader } = this;
    const { i32, f64, u8 } = mem;
    const payloadOf = (rec: number) => readPayload(mem, rec);
    const t0 = performance.now();
    let total = 0;
    // A run at a time (consecutive events of one process, records side by side): the fold and the log
    // each take the whole run in one loop, and only item moves go to the tally one by one. A throw here
    // ends the view of the run (viewHost: nothing drains again), so it does not say how far it got (`taken`).
    const sink = (pid: number, rec: number, count: number) => {
      fold.records(pid, i32, rec, count, PAYLOAD_KIND, payloadOf);
      log.pushRecords(pid, i32, f64, u8, rec, count);
      const end = rec + count * E.words;
      for (let r = rec; r < end; r += E.words) {
        const kind = i32[r + E.kind]!;
        if (TALLIED[kind] === 1) tally.add(kind, i32[r + E.obj]!, i32[r + E.arg]!);
      }
      this.lastPid = pid;
    };
    try {
      for (;;) {
        const n = reader.drainRuns(sink, 1024);
        total += n;
        if (n === 0 || performance.now() - t0 > budgetMs) break;
      }
    } finally {
      log.publish();
    }
    return total;
  }

  /** The traceback of lane fold `f`: its raise line and the message the console shows after the process's name. */
  private traceback(f: LaneFold | undefined, console: Snapshot['console']): LaneView['traceback'] {
    if (!f || f.raisedAt < 0) return null;
    const text = console[f.raisedAt]?.text ?? '';
    return { line: f.raisedLine, message: text.slice(text.indexOf(': ') + 2) };
  }

  /** The view of this moment (cheap: reads a few words per process and object). */
  snapshot(steppable: (pid: number) => boolean): Snapshot {
    const { mem } = this;
    const printed = this.fold.printed;
    if (printed > this.consoleLines.length) this.consoleLines = [...this.consoleLines, ...this.console.lines(this.consoleLines.length).slice(0, printed - this.consoleLines.length)];
    const n = Math.min(Atomics.load(mem.i32, H.nextPid), mem.maxProcs);
    foldLogInto(this.locals, this.log, this.log.length);
    const lanes: LaneView[] = [];
    const scheduled = this.mode !== 'parallel';
    for (let pid = 0; pid < n; pid++) {
      const f = this.fold.lanes.get(pid);
      let state: LaneState = f?.state ?? 'new';
      // Under a scheduled mode only the process that just moved is running; the rest wait at the gate.
      if (scheduled && state === 'running' && pid !== this.lastPid) state = 'ready';
      if (scheduled && state === 'running' && mem.load(pid, S.gate) === Gate.parked) state = 'ready';
      const live = state !== 'done' && state !== 'terminated';
      // The parallel policy announces an op only when it waits (blocked, sleeping): a running lane races on.
      const announced = live && (scheduled || state === 'blocked' || state === 'sleeping');
      const nextKind = announced ? (EVENT_KINDS[mem.load(pid, S.opKind)] ?? null) : null;
      const nextObj = mem.load(pid, S.opObj);
      const blockedOn = f?.blockedOn ?? -1;
      const next: LaneView = {
        pid,
        name: mem.processName(pid),
        state,
        blockedOn,
        blockedOnName: blockedOn >= 0 ? this.objectName(blockedOn) : '',
        next: nextKind ? this.opText(nextKind, nextObj, mem.load(pid, S.opArg)) : null,
        nextLine: announced ? mem.load(pid, S.opLine) : 0,
        line: f?.line ?? 0,
        exitcode: f?.exitcode ?? null,
        error: errorName(f?.error ?? 0),
        traceback: this.traceback(f, this.consoleLines),
        ppid: mem.load(pid, S.ppid),
        daemon: mem.load(pid, S.daemon) === 1,
        steppable: live && steppable(pid),
        ops: f?.ops ?? 0,
      };
      // Reuse the previous object when nothing changed, so memoized lanes skip rendering.
      const prev = this.prevLanes[pid];
      if (prev && sameLane(prev, next)) lanes.push(prev);
      else lanes.push((this.prevLanes[pid] = next));
    }
    return {
      seq: this.fold.seq,
      lanes,
      objects: this.fold.views(this.waitersAmong(lanes, (pid) => EVENT_KINDS[mem.load(pid, S.opKind)])),
      console: this.consoleLines,
      logLength: this.log.length,
      logOverflow: this.log.overflow,
      clock: this.log.length > 0 ? this.log.time[this.log.length - 1]! : 0,
      last: this.fold.lastEvent(),
      lastPid: this.lastPid,
      locals: Array.from({ length: n }, (_, pid) => this.locals.of(pid)),
    };
  }

  /**
   * The views after the first `index - 1` and `index` events (the moment and the one before it,
   * which the narration compares), from one pass over the log.
   */
  snapshotsAround(index: number): { before: Snapshot; after: Snapshot } {
    const { log } = this;
    const fold = new RunFold([...this.tracked]);
    const locals = new LocalsFold(this.sourceLines, this.world.objects);
    const end = Math.min(index, log.length);
    const live = this.snapshot(() => false);
    const to = (k: number) => {
      for (let i = fold.seq; i < k; i++) {
        const kind = log.kind[i]!;
        fold.event(log.pid[i]!, kind, log.obj[i]!, log.arg[i]!, log.result[i]!, log.line[i]!, EventLog.needsPayload(kind) ? (log.payload.get(i) ?? '') : '');
      }
      foldLogInto(locals, log, k);
      return this.viewAt(fold, locals, k, live);
    };
    const before = to(Math.max(0, end - 1));
    return { before, after: end > 0 ? to(end) : before };
  }

  /** The view after `fold` has folded the log's first `end` events, over the live view `live`. */
  private viewAt(fold: RunFold, locals: LocalsFold, end: number, live: Snapshot): Snapshot {
    const { log } = this;
    const lanes = live.lanes.map((l) => {
      const f = fold.lanes.get(l.pid);
      const state = f ? (f.state === 'running' && log.pid[end - 1] !== l.pid ? 'ready' : f.state) : 'new';
      const blockedOn = f?.blockedOn ?? -1;
      return { ...l, state, blockedOn, blockedOnName: blockedOn >= 0 ? this.objectName(blockedOn) : '', line: f?.line ?? 0, next: null, nextLine: f?.line ?? 0, exitcode: f?.exitcode ?? null, error: errorName(f?.error ?? 0), traceback: this.traceback(f, live.console), steppable: false, ops: f?.ops ?? 0 };
    }).filter((l) => fold.lanes.has(l.pid));
    return {
      ...live,
      seq: fold.seq,
      lanes,
      // What a blocked process was about to do then is not recorded: waiters by op (a queue's putters, getters) stay empty.
      objects: fold.views(this.waitersAmong(lanes, () => undefined)),
      console: live.console.slice(0, fold.printed),
      last: fold.lastEvent(),
      lastPid: end > 0 ? log.pid[end - 1]! : -1,
      clock: end > 0 ? log.time[end - 1]! : 0,
      locals: live.lanes.map((l) => locals.of(l.pid)),
    };
  }

  /** The views' waiters: lanes blocked on an object (and, when `pendingOp` knows it, in that op). */
  private waitersAmong(lanes: LaneView[], pendingOp: (pid: number) => EventKind | undefined): ViewContext {
    return {
      waiters: (id, op) => {
        const out: number[] = [];
        for (const l of lanes) if (l.state === 'blocked' && l.blockedOn === id && (op === undefined || pendingOp(l.pid) === op)) out.push(l.pid);
        return out;
      },
    };
  }

  judge(status: 'running' | 'finished' | 'deadlock'): Judgement {
    const result = buildResult(this.world, this.objs, status, this.tally);
    return this.scenario.judge(result, this.params);
  }
}

