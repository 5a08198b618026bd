/**
 * The view worker's body: it attaches to a run's buffer as a process worker
 * does (a World in attach mode, the scenario's objects rebuilt on it), owns
 * the run's LiveRun, and drains the rings continuously on its own loop — a
 * batch, then a yield to its message queue, and a gentle poll when idle — so
 * writers never wait on a full ring, whatever the page is doing (a long React
 * commit, a hidden tab). The page pulls snapshots (`snapshot`), moments of
 * the past (`moment`) and reads the event log in shared memory.
 *
 * Status and judgement are computed here, after a final drain, so a
 * "finished" verdict's snapshot includes every event; the controller passes
 * what only it knows (ViewRequest) and keeps the phase logic.
 */
import { pidLabel } from '../core/pid';
import { auditDrain } from '../core/events';
import { H, Memory, type RunMode } from '../core/layout';
import type { Console } from '../core/data';
import { World } from '../core/world';
import { canStepAt, movesWhenScheduled, observedStatus, runStatus, type RunStatus } from '../kernel/scheduler';
import { holdersOf } from '../kinds/registry';
import { NAMES_PER_ORPHAN_GROUP, namesCounted } from '../kinds/waitFor';
import { translate } from '../i18n/i18n';
import { LogStore, type EventLogBuffers } from '../lab/eventLog';
import { LiveRun, type Snapshot } from '../lab/liveRun';
import { JudgementHistory, momentAt, type Moment } from '../lab/moment';
import type { Judgement, Scenario } from '../scenarios/types';
import { SnapshotDiffer, type DrainAudit, type SnapshotDelta, type ViewRequest, type ViewRun } from './protocol';

/** One drain batch lasts at most this long before the worker looks at its messages. */
const BATCH_MS = 4;
/** With nothing to drain, look again this soon… */
export const IDLE_POLL_MS = 4;
/**
 * …and each empty look after that waits twice as long, up to this. An idle run (before Run, after its verdict,
 * between steps) was looked at 250 times a second: ~26 ms of the view worker's CPU a second and as many
 * wake-ups, competing with the page's frames on 2 cores (during a large pool's warm-up too). Whenever events
 * flow the pace is back at once: a batch that drained, or a pull from the page that drained or finds a
 * parallel run going (the page pulls every frame or few while a run goes, and each pull drains too).
 */
export const IDLE_POLL_MAX_MS = 64;
/**
 * A batch that emptied the rings rests this long before the next (timers clamp it to about 4 ms):
 * spinning would take a core the writers need (2 cores are common), and a ring holds about a
 * frame of events (ringEventsFor), so a few ms never fills one. A batch cut short by its budget
 * (more is waiting) goes on at once.
 */
const REST_MS = 1;
/** After a crash, a gap in the event sequence this old is the dead writer's: give up on it. */
const GAP_GIVE_UP_MS = 150;
/**
 * A final drain (before a verdict) stops after this long; the loop and the next pulls take the rest,
 * and until they have, the run is reported running (a verdict judges every event).
 */
const FINAL_DRAIN_MS = 50;

/**
 * A deadlock caused by a dead worker, said as such: who waits for which object
 * (a lock, a semaphore…), held by which process whose worker died. Null when
 * no dead process holds something someone waits for.
 */
export function deadHolderExplanation(snap: Snapshot, dead: ReadonlySet<number>): Judgement['explanation'] | null {
  const name = (pid: number) => snap.lanes.find((l) => l.pid === pid)?.name || pidLabel(pid);
  for (const obj of snap.objects) {
    const holder = holdersOf(obj).find((pid) => dead.has(pid));
    if (holder === undefined) continue;
    const waiters = snap.lanes.filter((l) => l.state === 'blocked' && obj.ids.includes(l.blockedOn)).map((l) => l.name);
    if (waiters.length === 0) continue;
    // A thousand waiters: three named, the rest counted (as the wait-for sentences).
    const who = namesCounted(waiters, NAMES_PER_ORPHAN_GROUP);
    const vars = { lock: obj.name, holder: name(holder) };
    return { en: translate('en', 'lab.deadlock.deadHolder', { ...vars, waiters: who.en }), zh: translate('zh', 'lab.deadlock.deadHolder', { ...vars, waiters: who.zh }) };
  }
  return null;
}

