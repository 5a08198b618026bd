/**
 * The process API a program sees (`p`), modelled on multiprocessing.Process
 * and the handful of module functions the tutorials use, and the host that
 * runs a program in a worker (browser Web Worker or Node worker thread).
 *
 * A program is a plain synchronous function. Before each call that stands for
 * a Python statement it names the Python line with `p.at(n)`:
 *
 * @example
 *   const user: Program<Objs, Params> = (p) => {
 *     p.at(4); p.objs.lock.acquire();
 *     for (let i = 0; i < 3; i++) { p.at(6); p.print(`${p.name} prints line ${i}`); p.at(7); p.sleep(0.1); }
 *     p.at(8); p.objs.lock.release();
 *   };
 */
import { EK } from './events';
import { errorCode, ExitRequest, PyError, Unwind } from './errors';
import { ARGS_BYTES, Flag, Gate, H, Memory, NO_EXITCODE, PROCESS_OBJ_BASE, paceSpeed, readLang, S, State } from './layout';
import { Kill, Runtime, defaultWallClock, wakeGate, type WallClock } from './runtime';
import { Console } from './data';
import { announcePickup } from './startPace';
import { World } from './world';
import { releaseCopies } from './queue';

/** A process body. `O` is the scenario's shared objects, `P` its parameters. */
export type Program<O, P> = (p: ProcessApi<O, P>) => void;

/** What the kernel needs of a scenario to run it: its objects and programs. */
export interface RunnableScenario<O = unknown, P = unknown> {
  id: string;
  /** Create the shared objects (same order in every context). Must include a Console as `console`. */
  setup(world: World, params: P): O & { console: Console };
  programs: Record<string, Program<O, P>>;
  /** The program of the main process. */
  main: string;
  /**
   * Load what the programs need in this worker before one runs (the Python
   * interpreter): a promise while loading, undefined once ready.
   */
  prepare?(): Promise<void> | undefined;
  /** Heap words to add beyond what setup uses, for objects the programs create as they run. */
  runtimeHeapWords?: number;
  /**
   * A one-process run a pooled worker performs on a private buffer while it warms up
   * (src/kernel/rehearsal.ts), so the code of a run is compiled before the learner's first
   * one: scenarios of up to 1,000 processes declare one. `program` must end on its own when
   * it runs alone (pid 1, no parent running, parallel turbo).
   */
  rehearsal?: { program: string; params: P; args?: unknown[] };
}

export interface SpawnOptions {
  target: string;
  args?: unknown[];
  name?: string;
  daemon?: boolean;
}

/** SIGTERM's exit code, as Python reports it for a terminated child. */
export const TERMINATED_EXITCODE = -15;
/** SIGKILL's: `Process.kill()`, and a process whose worker thread died (was killed) ends with it. */
export const KILLED_EXITCODE = -9;
export { Kill, stopRun } from './runtime';
/** The signal number kill() sends (terminate() sends SIGTERM, 15). */
export const SIGKILL = 9;

/** -15 after terminate(), -9 after kill() or a dead worker: minus the signal, as Python reports it. */
function killedExitcode(mem: Memory, pid: number): number {
  const kill = mem.load(pid, S.kill);
  return kill === Kill.workerDied || kill === Kill.kill ? KILLED_EXITCODE : TERMINATED_EXITCODE;
}

export class ProcessApi<O, P> {
  private childCount = 0;

  constructor(
    readonly rt: Runtime,
    readonly world: World,
    readonly objs: O & { console: Console },
    readonly params: P,
    readonly args: unknown[],
    private readonly programNames: string[],
  ) {}

  get pid(): number {
    return this.rt.pid;
  }

  get name(): string {
    return this.rt.mem.processName(this.rt.pid);
  }

  get daemon(): boolean {
    return this.rt.mem.load(this.rt.pid, S.daemon) === 1;
  }

  /** os.getppid(): the parent's pid (-1 for the main process, which has no simulated parent). */
  get ppid(): number {
    return this.rt.mem.load(this.rt.pid, S.ppid);
  }

  /** time.time(), as virtual seconds since the run began: the clock under step/clock; under parallel, real seconds times the speed (sleeps are divided by it). */
  time(): number {
    const t = this.rt.now();
    return this.rt.scheduled ? t : t * paceSpeed(this.rt.mem.i32);
  }

  /**
   * Python's `raise`: a statement of its own, so under a scheduled mode it waits for its turn like
   * any op (a process must not end at a later virtual time before others act at earlier ones).
   */
  raise(error: PyError): never {
    this.rt.op(EK.raise, -1, this.rt.line);
    throw error;
  }

