/**
 * What the page and the view worker say to each other (src/view/viewHost.ts
 * answers, src/view/viewClient.ts asks). The page pulls at most one snapshot
 * per animation frame; the answer carries only what changed since the last
 * one it was sent (lanes by pid, console lines appended, object views that
 * differ, locals that changed), and `mergeSnapshot` rebuilds the full
 * snapshot on the page, keeping the identity of everything unchanged (the
 * memoised lane rows and local-value lists skip rendering on it).
 */
import type { RunMode } from '../core/layout';
import type { RunStatus } from '../kernel/scheduler';
import type { ObjectView } from '../kinds/registry';
import type { LaneView, Snapshot } from '../lab/liveRun';
import type { Local } from '../lab/locals';
import type { Judgement } from '../scenarios/types';

/** The run the worker attaches to, as Machine.prepare built it. */
export interface ViewRun {
  sab: SharedArrayBuffer;
  scenarioId: string;
  params: unknown;
  mode: RunMode;
  /** Bench diagnostics: count events per kind and check sequence contiguity as they are drained. */
  audit?: boolean;
  /** Bench diagnostics: leave the rings undrained until `drainAll` (the fold's ceiling, with no writer competing). */
  hold?: boolean;
}

/** What only the controller knows, sent with each pull. */
export interface ViewRequest {
  /** The main process has been booted (a parallel run boots on Run). */
  booted: boolean;
  /** A kernel call is under way: a scheduled run may be mid-step (the status is guarded by `observedStatus`). */
  midStep: boolean;
  /**
   * Scheduled, with no Run going: the learner steps by hand. A lane offers its Step when it can be granted, and
   * mid-step also while it moves (the step just pressed still settling): the kernel takes such a press once
   * that step is done, as it takes the Step button's (its calls run one after another).
   */
  byHand: boolean;
  /** A parallel run is going: answer every pull (the quiet period and the end are noticed from status, not events). */
  running: boolean;
  /** A running judgement is due (the controller's timer). */
  judgeDue: boolean;
  /** Scheduled and idle between steps: judge whenever something changed, so a scrubbed step shows its own verdict. */
  betweenSteps: boolean;
  /** Something other than events changed (a step count, a phase): judge between steps even if nothing was drained. */
  changed: boolean;
  /** Parallel: "everyone blocked" has held for the controller's quiet period; call it a deadlock if nothing moved since. */
  acceptDeadlock: boolean;
  /** Processes whose worker died (a deadlock they cause is explained as such). */
  dead: number[];
}

/** The bench's audit of the drained stream (ViewRun.audit). */
export interface DrainAudit {
  /** Sequence numbers handed out (H.seq) and drained so far. */
  issued: number;
  drained: number;
  /** Events whose seq was not the previous one + 1 (must be 0). */
  seqBreaks: number;
  /** Events drained, per kind number. */
  kinds: number[];
  /** The longest drain batch, ms. */
  batchMsMax: number;
  /** Where the drain's time went (the bench's diagnostics): wall clock (timeOrigin + now, ms) of the first and last batch that drained; ms spent in drain batches, and how many. */
  firstAt: number;
  lastAt: number;
  busyMs: number;
  batches: number;
  /** Rests taken between batches, and how many a writer's notify ended early. */
  rests: number;
  restsWoken: number;
  /** Runs the reader handed to the fold (consecutive numbers of one ring; events / runs is the mean run). */
  runs: number;
}

/**
 * One pull's answer: status, judgement, and the snapshot's changes since the previous answer.
 * (The worker answers null instead when nothing was drained and nothing else changed.)
 */
export interface SnapshotDelta {
  run: number;
  /** Events folded since the previous answer. */
  drained: number;
  /** The status the run is in after the worker's own final drain ('deadlock' under parallel only once accepted). */
  status: RunStatus;
  /** Parallel: the process table says everyone is blocked (the controller's quiet period counts from it). */
  stuck: boolean;
  /** A judgement made for this answer (null: none was due); its cost in ms (the controller backs off by it). */
  judgement: Judgement | null;
  judgeMs: number;
  seq: number;
  logLength: number;
  logOverflow: number;
  clock: number;
  last: Snapshot['last'];
  lastPid: number;
  laneCount: number;
  /** Lanes that changed (by their pid). */
  lanes: LaneView[];
  /** Console lines from `consoleFrom` on (the console only grows). */
  consoleFrom: number;
  console: Snapshot['console'];
  objectCount: number;
  /** Object views that changed, by index. */
  objects: [number, ObjectView][];
  /** Local-value lists that changed, by pid. */
  locals: [number, readonly Local[]][];
  audit?: DrainAudit;
}

