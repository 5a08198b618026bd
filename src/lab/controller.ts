/**
 * Drives a run: prepares the machine for the current settings, hands the run
 * to the view worker (src/view), forwards the learner's commands to the
 * kernel, and once per animation frame pulls the view worker's snapshot into
 * the store. Every command is safe at any time; Reset always rebuilds from
 * scratch (fresh buffer, healed workers).
 */
import { H, S, STATE_NAMES, writeLang, writePace, type Memory } from '../core/layout';
import { pidLabel } from '../core/pid';
import type { Lang } from '../i18n/i18n';
import { OutOfMemory, type CrashReport, type Machine } from '../kernel/bridge';
import { AttachFailed } from '../kernel/attach';
import { KernelGone, NoAnswer } from '../kernel/deathWatch';
import { PoolFull } from '../kernel/workerPool';
import { spawnAppView } from '../app/processWorkers';
import type { KernelApi, StepResult } from '../kernel/kernel.worker';
import { movesWhenScheduled, runStatus } from '../kernel/scheduler';
import type { ObjectInfo, World } from '../core/world';
import { scenarioById } from '../scenarios/registry';
import type { Scenario } from '../scenarios/types';
import { closeFrame, leavePage, pageFrame } from '../core/pageFirst';
import { commandPort, type CommandPort } from './commandPort';
import type { EventLog } from './eventLog';
import { LIVE_VIEW, useLabStore, type LabMessage, type LabState, type Replay } from './labStore';
import { effectivePace, type LabSettings } from './settings';
import { RedoFuture } from './redo';
import { ViewClient, ViewDied, type Pulled } from '../view/viewClient';
import type { LaneView, Snapshot } from './liveRun';
import type { ViewRequest } from '../view/protocol';

/** Under the parallel mode, "everyone blocked" must hold this long to be called a deadlock. */
const PARALLEL_DEADLOCK_MS = 600;
/** The judge reads the console and objects: at most this often while running. */
const JUDGE_EVERY_MS = 150;
/**
 * A snapshot with this many events or more (parallel) comes from a run faster than the eye: the lab is `fast`
 * (labStore) from then until FAST_HOLD_MS after the last such snapshot, so it does not flip between its two
 * ways of drawing every other frame.
 */
export const FAST_EVENTS = 64;
const FAST_HOLD_MS = 1000;
/**
 * A fast run's page shows a snapshot every this many frames (about 20 a second): a commit is most of a frame's work.
 * So does a crowded run's (past CROWDED_PROCS) while it plays on its own (Run, clock or parallel): at 100 lanes,
 * clock ×16, a commit cost the page 3–6 ms of style, layout, paint and layerize on the main thread, then the
 * compositor's, raster's and GPU's share, and the frames over 17 ms were mostly those with one.
 */
const FAST_PULL_EVERY = 3;
/** Past this many processes a run is crowded: stepped by hand, its page shows a snapshot every other frame. */
const CROWDED_PROCS = 24;
/**
 * A parallel turbo run of more processes than this (a thousand ticket clients) shows a snapshot every
 * THRONG_PULL_EVERY frames, about 10 a second. Its whole run is the parent starting its children one by one
 * (startPace), each child's worker a thread woken on 2 cores, so every ms of the page's CPU is taken from them:
 * a commit of 1,000 lanes and their console costs the page several ms, and skipping the pulls (a test build)
 * cut the main thread's CPU per run from 215-336 to 99-165 ms. The last snapshot still comes at once.
 */
const THRONG_PROCS = 256;
const THRONG_PULL_EVERY = 6;

/**
 * A snapshot the panels have not drawn yet holds the next pull back (see `drawn`), for at most this long:
 * a transition React keeps putting off (input, a hidden tab) must not stop the run's picture.
 */
const DRAW_WAIT_MS = 250;

/**
 * With nothing running, stepping or changed and no snapshot for this long, the frame loop rests: it looks every
 * REST_POLL_MS (a timer) instead of every animation frame. An idle lab asked the view worker for a snapshot 60
 * times a second and kept the browser producing frames: ~0.12 of a core doing nothing. Anything that starts work
 * (a step, Run, a command, a crash, a load) wakes the loop at once (`wakeFrames`); the poll catches the rest.
 */
const REST_AFTER_MS = 1000;
const REST_POLL_MS = 250;

/** The current run as the controller holds it (the view worker holds its own view of the same memory). */
interface Run {
  mem: Memory;
  world: World;
  objs: Record<string, unknown>;
  scenario: Scenario;
}

/** The kernel calls the controller makes, as the kernel worker answers them (asynchronously). */
export type LabKernel = { [K in 'step' | 'replay' | 'run' | 'schedule']: (...a: Parameters<KernelApi[K]>) => Promise<ReturnType<KernelApi[K]>> };

