/**
 * Drives a run: prepares the machine for the current settings, forwards the
 * learner's commands to the kernel, and once per animation frame drains the
 * event rings into the store. Every command is safe at any time; Reset always
 * rebuilds from scratch (fresh buffer, healed workers).
 */
import { H, writePace, type Memory } from '../core/layout';
import { Machine, OutOfMemory, type CrashReport } from '../kernel/bridge';
import { spawnAppProcess } from '../app/processWorkers';
import { canStepAt, runStatus, type RunStatus } from '../kernel/scheduler';
import type { StepResult } from '../kernel/kernel.worker';
import type { ObjectInfo } from '../core/world';
import { scenarioById } from '../scenarios/registry';
import type { Console } from '../core/data';
import { translate, type StringKey } from '../i18n/i18n';
import type { Judgement } from '../scenarios/types';
import type { Snapshot } from './liveRun';
import { holdersOf } from '../kinds/registry';
import { LiveRun } from './liveRun';
import { commandPort, type CommandPort } from './commandPort';
import type { EventLog } from './eventLog';
import { LIVE_VIEW, useLabStore, type LabMessage, type LabState } from './labStore';
import { JudgementHistory, momentAt } from './moment';
import { effectivePace, type LabSettings } from './settings';
import { RedoFuture } from './redo';

/** Under the parallel mode, "everyone blocked" must hold this long to be called a deadlock. */
const PARALLEL_DEADLOCK_MS = 600;
/** The judge reads the console and objects: at most this often while running. */
const JUDGE_EVERY_MS = 150;
/** After a crash, a gap in the event sequence this old is the dead writer's: give up on it. */
const GAP_GIVE_UP_MS = 150;

/** Both languages of a lab string (a judgement carries both). */
function localized(key: StringKey, vars: Record<string, string | number>): Judgement['explanation'] {
  return { en: translate('en', key, vars), zh: translate('zh', key, vars) };
}

/**
 * A deadlock caused by a dead worker, said as such: who waits for which object
 * (a lock, a semaphore…), held by which process whose worker died. Null when
 * no dead process holds something someone waits for.
 */
export function deadHolderExplanation(snap: Snapshot, dead: ReadonlySet<number>): Judgement['explanation'] | null {
  const name = (pid: number) => snap.lanes.find((l) => l.pid === pid)?.name || `pid ${pid}`;
  for (const obj of snap.objects) {
    const holder = holdersOf(obj).find((pid) => dead.has(pid));
    if (holder === undefined) continue;
    const waiters = snap.lanes.filter((l) => l.state === 'blocked' && obj.ids.includes(l.blockedOn)).map((l) => l.name);
    if (waiters.length > 0) return localized('lab.deadlock.deadHolder', { waiters: waiters.join(', '), lock: obj.name, holder: name(holder) });
  }
  return null;
}

export class LabController {
  readonly machine = new Machine(spawnAppProcess);
  private live: LiveRun | null = null;
  private generation = 0;
  private frame = 0;
  private running = false;
  /** Kernel calls under way: while one is, a scheduled run is mid-step and its state is not final. */
  private inFlight = 0;
  /** Something other than new events changed what to show (a step count, a phase). */
  private dirty = true;
  private lastJudge = 0;
  private lastTick = 0;
  private fallback: ReturnType<typeof setInterval> | undefined;
  /** A worker died: a gap in the event sequence may never fill. */
  private crashed = false;
  private frameCount = 0;
  private judgeEvery = JUDGE_EVERY_MS;
  private quietSince = 0;
  /** Since when the reader has waited on a missing sequence number (0: it has not). */
  private gapSince = 0;
  private booted = false;
  /** The kernel died: nothing moves until Reset, and the frame loop no longer judges. */
  private halted = false;
  /** A schedule that "Step" and "Run" follow (an explored, replayed or shared one), for the settings it was made with. */
  private plan: number[] | null = null;
  private planFor: LabSettings | null = null;
  /** What Redo gives back after Undo (see redo.ts). */
  private readonly future = new RedoFuture();
  /** The current run's judgements by log length, for the verdict at a scrubbed moment. */
  private judgements = new JudgementHistory();

  constructor(private readonly set: (partial: Partial<LabState>) => void = (p) => useLabStore.setState(p)) {
    this.machine.onCrash = (r) => this.onCrash(r);
    this.machine.onKernelDied = (message) => this.onKernelDied(message);
  }

