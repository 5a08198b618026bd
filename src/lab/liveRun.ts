/**
 * One run as the page sees it: drains the rings once per animation frame,
 * folds the events, records them, and builds the immutable snapshot React
 * renders. Reading the process table for the "about to" op is the one thing
 * not taken from events (the gate's pending op is not an event yet).
 */
import { E, Memory, S, Gate, H } from '../core/layout';
import { EK, EVENT_KINDS, RingReader, readPayload, type EventKind } from '../core/events';
import { errorName } from '../core/errors';
import type { Console } from '../core/data';
import { Lock, RLock } from '../core/sync';
import { Value, SharedFile } from '../core/data';
import { JoinableQueue, Queue } from '../core/queue';
import type { World } from '../core/world';
import type { Judgement, Scenario, ScenarioParams } from '../scenarios/types';
import { buildResult, ItemTally } from '../scenarios/result';
import { emptyFold, foldEvent, lastEvent, type FoldState, type LaneState } from './fold';
import { EventLog } from './eventLog';
import type { PolicyName } from '../core/layout';

export interface LaneView {
  pid: number;
  name: string;
  state: LaneState;
  blockedOn: number;
  blockedOnName: string;
  /** The op it will do when next granted, and its Python line. */
  nextKind: EventKind | null;
  nextObjName: string;
  nextLine: number;
  line: number;
  exitcode: number | null;
  error: string | null;
  daemon: boolean;
  steppable: boolean;
  ops: number;
}

export interface LockView {
  id: number;
  name: string;
  owner: number;
  waiters: number[];
  depth: number;
}

export interface ValueView {
  id: number;
  name: string;
  value: number;
}

export interface FileView {
  id: number;
  name: string;
  content: string;
}

export interface QueueView {
  id: number;
  name: string;
  capacity: number;
  maxsize: number;
  items: { serial: number; json: string; by: number }[];
  putters: number[];
  getters: number[];
  unfinished: number | null;
  taken: { serial: number; json: string; by: number; takenBy: number }[];
  snapshot: { pid: number; kind: EventKind; value: number; seq: number } | null;
}

export interface Snapshot {
  seq: number;
  lanes: LaneView[];
  locks: LockView[];
  values: ValueView[];
  files: FileView[];
  queues: QueueView[];
  console: { pid: number; text: string }[];
  logLength: number;
  logOverflow: number;
  last: ReturnType<typeof lastEvent>;
  lastPid: number;
}

const EMPTY_CONSOLE: Snapshot['console'] = [];

function sameLane(a: LaneView, b: LaneView): boolean {
  for (const k of Object.keys(a) as (keyof LaneView)[]) if (a[k] !== b[k]) return false;
  return true;
}

export class LiveRun {
  readonly reader: RingReader;
  readonly fold: FoldState = emptyFold();
  readonly log = new EventLog();
  readonly tally = new ItemTally();
  private consoleLines: Snapshot['console'] = EMPTY_CONSOLE;
  private readonly console: Console;
  private readonly locks: (Lock | RLock)[] = [];
  private readonly values: Value[] = [];
  private readonly files: SharedFile[] = [];
  private readonly queues: Queue[] = [];
  private readonly names: Map<number, string>;
  private lastPid = -1;
  private readonly prevLanes: LaneView[] = [];

  constructor(
    readonly mem: Memory,
    readonly world: World,
    readonly objs: Record<string, unknown> & { console: Console },
    readonly scenario: Scenario,
    readonly params: ScenarioParams,
    readonly policy: PolicyName,
  ) {
    this.reader = new RingReader(mem);
    this.console = objs.console;
    const seen = new Set<unknown>();
    const visit = (v: unknown) => {
      if (seen.has(v)) return;
      seen.add(v);
      if (v instanceof Lock || v instanceof RLock) this.locks.push(v);
      else if (v instanceof Value) this.values.push(v);
      else if (v instanceof SharedFile) this.files.push(v);
      else if (v instanceof Queue) this.queues.push(v);
      else if (Array.isArray(v)) v.forEach(visit);
    };
    Object.values(objs).forEach(visit);
    this.names = new Map(world.objects.map((o) => [o.id, o.name]));
  }