/** What the controller asks of the machine (the app's is a `Machine`; a test may stand one in). */
export type LabMachine = Pick<Machine, 'warm' | 'prepare' | 'stop' | 'startParallel' | 'reap' | 'deadPids' | 'killWorker' | 'killKernel' | 'dispose' | 'onCrash' | 'onKernelDied'> & {
  /** A call to the kernel that fails as soon as the kernel dies. */
  callKernel<T>(call: (k: LabKernel) => Promise<T>): Promise<T>;
};

/** What the controller asks of the view worker's client. */
export type LabView = Pick<ViewClient, 'busy' | 'dead' | 'log' | 'open' | 'close' | 'pull' | 'moment' | 'crashed' | 'terminate' | 'kill'>;

/** The controller's parts: its machine, a maker of view clients (a new one replaces a dead one), and where its state goes. */
export interface LabParts<M extends LabMachine> {
  machine: M;
  view?: () => LabView;
  set?: (partial: Partial<LabState>) => void;
}

export class LabController<M extends LabMachine = Machine> {
  readonly machine: M;
  /** The view worker: drains, folds and logs the run; answers snapshots and moments (replaced on load if it died). */
  private view: LabView;
  private readonly newView: () => LabView;
  private readonly set: (partial: Partial<LabState>) => void;
  private live: Run | null = null;
  private generation = 0;
  private frame = 0;
  /** The resting loop's timer (see REST_AFTER_MS), and when the loop last had something to do. */
  private restTimer = 0;
  private lastActive = 0;
  private running = false;
  /** A scheduled Run came back with the run over: the phase stays "running" until its verdict is pulled. */
  private ending = false;
  /** Kernel calls under way: while one is, a scheduled run may be mid-step (its status is read by `observedStatus`). */
  private inFlight = 0;
  /** Kernel calls of this run settled, and how many of them a snapshot pulled since has shown. */
  private callsDone = 0;
  private callsShown = 0;
  /**
   * Presses of Step (a lane's pid; null: the mode's next) that came while a step was settling or not yet shown.
   * Each is taken in turn once the page has shown the step before it: a press made as soon as the narration
   * changed (mid-step) was dropped by a lane's button, or, taken straight behind it, narrated as that step again.
   */
  private pressed: (number | null)[] = [];
  /** Run (R, or the button) pressed while the run was still being prepared: it starts once the run is ready. */
  private runWhenReady = false;
  /** The snapshot last put in the store and when; the one the run's panels drew last (undefined: no panels drawing). */
  private applied: Snapshot | null = null;
  private appliedAt = 0;
  private drawnSnap: Snapshot | null | undefined = undefined;
  /** Something other than new events changed what to show (a step count, a phase). */
  private dirty = true;
  private lastJudge = 0;
  private frameCount = 0;
  private judgeEvery = JUDGE_EVERY_MS;
  private quietSince = 0;
  private fastUntil = 0;
  /** Made at the first frame that beats (closeAfterFrame): tests without frames never open a port. */
  private frameDone: MessageChannel | null = null;
  private booted = false;
  /** The kernel died: nothing moves until Reset, and the frame loop no longer judges. */
  private halted = false;
  /** The learner pressed Stop: every process left was interrupted, so its lane is drawn terminated (stoppedSnapshot). */
  private stopped = false;
  /** A schedule that "Step" and "Run" follow (an explored, replayed or shared one), for the settings it was made with. */
  private plan: number[] | null = null;
  private planFor: LabSettings | null = null;
  /** What Redo gives back after Undo (see redo.ts). */
  private readonly future = new RedoFuture();
  /** The learner's language: the run's own messages (a process's RuntimeError) are printed in it. */
  private lang: Lang = 'en';

