/**
 * The kernel worker: owns the gate. The main thread drives it through Comlink
 * (control only — a few calls per user action); the processes and the kernel
 * meet on shared memory. Blocking waits are allowed here, unlike on the main
 * thread, so a step costs microseconds, not a frame.
 */
import { expose } from 'comlink';
import { H, Memory, paceSpeed, paceTurbo } from '../core/layout';
import { defaultWallClock } from '../core/runtime';
import { holdLifeLock } from './deathWatch';
import { NoPickup, Scheduler, Stalled, type RunConfig, type RunStatus, type Stuck } from './scheduler';

export interface StepResult {
  /** The pid granted, or -1 when nothing could move. */
  granted: number;
  status: RunStatus;
  steps: number;
  /** A child the granted process started was never picked up by a worker (the page says so in the learner's language). */
  noPickup?: { child: string; seconds: number };
  /** A process did not reach its next step in time (the page says so in the learner's language). */
  stalled?: { name: string; seconds: number };
}

export interface RunOutcome extends StepResult {
  /** Why the loop returned. */
  reason: 'paused' | 'ended' | 'stopped' | 'error';
  error?: string;
}

/** Pacing of an auto-run: real milliseconds per op at speed 1 (clock also waits out virtual time). */
const STEP_DELAY_MS = { step: 350, clock: 40 } as const;
/** Longest single pause between two ops, so a long sleep does not freeze the picture. */
const MAX_PAUSE_MS = 1500;

let mem: Memory | null = null;
let scheduler: Scheduler | null = null;

function need(): { mem: Memory; scheduler: Scheduler } {
  if (!mem || !scheduler) throw new Error('kernel has no run loaded');
  return { mem, scheduler };
}

function result(granted: number): StepResult {
  const s = need().scheduler;
  return { granted, status: s.status(), steps: s.schedule.length };
}

/** A grant's trouble that the page words for the learner (a child never picked up, a process stalled). */
const isTrouble = (e: unknown): e is NoPickup | Stalled => e instanceof NoPickup || e instanceof Stalled;

/** Grants that hit a NoPickup or a Stall answer with it (an Error's own fields do not cross Comlink); anything else throws as before. */
function granting<R extends StepResult>(grant: () => R, failed: (e: NoPickup | Stalled) => R): R {
  try {
    return grant();
  } catch (e) {
    if (isTrouble(e)) return failed(e);
    throw e;
  }
}

/** The answer for a grant that hit `e`: the learner's message is made on the page, in its language. */
const trouble = (e: NoPickup | Stalled): StepResult => {
  const seconds = Math.round(e.waitedMs / 1000);
  return { ...result(-1), ...(e instanceof NoPickup ? { noPickup: { child: e.child, seconds } } : { stalled: { name: e.process, seconds } }) };
};

const api = {
  /** Take a run's buffer; under a scheduled mode also boot its main process (it parks at its first op). */
  load(sab: SharedArrayBuffer, config: RunConfig): StepResult {
    mem = Memory.attach(sab);
    scheduler = new Scheduler(mem, config);
    if (scheduler.scheduled) scheduler.boot(defaultWallClock());
    return result(-1);
  },

  /** Parallel mode: start the main process; from here the threads race on their own. */
  boot(): StepResult {
    need().scheduler.boot(defaultWallClock());
    return result(-1);
  },

  /** Grant one op: to `pid`, or by the mode when null. */
  step(pid: number | null): StepResult {
    const { scheduler: s } = need();
    const target = pid ?? s.next();
    if (target < 0 || !s.canStep(target)) return result(-1);
    return granting(() => {
      s.grant(target);
      return result(target);
    }, trouble);
  },

  /** Re-run a recorded schedule (Undo, "continue from here"): deterministic, so the state is the same. */
  replay(schedule: number[]): StepResult {
    const { scheduler: s } = need();
    return granting(() => {
      for (const pid of schedule) {
        if (!s.canStep(pid)) break;
        s.grant(pid);
      }
      return result(-1);
    }, trouble);
  },

  /** Auto-run under the current mode until paused, ended or stopped. */
  run(): RunOutcome {
    const { mem: m, scheduler: s } = need();
    const i32 = m.i32;
    const mode = s.config.mode === 'clock' ? 'clock' : 'step';
    try {
      for (;;) {
        if (Atomics.load(i32, H.stop)) return { ...result(-1), reason: 'stopped' };
        if (Atomics.load(i32, H.pause)) return { ...result(-1), reason: 'paused' };
        // A pid that can be granted means the run is running: no second scan of every process (status()) per op.
        const pid = s.next();
        if (pid < 0) return { ...result(-1), reason: 'ended' };
        const turbo = paceTurbo(i32);
        if (!turbo) {
          const speed = paceSpeed(i32);
          let ms: number = STEP_DELAY_MS[mode];
          if (mode === 'clock') ms += Math.max(0, s.timeOf(pid) - s.lastTime) * 1000;
          ms = Math.min(MAX_PAUSE_MS, ms / speed);
          if (ms >= 1) Atomics.wait(i32, H.pause, 0, ms);
          if (Atomics.load(i32, H.pause) || Atomics.load(i32, H.stop)) continue;
        }
        s.grant(pid);
      }
    } catch (e) {
      return { ...(isTrouble(e) ? trouble(e) : result(-1)), reason: 'error', error: e instanceof Error ? e.message : String(e) };
    }
  },

  stuck(): Stuck[] {
    return need().scheduler.stuck();
  },

  schedule(): number[] {
    return [...need().scheduler.schedule];
  },

  /**
   * Hold the Web Lock `name` for as long as this worker lives; resolves once it
   * is held. The page queues for the same lock and so learns when the kernel
   * died, even silently (closed or terminated).
   */
  hold: holdLifeLock,

  ping(): string {
    return 'pong';
  },
};

export type KernelApi = typeof api;
expose(api);
