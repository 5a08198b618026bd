// @vitest-environment happy-dom
/**
 * Step presses kept while a step settles (LabController.pressed), and the words of a stalled step, with the machine and the view worker stood in
 * through the controller's parts (LabParts): each kernel step settles when the test says. A held key's
 * auto-repeat is not kept, and Undo takes over from the presses still waiting (as Run does): none is taken while
 * it reads the schedule. A press that steps nothing (past the end) keeps what Redo can give back. And the pace at
 * which a crowded run's page pulls snapshots (one commit each).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Memory } from '../core/layout';
import { World } from '../core/world';
import type { StepResult } from '../kernel/kernel.worker';
import { LabController, viewError, type LabKernel, type LabMachine, type LabView } from './controller';
import { ViewDied } from '../view/viewClient';
import { canStop, sayMessage, useLabStore, type LabMessage } from './labStore';
import type { LaneView, Snapshot } from './liveRun';
import { AttachFailed } from '../kernel/attach';
import { KernelGone, NoAnswer } from '../kernel/deathWatch';
import { PoolFull } from '../kernel/workerPool';
import { translate } from '../i18n/i18n';

/** A promise and its resolver. */
function later<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A controller on a stood-in run. The kernel keeps a schedule: each step call waits in `steps` until the test
 * settles it (`done`); it grants its pid while `moves` is true, and nothing (past the end) once it is false.
 * `replays` are the schedules a load re-granted (Undo, Redo); `holdSchedule` makes the next schedule read wait.
 */
function harness({ maxProcs = 2 } = {}) {
  let sched: number[] = [];
  let pulls = 0;
  const k = { moves: true, hold: null as Promise<void> | null, answer: {} as Partial<StepResult>, replayStops: undefined as number | undefined };
  const result = (granted: number): StepResult => ({ granted, status: 'running', steps: sched.length });
  const steps: { pid: number | null; done: () => void }[] = [];
  const replays: number[][] = [];
  const kernel: LabKernel = {
    step: (pid) => {
      const d = later<StepResult>();
      steps.push({
        pid,
        done: () => {
          const granted = k.moves ? (pid ?? 0) : -1;
          if (granted >= 0) sched = [...sched, granted];
          d.resolve({ ...result(granted), ...k.answer });
        },
      });
      return d.promise;
    },
    replay: (prefix) => {
      replays.push(prefix);
      sched = prefix.slice(0, k.replayStops ?? prefix.length); // the kernel stops at a pid that cannot move
      return Promise.resolve(result(-1));
    },
    run: () => new Promise(() => undefined),
    schedule: async () => {
      await k.hold;
      return [...sched];
    },
  };
  const machine: LabMachine = {
    warm: () => undefined,
    prepare: () => {
      sched = [];
      const mem = Memory.create({ maxProcs, ringEvents: 16, heapWords: 1 << 10 });
      return Promise.resolve({ mem, world: new World(mem, true), objs: {}, processes: 1 });
    },
    callKernel: (call) => call(kernel),
    stop: () => undefined,
    startParallel: () => false,
    reap: () => undefined,
    deadPids: new Set(),
    killWorker: () => undefined,
    killKernel: () => undefined,
    dispose: () => undefined,
    onCrash: () => undefined,
    onKernelDied: () => undefined,
  };
  const view: LabView = {
    busy: false,
    dead: false,
    log: null,
    open: () => Promise.resolve(null),
    close: () => undefined,
    pull: () => {
      pulls++;
      return Promise.resolve(null);
    },
    moment: () => Promise.resolve(null),
    crashed: () => undefined,
    terminate: () => undefined,
    kill: () => undefined,
  };
  const c = new LabController({ machine, view: () => view });
  /** Settle what is under way, then one animation frame's pull (a snapshot in the store), itself settled. */
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const frame = async () => {
    await flush();
    frames.shift()?.(performance.now());
    await flush();
  };
  const pressed = () => c.debugState().pressed;
  return { c, machine, kernel: k, steps, replays, frame, pressed, pulls: () => pulls };
}

/** The animation frames the controller asked for, in order (the test runs them one at a time). */
let frames: FrameRequestCallback[] = [];

