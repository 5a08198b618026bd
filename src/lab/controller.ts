/**
 * Drives a run: prepares the machine for the current settings, forwards the
 * learner's commands to the kernel, and once per animation frame drains the
 * event rings into the store. Every command is safe at any time; Reset always
 * rebuilds from scratch (fresh buffer, healed workers).
 */
import { H, writePace, type Memory } from '../core/layout';
import { Machine } from '../kernel/bridge';
import { spawnAppProcess } from '../app/processWorkers';
import { canStepAt, runStatus, type RunStatus } from '../kernel/scheduler';
import type { StepResult } from '../kernel/kernel.worker';
import { scenarioById } from '../scenarios/registry';
import type { Console } from '../core/data';
import { LiveRun } from './liveRun';
import { commandPort, type CommandPort } from './commandPort';
import type { EventLog } from './eventLog';
import { useLabStore, type LabState } from './labStore';
import type { LabSettings } from './settings';

/** Under the parallel mode, "everyone blocked" must hold this long to be called a deadlock. */
const PARALLEL_DEADLOCK_MS = 600;
/** The judge reads the console and objects: at most this often while running. */
const JUDGE_EVERY_MS = 150;

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
  private booted = false;

  constructor(private readonly set: (partial: Partial<LabState>) => void = (p) => useLabStore.setState(p)) {
    this.machine.onCrash = (pid, message) => {
      const name = this.live?.mem.processName(pid) || `pid ${pid}`;
      this.crashed = true;
      this.set({ error: { key: 'lab.error.crashed', vars: { name, message } } });
    };
  }

  /** The recorded events of the current run (for the timeline). */
  get log(): EventLog | null {
    return this.live?.log ?? null;
  }

  private get settings(): LabSettings {
    return useLabStore.getState().settings;
  }

  private get mem(): Memory | null {
    return this.live?.mem ?? null;
  }

  /** Build a fresh run for the current settings (also Reset). */
  async load(replay?: number[]): Promise<void> {
    const gen = ++this.generation;
    const s = this.settings;
    const scenario = scenarioById.get(s.scenarioId);
    this.running = false;
    this.booted = false;
    this.live = null; // commands wait for the new run instead of reaching the old one
    this.inFlight = 0; // a call to a replaced kernel may never settle
    this.crashed = false;
    this.set({ phase: 'loading', status: 'idle', verdict: 'idle', judgement: null, steps: 0, error: null, scrub: null, scrubSnapshot: null });
    if (!scenario) return;
    try {
      const prepared = await this.machine.prepare(scenario, s.params, { mode: s.mode, seed: s.seed, speed: s.speed, turbo: s.turbo });
      if (gen !== this.generation) return;
      this.live = new LiveRun(prepared.mem, prepared.world, prepared.objs as Record<string, unknown> & { console: Console }, scenario, s.params, s.mode);
      this.booted = s.mode !== 'parallel';
      this.dirty = true;
      if (replay && replay.length > 0) {
        const r = await this.kernel((k) => k.replay(replay));
        if (gen !== this.generation) return;
        this.set({ steps: r.steps });
      }
      this.set({ phase: 'ready' });
      this.ensureFrames();
      if (scenario.commands) await this.run();
    } catch (e) {
      if (gen !== this.generation) return;
      this.set({ phase: 'ended', error: { key: 'lab.error.prepare', vars: { message: e instanceof Error ? e.message : String(e) } } });
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
      if (gen === this.generation) this.set({ steps: r.steps });
    } catch (e) {
      if (gen === this.generation) this.set({ error: { key: 'lab.error.kernel', vars: { message: e instanceof Error ? e.message : String(e) } } });
    }
  }

  /** A kernel call, counted so frames never judge a half-finished step. */
  private async kernel<T>(call: (k: Machine['kernelApi']) => Promise<T>): Promise<T> {
    const gen = this.generation;
    this.inFlight++;
    try {
      return await call(this.machine.kernelApi);
    } finally {
      if (gen === this.generation) this.inFlight--;
      this.dirty = true;
    }
  }

  /** Undo the last step: re-run the same schedule minus one (scheduled runs are deterministic). */
  async undo(): Promise<void> {
    if (!this.live || this.running || this.settings.mode === 'parallel') return;
    const schedule = await this.machine.kernelApi.schedule();
    if (schedule.length === 0) return;
    await this.load(schedule.slice(0, -1));
  }

  async run(): Promise<void> {
    if (!this.live || this.running) return;
    const mem = this.live.mem;
    this.running = true;
    this.set({ phase: 'running', scrub: null, scrubSnapshot: null });
    this.dirty = true;
    if (this.settings.mode === 'parallel') {
      if (!this.booted) {
        this.booted = true;
        await this.machine.kernelApi.boot();
      }
      return; // the frame loop notices the end
    }
    const gen = this.generation;
    // Cleared here, before the message is posted, so a Pause pressed meanwhile is not erased.
    Atomics.store(mem.i32, H.pause, 0);
    const out = await this.kernel((k) => k.run());
    if (gen !== this.generation || mem !== this.mem) return;
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
    writePace(mem.i32, this.settings);
  }

  /** Inspect the timeline at event `index` (null: back to live). */
  scrubTo(index: number | null): void {
    if (!this.live || index === null) {
      this.set({ scrub: null, scrubSnapshot: null });
      return;
    }
    this.set({ scrub: index, scrubSnapshot: this.live.snapshotAt(index) });
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
    if (!live) return;
    let drained = live.drain();
    // A writer that died between taking a sequence number and committing it leaves a gap
    // that would stall the stream forever: give up on that number and go on.
    if (drained === 0 && this.crashed && live.reader.pendingGap) {
      live.reader.skipGap();
      drained = live.drain();
    }
    const mem = live.mem;
    const now = performance.now();
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
      patch.verdict = patch.judgement.verdict;
      patch.phase = 'ended';
    } else {
      // Booting parks the main process at its first op: nothing has happened until a step or a run.
      const started = this.running || state.steps > 0 || (parallel && this.booted);
      patch.verdict = started ? 'running' : 'idle';
      if (now - this.lastJudge > this.judgeEvery || !state.judgement) {
        patch.judgement = live.judge('running');
        // A judge over a long log (400k queue items) is costly: back off in proportion.
        const cost = performance.now() - now;
        this.lastJudge = performance.now();
        this.judgeEvery = Math.max(JUDGE_EVERY_MS, cost * 20);
      }
    }
    this.set(patch);
  }

  dispose(): void {
    clearInterval(this.fallback);
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.machine.dispose();
  }
}