  private onCrash({ pid, message, process }: CrashReport): void {
    const name = this.live?.mem.processName(pid) || `pid ${pid}`;
    this.crashed = true;
    this.dirty = true;
    // A worker failing after its process ended, or before it ran one, is not a process event: say which.
    const key = process === 'killed' ? 'lab.error.crashed' : process === 'finished' ? 'lab.error.workerFault' : 'lab.error.idleWorker';
    this.set({ error: { key, vars: { name, message, pid } } });
  }

  private onKernelDied(message: string): void {
    this.running = false;
    this.inFlight = 0;
    // Under the parallel policy the threads race on without the kernel; a scheduled run cannot move.
    if (this.settings.mode !== 'parallel') {
      this.halted = true;
      this.set({ phase: 'ended', status: 'idle', verdict: 'idle', judgement: null });
    }
    this.set({ error: { key: 'lab.error.kernelDied', vars: { message } } });
  }

  /** The recorded events of the current run (for the timeline). */
  get log(): EventLog | null {
    return this.live?.log ?? null;
  }

  /** The shared objects of the current run (for the trace export's names). */
  get objects(): ObjectInfo[] {
    return this.live?.world.objects ?? [];
  }

  /** The pids granted so far (a scheduled run), or [] (none yet, or parallel). */
  async schedule(): Promise<number[]> {
    if (!this.live || this.settings.mode === 'parallel') return [];
    return this.machine.kernelApi.schedule();
  }

  private get settings(): LabSettings {
    return useLabStore.getState().settings;
  }

  private get mem(): Memory | null {
    return this.live?.mem ?? null;
  }

  /** The loaded schedule, while the settings it belongs to are current. */
  get loadedPlan(): number[] | null {
    return this.planFor === this.settings ? this.plan : null;
  }

  /** Follow `plan` from the next load on (null: back to round robin). */
  setPlan(plan: number[] | null): void {
    this.plan = plan;
    this.planFor = plan ? this.settings : null;
  }

  /**
   * Hand the machine to someone else (an exploration, statistics): the current
   * run is dropped and commands wait. Returns a token; `owns(token)` stays true
   * until anything loads a new run.
   */
  suspend(): number {
    const gen = ++this.generation;
    this.running = false;
    this.live = null;
    this.inFlight = 0;
    this.future.drop();
    this.set({ phase: 'loading', status: 'idle', verdict: 'idle', judgement: null, steps: 0, redo: 0, ...LIVE_VIEW });
    return gen;
  }

  owns(token: number): boolean {
    return token === this.generation;
  }

  /**
   * Build a fresh run for the current settings (also Reset); `replay` re-grants a schedule prefix at once.
   * `keepFuture`: an Undo or Redo, which keeps what Redo can give back; anything else drops it.
   */
  async load(replay?: number[], keepFuture = false): Promise<void> {
    const gen = ++this.generation;
    const s = this.settings;
    const plan = this.loadedPlan ?? undefined;
    const scenario = scenarioById.get(s.scenarioId);
    this.running = false;
    this.booted = false;
    this.live = null; // commands wait for the new run instead of reaching the old one
    this.inFlight = 0; // a call to a replaced kernel may never settle
    this.crashed = false;
    this.halted = false;
    this.gapSince = 0;
    if (!keepFuture) this.future.drop();
    this.set({ phase: 'loading', status: 'idle', verdict: 'idle', judgement: null, steps: 0, redo: 0, error: null, ...LIVE_VIEW });
    if (!scenario) return;
    // Whatever this run does not use yet keeps loading in idle time, and replaces a worker that died.
    this.machine.warm(scenario.maxProcesses(s.params));
    try {
      const prepared = await this.machine.prepare(scenario, s.params, { mode: s.mode, seed: s.seed, ...effectivePace(s), ...(plan ? { plan } : {}) });
      if (gen !== this.generation) return;
      this.judgements = new JudgementHistory();
      this.live = new LiveRun(prepared.mem, prepared.world, prepared.objs as Record<string, unknown> & { console: Console }, scenario, s.params, s.mode);
      this.booted = s.mode !== 'parallel';
      this.dirty = true;
      if (replay && replay.length > 0) {
        const r = await this.kernel((k) => k.replay(replay));
        if (gen !== this.generation) return;
        this.set({ steps: r.steps, redo: this.future.available(r.steps) });
      }
      this.set({ phase: 'ready' });
      this.ensureFrames();
      if (scenario.commands) await this.run();
    } catch (e) {
      if (gen !== this.generation) return;
      const error: LabMessage = e instanceof OutOfMemory ? { key: 'lab.error.memory' as const, vars: { mb: Math.ceil(e.bytes / 2 ** 20) } } : { key: 'lab.error.prepare' as const, vars: { message: e instanceof Error ? e.message : String(e) } };
      this.set({ phase: 'ended', error });
    }
  }