describe('Step presses while a step settles', () => {
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const settings = useLabStore.getState().settings;
    useLabStore.setState({ settings: { ...settings, mode: 'step' } });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('a press is kept and taken once the page shows the step; a held key\'s repeat is not kept', async () => {
    const { c, steps, frame, pressed } = harness();
    await c.load();
    void c.step();
    expect(steps.length).toBe(1);
    void c.step(null, true); // auto-repeat while the step settles
    void c.step(1);
    void c.step(null, true);
    expect(pressed()).toBe(1);
    steps[0]!.done();
    await frame();
    expect(steps.map((s) => s.pid)).toEqual([null, 1]);
    steps[1]!.done();
    await frame();
    void c.step(null, true); // nothing waits: a repeat steps
    expect(steps.length).toBe(3);
  });

  it('Undo takes over from the presses waiting: none is taken while it reads the schedule', async () => {
    const { c, kernel, steps, replays, frame } = harness();
    await c.load();
    void c.step();
    void c.step(); // kept
    const schedule = later<void>();
    kernel.hold = schedule.promise;
    steps[0]!.done();
    const undone = c.undo();
    await frame(); // the page shows step 1 while Undo waits for the schedule
    expect(steps.length).toBe(1);
    schedule.resolve();
    await undone;
    expect(replays).toEqual([]); // the prefix of one step is empty: nothing to re-grant
    expect(useLabStore.getState().steps).toBe(0);
    expect(steps.length).toBe(1);
  });

  it('a halted run keeps no presses: nothing would take them until Reset', async () => {
    const { c, machine, steps, pressed } = harness();
    await c.load();
    machine.onKernelDied('gone');
    for (let i = 0; i < 5; i++) void c.step();
    expect(steps.length).toBe(0);
    expect(pressed()).toBe(0);
  });

  it('a press that steps nothing (past the end) keeps what Redo can give back; a step that moves drops it', async () => {
    const { c, kernel, steps, replays, frame } = harness();
    await c.load();
    for (const pid of [0, 1, 0]) {
      void c.step(pid);
      steps.at(-1)!.done();
      await frame();
    }
    await c.undo();
    await frame();
    expect(replays.at(-1)).toEqual([0, 1]);
    expect(useLabStore.getState()).toMatchObject({ steps: 2, redo: 1 });
    kernel.moves = false; // the run is at its end: a press grants nothing
    void c.step();
    steps.at(-1)!.done();
    await frame();
    expect(useLabStore.getState()).toMatchObject({ steps: 2, redo: 1 });
    await c.redo();
    expect(replays.at(-1)).toEqual([0, 1, 0]);
    expect(useLabStore.getState()).toMatchObject({ steps: 3, redo: 0 });
    // Undo again, then a step that moves: the future no longer follows.
    await c.undo();
    await frame();
    kernel.moves = true;
    void c.step(1);
    steps.at(-1)!.done();
    await frame();
    expect(useLabStore.getState()).toMatchObject({ steps: 3, redo: 0 });
    const before = replays.length;
    await c.redo();
    expect(replays.length).toBe(before);
  });

  it("a step the kernel gave up on (a process stalled) says so in the learner's words, not the scheduler's English", async () => {
    const { c, kernel, steps, frame } = harness();
    await c.load();
    kernel.answer = { stalled: { name: 'Process-1', seconds: 10 } };
    void c.step();
    steps[0]!.done();
    await frame();
    expect(useLabStore.getState().error).toEqual({ key: 'lab.error.stalled', vars: { name: 'Process-1', seconds: 10 } });
  });

  it('Step presses while the run is still being prepared (N on a page starting its workers) are kept in order; a newer load or Stop drops them', async () => {
    const { c, machine, steps, frame, pressed } = harness();
    const prepare = machine.prepare.bind(machine);
    const held: (() => void)[] = [];
    machine.prepare = (...args) => new Promise((r) => held.push(() => r(prepare(...args))));
    const loaded = c.load();
    void c.step();
    void c.step(1);
    void c.step(null, true); // a held key's repeat is not kept, as while a step settles
    expect(useLabStore.getState().phase).toBe('loading');
    expect(pressed()).toBe(2);
    held.shift()!();
    await loaded;
    await frame();
    expect(steps.map((s) => s.pid)).toEqual([null]);
    steps[0]!.done();
    await frame();
    expect(steps.map((s) => s.pid)).toEqual([null, 1]);
    steps[1]!.done();
    await frame();
    expect(useLabStore.getState().steps).toBe(2);
    // Pressed, then a newer load (a setting changed, Reset): that load's run takes no step by itself.
    void c.load();
    void c.step();
    const newer = c.load();
    expect(pressed()).toBe(0);
    held.shift()!();
    held.shift()!();
    await newer;
    await frame();
    expect(steps.length).toBe(2);
    // Pressed, then Stop: dropped too.
    const stopped = c.load();
    void c.step();
    c.stop();
    expect(pressed()).toBe(0);
    held.shift()!();
    await stopped;
    await frame();
    expect(steps.length).toBe(2);
  });

  it('Stop draws every process still alive as terminated (it was interrupted), not as still blocked or ready', async () => {
    const { c } = harness();
    await c.load();
    const lane = (pid: number, state: LaneView['state']) => ({ pid, state, blockedOn: state === 'blocked' ? 3 : -1, blockedOnName: state === 'blocked' ? 'lock' : '', next: null, nextLine: 0, steppable: state === 'ready' }) as LaneView;
    useLabStore.setState({ snapshot: { lanes: [lane(0, 'blocked'), lane(1, 'ready'), lane(2, 'done')] } as Snapshot });
    c.stop();
    const lanes = useLabStore.getState().snapshot!.lanes;
    expect(lanes.map((l) => l.state)).toEqual(['terminated', 'terminated', 'done']);
    expect(lanes.map((l) => [l.blockedOnName, l.steppable])).toEqual([['', false], ['', false], ['', false]]);
  });

  it('a loaded schedule that stops fitting (an edited trace or link) is left cleanly and said, not followed on in silence', async () => {
    const { c, kernel } = harness({ maxProcs: 3 });
    const plan = [0, 0, 1, 2, 0];
    c.setPlan(plan);
    kernel.replayStops = 3;
    await c.load(plan);
    expect(useLabStore.getState()).toMatchObject({ phase: 'ready', steps: 3, error: { key: 'lab.error.unfitSchedule', vars: { at: 3, n: 5, name: 'pid 1002' } } });
    expect(c.loadedPlan).toBeNull(); // Step and Run go on by the mode
    expect(translate('zh', 'lab.error.unfitSchedule', { at: 3, n: 5, name: 'pid 1002' })).toContain('导入原始文件');
    // A schedule that fits (Undo's prefix, a link) says nothing and stays loaded.
    kernel.replayStops = undefined;
    c.setPlan(plan);
    await c.load(plan.slice(0, 2));
    expect(useLabStore.getState()).toMatchObject({ steps: 2, error: null });
    expect(c.loadedPlan).toEqual(plan);
  });

  it('Stop pressed while the run is still being prepared drops that load: it never becomes ready, a Run pressed before it does not start, and Reset loads afresh', async () => {
    const { c, machine } = harness();
    const prepare = machine.prepare.bind(machine);
    const held: (() => void)[] = [];
    machine.prepare = (...args) => new Promise((r) => held.push(() => r(prepare(...args))));
    const loading = c.load();
    await c.run(); // R while loading: kept for when it is ready
    c.stop();
    expect(useLabStore.getState()).toMatchObject({ phase: 'ended', verdict: 'idle', error: null });
    held.shift()!();
    await loading;
    await new Promise((r) => setTimeout(r, 0));
    expect(useLabStore.getState().phase).toBe('ended');
    expect(c.debugState()).toMatchObject({ grants: null, running: false }); // no run was taken on
    const reset = c.reset();
    held.shift()!();
    await reset;
    expect(useLabStore.getState().phase).toBe('ready');
  });

  it('Run pressed while the run is still being prepared (R on a page starting its workers) starts it once ready; a newer load drops it', async () => {
    const { c, machine } = harness();
    const prepare = machine.prepare.bind(machine);
    const held: (() => void)[] = [];
    machine.prepare = (...args) => new Promise((r) => held.push(() => r(prepare(...args))));
    void c.load();
    await c.run();
    expect(useLabStore.getState().phase).toBe('loading');
    held.shift()!();
    await vi.waitFor(() => expect(useLabStore.getState().phase).toBe('running'));
    // Pressed, then the learner changed a setting (a new load): that load's run does not start by itself.
    void c.load();
    await c.run();
    void c.load();
    held.shift()!();
    held.shift()!();
    await vi.waitFor(() => expect(useLabStore.getState().phase).toBe('ready'));
  });

  it('Stop has something to stop only once a press is kept or the run has moved: not while the lab only loads or is ready', async () => {
    const { c, machine, steps, frame } = harness();
    const prepare = machine.prepare.bind(machine);
    const held: (() => void)[] = [];
    machine.prepare = (...args) => new Promise((r) => held.push(() => r(prepare(...args))));
    const state = () => useLabStore.getState();
    const first = c.load();
    // Loading with nothing pressed: the page's own preparation, which a Stop would only end.
    expect([state().kept, canStop(state())]).toEqual([null, false]);
    void c.step();
    expect([state().kept, canStop(state())]).toEqual(['step', true]);
    await c.run(); // R: the run is what is kept (it takes over from the steps)
    void c.step();
    expect([state().kept, canStop(state())]).toEqual(['run', true]);
    c.stop(); // drops both, and the load
    expect([state().phase, state().kept, canStop(state())]).toEqual(['ended', null, false]);
    held.shift()!();
    await first;
    // Reset: ready, nothing started yet.
    const reset = c.reset();
    held.shift()!();
    await reset;
    await frame();
    expect([state().phase, canStop(state())]).toEqual(['ready', false]);
    void c.step(); // a step parks MainProcess mid-program: now there is something to stop
    steps[0]!.done();
    await frame();
    expect([state().steps, canStop(state())]).toEqual([1, true]);
    // A Run kept while loading starts once ready, and is no longer "kept".
    void c.load(); // not awaited: it ends in the Run, which this kernel never finishes
    await c.run();
    expect(state().kept).toBe('run');
    held.shift()!();
    await vi.waitFor(() => expect(state().phase).toBe('running'));
    expect([state().phase, state().kept, canStop(state())]).toEqual(['running', null, true]);
  });

  it("the unfit schedule's alert goes once the run moves on by the mode (a step granted, Run); a crash's alert stays", async () => {
    const { c, kernel, machine, steps, frame } = harness({ maxProcs: 3 });
    const plan = [0, 0, 1, 2, 0];
    const unfit = async () => {
      c.setPlan(plan);
      kernel.replayStops = 3;
      await c.load(plan);
      await frame();
      expect(useLabStore.getState().error?.key).toBe('lab.error.unfitSchedule');
    };
    await unfit();
    kernel.moves = false; // a press that grants nothing: the run has not moved on
    void c.step();
    steps.at(-1)!.done();
    await frame();
    expect(useLabStore.getState().error?.key).toBe('lab.error.unfitSchedule');
    kernel.moves = true;
    void c.step();
    steps.at(-1)!.done();
    await frame();
    expect(useLabStore.getState().error).toBeNull();
    await unfit();
    void c.run();
    expect(useLabStore.getState().error).toBeNull();
    // A worker that failed after its process ended is not about the schedule: Reset replaces it, so it stays.
    kernel.replayStops = undefined;
    await c.load();
    await frame();
    machine.onCrash({ pid: 1, message: 'RangeError: boom', process: 'finished' });
    void c.step();
    steps.at(-1)!.done();
    await frame();
    expect(useLabStore.getState().error?.key).toBe('lab.error.workerFault');
  });

  it("an exploration or statistics taking the machine drops the run's alert with the run", async () => {
    const { c, machine } = harness({ maxProcs: 3 });
    await c.load();
    machine.onCrash({ pid: 1, message: 'RangeError: boom', process: 'killed' });
    expect(useLabStore.getState().error?.key).toBe('lab.error.crashed');
    c.suspend();
    expect(useLabStore.getState()).toMatchObject({ phase: 'loading', error: null });
  });

  it("a run that could not start, or whose scheduler's worker closed, says why in the learner's words: only a worker's own error text is passed on", async () => {
    const { c, machine } = harness();
    const cases: [Error, LabMessage][] = [
      [new AttachFailed(3, 'SyntaxError: Unexpected token', 20_000), { key: 'lab.error.attach', vars: { pid: 3, message: 'SyntaxError: Unexpected token' } }],
      [new AttachFailed(2, null, 20_000), { key: 'lab.error.attachSilent', vars: { pid: 2, seconds: 20 } }],
      [new NoAnswer('kernel', 12_000), { key: 'lab.error.kernelSilent', vars: { seconds: 12 } }],
      [new NoAnswer('worker', 15_000), { key: 'lab.error.workerSilent', vars: { seconds: 15 } }],
      [new PoolFull(2000, 1000), { key: 'lab.error.poolFull', vars: { wanted: 2000, cap: 1000 } }],
      [new KernelGone(), { key: 'lab.error.kernelGone' }],
    ];
    for (const [e, said] of cases) {
      machine.prepare = () => Promise.reject(e);
      await c.load();
      const error = useLabStore.getState().error!;
      expect(error).toEqual(said);
      // In Chinese, no English of ours is left (the machine's messages were English inside the words before).
      expect(translate('zh', error.key, error.vars)).not.toMatch(/did not answer|could not attach|worker threads|closed/);
    }
    machine.onKernelDied(null);
    expect(useLabStore.getState().error).toEqual({ key: 'lab.error.kernelGone' });
  });

  it("a crashed worker the browser gave no text for (or one the page ended) is put into the page's words, not 'worker error'", async () => {
    const { c, machine } = harness({ maxProcs: 3 });
    await c.load();
    const said = (lang: 'en' | 'zh') => sayMessage((key, vars) => translate(lang, key, vars), useLabStore.getState().error!);
    machine.onCrash({ pid: 1, message: null, process: 'killed' });
    expect(said('en')).toBe('The worker running pid 1001 stopped (the browser gave no reason). Its process was marked terminated; press Reset to start over with a fresh worker.');
    expect(said('zh')).toContain('浏览器没有给出原因');
    machine.onCrash({ pid: 2, message: null, terminated: true, process: 'none' });
    expect(said('en')).toMatch(/^The idle worker for process slot 2 stopped \(the page ended its thread\)/);
    expect(said('zh')).toContain('页面结束了它的线程');
    // The browser's own text is passed on as it is.
    machine.onCrash({ pid: 1, message: 'RangeError: boom', process: 'finished' });
    expect(said('zh')).toContain('RangeError: boom');
    // A worker that died with no text while its run attached.
    machine.prepare = () => Promise.reject(new AttachFailed(2, '', 20_000));
    await c.load();
    expect(said('en')).toBe('Could not start the run: the worker for process slot 2 could not attach (the browser gave no reason). Press Reset to try again.');
    expect(said('zh')).toContain('（浏览器没有给出原因）');
    // The view worker's death, too.
    const view = (e: unknown, lang: 'en' | 'zh') => sayMessage((key, vars) => translate(lang, key, vars), viewError(e));
    expect(view(new ViewDied(null, true), 'en')).toBe('The view of the run stopped: the view worker closed. Press Reset to start over.');
    expect(view(new ViewDied(null, true), 'zh')).toContain('视图 Worker 已关闭');
    expect(view(new ViewDied(null), 'zh')).toContain('浏览器没有给出原因');
    expect(view(new ViewDied('TypeError: x'), 'zh')).toContain('TypeError: x');
  });
});