  constructor({ machine, view = () => new ViewClient(spawnAppView()), set = (p) => useLabStore.setState(p) }: LabParts<M>) {
    this.machine = machine;
    this.newView = view;
    this.set = set;
    this.view = view();
    this.machine.onCrash = (r) => this.onCrash(r);
    this.machine.onKernelDied = (message) => this.onKernelDied(message);
    // A hidden tab draws no frames: its run's threads must not wait for them (pageFirst.ts).
    if (typeof document !== 'undefined') document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden' && this.live) leavePage(this.live.mem.i32);
    });
  }

  private onCrash({ pid, message, terminated, process }: CrashReport): void {
    const name = this.live?.mem.processName(pid) || pidLabel(pid);
    // A gap in the event sequence may never fill: the view worker gives up on it after a while.
    this.view.crashed();
    this.markDirty();
    // A worker failing after its process ended, or before it ran one, is not a process event: say which.
    const key = process === 'killed' ? 'lab.error.crashed' : process === 'finished' ? 'lab.error.workerFault' : 'lab.error.idleWorker';
    // No text from the browser (or a worker the page ended) is put into words in the page's language.
    const words = message === null ? { words: { message: terminated ? ('lab.crash.terminated' as const) : ('lab.crash.noText' as const) } } : {};
    this.set({ error: { key, vars: { name, pid, ...(message === null ? {} : { message }) }, ...words } });
  }

  private onKernelDied(message: string | null): void {
    // Not inFlight: every call still waiting fails with the death (callKernel) and counts itself out.
    // Under the parallel policy the threads race on without the kernel, still running: the pulls keep watching
    // for their end (not running, a pull with nothing new drained is not answered, and a run whose last events
    // were drained before its last process was marked ended never showed its verdict). A scheduled run cannot move.
    if (this.settings.mode !== 'parallel') {
      this.running = false;
      this.halted = true;
      this.set({ phase: 'ended', status: 'idle', verdict: 'idle', judgement: null });
    }
    this.set({ error: message === null ? { key: 'lab.error.kernelGone' } : { key: 'lab.error.kernelDied', vars: { message } } });
  }

  /** The recorded events of the current run (shared memory the view worker writes; for the timeline, export, replay). */
  get log(): EventLog | null {
    return this.live ? this.view.log : null;
  }

  /** The shared objects of the current run (for the trace export's names), those the program created since included. */
  get objects(): ObjectInfo[] {
    if (!this.live) return [];
    this.live.world.refresh();
    return this.live.world.objects;
  }

  /** The pids granted so far (a scheduled run), or [] (none yet, or parallel). */
  async schedule(): Promise<number[]> {
    if (!this.live || this.settings.mode === 'parallel') return [];
    return this.machine.callKernel((k) => k.schedule());
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
    this.ending = false;
    this.live = null;
    this.view.close();
    this.inFlight = 0;
    this.pressed = [];
    this.runWhenReady = false;
    this.stopped = false;
    this.future.drop();
    this.fastUntil = 0;
    this.applied = null;
    // The run dropped takes its alert with it: the job's own failures are said by the job (exploreStore).
    this.set({ phase: 'loading', status: 'idle', verdict: 'idle', judgement: null, steps: 0, redo: 0, error: null, fast: false, kept: null, narrateFrom: 0, replayedSteps: 0, replay: null, ...LIVE_VIEW });
    return gen;
  }

  owns(token: number): boolean {
    return token === this.generation;
  }

  /**
   * Build a fresh run for the current settings (also Reset); `replay` re-grants a schedule prefix at once.
   * `keepFuture`: an Undo or Redo, which keeps what Redo can give back; anything else drops it.
   */
  async load(replay?: number[], keepFuture = false, by: Replay['by'] = 'link'): Promise<void> {
    const gen = ++this.generation;
    const s = this.settings;
    const plan = this.loadedPlan ?? undefined;
    const scenario = scenarioById.get(s.scenarioId);
    this.running = false;
    this.ending = false;
    this.booted = false;
    this.live = null; // commands wait for the new run instead of reaching the old one
    this.inFlight = 0; // a call to a replaced kernel may never settle
    this.callsShown = this.callsDone;
    this.pressed = [];
    this.runWhenReady = false; // pressed for the run this load replaces
    this.halted = false;
    this.stopped = false;
    this.quietSince = 0;
    this.fastUntil = 0;
    this.applied = null; // a new run waits for no snapshot of the last one to be drawn
    if (!keepFuture) this.future.drop();
    this.set({ phase: 'loading', status: 'idle', verdict: 'idle', judgement: null, steps: 0, redo: 0, error: null, fast: false, kept: null, narrateFrom: replay?.length ? Infinity : 0, replayedSteps: 0, replay: null, ...LIVE_VIEW });
    if (!scenario) return;
    // Whatever this run does not use yet keeps loading in idle time, and replaces a worker that died.
    this.machine.warm(scenario.maxProcesses(s.params), scenario.id);
    try {
      const prepared = await this.machine.prepare(scenario, s.params, { mode: s.mode, seed: s.seed, ...effectivePace(s), ...(plan ? { plan } : {}) });
      if (gen !== this.generation) return;
      writeLang(prepared.mem.i32, this.lang);
      if (this.view.dead) {
        this.view.terminate();
        this.view = this.newView();
      }
      // The view worker attaches before anything runs, so it sees every event from the first.
      await this.view.open({ sab: prepared.mem.sab, scenarioId: scenario.id, params: s.params, mode: s.mode });
      if (gen !== this.generation) return;
      this.live = { mem: prepared.mem, world: prepared.world, objs: prepared.objs as Record<string, unknown>, scenario };
      this.booted = s.mode !== 'parallel';
      this.markDirty();
      if (replay && replay.length > 0) {
        const r = await this.kernel((k) => k.replay(replay));
        if (gen !== this.generation) return;
        // Every replayed op wrote its events before the replay returned: the learner's own steps start after them.
        const replayed: Replay = { by, steps: r.steps, last: r.steps > 0 ? replay[r.steps - 1]! : null };
        this.set({ steps: r.steps, replayedSteps: r.steps, redo: this.future.available(r.steps), narrateFrom: Atomics.load(prepared.mem.i32, H.seq), replay: replayed, ...(troubleError(r) ?? this.unfitReplay(replay, r.steps)) });
      } else if (replay && by === 'undo') this.set({ replay: { by, steps: 0, last: null } }); // undone back to the start
      // Presses kept while loading are now the run's own: a Run starts below, steps wait their turn (shown).
      this.set({ phase: 'ready', kept: null });
      this.wakeFrames();
      const pressedRun = this.runWhenReady;
      this.runWhenReady = false;
      if (scenario.commands || pressedRun) await this.run();
    } catch (e) {
      if (gen !== this.generation) return;
      this.set({ phase: 'ended', error: prepareError(e), kept: null });
    }
  }

  /**
   * A replayed schedule that stopped short: at step `at` its pid could not move. Undo's and Redo's prefixes always
   * fit; a loaded one (an imported trace or a link whose settings or schedule were edited) may not. Its replay is
   * left cleanly: the plan is dropped, so Step and Run go on by the mode, and the page says what happened.
   */
  private unfitReplay(replay: number[], at: number): { error: LabMessage } | undefined {
    if (at >= replay.length || !this.live) return undefined;
    this.setPlan(null);
    const pid = replay[at]!;
    const name = (pid < Math.min(Atomics.load(this.live.mem.i32, H.nextPid), this.live.mem.maxProcs) && this.live.mem.processName(pid)) || pidLabel(pid);
    return { error: { key: 'lab.error.unfitSchedule', vars: { at, n: replay.length, name } } };
  }

  /**
   * The run moves on (a step granted, Run): an alert about where a loaded schedule stopped fitting has had its
   * say, since the run now goes on by the mode as it said; left up, it stood over the rest of the run and its
   * verdict as if something were still wrong. Every other alert is about a run that cannot go on, or a worker
   * only Reset replaces, and stays.
   */
  private movedOn(): Partial<LabState> {
    return useLabStore.getState().error?.key === 'lab.error.unfitSchedule' ? { error: null } : {};
  }

  /** Stop the run where it is: every process unwinds (an interpreter busy in pure Python is interrupted); Reset starts afresh. */
  stop(): void {
    this.runWhenReady = false;
    this.pressed = []; // presses kept while the run was prepared, too
    if (!this.live && !this.halted && useLabStore.getState().phase === 'loading') {
      // Pressed while the run is still being prepared (Python loading, workers starting): that load is dropped
      // (as a newer load drops it) and nothing starts by itself when it is ready. Reset loads afresh.
      ++this.generation;
      this.set({ phase: 'ended', status: 'idle', verdict: 'idle', judgement: null, kept: null });
      return;
    }
    if (!this.live) return;
    this.machine.stop();
    this.running = false;
    this.stopped = true;
    this.markDirty();
    const { snapshot } = useLabStore.getState();
    this.set({ phase: 'ended', ...(snapshot ? { snapshot: stoppedSnapshot(snapshot) } : {}) });
  }

  reset(): Promise<void> {
    return this.load();
  }

  /**
   * One op: for `pid`, or the next process in round-robin (step) / by clock (clock). Pressed while a step
   * settles, or before the page has shown it, it waits its turn (`pressed`): every press is one step. A held
   * key's auto-repeat (`repeat`) is not kept: each press waits a pull, slower than the repeat on a loaded
   * machine, so a held key would pile up steps that went on long after it was let go.
   */
  async step(pid: number | null = null, repeat = false): Promise<void> {
    if (!this.live && !this.halted && !repeat && this.settings.mode !== 'parallel' && useLabStore.getState().phase === 'loading') {
      // A press on a page still starting its workers was dropped without a word: it waits for the run being
      // prepared, taken in turn once it is shown (a newer load, Reset, Stop or Run drops it, as any press waiting).
      this.pressed.push(pid);
      if (!this.runWhenReady) this.set({ kept: 'step' });
      return;
    }
    // A halted run (a dead kernel or view) has nothing that would take a press: Reset heals it.
    if (!this.live || this.halted || this.settings.mode === 'parallel' || this.running) return;
    if (this.inFlight > 0 || this.callsDone > this.callsShown || this.pressed.length > 0) {
      if (repeat) return;
      this.pressed.push(pid);
      this.wakeFrames();
      return;
    }
    await this.stepNow(pid);
  }

  private async stepNow(pid: number | null): Promise<void> {
    const gen = this.generation;
    try {
      const r: StepResult = await this.kernel((k) => k.step(pid));
      // A new step: the undone future no longer follows (as in an editor). A press that granted nothing (past the
      // end, or a lane that cannot move) left the schedule as it was, so the future still follows it.
      if (r.granted >= 0 || r.noPickup || r.stalled) this.future.drop();
      if (gen === this.generation) this.set({ steps: r.steps, redo: this.future.available(r.steps), ...(r.granted >= 0 ? this.movedOn() : {}), ...troubleError(r) });
    } catch (e) {
      if (gen === this.generation && !this.halted) this.set({ error: { key: 'lab.error.kernel', vars: { message: e instanceof Error ? e.message : String(e) } } });
    }
  }

  /** A kernel call, counted so frames never judge a half-finished step. */
  private async kernel<T>(call: (k: LabKernel) => Promise<T>): Promise<T> {
    const gen = this.generation;
    this.inFlight++;
    this.wakeFrames();
    try {
      return await this.machine.callKernel(call);
    } finally {
      if (gen === this.generation) {
        this.inFlight--;
        this.callsDone++;
      }
      this.markDirty();
    }
  }

  /** Undo the last step: re-run the same schedule minus one (scheduled runs are deterministic). */
  async undo(): Promise<void> {
    if (!this.live || this.running || this.settings.mode === 'parallel') return;
    // Undo takes over from the presses waiting (as Run does): one taken while the schedule is read would be
    // replayed away by the load, and its new step would drop the future this Undo keeps for Redo.
    this.pressed = [];
    const schedule = await this.machine.callKernel((k) => k.schedule()).catch(() => []);
    const prefix = this.future.undo(schedule);
    if (prefix) await this.load(prefix, true, 'undo');
  }

  /** Give back one undone step: re-run the undone schedule one step further. */
  async redo(): Promise<void> {
    if (!this.live || this.running || this.settings.mode === 'parallel') return;
    const prefix = this.future.redo(useLabStore.getState().steps);
    if (prefix) await this.load(prefix, true, 'redo');
  }

  async run(): Promise<void> {
    if (!this.live && useLabStore.getState().phase === 'loading') {
      // A first R on a page still starting its workers was dropped without a word: keep it, and say so.
      this.runWhenReady = true;
      this.set({ kept: 'run' });
      return;
    }
    if (!this.live || this.running) return;
    const mem = this.live.mem;
    const parallel = this.settings.mode === 'parallel';
    this.running = true;
    this.pressed = []; // Run takes over from the learner's presses
    if (parallel && !this.booted) {
      this.booted = true;
      // Started from the page, before anything is drawn: the threads race while React renders.
      this.machine.startParallel();
    }
    this.future.drop();
    // A parallel turbo run is faster than the eye from its first snapshot: `fast` from Run, not from that
    // snapshot, so the first one (every lane and panel mounting) renders as a transition in slices, not as
    // one synchronous task in the frames where the starting threads leave the page least of the machine.
    // Held as any fast stretch is: a run that turns out slow drops it FAST_HOLD_MS later.
    const fast = parallel && effectivePace(this.settings).turbo;
    if (fast) this.fastUntil = performance.now() + FAST_HOLD_MS;
    this.set({ phase: 'running', redo: 0, ...LIVE_VIEW, ...this.movedOn(), ...(fast ? { fast } : {}) });
    this.markDirty();
    if (parallel) return; // the frame loop notices the end
    const gen = this.generation;
    // Cleared here, before the message is posted, so a Pause pressed meanwhile is not erased.
    Atomics.store(mem.i32, H.pause, 0);
    const out = await this.kernel((k) => k.run()).catch(() => null);
    if (gen !== this.generation || mem !== this.mem || !out) return;
    this.running = false;
    // A run that has ended or deadlocked stays "running" until the pull that brings its verdict (apply): for that
    // frame or two it was "ready", and the status said "Your move" and gave Run back its focus, then the verdict.
    const over = out.reason === 'ended' ? runStatus(mem, (pid) => movesWhenScheduled(mem, pid)) : null;
    this.ending = over === 'finished' || over === 'deadlock';
    if (useLabStore.getState().phase === 'ended') this.set({ steps: out.steps }); // the verdict came first
    else this.set({ steps: out.steps, ...(this.ending ? {} : { phase: out.reason === 'paused' ? 'paused' : 'ready' }) });
    if (this.ending) this.markDirty();
    if (out.reason === 'error') this.set(troubleError(out) ?? { error: { key: 'lab.error.kernel', vars: { message: out.error ?? '' } } });
  }

  pause(): void {
    const mem = this.mem;
    if (!mem || this.settings.mode === 'parallel') return;
    Atomics.store(mem.i32, H.pause, 1);
    Atomics.notify(mem.i32, H.pause);
  }

  /** The learner's language, for the run's own messages from now on (one already printed stays as it was). */
  setLang(lang: Lang): void {
    this.lang = lang;
    if (this.live) writeLang(this.live.mem.i32, lang);
  }

  /** Live changes that need no new run: speed and turbo are read by the threads as they go. */
  applyPace(): void {
    const mem = this.mem;
    if (!mem) return;
    writePace(mem.i32, effectivePace(this.settings));
  }

  /**
   * Inspect the timeline at event `index` (null: back to live): the whole page shows that moment (moment.ts).
   * The view worker folds it; the position shows at once, the moment when it comes (the latest request wins).
   */
  scrubTo(index: number | null): void {
    if (!this.live || index === null) {
      this.set(LIVE_VIEW);
      return;
    }
    const gen = this.generation;
    this.set({ scrub: index });
    void this.view.moment(index).then((m) => {
      if (!m || gen !== this.generation || useLabStore.getState().scrub !== index) return;
      this.set({ scrubSnapshot: m.snapshot, scrubJudgement: m.judgement, scrubJudgedAt: m.judgedAt, scrubNarration: m.narration });
    });
  }

  /** The current run's command port (for a scenario with `commands`; its panel types the commands). */
  readonly port: CommandPort<unknown> = commandPort(
    () => {
      const live = this.live;
      const inboxes = live?.scenario.commands?.inboxes(live.objs);
      return live && inboxes ? { mem: live.mem, inboxes } : null;
    },
    () => this.markDirty(),
  );

  /** Kill a process's worker thread for real (to show that Reset heals). */
  killWorker(pid: number): void {
    this.machine.killWorker(pid);
  }

  /** What the controller knows beyond the store (an e2e failure prints it: a hang says where it stopped). */
  debugState(): Record<string, unknown> {
    const { phase, status, verdict, steps, error, fast, settings } = useLabStore.getState();
    return {
      phase, status, verdict, steps, error, fast, mode: settings.mode,
      running: this.running, inFlight: this.inFlight, pressed: this.pressed.length, halted: this.halted, viewBusy: this.view.busy, viewDead: this.view.dead,
      resting: this.frame === 0, sinceActiveMs: Math.round(performance.now() - this.lastActive), dirty: this.dirty,
      grants: this.live ? Atomics.load(this.live.mem.i32, H.grants) : null,
      // Back-offs of the run's threads for a late page (or a heavy frame: the third figure) so far, and their ms (pageFirst.ts).
      // The frame the page draws now (its beat until the frame is drawn, then 0: closeAfterFrame).
      pageOpen: this.live ? Atomics.load(this.live.mem.i32, H.pageOpen) : null,
      pageBackoffs: this.live ? [Atomics.load(this.live.mem.i32, H.pageBackoffs), Atomics.load(this.live.mem.i32, H.pageBackoffMs), Atomics.load(this.live.mem.i32, H.pageBusyBackoffs)] : null,
      // The first processes' state and gate words (the gate: 0 running, 1 parked, 2 granted).
      procs: this.live ? processWords(this.live.mem, 24) : null,
      deadPids: [...this.machine.deadPids],
    };
  }

  /** Kill the view worker for real, silently (tests: the lab must say so and Reset must heal). */
  killView(): void {
    this.view.kill();
  }

  /** Kill the kernel worker for real (tests: the lab must say so and Reset must heal). */
  killKernel(): void {
    this.machine.killKernel();
  }

  /** Something other than new events changed what to show: the next frame pulls a snapshot. */
  private markDirty(): void {
    this.dirty = true;
    this.wakeFrames();
  }

  /** Pull every animation frame from now on (the loop rests again once there is nothing to do for a while). */
  private wakeFrames(): void {
    this.lastActive = performance.now();
    if (this.frame) return;
    if (this.restTimer) {
      clearTimeout(this.restTimer);
      this.restTimer = 0;
    }
    this.frame = requestAnimationFrame(this.frameLoop);
  }

  /**
   * Close the frame just beaten (pageFirst.ts) in the first task after it: a message posted from an animation frame
   * runs once that frame's style, layout and paint are done (a timer could wait behind them for a clamp).
   */
  private closeAfterFrame(): void {
    if (!this.frameDone) {
      this.frameDone = new MessageChannel();
      this.frameDone.port1.onmessage = () => {
        if (this.live) closeFrame(this.live.mem.i32);
      };
    }
    this.frameDone.port2.postMessage(null);
  }

  /** One turn of the loop: the next turn is booked first (a throwing frame must not end it). */
  private readonly frameLoop = (): void => {
    // A hidden tab gets no animation frames and so asks for nothing; the view worker keeps draining.
    this.frame = 0;
    const now = performance.now();
    // No run, or a halted one (a dead kernel, a failed view), has nothing to pull until a load wakes the loop: a
    // change marked meanwhile (the dead kernel's call settling) was never taken and kept the loop awake for good.
    const pullable = this.live !== null && !this.halted;
    if (pullable && (this.running || this.inFlight > 0 || this.dirty || this.view.busy)) this.lastActive = now;
    const resting = now - this.lastActive > REST_AFTER_MS;
    // The page is alive: a parallel run's threads back off while this beat is overdue (pageFirst.ts), unless the
    // loop rests (it draws nothing they would wait for) or the run is too crowded for it to pay.
    if (this.live && pageFrame(this.live.mem.i32, this.live.mem.maxProcs, resting)) this.closeAfterFrame();
    if (resting) {
      this.restTimer = window.setTimeout(() => {
        this.restTimer = 0;
        this.frameLoop();
      }, REST_POLL_MS);
    } else this.frame = requestAnimationFrame(this.frameLoop);
    this.onFrame();
  };

  /**
   * The run's panels (RunPanels) drew `snap`; undefined: they are gone. Until the snapshot last put in the
   * store is drawn, no new one is pulled (a crowded run renders each as a transition, in slices between
   * frames: a newer snapshot arriving meanwhile would restart that render, and on a busy machine could
   * keep restarting it). The view worker drains meanwhile, so nothing backs up.
   */
  drawn(snap: Snapshot | null | undefined): void {
    this.drawnSnap = snap;
  }

  /** The last snapshot is still being drawn (and not for long): the next pull waits. */
  private drawing(now: number): boolean {
    const s = useLabStore.getState();
    return this.drawnSnap !== undefined && s.scrubSnapshot === null && this.applied !== null && s.snapshot === this.applied && this.drawnSnap !== this.applied && now - this.appliedAt < DRAW_WAIT_MS;
  }

  /** Ask the view worker for this frame's snapshot, unless one is still on its way. */
  private onFrame(): void {
    const live = this.live;
    if (!live || this.halted || this.view.busy) return;
    this.machine.reap();
    const finished = this.running && runStatus(live.mem) === 'finished';
    if (!finished && this.drawing(performance.now())) return;
    // With many processes a React commit costs several milliseconds of layout: ask every
    // other frame; while the run is faster than the eye, or crowded and playing, every FAST_PULL_EVERY frames
    // (the worker drains meanwhile, so nothing backs up, and the frames between commit nothing).
    // A run whose processes have all ended is asked at once: its verdict waits for no frame.
    this.frameCount++;
    const parallel = this.settings.mode === 'parallel';
    const crowded = live.mem.maxProcs > CROWDED_PROCS;
    const throng = parallel && this.running && live.mem.maxProcs > THRONG_PROCS && effectivePace(this.settings).turbo;
    const every = throng ? THRONG_PULL_EVERY : useLabStore.getState().fast || (crowded && this.running) ? FAST_PULL_EVERY : crowded ? 2 : 1;
    if (this.frameCount % every !== 0 && !finished) return;
    const midStep = !parallel && this.inFlight > 0;
    const now = performance.now();
    const changed = this.dirty;
    this.dirty = false;
    const req: ViewRequest = {
      booted: this.booted,
      midStep,
      byHand: !parallel && !this.running,
      running: parallel && this.running,
      judgeDue: now - this.lastJudge > this.judgeEvery || !useLabStore.getState().judgement,
      // Between steps (and on a pause) every step is judged, so the figures match the cards and a scrubbed moment shows the verdict of exactly then.
      betweenSteps: !parallel && !this.running && !midStep,
      changed,
      acceptDeadlock: parallel && this.quietSince > 0 && now - this.quietSince >= PARALLEL_DEADLOCK_MS,
      dead: [...this.machine.deadPids],
    };
    const gen = this.generation;
    // Pulled after every call so far had settled: this snapshot shows them (and a press waiting may go).
    const shows = midStep ? -1 : this.callsDone;
    void this.view.pull(req).then(
      (p) => {
        if (p && gen === this.generation && live === this.live) {
          this.lastActive = performance.now();
          this.apply(p, parallel);
        } else if (changed && gen === this.generation) this.markDirty();
        if (gen === this.generation && shows >= 0) this.shown(shows);
      },
      (e: unknown) => {
        // The worker's drain failed (a bug): say so once; Reset starts a fresh run.
        if (gen !== this.generation || this.halted) return;
        this.halted = true;
        this.set({ phase: 'ended', error: viewError(e) });
      },
    );
  }

  /** A snapshot pulled after `calls` calls had settled is in the store: the next press waiting, if any, goes. */
  private shown(calls: number): void {
    this.callsShown = Math.max(this.callsShown, calls);
    if (this.pressed.length === 0 || this.inFlight > 0 || this.callsDone > this.callsShown || this.running) return;
    const pid = this.pressed.shift()!;
    void this.stepNow(pid);
  }

  /** Show a pulled snapshot: status, verdict and phase (the judgement was made by the worker after its drain). */
  private apply({ delta: d, snapshot: pulled }: Pulled, parallel: boolean): void {
    const now = performance.now();
    const snapshot = this.stopped ? stoppedSnapshot(pulled) : pulled;
    // Under parallel, "everyone blocked" counts as a deadlock once it has held, with nothing drained, for the quiet period.
    if (d.stuck && d.status !== 'deadlock') {
      if (d.drained > 0 || this.quietSince === 0) this.quietSince = now;
    } else this.quietSince = 0;
    const patch: Partial<LabState> = { status: d.status, snapshot };
    const final = (d.status === 'finished' || d.status === 'deadlock') && d.judgement !== null;
    if (parallel && d.drained >= FAST_EVENTS) this.fastUntil = now + FAST_HOLD_MS;
    const fast = !final && now < this.fastUntil;
    if (fast !== useLabStore.getState().fast) patch.fast = fast;
    if (final && d.judgement) {
      this.running = false;
      this.ending = false;
      patch.judgement = d.judgement;
      patch.verdict = d.judgement.verdict;
      patch.phase = 'ended';
    } else {
      // Booting parks the main process at its first op: nothing has happened until a step or a run.
      const started = this.running || useLabStore.getState().steps > 0 || (parallel && this.booted);
      patch.verdict = started ? 'running' : 'idle';
      // Held for a verdict the view does not see after all (it reads the run as waiting for a call): the learner's move.
      if (this.ending && d.status !== 'running') {
        this.ending = false;
        patch.phase = 'ready';
      }
      if (d.judgement) {
        patch.judgement = d.judgement;
        // A judge over a long log (400k queue items) is costly: back off in proportion.
        this.lastJudge = now;
        this.judgeEvery = Math.max(JUDGE_EVERY_MS, d.judgeMs * 20);
      }
    }
    this.set(patch);
    this.applied = snapshot;
    this.appliedAt = now;
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.restTimer);
    this.frame = 0;
    this.restTimer = 0;
    this.view.close();
    this.machine.dispose();
  }
}