/** How the loop waits: a zero-delay yield to the message queue, or a timer. */
export interface LoopClock {
  soon(f: () => void): void;
  later(f: () => void, ms: number): () => void;
  /** A timer that also ends once `i32[index]` no longer holds 1 and is notified (a writer wakes the reader); without it, `later`. */
  rest?(f: () => void, ms: number, i32: Int32Array, index: number): () => void;
}

/** A yield that lets queued messages run first but is not clamped as nested timers are (MessageChannel). */
export function messageLoopClock(): LoopClock & { close(): void } {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return {
    soon: (f) => {
      queue.push(f);
      channel.port2.postMessage(null);
    },
    later: (f, ms) => {
      const t = setTimeout(f, ms);
      return () => clearTimeout(t);
    },
    rest: (f, ms, i32, index) => {
      let live = true;
      const go = () => {
        if (!live) return;
        live = false;
        f();
      };
      const w = Atomics.waitAsync(i32, index, 1, ms);
      if (w.async) void w.value.then(go);
      else queueMicrotask(go);
      return () => {
        live = false;
      };
    },
    close: () => {
      channel.port1.close();
      channel.port2.close();
    },
  };
}

interface Current {
  id: number;
  live: LiveRun;
  mode: RunMode;
  differ: SnapshotDiffer;
  judgements: JudgementHistory;
  /** Events folded since the last snapshot answer. */
  drainedSince: number;
  crashed: boolean;
  gapSince: number;
  audit: DrainAudit | null;
  /** The bench's drain-only figure: the loop leaves the rings alone until `drainAll`. */
  hold: boolean;
  /** What stopped the drain (a bug): every answer for this run reports it, and nothing drains again. */
  failure: Error | null;
}

export class ViewHost {
  private run: Current | null = null;
  private cancelIdle: (() => void) | null = null;
  private scheduled = false;
  /** Empty looks in a row (the idle poll's back-off). */
  private emptyPolls = 0;
  /** Each run's log is written into the last one's memory (no fresh pages to fault in, see LogStore). */
  readonly logs = new LogStore();

  constructor(
    private readonly scenarios: ReadonlyMap<string, Scenario>,
    private readonly clock: LoopClock,
    private readonly finalDrainMs = FINAL_DRAIN_MS,
  ) {}

  /** Attach to run `id` (a new one replaces any previous); returns the log's shared memory for the page. */
  open(id: number, spec: ViewRun): EventLogBuffers {
    const scenario = this.scenarios.get(spec.scenarioId);
    if (!scenario) throw new Error(`view worker: unknown scenario "${spec.scenarioId}"`);
    const mem = Memory.attach(spec.sab);
    // What a process worker does: the scenario's objects rebuilt on the run's memory.
    const world = new World(mem, false);
    const objs = scenario.setup(world, spec.params as never) as Record<string, unknown> & { console: Console };
    // The page let go of the last run's log before it asked for this one (ViewClient.open). From here the last
    // run is over (its log's memory becomes this one's), even if what follows throws.
    this.run = null;
    const live = new LiveRun(mem, world, objs, scenario, spec.params as never, spec.mode, this.logs.next());
    const audit = spec.audit ? this.audited(live) : null;
    this.run = { id, live, mode: spec.mode, differ: new SnapshotDiffer(), judgements: new JudgementHistory(), drainedSince: 0, crashed: false, gapSince: 0, audit, hold: spec.hold === true, failure: null };
    this.wake();
    return live.log.buffers;
  }

  /** Let go of the current run (its buffer can be collected). */
  close(): void {
    this.run = null;
    this.cancelIdle?.();
    this.cancelIdle = null;
  }

  /** A worker of the run died: a gap it leaves in the sequence is given up after GAP_GIVE_UP_MS. */
  crashed(id: number): void {
    if (this.run?.id === id) this.run.crashed = true;
    this.wake();
  }

  /** The current run (tests, the bench's figures). */
  get current(): LiveRun | null {
    return this.run?.live ?? null;
  }