    /** The Python line the next op stands for. */
  at(line: number): this {
    this.rt.line = line;
    return this;
  }

  print(...parts: unknown[]): void {
    this.objs.console.print(...parts);
  }

  sleep(seconds: number): void {
    this.rt.sleep(seconds, this.rt.line);
  }

  /** random.random() from this process's seeded stream. */
  random(): number {
    return this.rt.rng.next();
  }

  /** random.uniform(a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.rt.rng.next();
  }

  /** random.randint(a, b), inclusive. */
  randint(a: number, b: number): number {
    return a + this.rt.rng.int(b - a + 1);
  }

  /** multiprocessing.Process(target=..., args=..., name=..., daemon=...) — not started yet. */
  Process(opts: SpawnOptions): Child {
    if (!this.programNames.includes(opts.target)) throw new Error(`Unknown program "${opts.target}"`);
    this.childCount++;
    const prefix = this.rt.pid === 0 ? 'Process-' : `${this.name}:`;
    return new Child(this.rt, this.programNames.indexOf(opts.target), opts.args ?? [], opts.name ?? `${prefix}${this.childCount}`, opts.daemon ?? false);
  }

  /**
   * Python's exit handler, run by every process as it ends (after a return or
   * an exception): terminate its daemonic children, then join the others.
   */
  exitHandler(): void {
    const mem = this.rt.mem;
    // Only the children this process started (not the whole table: with 1,000 processes ending, scanning
    // every slot at each end was a million slot reads per run).
    const children = this.rt.children;
    const live = (p: number) => mem.load(p, S.state) > State.free && mem.load(p, S.state) < State.done;
    for (const p of children) if (live(p) && mem.load(p, S.daemon) === 1) Child.attach(this.rt, p).terminate();
    for (const p of children) if (live(p)) Child.attach(this.rt, p).join();
  }
}

/** A handle on a child process, like a multiprocessing.Process object in its parent. */
export class Child {
  pid = -1;

  constructor(
    private readonly rt: Runtime,
    private readonly program: number,
    private readonly args: unknown[],
    readonly name: string,
    private daemonFlag: boolean,
  ) {}

  get daemon(): boolean {
    return this.daemonFlag;
  }

  /** Python's `p.daemon = flag`: only before start(). */
  set daemon(flag: boolean) {
    if (this.pid >= 0) throw new PyError('AssertionError', 'process has already started');
    this.daemonFlag = flag;
  }

  /** A handle on an existing process (for the exit handler). */
  static attach(rt: Runtime, pid: number): Child {
    const c = new Child(rt, -1, [], rt.mem.processName(pid), rt.mem.load(pid, S.daemon) === 1);
    c.pid = pid;
    return c;
  }

  private get mem(): Memory {
    return this.rt.mem;
  }

  start(): void {
    const rt = this.rt;
    const mem = this.mem;
    rt.op(EK.spawn, -1, rt.line);
    if (this.pid >= 0) throw new PyError('AssertionError', 'cannot start a process twice');
    if (mem.load(rt.pid, S.daemon) === 1) throw new PyError('AssertionError', 'daemonic processes are not allowed to have children');
    const pace = rt.startPace();
    pace?.before();
    // Claim a slot without ever pushing nextPid past the table (readers clamp to it).
    let pid: number;
    for (;;) {
      pid = Atomics.load(mem.i32, H.nextPid);
      if (pid >= mem.maxProcs) throw PyError.said('RuntimeError', 'runtime.tooManyProcesses', { max: mem.maxProcs });
      if (Atomics.compareExchange(mem.i32, H.nextPid, pid, pid + 1) === pid) break;
    }
    const argsJson = JSON.stringify(this.args);
    const n = mem.writeBytes(mem.layout.argsByte(pid), ARGS_BYTES, argsJson);
    if (n < 0) throw PyError.said('ValueError', 'runtime.argsTooLarge', { max: ARGS_BYTES });
    mem.store(pid, S.argsLen, n);
    mem.setProcessName(pid, this.name);
    mem.store(pid, S.ppid, rt.pid);
    mem.store(pid, S.daemon, this.daemonFlag ? 1 : 0);
    mem.store(pid, S.program, this.program);
    mem.storeF(pid, S.clock, rt.now());
    mem.storeF(pid, S.deadline, Infinity);
    mem.store(pid, S.state, State.new);
    this.pid = pid;
    rt.children.push(pid);
    rt.emit(EK.spawn, -1, rt.line, pid);
    Atomics.add(mem.i32, mem.at(pid, S.start), 1);
    Atomics.notify(mem.i32, mem.at(pid, S.start));
    pace?.started(pid);
    if (rt.scheduled) this.awaitFirstPark();
  }

