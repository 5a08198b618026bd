/**
 * Many runs of one scenario on one buffer, on the real process threads: the
 * `Executor` the explorer, the statistics and the guided replay drive.
 *
 * A fresh run per schedule would cost a new buffer and a message to every
 * worker. Instead the buffer is rewound: processes still alive are killed
 * (they unwind as after `terminate()`), every worker is waited for until it
 * has served its last start (idle again on its start word), and every byte
 * outside the event rings is copied back from a snapshot taken before the
 * first boot — except each slot's start and served words, which the idle
 * workers compare against and which must only ever grow. Rewinding never sets
 * the stop word, so the workers keep serving this buffer.
 *
 * Used in the kernel worker (the page) and on Node worker_threads (tests).
 */
import { pidLabel } from '../core/pid';
import { EK, RingReader, readPayload, type EventKind, EVENT_KINDS } from '../core/events';
import { E, Flag, H, Memory, S, State, type RunMode } from '../core/layout';
import { World } from '../core/world';
import { SharedFile, Value, type Console } from '../core/data';
import { Kill, defaultWallClock, wakeGate } from '../core/runtime';
import { Scheduler, canStepAt, type RunStatus } from '../kernel/scheduler';
import { buildResult, ItemTally } from '../scenarios/result';
import type { Judgement, RunResult, Scenario, ScenarioParams } from '../scenarios/types';
import { FootprintBuilder, type Access } from './footprint';
import type { Executor, Outcome } from './search';

const UNWIND_LIMIT_MS = 5000;
/** Parallel runs: everyone blocked for this long is a deadlock. */
const PARALLEL_DEADLOCK_MS = 150;
const PARALLEL_LIMIT_MS = 20_000;

export interface RewindConfig {
  mode: RunMode;
  seed: number;
  turbo?: boolean;
}

/** One event as the guided replay sees it: what happened, and what a read saw. */
export interface OpEvent {
  seq: number;
  pid: number;
  kind: EventKind;
  obj: number;
  /** A Value load's value. */
  result: number;
  /** A File read's content (its start; a cut ends with '…'). */
  payload: string;
}

export class RewindableRun implements Executor {
  private readonly table: Uint8Array;
  private readonly heap: Uint8Array;
  private readonly mainProgram: number;
  private readonly world: World;
  private readonly objs: Record<string, unknown> & { console: Console };
  private readonly footprint: FootprintBuilder;
  /** Values and files by object id (a guided replay compares what a read will see). */
  private readonly readable = new Map<number, Value | SharedFile>();
  private scheduler: Scheduler | null = null;
  private reader: RingReader;
  private tally = new ItemTally();
  private config: RewindConfig;
  /** Keep the events of the current run (the guided replay reads them). */
  keepEvents = false;
  readonly events: OpEvent[] = [];

  /** `mem` has its objects set up and its workers attached, and nothing booted yet. */
  constructor(
    readonly mem: Memory,
    readonly scenario: Scenario,
    readonly params: ScenarioParams,
    config: RewindConfig,
  ) {
    const layout = mem.layout;
    this.table = mem.u8.slice(0, layout.rings * 4);
    this.heap = mem.u8.slice(layout.heap * 4);
    this.mainProgram = Object.keys(scenario.programs).indexOf(scenario.main);
    this.world = new World(mem, false);
    this.objs = scenario.setup(this.world, params) as Record<string, unknown> & { console: Console };
    this.footprint = this.newFootprint();
    const visit = (v: unknown): void => {
      if (v instanceof Value || v instanceof SharedFile) this.readable.set(v.info.id, v);
      else if (Array.isArray(v)) v.forEach(visit);
    };
    Object.values(this.objs).forEach(visit);
    this.reader = new RingReader(mem);
    this.config = config;
  }

  /** Later runs use this mode and seed (statistics draw a fresh seed per run). */
  configure(config: RewindConfig): void {
    this.config = config;
  }

  get processes(): number {
    return Math.min(Atomics.load(this.mem.i32, H.nextPid), this.mem.maxProcs);
  }

  private drain(): void {
    const mem = this.mem;
    const i32 = mem.i32;
    this.reader.drain((pid, rec) => {
      const kind = i32[rec + E.kind]!;
      const obj = i32[rec + E.obj]!;
      const arg = i32[rec + E.arg]!;
      this.footprint.event(pid, kind, obj, arg);
      this.tally.add(kind, obj, arg);
      if (this.keepEvents) this.events.push({ seq: i32[rec + E.seq]!, pid, kind: EVENT_KINDS[kind] ?? 'note', obj, result: i32[rec + E.result]!, payload: readPayload(mem, rec) });
    });
  }