/** Structural equality of plain data (object views: numbers, strings, arrays, records). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

type DeltaParts = Pick<SnapshotDelta, 'seq' | 'logLength' | 'logOverflow' | 'clock' | 'last' | 'lastPid' | 'laneCount' | 'lanes' | 'consoleFrom' | 'console' | 'objectCount' | 'objects' | 'locals'>;

/**
 * The worker's side: remembers what it last sent and turns a full snapshot
 * into the parts that changed. LiveRun.snapshot keeps a lane's object while it
 * is unchanged and LocalsFold a pid's list, so identity is the test there;
 * object views are rebuilt each time and compared by value.
 */
export class SnapshotDiffer {
  private lanes: LaneView[] = [];
  private objects: ObjectView[] = [];
  private locals: (readonly Local[])[] = [];
  private consoleLength = 0;

  diff(s: Snapshot): DeltaParts {
    const lanes: LaneView[] = [];
    for (const l of s.lanes) if (this.lanes[l.pid] !== l) lanes.push((this.lanes[l.pid] = l));
    const objects: [number, ObjectView][] = [];
    s.objects.forEach((o, i) => {
      if (!sameData(this.objects[i], o)) objects.push([i, (this.objects[i] = o)]);
    });
    const locals: [number, readonly Local[]][] = [];
    s.locals.forEach((l, pid) => {
      if (this.locals[pid] !== l) locals.push([pid, (this.locals[pid] = l)]);
    });
    const consoleFrom = Math.min(this.consoleLength, s.console.length);
    this.consoleLength = s.console.length;
    return {
      seq: s.seq,
      logLength: s.logLength,
      logOverflow: s.logOverflow,
      clock: s.clock,
      last: s.last,
      lastPid: s.lastPid,
      laneCount: s.lanes.length,
      lanes,
      consoleFrom,
      console: s.console.slice(consoleFrom),
      objectCount: s.objects.length,
      objects,
      locals,
    };
  }
}

const NO_LOCALS: readonly Local[] = [];

/** Replace the entries `changes` names, keeping the array itself when nothing changed and its length holds. */
function patched<T>(prev: readonly T[], count: number, changes: readonly [number, T][], fill: (i: number) => T): readonly T[] {
  if (changes.length === 0 && prev.length === count) return prev;
  const out: (T | undefined)[] = prev.slice(0, count);
  out.length = count;
  for (const [i, v] of changes) out[i] = v;
  for (let i = prev.length; i < count; i++) out[i] ??= fill(i);
  return out as T[];
}

/**
 * The page's side: the previous snapshot (null for a run's first) with
 * `d`'s changes applied. Unchanged lanes, object views and local lists are
 * the previous objects; arrays are new only when something in them changed.
 */
export function mergeSnapshot(prev: Snapshot | null, d: DeltaParts): Snapshot {
  const lanes = patched<LaneView>(
    prev?.lanes ?? [],
    d.laneCount,
    d.lanes.map((l) => [l.pid, l]),
    (i) => {
      throw new Error(`view protocol: lane ${i} was never sent`);
    },
  );
  const objects = patched<ObjectView>(prev?.objects ?? [], d.objectCount, d.objects, (i) => {
    throw new Error(`view protocol: object view ${i} was never sent`);
  });
  const locals = patched<readonly Local[]>(prev?.locals ?? [], d.laneCount, d.locals, () => NO_LOCALS);
  const before = prev?.console ?? [];
  const console = d.console.length === 0 && d.consoleFrom === before.length ? before : [...before.slice(0, d.consoleFrom), ...d.console];
  return {
    seq: d.seq,
    lanes: lanes as LaneView[],
    objects: objects as ObjectView[],
    console,
    logLength: d.logLength,
    logOverflow: d.logOverflow,
    clock: d.clock,
    last: d.last,
    lastPid: d.lastPid,
    locals,
  };
}
