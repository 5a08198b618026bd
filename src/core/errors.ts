import type { Lang } from '../i18n/i18n';
import { runtimeText, type RuntimeKey, type RuntimeVars } from '../i18n/runtime';

/**
 * Python exceptions, named as Python names them. A program that raises one
 * ends its process with exitcode 1 and the UI shows the name.
 */
export const PY_ERRORS = [
  'ValueError',
  'AssertionError',
  'queue.Full',
  'queue.Empty',
  'EOFError',
  'RuntimeError',
  'TypeError',
  'OverflowError',
  'JSONDecodeError',
  'AttributeError',
  'OSError',
  'KeyError',
  'IndexError',
  'Exception',
  // Appended for the learner's own Python (codes above stay as they are).
  'MemoryError',
  'KeyError',
  'IndexError',
  'ZeroDivisionError',
  'NameError',
  'BrokenPipeError',
  'PicklingError',
  'KeyboardInterrupt',
  'SyntaxError',
  'ImportError',
  'ModuleNotFoundError',
  'FileNotFoundError',
  'RecursionError',
  'NotImplementedError',
  'UnboundLocalError',
  'TimeoutError',
  'SystemExit',
  'threading.BrokenBarrierError',
] as const;
export type PyErrorName = (typeof PY_ERRORS)[number];

/** The closest name this table knows for a Python exception class name (`Empty` is `queue.Empty`). */
export function knownPyError(name: string): PyErrorName {
  const alias: Record<string, PyErrorName> = { Empty: 'queue.Empty', Full: 'queue.Full', BrokenBarrierError: 'threading.BrokenBarrierError' };
  if (alias[name]) return alias[name];
  return (PY_ERRORS as readonly string[]).includes(name) ? (name as PyErrorName) : 'Exception';
}

/**
 * An exception with a Python name, e.g. `new PyError('queue.Empty')`.
 * `printed`: its traceback is already on the console (a Python process), so the host does not print it again.
 */
export class PyError extends Error {
  /** The run's own words (not CPython's): the console shows them in the run's language (`text`). */
  said?: { key: RuntimeKey; vars?: RuntimeVars };

  constructor(
    readonly pyName: PyErrorName,
    message = '',
    readonly printed = false,
  ) {
    super(message ? `${pyName}: ${message}` : pyName);
    this.name = pyName;
  }

  /** A `pyName` raised with the run's own words; its `message` is their English. */
  static said(pyName: PyErrorName, key: RuntimeKey, vars?: RuntimeVars): PyError {
    const e = new PyError(pyName, runtimeText('en', key, vars));
    e.said = { key, vars };
    return e;
  }

  /** What the console prints for it in `lang` ("RuntimeError: …"). */
  text(lang: Lang): string {
    const detail = this.detail(lang);
    return detail ? `${this.pyName}: ${detail}` : this.pyName;
  }

  /** Its message without the name, in `lang` ('' for none): what Python's `str(e)` is. */
  detail(lang: Lang = 'en'): string {
    if (this.said) return runtimeText(lang, this.said.key, this.said.vars);
    return this.message.startsWith(`${this.pyName}: `) ? this.message.slice(this.pyName.length + 2) : '';
  }
}

/** Code stored in shared memory for an exception name (0 = none). */
export function errorCode(name: PyErrorName): number {
  return PY_ERRORS.indexOf(name) + 1;
}

export function errorName(code: number): PyErrorName | null {
  return code > 0 ? (PY_ERRORS[code - 1] ?? 'Exception') : null;
}

/**
 * Thrown inside a process when it is terminated (SIGTERM) or the run is reset.
 * Not an Error a program should catch: it unwinds without cleanup, so a lock
 * held by the victim stays held, as in Python.
 */
export class Unwind {
  constructor(
    readonly reason: 'terminated' | 'reset',
    /**
     * Thrown by a wait (Runtime.waitWord) that an Atomics.notify had just ended: the waker may have
     * counted that wake-up as taken (a Queue's `woken`), and this thread will never use it.
     */
    readonly notified = false,
  ) {}
}

/** A Python exception as it crosses between processes (a pool's result, a manager's reply): `[name, message, said?]`. */
export type WiredError = [name: string, message: string, said?: PyError['said']];

/** The wire form of `e`; anything but a PyError (an Unwind, a bug) is rethrown. */
export function wireError(e: unknown): WiredError {
  if (!(e instanceof PyError)) throw e;
  const message = e.detail();
  return e.said ? [e.pyName, message, e.said] : [e.pyName, message];
}

/** The exception a wired error stands for, ready to raise in the receiving process (an unknown name is an `Exception`). */
export function unwireError([name, message, said]: WiredError): PyError {
  const e = new PyError((PY_ERRORS as readonly string[]).includes(name) ? (name as PyErrorName) : 'Exception', message);
  if (said) e.said = said;
  return e;
}

/** `sys.exit(code)` in a Python process: it ends with that exit code and no traceback. */
export class ExitRequest {
  constructor(readonly code: number) {}
}
