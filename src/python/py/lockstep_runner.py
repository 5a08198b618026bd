"""Runs one simulated process's Python: the main program, or a spawned child.

Called by src/python/program.ts with the learner's source. Returns what
happened as a tuple, so the JS side ends the process the way the core expects:
('ok',) | ('exit', code) | ('error', name, line) | ('unwind', reason).
A traceback is printed to the shared console here, limited to the learner's
frames, the way CPython prints it.
"""
import base64
import builtins
import io
import os
import pickle
import random
import sys
import time
import traceback
import types

import _lockstep as _ls
import multiprocessing as mp

MAIN = mp.MAIN_FILE
# The interpreter's own functions, kept once per interpreter: a re-import (our files changed) must not take our replacements for them.
_REAL = sys.__dict__.setdefault('_lockstep_real', {
    'print': builtins.print, 'open': builtins.open, 'time': time.time, 'monotonic': time.monotonic, 'perf_counter': time.perf_counter,
})
_real_open = _REAL['open']
_real_print = _REAL['print']
# What a process starts with, as the interpreter first had it: a worker's interpreter serves run after run.
_START = sys.__dict__.setdefault('_lockstep_start', {'environ': dict(os.environ), 'cwd': os.getcwd(), 'recursionlimit': sys.getrecursionlimit()})


def _fresh_process_state():
    """Drop what an earlier run left in this interpreter: files on its own disk, os.environ, the working directory, the recursion limit."""
    import shutil
    os.chdir('/')
    for d in (_START['cwd'], '/tmp'):
        if d.startswith(('/home/', '/tmp')):  # never a directory the interpreter itself needs
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d, exist_ok=True)
    os.chdir(_START['cwd'])
    os.environ.clear()
    os.environ.update(_START['environ'])
    sys.setrecursionlimit(_START['recursionlimit'])


def _bind(bridge):
    """This run's bridge: our modules stay imported from one run to the next (see preload.ts)."""
    global _ls
    _ls = bridge
    mp._bind(bridge)


def _print(*args, sep=' ', end='\n', file=None, flush=False):
    if file is not None and file not in (sys.stdout, sys.stderr):
        return _real_print(*args, sep=sep, end=end, file=file, flush=flush)
    buf = io.StringIO()
    _real_print(*args, sep=sep, end=end, file=buf)
    _ls.write(mp._line(), buf.getvalue())


class _ConsoleStream(io.TextIOBase):
    """sys.stdout and sys.stderr: what a program writes goes to the shared console, as print does."""

    encoding = 'utf-8'

    def __init__(self, name):
        self._name = name

    @property
    def name(self):
        return self._name

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f'write() argument must be str, not {type(s).__name__}')
        if s:
            _ls.write(mp._line(), s)
        return len(s)


_STDOUT, _STDERR = _ConsoleStream('<stdout>'), _ConsoleStream('<stderr>')


class _SharedFile(io.StringIO):
    """A file in the working directory: every process sees the same content (one read op at open, one write op at close)."""

    def __init__(self, name, mode):
        self._path, self._mode = name, mode
        content = ''
        if 'r' in mode or 'a' in mode:
            text = mp._bridge(_ls.fileRead, name)
            if text is None:
                if 'r' in mode:
                    raise FileNotFoundError(2, 'No such file or directory', name)
            else:
                content = str(text)
        elif 'x' in mode and _ls.fileExists(name):
            raise FileExistsError(17, 'File exists', name)
        super().__init__(content)
        if 'a' in mode:
            self.seek(0, io.SEEK_END)
        self._dirty = 'w' in mode or 'x' in mode

    @property
    def name(self):
        return self._path

    @property
    def mode(self):
        return self._mode

    def readable(self):
        return 'r' in self._mode or '+' in self._mode

    def writable(self):
        return 'r' not in self._mode or '+' in self._mode

    def read(self, *a):
        if not self.readable():
            raise io.UnsupportedOperation('not readable')
        return super().read(*a)

    def write(self, s):
        if not self.writable():
            raise io.UnsupportedOperation('not writable')
        self._dirty = True
        return super().write(s)

    def close(self):
        if not self.closed and self._dirty:
            text = self.getvalue()
            self._dirty = False
            mp._bridge(_ls.fileWrite, self._path, text)
        super().close()

    def __del__(self):
        # CPython flushes a file nobody closed when its last reference goes (json.dump(d, open(f, 'w'))).
        try:
            self.close()
        except Exception:
            pass