  /**
   * Kill whatever still runs and wait until every process has ended. One at a
   * time, children (higher pids) first: a dying process wakes its joiners, and
   * that write must not land on a parent that is itself being unwound (it would
   * turn a terminated parent back into a ready one).
   */
  private unwind(): void {
    const mem = this.mem;
    const i32 = mem.i32;
    const alive = (pid: number) => mem.load(pid, S.state) > State.free && mem.load(pid, S.state) < State.done;
    const started = Date.now();
    for (let pid = this.processes - 1; pid >= 0; pid--) {
      if (!alive(pid)) continue;
      mem.store(pid, S.kill, Kill.terminate);
      for (;;) {
        const seen = Atomics.load(i32, H.doorbell);
        wakeGate(mem, pid);
        this.drain();
        if (!alive(pid)) break;
        if (Date.now() - started > UNWIND_LIMIT_MS) throw new Error(`${mem.processName(pid) || pidLabel(pid)} did not stop`);
        Atomics.wait(i32, H.doorbell, seen, 5);
      }
    }
    // Ended is not idle: a worker still finishing its last run (waking joiners, counting the end)
    // would write into the rewound table. Wait until each has served its last start.
    for (let pid = 0; pid < mem.maxProcs; pid++) {
      for (;;) {
        const seen = Atomics.load(i32, H.doorbell);
        if (Atomics.load(i32, mem.at(pid, S.served)) === Atomics.load(i32, mem.at(pid, S.start))) break;
        if (Date.now() - started > UNWIND_LIMIT_MS) {
          throw new Error(`the worker of ${mem.processName(pid) || pidLabel(pid)} did not finish (start ${Atomics.load(i32, mem.at(pid, S.start))}, served ${Atomics.load(i32, mem.at(pid, S.served))}; ${this.describe()})`);
        }
        Atomics.wait(i32, H.doorbell, seen, 5);
      }
    }
  }

  /** Back to the state before boot (every worker idle), then boot the main process (scheduled: it parks at its first op). */
  reset(): void {
    const mem = this.mem;
    if (this.scheduler) this.unwind();
    const starts = Array.from({ length: mem.maxProcs }, (_, pid) => Atomics.load(mem.i32, mem.at(pid, S.start)));
    // The snapshot gets today's start and served words before it is copied back, so the copy writes each
    // the value it already holds. Copying the old ones and restoring them afterwards left a window in which
    // a worker just back from its last run read its start word as 0, took that for a new start, ran a
    // phantom process and stored served = 0: the next rewind then waited for it forever (the flake of
    // "reduction with timeouts and terminate" under a loaded full test run).
    const table = new Int32Array(this.table.buffer);
    starts.forEach((v, pid) => {
      table[mem.at(pid, S.start)] = v;
      table[mem.at(pid, S.served)] = v;
    });
    mem.u8.set(this.table, 0);
    mem.u8.set(this.heap, mem.layout.heap * 4);
    this.reader = new RingReader(mem);
    this.tally = new ItemTally();
    this.events.length = 0;
    this.scheduler = new Scheduler(mem, { ...this.config, mainProgram: this.mainProgram });
    try {
      this.scheduler.boot(defaultWallClock());
    } catch (e) {
      const words = Array.from({ length: mem.maxProcs }, (_, pid) => `${pid}: start ${Atomics.load(mem.i32, mem.at(pid, S.start))} (was ${starts[pid]}) state ${mem.load(pid, S.state)} kill ${mem.load(pid, S.kill)}`);
      throw new Error(`${e instanceof Error ? e.message : String(e)} after a rewind [${words.join('; ')}]`, { cause: e });
    }
    this.drain();
    this.footprint.build();
  }

  private get sched(): Scheduler {
    if (!this.scheduler) throw new Error('no run: call reset() first');
    return this.scheduler;
  }

  enabled(): number[] {
    const out: number[] = [];
    for (let pid = 0; pid < this.processes; pid++) if (canStepAt(this.mem, pid)) out.push(pid);
    return out;
  }

  /** The op `pid` announced at its gate (what it will do when granted). */
  pendingKind(pid: number): EventKind {
    return EVENT_KINDS[this.mem.load(pid, S.opKind)] ?? 'note';
  }

  /** Blocked (it tried and must wait), as opposed to ready, sleeping or ended. */
  isBlocked(pid: number): boolean {
    return this.mem.load(pid, S.state) === State.blocked && (this.mem.load(pid, S.flags) & Flag.awaitingInput) === 0;
  }