  /** Scheduled modes: the child must be parked at its first op before anyone else moves, or the run would not be deterministic. */
  private awaitFirstPark(): void {
    const mem = this.mem;
    const i32 = mem.i32;
    let since = Date.now();
    let picked = false;
    for (;;) {
      const seen = Atomics.load(i32, H.doorbell);
      if (mem.load(this.pid, S.gate) === Gate.parked || mem.load(this.pid, S.state) >= State.done) return;
      this.rt.checkAlive();
      // Only a backstop, past the kernel's own waits (the pickup's patience from its grant; a late pickup gives
      // the step's patience afresh from then): the kernel names the cause first. A child picked up is computing
      // on its way to its first op: its pickup did happen, whenever it came.
      if (!picked && pickedUp(mem, this.pid)) {
        picked = true;
        since = Date.now();
      }
      if (Date.now() - since > (picked ? patienceMs(mem) : pickupPatienceMs(mem)) + patienceMs(mem)) {
        throw PyError.said('RuntimeError', picked ? 'runtime.notReached' : 'runtime.noPickup', { name: this.name });
      }
      Atomics.wait(i32, H.doorbell, seen, 20);
    }
  }

  join(timeout: number | null = null): void {
    const rt = this.rt;
    rt.op(EK.join, PROCESS_OBJ_BASE + this.pid, rt.line);
    if (this.pid < 0) throw new PyError('AssertionError', 'can only join a started process');
    const ended = rt.waitFor(PROCESS_OBJ_BASE + this.pid, EK.join, rt.line, this.mem.at(this.pid, S.join), () => (this.ended ? true : undefined), timeout);
    rt.emit(EK.join, PROCESS_OBJ_BASE + this.pid, rt.line, this.pid, ended ? 1 : 0);
  }

  /** SIGTERM (or SIGKILL with `signal` 9, as the Python layer sends kill()): the child stops where it is, runs no cleanup; a lock it holds stays held. Exit code -15 (-9). */
  terminate(signal = 15): void {
    this.signal(signal === SIGKILL ? Kill.kill : Kill.terminate);
  }

  /** SIGKILL: as terminate() here (neither runs cleanup), but the exit code is -9. */
  kill(): void {
    this.signal(Kill.kill);
  }

  private signal(why: typeof Kill.terminate | typeof Kill.kill): void {
    const rt = this.rt;
    const mem = this.mem;
    rt.op(EK.terminate, PROCESS_OBJ_BASE + this.pid, rt.line, why);
    if (this.pid < 0 || this.ended) return;
    // Log the signal before the victim can see the kill word and log its own end: the order is then fixed.
    rt.emit(EK.terminate, PROCESS_OBJ_BASE + this.pid, rt.line, this.pid, why);
    mem.store(this.pid, S.kill, why);
    // A Python process busy in pure Python sees this at its next bytecode check (Pyodide's interrupt buffer).
    mem.store(this.pid, S.interrupt, 2);
    wakeGate(mem, this.pid);
    Atomics.notify(mem.i32, mem.at(this.pid, S.start));
    if (!rt.scheduled) return;
    // Scheduled: wait for the victim to be gone so the next step sees it dead.
    for (;;) {
      const seen = Atomics.load(mem.i32, H.doorbell);
      if (this.ended || mem.load(this.pid, S.state) === State.new) break;
      rt.checkAlive();
      Atomics.wait(mem.i32, H.doorbell, seen, 20);
    }
    if (mem.load(this.pid, S.state) === State.new) markEnded(rt.mem, this.pid, State.terminated, killedExitcode(mem, this.pid), 0);
  }

  is_alive(): boolean {
    this.peek();
    return this.pid >= 0 && !this.ended;
  }

  /** None (null) while running. */
  get exitcode(): number | null {
    this.peek();
    if (this.pid < 0) return null;
    const c = this.mem.load(this.pid, S.exitcode);
    return c === NO_EXITCODE ? null : c;
  }

  /** A read of the child's state between gates, without an op: the explorer must know (Flag.peeked). */
  private peek(): void {
    const at = this.mem.at(this.rt.pid, S.flags);
    if ((Atomics.load(this.mem.i32, at) & Flag.peeked) === 0) Atomics.or(this.mem.i32, at, Flag.peeked);
  }

  private get ended(): boolean {
    return this.mem.load(this.pid, S.state) >= State.done;
  }
}