  /** Stop the run where it is: every process unwinds (an interpreter busy in pure Python is interrupted); Reset starts afresh. */
  stop(): void {
    if (!this.live) return;
    this.machine.stop();
    this.running = false;
    this.dirty = true;
    this.set({ phase: 'ended' });
  }

  reset(): Promise<void> {
    return this.load();
  }

  /** One op: for `pid`, or the next process in round-robin (step) / by clock (clock). */
  async step(pid: number | null = null): Promise<void> {
    if (!this.live || this.settings.mode === 'parallel' || this.running) return;
    const gen = this.generation;
    try {
      const r: StepResult = await this.kernel((k) => k.step(pid));
      // A new step: the undone future no longer follows (as in an editor).
      this.future.drop();
      if (gen === this.generation) this.set({ steps: r.steps, redo: 0 });
    } catch (e) {
      if (gen === this.generation && !this.halted) this.set({ error: { key: 'lab.error.kernel', vars: { message: e instanceof Error ? e.message : String(e) } } });
    }
  }

  /** A kernel call, counted so frames never judge a half-finished step. */
  private async kernel<T>(call: (k: Machine['kernelApi']) => Promise<T>): Promise<T> {
    const gen = this.generation;
    this.inFlight++;
    try {
      return await this.machine.callKernel(call);
    } finally {
      if (gen === this.generation) this.inFlight--;
      this.dirty = true;
    }
  }

  /** Undo the last step: re-run the same schedule minus one (scheduled runs are deterministic). */
  async undo(): Promise<void> {
    if (!this.live || this.running || this.settings.mode === 'parallel') return;
    const schedule = await this.machine.callKernel((k) => k.schedule()).catch(() => []);
    const prefix = this.future.undo(schedule);
    if (prefix) await this.load(prefix, true);
  }

  /** Give back one undone step: re-run the undone schedule one step further. */
  async redo(): Promise<void> {
    if (!this.live || this.running || this.settings.mode === 'parallel') return;
    const prefix = this.future.redo(useLabStore.getState().steps);
    if (prefix) await this.load(prefix, true);
  }

  async run(): Promise<void> {
    if (!this.live || this.running) return;
    const mem = this.live.mem;
    this.running = true;
    this.future.drop();
    this.set({ phase: 'running', redo: 0, ...LIVE_VIEW });
    this.dirty = true;
    if (this.settings.mode === 'parallel') {
      if (!this.booted) {
        this.booted = true;
        await this.machine.callKernel((k) => k.boot()).catch(() => undefined); // a dead kernel is reported by onKernelDied
      }
      return; // the frame loop notices the end
    }
    const gen = this.generation;
    // Cleared here, before the message is posted, so a Pause pressed meanwhile is not erased.
    Atomics.store(mem.i32, H.pause, 0);
    const out = await this.kernel((k) => k.run()).catch(() => null);
    if (gen !== this.generation || mem !== this.mem || !out) return;
    this.running = false;
    this.set({ steps: out.steps, phase: out.reason === 'paused' ? 'paused' : 'ready' });
    if (out.reason === 'error') this.set({ error: { key: 'lab.error.kernel', vars: { message: out.error ?? '' } } });
  }

  pause(): void {
    const mem = this.mem;
    if (!mem || this.settings.mode === 'parallel') return;
    Atomics.store(mem.i32, H.pause, 1);
    Atomics.notify(mem.i32, H.pause);
  }

  /** Live changes that need no new run: speed and turbo are read by the threads as they go. */
  applyPace(): void {
    const mem = this.mem;
    if (!mem) return;
    writePace(mem.i32, effectivePace(this.settings));
  }

  /** Inspect the timeline at event `index` (null: back to live): the whole page shows that moment (moment.ts). */
  scrubTo(index: number | null): void {
    if (!this.live || index === null) {
      this.set(LIVE_VIEW);
      return;
    }
    const m = momentAt(this.live, index, this.judgements);
    this.set({ scrub: index, scrubSnapshot: m.snapshot, scrubJudgement: m.judgement, scrubNarration: m.narration });
  }