def _is_shared_path(file):
    if not isinstance(file, str):
        return False
    name = file[2:] if file.startswith('./') else file
    return bool(name) and '/' not in name


def _open(file, mode='r', *args, **kwargs):
    if _is_shared_path(file) and 'b' not in mode:
        return _SharedFile(file[2:] if file.startswith('./') else file, mode)
    return _real_open(file, mode, *args, **kwargs)


def _sleep(seconds):
    if seconds < 0:
        raise ValueError('sleep length must be non-negative')
    try:
        _ls.sleep(mp._line(), float(seconds))
    except mp.JsException as e:
        raise mp._translate(e) from None


_T0 = 1_767_225_600.0  # a fixed wall-clock origin for virtual time (2026-01-01), so a link replays exactly


def _install(pid, ppid, scheduled):
    _fresh_process_state()
    builtins.print = _print
    sys.stdout, sys.stderr = _STDOUT, _STDERR  # Pyodide's own has no output in a worker (OSError 29 on write)
    builtins.open = _open
    time.sleep = _sleep
    if scheduled:
        # Virtual time: what the clock policy says, the same on every replay.
        time.time = lambda: _T0 + float(_ls.now())
        time.monotonic = time.perf_counter = lambda: float(_ls.now())
    else:
        time.time, time.monotonic, time.perf_counter = _REAL['time'], _REAL['monotonic'], _REAL['perf_counter']
    # What the learner sees: the slots as a system's pids (mp._os_pid); the simulator's calls keep the slots.
    os.getpid = lambda: mp._os_pid(pid)
    os.getppid = lambda: mp._os_pid(ppid)
    os._exit = _os_exit


class _HardExit(BaseException):
    """os._exit(n): the process ends with code n and runs no exit functions."""


def _os_exit(code):
    # Pyodide's own os._exit ends the interpreter for good: this worker could run no later process.
    raise _HardExit(int(code))


def _frames_in_main(tb):
    return [f for f in traceback.extract_tb(tb) if f.filename == MAIN]


def _report(e, header):
    """Print the traceback as CPython does, keeping the learner's frames; return the line it points at."""
    lines = []
    header = header()
    if header:
        lines.append(header + '\n')
    if isinstance(e, SyntaxError):
        lines.extend(traceback.format_exception_only(type(e), e))
        line = e.lineno or 0
    else:
        frames = _frames_in_main(e.__traceback__)
        lines.extend(mp._format_exception(e))
        line = frames[-1].lineno if frames else 0
    text = ''.join(lines).rstrip('\n')
    _ls.report(line, text)
    return line


def _error_name(e):
    cls = type(e)
    return cls.__name__ if cls.__module__ in ('builtins', '_queue', 'queue', 'threading', '__main__', '__mp_main__') else f'{cls.__module__}.{cls.__name__}'


def _unwind_reason():
    return str(_ls.unwindReason()) or 'terminated'


def _line_tracer(frame, event, arg):
    """Line steps: every line the learner's code executes waits at the gate."""
    if frame.f_code.co_filename != MAIN:
        return None
    if event == 'line':
        try:
            _ls.lineStep(frame.f_lineno)
        except mp.JsException as e:
            raise mp._translate(e) from None
    return _line_tracer