  /**
   * Would `pid`'s pending op see what `logged` saw? A Value load must read the
   * same number, a File read the same text; other ops always agree.
   */
  agrees(pid: number, logged: OpEvent): boolean {
    const kind = this.pendingKind(pid);
    if (kind !== logged.kind) return true;
    const obj = this.readable.get(this.mem.load(pid, S.opObj));
    if (kind === 'load' && obj instanceof Value) return Math.round(obj.peek()) === logged.result;
    if (kind === 'read' && obj instanceof SharedFile) return obj.peek().startsWith(logged.payload.replace(/…$/, ''));
    return true;
  }

  /** A footprint for this scenario's console (where tracebacks go, and whether its prints commute). */
  private newFootprint(): FootprintBuilder {
    return new FootprintBuilder(this.objs.console.info.id, this.scenario.printsCommute === true);
  }

  /** Every process, once `pid` has read another's state without an op (Flag.peeked); else none. */
  private peers(pid: number): number[] {
    if ((this.mem.load(pid, S.flags) & Flag.peeked) === 0) return [];
    return Array.from({ length: this.processes }, (_, q) => q);
  }

  /** What `pid`'s next transition will touch, as far as its gate says (its op, itself, what it peeks at). */
  pending(pid: number): Access[] {
    const b = this.newFootprint();
    b.announced(pid, this.mem.load(pid, S.opKind), this.mem.load(pid, S.opObj), this.peers(pid));
    return b.build();
  }

  step(pid: number): Access[] {
    const mem = this.mem;
    this.footprint.announced(pid, mem.load(pid, S.opKind), mem.load(pid, S.opObj));
    this.sched.grant(pid);
    this.drain();
    // After the grant: a peek during this transition counts in it (and every peek before it too).
    this.footprint.peers(this.peers(pid));
    return this.footprint.build();
  }

  describe(): string {
    const mem = this.mem;
    return Array.from({ length: this.processes }, (_, pid) => `${pid}: state ${mem.load(pid, S.state)} gate ${mem.load(pid, S.gate)} op ${this.pendingKind(pid)} on ${mem.load(pid, S.blockedOn)}`).join(', ');
  }

  /** The pids granted so far. */
  get schedule(): number[] {
    return this.sched.schedule;
  }

  status(): RunStatus {
    return this.sched.status();
  }

  /** What the judge reads now. */
  result(): RunResult<unknown> {
    const s = this.status();
    const status = s === 'finished' ? 'finished' : s === 'deadlock' || s === 'awaiting' ? 'deadlock' : 'running';
    return buildResult(this.world, this.objs, status, this.tally);
  }

  judge(): Judgement {
    return this.scenario.judge(this.result(), this.params);
  }

  console(): { pid: number; text: string }[] {
    return this.objs.console.lines().map((l) => ({ pid: l.pid, text: l.text }));
  }

  outcome(): Outcome {
    return outcomeOf(this.judge(), this.status());
  }

  /** A whole run under the configured mode (clock: by virtual time; parallel: real threads until all end or deadlock). */
  runToEnd(): Outcome {
    this.reset();
    const s = this.sched;
    if (s.scheduled) {
      while (s.status() === 'running') {
        if (s.step() < 0) break;
        this.drain();
      }
      return this.outcome();
    }
    const i32 = this.mem.i32;
    const started = Date.now();
    let quietSince = 0;
    for (;;) {
      const seen = Atomics.load(i32, H.doorbell);
      const before = this.reader.next;
      this.drain();
      const status = s.status();
      if (status === 'finished') break;
      const now = Date.now();
      if (status === 'deadlock') {
        if (quietSince === 0 || this.reader.next !== before) quietSince = now;
        if (now - quietSince >= PARALLEL_DEADLOCK_MS) break;
      } else quietSince = 0;
      if (now - started > PARALLEL_LIMIT_MS) throw new Error('a parallel run did not end');
      Atomics.wait(i32, H.doorbell, seen, 2);
    }
    this.drain();
    return this.outcome();
  }
}

/** The scenario's first figure is the outcome (Tickets sold, Balance, Interruptions…). */
export function outcomeOf(judgement: Judgement, status: RunStatus): Outcome {
  return {
    status: status === 'finished' ? 'finished' : 'deadlock',
    verdict: judgement.verdict,
    value: String(judgement.figures[0]?.value ?? ''),
  };
}

/** The kinds that stand for a gated op (one grant each in step mode), as opposed to block/wake/start/exit. */
const BOOKKEEPING = new Set<number>([EK.start, EK.exit, EK.block, EK.wake, EK.killed, EK.raise, EK.note]);
export const isOpEvent = (kind: EventKind): boolean => !BOOKKEEPING.has(EK[kind]);