/** Pulls over 30 frames of a loaded run of `maxProcs` processes, stepped by hand or (`run`) playing (frames stubbed). */
async function pullsOver30(maxProcs: number, run: boolean): Promise<number> {
  const { c, frame, pulls } = harness({ maxProcs });
  await c.load();
  if (run) void c.run();
  await frame(); // the frame the load or Run asked for
  const before = pulls();
  for (let i = 0; i < 30; i++) await frame();
  const n = pulls() - before;
  // Its loop's next frame is dropped with it: the next controller's frames are its own.
  c.dispose();
  frames = [];
  return n;
}

describe("a crowded run's page pulls a snapshot (one commit) every third frame while it plays, every other while stepped", () => {
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const settings = useLabStore.getState().settings;
    useLabStore.setState({ settings: { ...settings, mode: 'clock' } });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('101 processes at clock: 10 pulls in 30 frames playing (20 a second), 15 stepped by hand', async () => {
    expect(await pullsOver30(101, true)).toBe(10);
    expect(await pullsOver30(101, false)).toBe(15);
  });

  it('a small run still pulls every frame, playing or not (a step shows in its own frame)', async () => {
    expect(await pullsOver30(10, true)).toBe(30);
    expect(await pullsOver30(10, false)).toBe(30);
  });
});

describe('a parallel turbo run of a thousand processes pulls a snapshot every sixth frame while it plays', () => {
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
  });
  afterEach(() => vi.unstubAllGlobals());

  /** Pulls over 30 frames after Run of a parallel run of `maxProcs` processes, turbo or not. */
  async function parallelPullsOver30(maxProcs: number, turbo: boolean): Promise<number> {
    const settings = useLabStore.getState().settings;
    useLabStore.setState({ settings: { ...settings, mode: 'parallel', turbo } });
    return pullsOver30(maxProcs, true);
  }

  it('1,001 processes in turbo: 5 pulls in 30 frames (the children it starts get the cores); 101 in turbo and 1,001 without: 10', async () => {
    expect(await parallelPullsOver30(1001, true)).toBe(5);
    expect(await parallelPullsOver30(101, true)).toBe(10);
    expect(await parallelPullsOver30(1001, false)).toBe(10);
  });
});