  /** Count kinds and check seq contiguity as events are drained (the bench's audit). */
  private audited(live: LiveRun): DrainAudit {
    const audit: DrainAudit = { issued: 0, drained: 0, seqBreaks: 0, kinds: new Array<number>(64).fill(0), batchMsMax: 0, firstAt: 0, lastAt: 0, busyMs: 0, batches: 0, rests: 0, restsWoken: 0, runs: 0 };
    auditDrain(live.reader, live.mem.i32, audit);
    return audit;
  }

  /** Events are flowing (or may be): drain at once and poll at the quick pace again. */
  private wake(): void {
    this.emptyPolls = 0;
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || !this.run) return;
    this.cancelIdle?.();
    this.cancelIdle = null;
    this.scheduled = true;
    this.clock.soon(() => this.pump());
  }

  /** One batch of the loop: drain for up to BATCH_MS, then yield (or poll gently when there was nothing). */
  private pump(): void {
    this.scheduled = false;
    const run = this.run;
    if (!run || run.hold || run.failure) return;
    let drained: number;
    const t0 = performance.now();
    try {
      drained = this.drainBatch(run, BATCH_MS);
    } catch (e) {
      run.failure = e instanceof Error ? e : new Error(String(e));
      return;
    }
    if (drained > 0) this.emptyPolls = 0;
    if (performance.now() - t0 >= BATCH_MS) this.schedule();
    else this.cancelIdle = this.rest(run, drained > 0 ? REST_MS : this.idleDelay());
  }

  /**
   * Rest `ms` before the next batch, on the "reader resting" word a writer whose ring is past half can wake
   * (RingWriter.look): a timer alone left a fast writer waiting on a full ring for most of a clamped 4 ms rest.
   * The word is 1 only while resting, so writers pay one load while the reader is busy.
   */
  private rest(run: Current, ms: number): () => void {
    const { clock } = this;
    if (!clock.rest) return clock.later(() => this.schedule(), ms);
    const i32 = run.live.mem.i32;
    Atomics.store(i32, H.readerRest, 1);
    const stop = () => {
      cancel();
      Atomics.store(i32, H.readerRest, 0);
      Atomics.notify(i32, H.readerRest); // lets the pending wait go now, not at its timeout
    };
    if (run.audit) run.audit.rests++;
    const cancel = clock.rest(
      () => {
        if (run.audit && Atomics.load(i32, H.readerRest) === 0) run.audit.restsWoken++;
        Atomics.store(i32, H.readerRest, 0);
        this.schedule();
      },
      ms,
      i32,
      H.readerRest,
    );
    return stop;
  }

  /** The wait before the next look after an empty one: IDLE_POLL_MS, doubled per empty look in a row, at most IDLE_POLL_MAX_MS. */
  private idleDelay(): number {
    const ms = Math.min(IDLE_POLL_MAX_MS, IDLE_POLL_MS * 2 ** this.emptyPolls);
    this.emptyPolls++;
    return ms;
  }

  private drainBatch(run: Current, budgetMs: number): number {
    const t0 = performance.now();
    let drained = run.live.drain(budgetMs);
    const now = performance.now();
    if (run.audit) {
      const a = run.audit;
      a.batchMsMax = Math.max(a.batchMsMax, now - t0);
      a.busyMs += now - t0;
      a.batches++;
      if (drained > 0) {
        if (a.firstAt === 0) a.firstAt = performance.timeOrigin + t0;
        a.lastAt = performance.timeOrigin + now;
      }
    }
    // A writer that died between taking a sequence number and committing it leaves a gap
    // that would stall the stream forever: once it has lasted (a live writer commits in
    // microseconds), give up on that number and go on.
    if (drained === 0 && run.crashed && run.live.reader.pendingGap) {
      if (run.gapSince === 0) run.gapSince = now;
      else if (now - run.gapSince > GAP_GIVE_UP_MS) {
        run.live.reader.skipGap();
        drained = run.live.drain(budgetMs);
        run.gapSince = 0;
      }
    } else run.gapSince = 0;
    run.drainedSince += drained;
    return drained;
  }

  /** Drain everything ready (bounded), then answer the page's pull: status, judgement if due, what changed. */
  snapshot(id: number, req: ViewRequest): SnapshotDelta | null {
    const run = this.run;
    if (!run || run.id !== id) return null;
    if (run.failure) throw run.failure;
    const { live } = run;
    const mem = live.mem;
    const parallel = run.mode === 'parallel';
    // The status first, then the drain: a run that has finished wrote every event before it did. A kernel call
    // in flight (midStep) does not make it "running": observedStatus trusts no scan a grant overlapped, and a run
    // that has ended or deadlocked stays so whatever the call does. (Forcing "running" then kept the verdict away
    // for as long as the learner kept pressing Step after the end, each press a call in flight at the next pull.)
    const raw: RunStatus = !req.booted ? 'idle' : parallel ? runStatus(mem) : observedStatus(mem);
    const final = raw === 'finished' || raw === 'deadlock';
    const t0 = performance.now();
    while (this.drainBatch(run, BATCH_MS) > 0 && performance.now() - t0 < (final ? this.finalDrainMs : BATCH_MS));
    const drained = run.drainedSince;
    // Events came, or a parallel run goes: back to the quick pace if the loop had slowed down.
    if ((drained > 0 || req.running) && this.emptyPolls > 0) this.wake();
    // An ended run wrote every event before it ended, but a backlog (a busy machine, a fast queue) may outlast
    // the final drain: until the rest is in, the run is still running here, or the verdict would judge part of it.
    const backlog = final && live.reader.pendingGap;
    // Nothing new: nothing to show (a parallel run is still watched for its end and its quiet period).
    if (drained === 0 && !req.changed && !(parallel && req.running)) return null;
    run.drainedSince = 0;
    // Under parallel, "everyone blocked" is a deadlock only once the controller's quiet period has passed with nothing new.
    const stuck = parallel && raw === 'deadlock';
    const status: RunStatus = backlog || (stuck && !(req.acceptDeadlock && drained === 0)) ? 'running' : raw;
    const snap = live.snapshot((pid) => !parallel && req.byHand && (req.midStep ? movesWhenScheduled(mem, pid) : canStepAt(mem, pid)));
    let judgement: Judgement | null = null;
    const j0 = performance.now();
    if (status === 'finished' || status === 'deadlock') {
      judgement = live.judge(status);
      const deadHolder = status === 'deadlock' && req.dead.length > 0 ? deadHolderExplanation(snap, new Set(req.dead)) : null;
      if (deadHolder) judgement = { ...judgement, verdict: 'deadlock', explanation: deadHolder };
    } else if (req.judgeDue || (req.betweenSteps && (drained > 0 || req.changed))) {
      judgement = live.judge('running');
    }
    const judgeMs = performance.now() - j0;
    if (judgement) run.judgements.add(live.log.length, judgement);
    const audit = run.audit ? { ...run.audit, issued: Atomics.load(mem.i32, H.seq), drained: live.reader.next, kinds: [...run.audit.kinds] } : undefined;
    return { run: id, drained, status, stuck, judgement, judgeMs, ...run.differ.diff(snap), ...(audit ? { audit } : {}) };
  }

  /** The page as it was after the first `index` events (scrubbing), with the judgement of then. */
  moment(id: number, index: number): Moment | null {
    const run = this.run;
    if (!run || run.id !== id) return null;
    return momentAt(run.live, index, run.judgements);
  }

  /** Items put and got per object, as logged (the bench's exactly-once check): puts, and takes seen exactly once. */
  tally(id: number, obj: number): { puts: number; takenOnce: number } | null {
    const run = this.run;
    if (!run || run.id !== id) return null;
    const t = run.live.tally;
    let takenOnce = 0;
    for (const n of t.takes.get(obj)?.values() ?? []) if (n === 1) takenOnce++;
    return { puts: t.puts.get(obj)?.length ?? 0, takenOnce };
  }

  /** Drain everything ready in one unbudgeted call (the bench's ceiling of the fold); returns events and ms. */
  drainAll(id: number): { events: number; ms: number } | null {
    const run = this.run;
    if (!run || run.id !== id) return null;
    const t0 = performance.now();
    const events = run.live.drain(Infinity);
    const ms = performance.now() - t0;
    run.drainedSince += events;
    run.hold = false;
    this.wake();
    return { events, ms };
  }
}