  /** The current run's command port (for a scenario with `commands`; its panel types the commands). */
  readonly port: CommandPort<unknown> = commandPort(
    () => {
      const live = this.live;
      const inboxes = live?.scenario.commands?.inboxes(live.objs);
      return live && inboxes ? { mem: live.mem, inboxes } : null;
    },
    () => (this.dirty = true),
  );

  /** Kill a process's worker thread for real (to show that Reset heals). */
  killWorker(pid: number): void {
    this.machine.killWorker(pid);
  }

  /** Kill the kernel worker for real (tests: the lab must say so and Reset must heal). */
  killKernel(): void {
    this.machine.killKernel();
  }

  private ensureFrames(): void {
    if (this.frame) return;
    const tick = () => {
      this.frame = requestAnimationFrame(tick);
      this.lastTick = performance.now();
      this.onFrame();
    };
    this.frame = requestAnimationFrame(tick);
    // A hidden tab gets no animation frames; keep draining so writers never wait on a full ring.
    this.fallback = setInterval(() => {
      if (performance.now() - this.lastTick > 250) this.onFrame();
    }, 250);
  }

  private onFrame(): void {
    const live = this.live;
    if (!live || this.halted) return;
    this.machine.reap();
    let drained = live.drain();
    const now = performance.now();
    // A writer that died between taking a sequence number and committing it leaves a gap
    // that would stall the stream forever: once it has lasted (a live writer commits in
    // microseconds), give up on that number and go on.
    if (drained === 0 && this.crashed && live.reader.pendingGap) {
      if (this.gapSince === 0) this.gapSince = now;
      else if (now - this.gapSince > GAP_GIVE_UP_MS) {
        live.reader.skipGap();
        drained = live.drain();
        this.gapSince = 0;
      }
    } else this.gapSince = 0;
    const mem = live.mem;
    const parallel = this.settings.mode === 'parallel';
    const midStep = !parallel && this.inFlight > 0;
    if (drained === 0 && !this.dirty && !(parallel && this.running)) return;
    // With many processes a React commit costs several milliseconds of layout: draw every
    // other frame (the rings are still drained every frame, so nothing backs up).
    this.frameCount++;
    if (live.mem.maxProcs > 24 && this.frameCount % 2 === 1 && !this.dirty) {
      this.dirty = true; // commit on the next frame even if nothing new arrives
      return;
    }
    const changed = this.dirty;
    this.dirty = false;
    let status: RunStatus = !this.booted ? 'idle' : midStep ? 'running' : runStatus(mem, parallel ? undefined : (pid) => canStepAt(mem, pid));
    if (parallel && status === 'deadlock') {
      if (drained > 0 || this.quietSince === 0) this.quietSince = now;
      if (now - this.quietSince < PARALLEL_DEADLOCK_MS) status = 'running';
    } else this.quietSince = 0;
    const state = useLabStore.getState();
    const patch: Partial<LabState> = { status, snapshot: live.snapshot((pid) => !midStep && !parallel && canStepAt(mem, pid)) };
    if (status === 'finished' || status === 'deadlock') {
      this.running = false;
      patch.judgement = live.judge(status);
      const deadHolder = status === 'deadlock' ? deadHolderExplanation(patch.snapshot!, this.machine.deadPids) : null;
      if (deadHolder) patch.judgement = { ...patch.judgement, verdict: 'deadlock', explanation: deadHolder };
      patch.verdict = patch.judgement.verdict;
      patch.phase = 'ended';
    } else {
      // Booting parks the main process at its first op: nothing has happened until a step or a run.
      const started = this.running || state.steps > 0 || (parallel && this.booted);
      patch.verdict = started ? 'running' : 'idle';
      // Between steps (and on a pause) every step is judged, so the figures match the cards and a scrubbed moment shows the verdict of exactly then.
      const stepped = !parallel && !this.running && !midStep && (drained > 0 || changed);
      if (now - this.lastJudge > this.judgeEvery || !state.judgement || stepped) {
        patch.judgement = live.judge('running');
        // A judge over a long log (400k queue items) is costly: back off in proportion.
        const cost = performance.now() - now;
        this.lastJudge = performance.now();
        this.judgeEvery = Math.max(JUDGE_EVERY_MS, cost * 20);
      }
    }
    if (patch.judgement) this.judgements.add(live.log.length, patch.judgement);
    this.set(patch);
  }

  dispose(): void {
    clearInterval(this.fallback);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.machine.dispose();
  }
}