  objectName(id: number): string {
    if (id >= 1000) return this.mem.processName(id - 1000) || `pid ${id - 1000}`;
    return this.names.get(id) ?? '';
  }

  /** Drain what is ready, for at most `budgetMs` (10 ms of a 16.7 ms frame: the rest is React's); returns the number of events folded. */
  drain(budgetMs = 10): number {
    const { mem, fold, log, tally } = this;
    const i32 = mem.i32;
    const t0 = performance.now();
    let total = 0;
    const sink = (pid: number, rec: number) => {
      const kind = i32[rec + E.kind]!;
      const obj = i32[rec + E.obj]!;
      const arg = i32[rec + E.arg]!;
      const result = i32[rec + E.result]!;
      const line = i32[rec + E.line]!;
      let payload: string | null = null;
      if (EventLog.needsPayload(kind)) payload = readPayload(mem, rec);
      foldEvent(fold, pid, kind, obj, arg, result, line, payload ?? '');
      log.push(pid, kind, obj, arg, result, line, mem.f64[(rec + E.time) >> 1]!, payload);
      if (kind === EK.put || kind === EK.get || kind === EK.send || kind === EK.recv) tally.add(kind, obj, arg);
      this.lastPid = pid;
    };
    for (;;) {
      const n = this.reader.drain(sink, 1024);
      total += n;
      if (n === 0 || performance.now() - t0 > budgetMs) break;
    }
    return total;
  }

  /** The view of this moment (cheap: reads a few words per process and object). */
  snapshot(steppable: (pid: number) => boolean): Snapshot {
    const { mem } = this;
    const n = Math.min(Atomics.load(mem.i32, H.nextPid), mem.maxProcs);
    const lanes: LaneView[] = [];
    const scheduled = this.policy !== 'parallel';
    for (let pid = 0; pid < n; pid++) {
      const f = this.fold.lanes.get(pid);
      let state: LaneState = f?.state ?? 'new';
      // Under a scheduled policy only the process that just moved is running; the rest wait at the gate.
      if (scheduled && state === 'running' && pid !== this.lastPid) state = 'ready';
      if (scheduled && state === 'running' && mem.load(pid, S.gate) === Gate.parked) state = 'ready';
      const live = state !== 'done' && state !== 'terminated';
      const nextKind = live ? (EVENT_KINDS[mem.load(pid, S.opKind)] ?? null) : null;
      const blockedOn = f?.blockedOn ?? -1;
      const next: LaneView = {
        pid,
        name: mem.processName(pid),
        state,
        blockedOn,
        blockedOnName: blockedOn >= 0 ? this.objectName(blockedOn) : '',
        nextKind,
        nextObjName: live ? this.objectName(mem.load(pid, S.opObj)) : '',
        nextLine: live ? mem.load(pid, S.opLine) : 0,
        line: f?.line ?? 0,
        exitcode: f?.exitcode ?? null,
        error: errorName(f?.error ?? 0),
        daemon: mem.load(pid, S.daemon) === 1,
        steppable: live && steppable(pid),
        ops: f?.ops ?? 0,
      };
      // Reuse the previous object when nothing changed, so memoized lanes skip rendering.
      const prev = this.prevLanes[pid];
      if (prev && sameLane(prev, next)) lanes.push(prev);
      else lanes.push((this.prevLanes[pid] = next));
    }
    const waitersOf = (id: number, kind?: number) => lanes.filter((l) => l.state === 'blocked' && l.blockedOn === id && (kind === undefined || mem.load(l.pid, S.opKind) === kind)).map((l) => l.pid);
    const printed = this.fold.printed;
    if (printed > this.consoleLines.length) this.consoleLines = [...this.consoleLines, ...this.console.lines(this.consoleLines.length).slice(0, printed - this.consoleLines.length)];
    return {
      seq: this.fold.seq,
      lanes,
      locks: this.locks.map((l) => ({
        id: l.id,
        name: l.info.name,
        owner: this.fold.owners.get(l.id) ?? -1,
        waiters: waitersOf(l.id),
        depth: l instanceof RLock ? l.depth : this.fold.owners.has(l.id) ? 1 : 0,
      })),
      values: this.values.map((v) => ({ id: v.id, name: v.info.name, value: this.fold.values.get(v.id) ?? v.peek() })),
      files: this.files.map((f) => ({ id: f.id, name: f.path, content: this.fold.files.get(f.id) ?? f.peek() })),
      queues: this.queues.map((q) => ({
        id: q.id,
        name: q.info.name,
        capacity: q.capacity,
        maxsize: q.maxsize,
        items: this.fold.queues.get(q.id) ?? [],
        putters: waitersOf(q.id, EK.put),
        getters: waitersOf(q.id, EK.get),
        unfinished: q instanceof JoinableQueue ? q.unfinished : null,
        taken: this.fold.taken.get(q.id) ?? [],
        snapshot: this.fold.snapshots.get(q.id) ?? null,
      })),
      console: this.consoleLines,
      logLength: this.log.length,
      logOverflow: this.log.overflow,
      last: lastEvent(this.fold),
      lastPid: this.lastPid,
    };
  }