def _run(fn, header):
    if _ls.lineSteps:
        sys.settrace(_line_tracer)
    try:
        # A terminate() that landed while this process was being set up (FRESH_MODULES, _install): Pyodide may
        # have consumed its interrupt word there without the KeyboardInterrupt reaching us (one raised where
        # Python ignores exceptions, e.g. a finalizer, is dropped), and a child busy in pure Python would then
        # never stop. The kill word is stored before the interrupt and stays set: look at it once, inside the
        # try, so a later interrupt is caught below.
        if _ls.unwindReason():
            return ('unwind', _unwind_reason())
        fn()
        return ('ok',)
    except mp._Unwind as u:
        return ('unwind', str(u.args[0]) if u.args else _unwind_reason())
    except _HardExit as e:
        return ('exit', e.args[0])
    except KeyboardInterrupt:
        # Our interrupt word: a terminate() or a reset reached a process busy in pure Python.
        if _ls.unwindReason():
            return ('unwind', _unwind_reason())
        return ('error', 'KeyboardInterrupt', _report(KeyboardInterrupt(), header), '')
    except SystemExit as e:
        code = e.code
        if code is None:
            return ('exit', 0)
        if isinstance(code, int):
            return ('exit', code)
        _ls.report(0, str(code))
        return ('exit', 1)
    except SyntaxError as e:
        # The editor marks the place: the message carries the column.
        return ('error', _error_name(e), _report(e, header), f'{e.msg} (line {e.lineno}, column {e.offset or 1})')
    except BaseException as e:  # noqa: BLE001 (the process ends here, as in CPython)
        return ('error', _error_name(e), _report(e, header), getattr(e, '_lockstep_en', None) or str(e))
    finally:
        sys.settrace(None)


_compiled = {}  # source -> code: this interpreter compiled it for an earlier run or child (a code object is immutable)


def _compile(source):
    import linecache
    linecache.cache[MAIN] = (len(source), None, source.splitlines(True), MAIN)
    code = _compiled.get(source)
    if code is None:
        # About 3 ms for a 150-line program here, in every child it spawns: the same program
        # re-run on warm interpreters (the learner's next Run) skips it. Only the latest is kept.
        _compiled.clear()
        code = _compiled[source] = compile(source, MAIN, 'exec')
    return code


def _fresh_module(name):
    mod = types.ModuleType(name)
    mod.__file__ = MAIN
    mod.__builtins__ = builtins
    # Both names, as in CPython (whose multiprocessing aliases __mp_main__ to __main__ in the parent): a child's
    # pickles name __mp_main__, and a worker's previous run must not leave its own module under that name.
    sys.modules['__main__'] = sys.modules['__mp_main__'] = mod
    return mod


def _then_exit(fn):
    """Run the program, then what CPython runs as a process exits (a manager's shutdown), also after an exception."""
    try:
        fn()
    except (mp._Unwind, KeyboardInterrupt, _HardExit):
        raise  # terminated, reset or os._exit: no cleanup, as in CPython
    except BaseException:
        try:
            mp._exit_function()
        except Exception:  # noqa: BLE001 (the program's own exception is the one to report)
            pass
        raise
    mp._exit_function()


def run_main(source, pid, seed, scheduled, pid_base):
    """The main process: the program runs as __main__."""
    mp._init_process('main', pid, 'MainProcess', None, pid_base)
    _install(pid, -1, scheduled)
    random.seed(seed if scheduled else None)
    mod = _fresh_module('__main__')
    return _run(lambda: _then_exit(lambda: exec(_compile(source), mod.__dict__)), lambda: '')


def run_child(source, pid, ppid, parent_name, name, seed, scheduled, blob, pid_base):
    """A spawned child: import the program as __mp_main__ (its guarded part does not run), then run the Process object."""
    mp._init_process('child', pid, name, (parent_name, ppid), pid_base)
    _install(pid, ppid, scheduled)
    random.seed(seed if scheduled else None)
    # CPython's 'Process <name>:' line heads a traceback from run() only, not from importing the program or
    # unpickling the Process object (its _bootstrap has not begun).
    running = []

    def child():
        mod = _fresh_module('__mp_main__')
        exec(_compile(source), mod.__dict__)
        try:
            proc = pickle.loads(base64.b64decode(blob))
        except AttributeError as e:
            # The target defined under the __main__ guard: CPython 3.11's words (newer versions word it otherwise).
            if isinstance(getattr(e, 'obj', None), types.ModuleType) and getattr(e, 'name', None):
                raise AttributeError(f"Can't get attribute {e.name!r} on {e.obj!r}") from None
            raise
        mp._adopt_current(proc)
        running.append(True)
        proc.run()

    return _run(lambda: _then_exit(child), lambda: f'Process {name}:' if running else '')