/** Record a process's end and wake whoever joins it. */
export function markEnded(mem: Memory, pid: number, state: number, exitcode: number, error: number): void {
  mem.store(pid, S.exitcode, exitcode);
  mem.store(pid, S.error, error);
  mem.store(pid, S.blockedOn, -1);
  mem.store(pid, S.gate, Gate.running);
  mem.store(pid, S.state, state);
  Atomics.add(mem.i32, mem.at(pid, S.join), 1);
  Atomics.notify(mem.i32, mem.at(pid, S.join));
  Atomics.add(mem.i32, H.doorbell, 1);
  Atomics.notify(mem.i32, H.doorbell);
}

/**
 * Runs programs for one process slot in a worker. The worker idles on its
 * slot's start word with Atomics.waitAsync (so its event loop stays free for
 * control messages), runs the program synchronously when started, and goes
 * back to idling. A new buffer (a reset) replaces the old one.
 *
 * A pending waitAsync keeps its buffer reachable for as long as it waits, so
 * the host never leaves one behind: a stopped run ends the idle loop, and
 * attaching elsewhere first wakes the wait on the previous buffer.
 */
export class ProcessHost {
  private generation = 0;
  private attached: { mem: Memory; pid: number } | null = null;
  private pendingWaits = 0;

  constructor(
    private readonly scenarios: Record<string, RunnableScenario<unknown, unknown>>,
    private readonly wall: WallClock = defaultWallClock,
    /** The runtimes' longest single wait (see Runtime): the default but on a test machine. */
    private readonly waitSliceMs?: number,
  ) {}

  /** Idle waits not yet woken: each holds its run's buffer (at most one after a fix, for tests to check). */
  get waits(): number {
    return this.pendingWaits;
  }

  /** Serve `pid` on `sab` for the given scenario; replaces any previous attachment. */
  attach(sab: SharedArrayBuffer, scenarioId: string, params: unknown, pid: number): void {
    const scenario = this.scenarios[scenarioId];
    if (!scenario) throw new Error(`Unknown scenario "${scenarioId}"`);
    this.detach();
    const mem = Memory.attach(sab);
    const generation = this.generation;
    this.attached = { mem, pid };
    // Set up the slot's objects now, while the run is being prepared, not when its process starts
    // (should that fail, the process tries again as it starts, and fails there as itself).
    let ahead: Prebuilt | null = null;
    try {
      ahead = prebuild(mem, scenario, params);
    } catch {
      ahead = null;
    }
    const loop = (seen: number) => {
      // A stopped run never starts anything again: stop waiting on it, or the wait would pin its buffer.
      if (generation !== this.generation || Atomics.load(mem.i32, H.stop)) return;
      const now = Atomics.load(mem.i32, mem.at(pid, S.start));
      if (now === seen) {
        const w = Atomics.waitAsync(mem.i32, mem.at(pid, S.start), seen);
        if (!w.async) return loop(seen);
        this.pendingWaits++;
        void w.value.then(() => {
          this.pendingWaits--;
          loop(seen);
        });
        return;
      }
      const serve = (loadFailure?: string) => {
        // A slot started again on the same buffer (a rewinding explorer) builds its objects afresh.
        const built = ahead;
        ahead = null;
        this.run(mem, scenario, params, pid, loadFailure, built);
        // Done with this start, every write included: a rewinding kernel (src/explore/rewind.ts) waits for it.
        Atomics.store(mem.i32, mem.at(pid, S.served), now);
        Atomics.add(mem.i32, H.doorbell, 1);
        Atomics.notify(mem.i32, H.doorbell);
        loop(now);
      };
      const loading = scenario.prepare?.();
      if (!loading) return serve();
      // Started before this worker had loaded what the program needs: run once it has (or fail in the open).
      void loading.then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      ).then((failure) => {
        if (generation !== this.generation || Atomics.load(mem.i32, H.stop)) return;
        serve(failure);
      });
    };
    loop(0);
  }

  /** Stop serving (the worker is about to get a new buffer or be closed): wake our idle wait so it lets go. */
  detach(): void {
    this.generation++;
    const prev = this.attached;
    this.attached = null;
    if (prev) Atomics.notify(prev.mem.i32, prev.mem.at(prev.pid, S.start));
  }

  private run(mem: Memory, scenario: RunnableScenario<unknown, unknown>, params: unknown, pid: number, loadFailure?: string, built: Prebuilt | null = null): void {
    // The mode, seed and pace are the kernel's to write at load, after the attach: the runtime is made now.
    const rt = new Runtime(mem, pid, this.wall, this.waitSliceMs);
    const { world, objs } = built ?? prebuild(mem, scenario, params);
    world.bind(rt);
    const programNames = Object.keys(scenario.programs);
    const programIndex = mem.load(pid, S.program);
    const program = scenario.programs[programNames[programIndex] ?? ''];
    const args = JSON.parse(mem.readBytes(mem.layout.argsByte(pid), mem.load(pid, S.argsLen)) || '[]') as unknown[];
    const api = new ProcessApi(rt, world, objs, params, args, programNames);
    let state: number = State.done;
    let exitcode = 0;
    let error = 0;
    try {
      rt.checkAlive();
      rt.emit(EK.start, -1, 0, mem.load(pid, S.ppid));
      if (!rt.scheduled) announcePickup(mem, pid);
      if (!program) throw PyError.said('RuntimeError', 'runtime.noProgram', { index: String(programIndex) });
      if (loadFailure) throw PyError.said('RuntimeError', 'runtime.couldNotLoad', { reason: loadFailure });
      program(api);
    } catch (e) {
      if (e instanceof Unwind) {
        if (e.reason === 'reset') return;
        state = State.terminated;
        exitcode = killedExitcode(mem, pid);
        safeEmit(() => rt.emit(EK.killed, -1, rt.line, exitcode));
      } else if (e instanceof ExitRequest) {
        exitcode = e.code;
      } else {
        const py = e instanceof PyError ? e : new PyError('Exception', e instanceof Error ? e.message : String(e));
        exitcode = 1;
        error = errorCode(py.pyName);
        const message = py.message;
        safeEmit(() => {
          // The run's own words in the learner's language (the event keeps the English, as a trace exports it).
          const index = py.printed ? objs.console.length - 1 : objs.console.append(pid, `${api.name}: ${py.text(readLang(mem.i32))}`);
          rt.emit(EK.raise, -1, rt.line, index, error, message);
        });
      }
    }
    if (state !== State.terminated) {
      // Python runs its exit handler after a return and after an uncaught exception alike.
      try {
        rt.endAtItsTime();
        api.exitHandler();
      } catch (e) {
        if (!(e instanceof Unwind)) throw e;
        if (e.reason === 'reset') return;
        state = State.terminated;
        exitcode = killedExitcode(mem, pid);
        safeEmit(() => rt.emit(EK.killed, -1, rt.line, exitcode));
      }
    }
    // Before the exit event: what the system closes for it (a pipe end's close) is the process's last act.
    for (const f of rt.atEnd) safeEmit(f);
    safeEmit(() => releaseCopies(world, pid));
    safeEmit(() => rt.emit(EK.exit, -1, rt.line, exitcode, error));
    // Joiners parked by a scheduled mode become READY before the kernel hears of the end.
    if (rt.scheduled) wakeJoiners(mem, pid, rt.now());
    markEnded(mem, pid, state, exitcode, error);
  }
}