/**
 * A run the learner stopped: every process still alive was interrupted where it was (Stop), so its lane is drawn as
 * a terminated process, not as still waiting or ready. The same snapshot when none was alive.
 */
export function stoppedSnapshot(snap: Snapshot): Snapshot {
  if (snap.lanes.every((l) => l.state === 'done' || l.state === 'terminated')) return snap;
  const lanes = snap.lanes.map((l): LaneView => (l.state === 'done' || l.state === 'terminated' ? l : { ...l, state: 'terminated', blockedOn: -1, blockedOnName: '', next: null, nextLine: 0, steppable: false }));
  return { ...snap, lanes };
}

/** A kernel answer that says a started child was never picked up, or a process stalled: the learner's message naming it. */
function troubleError(r: StepResult): { error: LabMessage } | undefined {
  if (r.noPickup) return { error: { key: 'lab.error.noPickup', vars: r.noPickup } };
  return r.stalled ? { error: { key: 'lab.error.stalled', vars: r.stalled } } : undefined;
}

/** Why the view stopped: the browser's or the drain's own text as it is; a death with none in the page's words. */
export function viewError(e: unknown): LabMessage {
  if (e instanceof ViewDied && e.text === null) return { key: 'lab.error.view', words: { message: e.closed ? 'lab.crash.viewClosed' : 'lab.crash.noText' } };
  return { key: 'lab.error.view', vars: { message: e instanceof ViewDied ? e.text! : e instanceof Error ? e.message : String(e) } };
}

