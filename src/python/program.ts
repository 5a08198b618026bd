/**
 * The learner's Python as a runnable program of the machine: the `python`
 * scenario every process worker knows. Its setup makes the console and the
 * working directory's files (the same in every context); everything else is
 * created by the program at run time (World.dynamic). Its two programs run
 * the main module and a spawned child in this worker's Pyodide interpreter.
 */
import { Console, SharedFile } from '../core/data';
import { ExitRequest, knownPyError, PyError, Unwind } from '../core/errors';
import { H, S } from '../core/layout';
import { type ProcessApi, type RunnableScenario } from '../core/process';
import { OS_PID_BASE } from '../core/pid';
import { deriveSeed } from '../core/rng';
import type { World } from '../core/world';
import { readRow } from '../core/world';
import { FILE_BYTES, PythonBridge, type PythonObjects } from './bridge';
import type { Pyodide } from './interpreter';
import { FRESH_MODULES } from './preload';

/** What a run of the learner's program is: the source, the files, the lock switch. All strings, for the URL. */
export interface PythonParams {
  code: string;
  /** JSON of [name, content] pairs. */
  files: string;
  /** 'ignore' makes every Lock/RLock acquire and release a no-op for this run. */
  locks: 'on' | 'ignore';
  /** 'on': under step and clock, every executed line of the program is a step (optional; default off). */
  lines: 'on' | 'off';
  [k: string]: string;
}

/** Console limits: a runaway print loop ends with a message naming the limit. */
export const CONSOLE_LINES = 2000;
const CONSOLE_BYTES = 256 * 1024;
/** Room for the objects a program creates as it runs. */
export const PYTHON_HEAP_WORDS = 1 << 21;

export function parseFiles(json: string): [string, string][] {
  try {
    const v = JSON.parse(json || '[]') as unknown;
    return Array.isArray(v) ? v.filter((e): e is [string, string] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string') : [];
  } catch {
    return [];
  }
}

function setup(world: World, params: PythonParams): PythonObjects {
  const console = new Console(world, CONSOLE_LINES, CONSOLE_BYTES);
  const files = new Map(parseFiles(params.files).map(([name, content]) => [name, new SharedFile(world, name, content, FILE_BYTES)]));
  return { console, files, setupFiles: [...files.values()] };
}

let py: Pyodide | null = null;

type Outcome = ['ok'] | ['exit', number] | ['error', string, number, string] | ['unwind', 'terminated' | 'reset'];

function runPython(p: ProcessApi<PythonObjects, PythonParams>, role: 'main' | 'child'): void {
  if (!py) throw PyError.said('RuntimeError', 'runtime.noInterpreter');
  const { rt, world } = p;
  const mem = world.mem;
  const pid = rt.pid;
  world.dynamic = true;
  // A Python op costs µs of interpreter: the clock word's ~50 ns a stamp buys nothing here (Runtime.stamp).
  rt.checkClockPerEvent();
  const bridge = new PythonBridge(rt, world, p.objs, 1, p.params.locks === 'ignore', p.params.lines === 'on' && rt.scheduled);
  // This run's interrupt word first: the previous run's buffer may hold a stale interrupt (its reset).
  // Clear, then look at the kill word: a terminate stores its kill word before its interrupt, so one
  // that lands between the two is seen here and its interrupt put back, never lost.
  const interrupt = new Int32Array(mem.sab, mem.at(pid, S.interrupt) * 4, 1);
  Atomics.store(interrupt, 0, 0);
  if (mem.load(pid, S.kill)) Atomics.store(interrupt, 0, 2);
  py.setInterruptBuffer(interrupt);
  try {
    py.registerJsModule('_lockstep', bridge);
    freshModules ??= py.runPython(FRESH_MODULES) as PyCall<Runner>;
    const runner = freshModules();
    try {
      end(run(runner, p, role));
    } finally {
      runner.destroy();
    }
  } catch (e) {
    if (e instanceof Unwind || e instanceof PyError || e instanceof ExitRequest) throw e;
    // Interrupted outside the runner's own handler (while setting up): still a terminate or a reset.
    const reason = bridge.unwindReason();
    if (reason) throw new Unwind(reason as 'terminated' | 'reset');
    throw e;
  } finally {
    bridge.flush();
    py.setInterruptBuffer(undefined as unknown as Int32Array);
  }

  function end(outcome: Outcome): void {
    switch (outcome[0]) {
      case 'ok':
        return;
      case 'exit':
        if (outcome[1] === 0) return;
        throw new ExitRequest(outcome[1]);
      case 'error':
        rt.line = outcome[2];
        throw new PyError(knownPyError(outcome[1].split('.').pop()!), outcome[3], true);
      case 'unwind':
        throw new Unwind(outcome[1]);
    }
  }
}

/** A Python callable as a PyProxy: call it, then destroy what it returned. */
type PyCall<R = PyResult> = (...a: unknown[]) => R;
interface PyResult {
  toJs(): unknown;
  destroy(): void;
}
/** lockstep_runner (py/lockstep_runner.py). */
interface Runner {
  run_main: PyCall;
  run_child: PyCall;
  destroy(): void;
}

/** This interpreter's `_lockstep_fresh_modules` (preload.ts), made at its first run. */
let freshModules: PyCall<Runner> | null = null;

/** Call the runner for this process's role; returns what happened. */
function run(runner: Runner, p: ProcessApi<PythonObjects, PythonParams>, role: 'main' | 'child'): Outcome {
  const { rt, world } = p;
  const mem = world.mem;
  const pid = rt.pid;
  const seed = deriveSeed(Atomics.load(mem.i32, H.seed) >>> 0, pid);
  let result: PyResult;
  if (role === 'main') {
    result = runner.run_main(p.params.code, pid, seed, rt.scheduled, OS_PID_BASE);
  } else {
    const ppid = mem.load(pid, S.ppid);
    const blob = readRow(mem, p.args[0] as number);
    if (!blob) throw PyError.said('RuntimeError', 'runtime.noPickled');
    const pickled = mem.readBytes((blob.base + 2) * 4, Atomics.load(mem.i32, blob.base));
    result = runner.run_child(p.params.code, pid, ppid, mem.processName(ppid), p.name, seed, rt.scheduled, pickled, OS_PID_BASE);
  }
  const outcome = result.toJs() as Outcome;
  result.destroy();
  return outcome;
}

export const pythonProgram: RunnableScenario<PythonObjects, PythonParams> = {
  id: 'python',
  setup,
  programs: {
    main: (p) => runPython(p, 'main'),
    child: (p) => runPython(p, 'child'),
  },
  main: 'main',
  runtimeHeapWords: PYTHON_HEAP_WORDS,
  prepare() {
    if (py) return undefined;
    return import('./interpreter').then(async (m) => {
      py = await m.interpreter();
    });
  },
};