/** A process's view of the run's objects, set up before its runtime exists. */
interface Prebuilt {
  world: World;
  objs: { console: Console };
}

function prebuild(mem: Memory, scenario: RunnableScenario<unknown, unknown>, params: unknown): Prebuilt {
  const world = new World(mem, false);
  return { world, objs: scenario.setup(world, params) };
}

/** Under a scheduled mode, make every process blocked joining `pid` READY. */
export function wakeJoiners(mem: Memory, pid: number, time: number): void {
  for (let p = 0; p < mem.maxProcs; p++) {
    if (mem.load(p, S.state) === State.blocked && mem.load(p, S.blockedOn) === PROCESS_OBJ_BASE + pid) {
      mem.storeF(p, S.clock, Math.max(mem.loadF(p, S.clock), time));
      mem.store(p, S.state, State.ready);
    }
  }
}

/** How long a scheduled run waits for a process to reach its next step (longer while interpreters load). */
export function patienceMs(mem: Memory): number {
  return Atomics.load(mem.i32, H.patienceMs) || 10_000;
}

/**
 * How long a scheduled run waits for a started child's worker to pick it up (three times the step patience:
 * 30 s, or 270 s while Python interpreters load). Every worker of a run has loaded and attached before the run
 * starts, so a pickup only waits for the OS to run that thread: a slow, loaded machine, not a broken program.
 */
export function pickupPatienceMs(mem: Memory): number {
  return 3 * patienceMs(mem);
}

/** A started child's worker has taken it up: its first event (EK.start) is written before its program runs. */
export function pickedUp(mem: Memory, child: number): boolean {
  return Atomics.load(mem.i32, mem.layout.slot(child) + S.ringHead) !== 0; // the word wraps: past 2^31 it reads negative
}

/** Emitting can itself unwind (a reset while the ring is full); the end is recorded regardless. */
function safeEmit(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof Unwind)) throw e;
  }
}