  /** The view as it was after the first `index` events (timeline scrubbing). */
  snapshotAt(index: number): Snapshot {
    const { log } = this;
    const fold = emptyFold();
    const end = Math.min(index, log.length);
    for (let i = 0; i < end; i++) {
      foldEvent(fold, log.pid[i]!, log.kind[i]!, log.obj[i]!, log.arg[i]!, log.result[i]!, log.line[i]!, log.payload.get(i) ?? '');
    }
    const live = this.snapshot(() => false);
    const lanes = live.lanes.map((l) => {
      const f = fold.lanes.get(l.pid);
      const state = f ? (f.state === 'running' && log.pid[end - 1] !== l.pid ? 'ready' : f.state) : 'new';
      const blockedOn = f?.blockedOn ?? -1;
      return { ...l, state, blockedOn, blockedOnName: blockedOn >= 0 ? this.objectName(blockedOn) : '', line: f?.line ?? 0, nextKind: null, nextLine: f?.line ?? 0, exitcode: f?.exitcode ?? null, error: errorName(f?.error ?? 0), steppable: false, ops: f?.ops ?? 0 };
    });
    return {
      ...live,
      seq: fold.seq,
      lanes: lanes.filter((l) => fold.lanes.has(l.pid)),
      locks: live.locks.map((k) => ({ ...k, owner: fold.owners.get(k.id) ?? -1, waiters: lanes.filter((l) => l.state === 'blocked' && l.blockedOn === k.id).map((l) => l.pid) })),
      values: live.values.map((v) => ({ ...v, value: fold.values.get(v.id) ?? v.value })),
      files: live.files.map((f) => ({ ...f, content: fold.files.get(f.id) ?? f.content })),
      queues: live.queues.map((q) => ({ ...q, items: fold.queues.get(q.id) ?? [], putters: [], getters: [], taken: fold.taken.get(q.id) ?? [], snapshot: fold.snapshots.get(q.id) ?? null })),
      console: live.console.slice(0, fold.printed),
      last: lastEvent(fold),
      lastPid: end > 0 ? log.pid[end - 1]! : -1,
    };
  }

  judge(status: 'running' | 'finished' | 'deadlock'): Judgement {
    const result = buildResult(this.world, this.objs, status, this.tally);
    return this.scenario.judge(result, this.params);
  }
}