/** `pid:state/gate` of the first `max` processes of a run (a failed test's diagnostics). */
function processWords(mem: Memory, max: number): string {
  const n = Math.min(Atomics.load(mem.i32, H.nextPid), mem.maxProcs, max);
  const out: string[] = [];
  for (let pid = 0; pid < n; pid++) out.push(`${pid}:${STATE_NAMES[mem.load(pid, S.state)] ?? '?'}/${mem.load(pid, S.gate)}`);
  return out.join(' ');
}

/**
 * Why a run could not start, in the page's words: the machine's own failures come as data (a worker that could not
 * attach, one that did not answer, the pool's or memory's limit); only a browser's or worker's own error text is
 * passed through as it is.
 */
export function prepareError(e: unknown): LabMessage {
  if (e instanceof OutOfMemory) return { key: 'lab.error.memory', vars: { mb: Math.ceil(e.bytes / 2 ** 20) } };
  if (e instanceof PoolFull) return { key: 'lab.error.poolFull', vars: { wanted: e.wanted, cap: e.cap } };
  if (e instanceof AttachFailed) {
    if (e.reason === null) return { key: 'lab.error.attachSilent', vars: { pid: e.index, seconds: e.ms / 1000 } };
    return e.reason === '' ? { key: 'lab.error.attach', vars: { pid: e.index }, words: { message: 'lab.crash.noText' } } : { key: 'lab.error.attach', vars: { pid: e.index, message: e.reason } };
  }
  if (e instanceof NoAnswer) return { key: e.who === 'kernel' ? 'lab.error.kernelSilent' : 'lab.error.workerSilent', vars: { seconds: e.ms / 1000 } };
  if (e instanceof KernelGone) return { key: 'lab.error.kernelGone' };
  return { key: 'lab.error.prepare', vars: { message: e instanceof Error ? e.message : String(e) } };
}
