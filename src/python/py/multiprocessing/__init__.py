"""Lockstep's multiprocessing: Python's API on the simulator's shared memory.

Every object here is a thin handle on a primitive of the simulator's core
(src/core): the same Lock, Queue, Value... the curated scenarios use, living in
one SharedArrayBuffer and blocking with real Atomics at the scheduler's gate.
Each simulated process is its own interpreter in its own worker; start method
is spawn: a child imports the main module as __mp_main__, then unpickles the
Process object and calls its run().

The JS side (`_lockstep`, src/python/bridge.ts) does the ops; this module
shapes them like CPython's (names, defaults, exceptions, pickling rules).
"""
import builtins
import io
import itertools
import json
import os
import pickle
import re
import base64
import queue as _queue
import sys
import types
import threading as _threading

import _lockstep as _ls
from pyodide.ffi import JsException

__all__ = [
    'Process', 'current_process', 'parent_process', 'active_children', 'cpu_count', 'freeze_support',
    'get_start_method', 'set_start_method', 'get_context', 'get_all_start_methods',
    'Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Event', 'Condition', 'Barrier',
    'Value', 'Array', 'Queue', 'JoinableQueue', 'SimpleQueue', 'Pipe', 'Pool', 'Manager',
    'TimeoutError', 'BufferTooShort', 'AuthenticationError', 'ProcessError',
]

MAIN_FILE = 'main.py'


def _format_exception(e, _seen=None):
    """CPython's traceback text for `e`, its cause or context first, keeping the learner's frames (main.py) only."""
    import traceback
    seen = _seen if _seen is not None else set()
    seen.add(id(e))
    lines = []
    cause, context = e.__cause__, e.__context__
    # Our own module's JS errors are translated `from None`; one that slipped through is not the learner's.
    if cause is not None and id(cause) not in seen and not isinstance(cause, JsException):
        lines += _format_exception(cause, seen)
        lines.append('\nThe above exception was the direct cause of the following exception:\n\n')
    elif context is not None and not e.__suppress_context__ and id(context) not in seen and not isinstance(context, JsException):
        lines += _format_exception(context, seen)
        lines.append('\nDuring handling of the above exception, another exception occurred:\n\n')
    if e.__traceback__ is not None:
        lines.append('Traceback (most recent call last):\n')
        lines.extend(traceback.format_list([f for f in traceback.extract_tb(e.__traceback__) if f.filename == MAIN_FILE]))
    lines.extend(traceback.format_exception_only(type(e), e))
    return lines


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


# CPython defines these in multiprocessing.context (type(e).__module__ says so); a module by that name lets them
# still pickle by reference.
context = types.ModuleType('multiprocessing.context')
for _cls in (ProcessError, BufferTooShort, TimeoutError, AuthenticationError):
    _cls.__module__ = 'multiprocessing.context'
    setattr(context, _cls.__name__, _cls)
sys.modules['multiprocessing.context'] = context


class _Unwind(BaseException):
    """The process was terminated or the run reset: unwind without cleanup (not an Exception)."""


# ---- calling the core ------------------------------------------------------

_getframe = sys._getframe


def _line():
    """The line of the learner's program this op stands for (the innermost frame in main.py).

    The walk starts at our caller's caller: our caller is this module's own code, never main.py, and
    every frame the walk touches costs (Python builds a frame object for it).
    """
    f = _getframe(2)
    while f is not None:
        if f.f_code.co_filename == MAIN_FILE:
            return f.f_lineno
        f = f.f_back
    return 0


_ERRORS = {
    'ValueError': ValueError, 'AssertionError': AssertionError, 'queue.Full': _queue.Full, 'queue.Empty': _queue.Empty,
    'EOFError': EOFError, 'RuntimeError': RuntimeError, 'TypeError': TypeError, 'OverflowError': OverflowError,
    'AttributeError': AttributeError, 'OSError': OSError, 'MemoryError': MemoryError, 'BrokenPipeError': BrokenPipeError,
}


def _translate(e):
    js = getattr(e, 'js_error', None)
    reason = getattr(js, 'reason', None) if js is not None else None
    if reason in ('terminated', 'reset'):
        return _Unwind(reason)
    name = getattr(js, 'pyName', None) if js is not None else None
    cls = _ERRORS.get(name)
    if cls is None:
        return RuntimeError(str(e))
    # The simulator's own words in the learner's language; CPython's words (and a bare queue.Empty) as CPython has them.
    return _worded(cls, (), str(_ls.errorDetail(js)), str(_ls.errorDetail(js, True)))


def _worded(cls, args, message, english):
    """`cls(*args, message)` (no message: `cls(*args)`), keeping its English for the run's event log (lockstep_runner._run)."""
    error = cls(*args, message) if message else cls(*args)
    if english != message:
        error._lockstep_en = str(cls(*args, english))
    return error


def _said(cls, key, *args, **words):
    """An exception in the simulator's own words (`key` in src/i18n/runtime.ts), in the learner's language."""
    text = json.dumps(words)
    return _worded(cls, args, str(_ls.said(key, text)), str(_ls.said(key, text, True)))


def _bridge(fn, *args):
    try:
        return fn(_line(), *args)
    except JsException as e:
        raise _translate(e) from None


def _name_at_call_site(default):
    """`lock = Lock()` names the object "lock" in the views (the variable it is assigned to)."""
    f = sys._getframe(1)
    while f is not None and f.f_code.co_filename != MAIN_FILE:
        f = f.f_back
    if f is None:
        return default
    import linecache
    import re
    line = linecache.getline(MAIN_FILE, f.f_lineno)
    unpacked = _unpacked_name(f, line)
    if unpacked:
        return unpacked
    m = re.match(r'\s*(?:self\.)?([A-Za-z_][\w.]*)\s*(?::[^=]*)?=[^=]', line) or re.match(r'\s*with\s.*\bas\s+([A-Za-z_]\w*)\s*:', line)
    return m.group(1) if m else default


def _unpacked_name(frame, line):
    """`d, l = m.dict(), m.list()`: the target paired with the call `frame` is making, or None.

    The call is found by its column (the position of the frame's current instruction), matched
    against the right-hand tuple's elements; a statement spread over several lines is not parsed.
    """
    import ast
    text = line.lstrip()
    if ',' not in text:
        return None
    try:
        stmt = ast.parse(text).body[0]
    except (SyntaxError, IndexError):
        return None
    if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
        return None
    targets, values = stmt.targets[0], stmt.value
    if not isinstance(targets, (ast.Tuple, ast.List)) or not isinstance(values, (ast.Tuple, ast.List)) or len(targets.elts) != len(values.elts):
        return None
    position = next(itertools.islice(frame.f_code.co_positions(), frame.f_lasti // 2, None), None)
    if position is None or position[2] is None:
        return None
    col = position[2] - (len(line) - len(text))  # both in UTF-8 bytes from the line's start; indentation is ASCII
    for target, value in zip(targets.elts, values.elts):
        if value.col_offset <= col < value.end_col_offset:
            if isinstance(target, ast.Name):
                return target.id
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == 'self':
                return target.attr
            return None
    return None


# ---- pickling shared objects -----------------------------------------------

_spawning = 0  # > 0 while a Process object is being pickled for its child


def _rebuild(cls, kind, ids, args, state):
    obj = cls.__new__(cls)
    obj._o = _ls.adopt(kind, ids, *args)
    obj._kind, obj._ids, obj._args = kind, list(ids), tuple(args)
    obj.__dict__.update(state)
    return obj


class _Shared:
    """A handle on a core primitive; crosses to a child as its table ids (the same shared memory)."""
    _kind = ''
    _inheritable_only = True

    def _make(self, kind, name, *args):
        made = _ls.make(kind, name, *args)
        self._o, self._ids = made[0], list(made[1])
        self._kind, self._args = kind, tuple(args)

    def _state(self):
        return {k: v for k, v in self.__dict__.items() if k not in ('_o', '_kind', '_ids', '_args') and not k.startswith(('_js_', '_at_'))}

    def __getattr__(self, name):
        """`self._js_<method>`: the core object's method bound once per handle, called as (line, *args).

        A Python→JS call is the floor of every op (about 1–3 µs in Pyodide); looking the function up
        through the module, or by name in a dict on each call, cost several times that. Hot ops
        (acquire, release, put, get, value) call their `_js_` attribute directly, one JS call per op.
        """
        if name.startswith('_js_') and '_o' in self.__dict__:
            fn = self.__dict__[name] = _ls.bind(self._o, name[4:])
            return fn
        if name.startswith('_at_') and '_o' in self.__dict__:
            table = self.__dict__[name] = {}
            return table
        raise AttributeError(f'{type(self).__name__!r} object has no attribute {name!r}')

    def _call(self, method, *args):
        """Run `method` of the core object as the op of the learner's current line (the ops that are not hot)."""
        try:
            return getattr(self, '_js_' + method)(_line(), *args)
        except JsException as e:
            raise _translate(e) from None

    def __reduce__(self):
        if self._inheritable_only and not _spawning:
            raise RuntimeError(f'{type(self).__name__} objects should only be shared between processes through inheritance')
        return (_rebuild, (type(self), self._kind, self._ids, self._args, self._state()))

    @property
    def _name(self):
        return str(self._o.info.name) if hasattr(self._o, 'info') else self._kind

    _cpython_module = 'multiprocessing'  # where CPython defines the class: print(q) names it

    def __repr__(self):
        return f'<{self._cpython_module}.{type(self).__name__} object at {id(self):#x}>'


# ---- synchronization -------------------------------------------------------

class _LockBase(_Shared):
    def __init__(self, kind, name):
        self._make(kind, name)
        self._ignored = bool(_ls.ignoreLocks)

    # A blocking acquire and a release are calls with no argument, bound to their line once per line
    # (`_at_<method>[line]`, bridge.ts `bindAt`): through Pyodide each argument costs about as much as
    # the call itself (measured under Node, CPU per call: 0.35 µs bare, 0.8 with an int, 1.2 with three).

    def acquire(self, block=True, timeout=None):
        if self._ignored:
            return True
        if timeout is not None and timeout < 0:
            timeout = None
        try:
            if block and timeout is None:
                return self._at(self._at_acquire, 'acquire', _line())()
            return self._js_acquire(_line(), bool(block), timeout)  # a JS boolean arrives as a Python bool
        except JsException as e:
            raise _translate(e) from None

    def release(self):
        if self._ignored:
            return
        try:
            self._at(self._at_release, 'release', _line())()
        except JsException as e:
            raise _translate(e) from None

    def _at(self, table, method, line):
        fn = table.get(line)
        if fn is None:
            fn = table[line] = _ls.bindAt(self._o, method, line)
        return fn

    # `with lock:` makes its calls itself (one frame fewer than through acquire and release).

    def __enter__(self):
        if self._ignored:
            return True
        try:
            return self._at(self._at_acquire, 'acquire', _line())()
        except JsException as e:
            raise _translate(e) from None

    def __exit__(self, t, v, tb):
        # A terminated process runs no cleanup: what it holds stays held, as in Python.
        if t is not None and issubclass(t, (_Unwind, KeyboardInterrupt)):
            return False
        if self._ignored:
            return
        try:
            self._at(self._at_release, 'release', _line())()
        except JsException as e:
            raise _translate(e) from None

    def _owner(self):
        """CPython's words for who holds it: this process's name, 'None', or 'SomeOtherProcess'."""
        snap = self._o.snapshot()
        if not snap.held:
            return None
        return _current.name if snap.owner == _slot else 'SomeOtherProcess'


class Lock(_LockBase):
    def __init__(self, *, ctx=None):
        super().__init__('lock', _name_at_call_site('lock'))

    def __repr__(self):
        return f'<Lock(owner={self._owner()})>'


class RLock(_LockBase):
    def __init__(self, *, ctx=None):
        super().__init__('rlock', _name_at_call_site('rlock'))

    def __repr__(self):
        owner = self._owner()
        count = 0 if owner is None else int(self._o.depth) if owner == _current.name else 'nonzero'
        return f'<RLock({owner}, {count})>'


class Semaphore(_Shared):
    _bounded = False

    def __init__(self, value=1, *, ctx=None):
        if value < 0:
            raise ValueError('semaphore initial value must be >= 0')
        self._make('bsemaphore' if self._bounded else 'semaphore', _name_at_call_site('semaphore'), int(value))
        self._max = int(value)

    def acquire(self, block=True, timeout=None):
        try:
            return self._js_acquire(_line(), bool(block), timeout)
        except JsException as e:
            raise _translate(e) from None

    def release(self):
        try:
            self._js_release(_line())
        except JsException as e:
            raise _translate(e) from None

    def get_value(self):
        return int(self._o.value)

    __enter__ = acquire

    def __exit__(self, t, v, tb):
        if t is not None and issubclass(t, (_Unwind, KeyboardInterrupt)):
            return False
        self.release()


    def __repr__(self):
        return f'<Semaphore(value={self.get_value()})>'


class BoundedSemaphore(Semaphore):
    _bounded = True

    def __repr__(self):
        return f'<BoundedSemaphore(value={self.get_value()}, maxvalue={self._max})>'


class Event(_Shared):
    def __init__(self, *, ctx=None):
        self._make('event', _name_at_call_site('event'))

    def __repr__(self):
        return f'<Event at {id(self):#x} {"set" if self.is_set() else "unset"}>'

    def set(self):
        self._call('set')

    def clear(self):
        self._call('clear')

    def is_set(self):
        return bool(self._o.is_set())

    def wait(self, timeout=None):
        return bool(self._call('wait', timeout))


class Condition(_Shared):
    def __init__(self, lock=None, *, ctx=None):
        self._lock = lock if lock is not None else RLock()
        self._make('condition', _name_at_call_site('condition'), self._lock._o)

    def __reduce__(self):
        if not _spawning:
            raise RuntimeError('Condition objects should only be shared between processes through inheritance')
        return (_rebuild_condition, (self._ids, self._lock))

    def acquire(self, *a, **k):
        return self._lock.acquire(*a, **k)

    def release(self):
        self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def _owned_call(self, method, words, *args):
        # multiprocessing's Condition asserts its lock is held (threading's, and the core's, raise RuntimeError).
        try:
            return getattr(self, '_js_' + method)(_line(), *args)
        except JsException as e:
            error = _translate(e)
            if type(error) is RuntimeError and 'un-acquired' in (getattr(error, '_lockstep_en', None) or str(error)):
                raise AssertionError(words) from None
            raise error from None

    def wait(self, timeout=None):
        return bool(self._owned_call('wait', 'must acquire() condition before using wait()', timeout))

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        while not result:
            if not self.wait(timeout):
                return predicate()
            result = predicate()
        return result

    def notify(self, n=1):
        self._owned_call('notify', 'lock is not owned', n)

    def notify_all(self):
        self._owned_call('notify_all', 'lock is not owned')

    def __repr__(self):
        return f'<Condition({self._lock!r}, {int(self._o.waiting)})>'


def _rebuild_condition(ids, lock):
    c = Condition.__new__(Condition)
    c._lock = lock
    c._o = _ls.adopt('condition', ids, lock._o)
    c._kind, c._ids, c._args = 'condition', list(ids), (lock._o,)
    return c


class Barrier:
    """multiprocessing.Barrier, built from a Condition and shared counters (as CPython builds it on shared state).

    The generation counts rounds; a negative one means broken. A waiter leaves when it changes: to gen + 1 the
    round passed, to anything else (abort, reset, a timeout elsewhere) it raises BrokenBarrierError.
    """

    def __init__(self, parties, action=None, timeout=None, *, ctx=None):
        self.parties, self._action, self._timeout = parties, action, timeout
        self._cond = Condition(Lock())
        self._count = Value('i', 0, lock=False)
        self._generation = Value('i', 0, lock=False)

    def wait(self, timeout=None):
        timeout = self._timeout if timeout is None else timeout
        with self._cond:
            gen = self._generation.value
            if gen < 0:
                raise _threading.BrokenBarrierError
            index = self._count.value
            self._count.value = index + 1
            if index + 1 == self.parties:
                if self._action:
                    try:
                        self._action()
                    except BaseException:
                        self._break()
                        raise
                self._count.value = 0
                self._generation.value = gen + 1
                self._cond.notify_all()
                return index
            while self._generation.value == gen:
                if not self._cond.wait(timeout):
                    self._break()
                    raise _threading.BrokenBarrierError
            if self._generation.value != gen + 1:
                raise _threading.BrokenBarrierError
            return index

    def _break(self):
        g = self._generation.value
        self._generation.value = g if g < 0 else -g - 1
        self._count.value = 0
        self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def reset(self):
        with self._cond:
            self._generation.value = abs(self._generation.value) + 2  # waiters see neither gen nor gen + 1
            self._count.value = 0
            self._cond.notify_all()

    @property
    def broken(self):
        return self._generation.value < 0

    @property
    def n_waiting(self):
        return 0 if self.broken else self._count.value

    def __repr__(self):
        if self.broken:
            return f'<multiprocessing.synchronize.Barrier at {id(self):#x}: broken>'
        return f'<multiprocessing.synchronize.Barrier at {id(self):#x}: waiters={self.n_waiting}/{self.parties}>'


# ---- shared data -----------------------------------------------------------

_INT_CODES = set('bBhHiIlLqQ')
_FLOAT_CODES = set('fd')


def _core_typecode(typecode_or_type):
    tc = getattr(typecode_or_type, '_type_', typecode_or_type)  # ctypes.c_int has _type_ 'i'
    if tc in _INT_CODES or tc == 'c':
        return 'i'
    if tc in _FLOAT_CODES:
        return 'd'
    raise _said(TypeError, 'runtime.typecode', code=repr(typecode_or_type))


# The ctypes type CPython makes for each typecode (64-bit Linux: 'q' is c_long), as its reprs name them.
_CTYPES = {'b': 'c_byte', 'B': 'c_ubyte', 'h': 'c_short', 'H': 'c_ushort', 'i': 'c_int', 'I': 'c_uint', 'l': 'c_long',
           'L': 'c_ulong', 'q': 'c_long', 'Q': 'c_ulong', 'f': 'c_float', 'd': 'c_double', 'c': 'c_char'}


def _ctype_name(typecode_or_type):
    tc = getattr(typecode_or_type, '_type_', typecode_or_type)
    return _CTYPES.get(tc, getattr(typecode_or_type, '__name__', str(tc)))


def _checked(ctype, v):
    """What a ctypes field of this type accepts, with its TypeError for what it does not."""
    if ctype == 'c_char':
        if isinstance(v, (bytes, bytearray)) and len(v) == 1:
            return v[0]
        if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 256:
            return v
        raise TypeError('one character bytes, bytearray or integer expected')
    if ctype in ('c_float', 'c_double'):
        if isinstance(v, (int, float)):
            return float(v)
        raise TypeError(f'must be real number, not {type(v).__name__}')
    if isinstance(v, int):
        return int(v)
    try:
        return v.__index__()
    except AttributeError:
        raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer") from None


class _Synchronized(_Shared):
    """What Value and Array made with a lock add (lock=False gives the raw object): get_lock, get_obj, `with v:`."""

    def get_lock(self):
        if not hasattr(self, '_lock'):
            self._lock = _rebuild(RLock, 'rlock', self._ids[1:], (), {'_ignored': bool(_ls.ignoreLocks)})
        return self._lock

    def get_obj(self):
        return self

    def __enter__(self):
        return self.get_lock().__enter__()

    def __exit__(self, *exc):
        return self.get_lock().__exit__(*exc)


class _RawValue(_Shared):
    """Value(..., lock=False): a ctypes object in shared memory (`c_int(5)`), with no lock."""

    def __init__(self, typecode_or_type, *args, lock=True, ctx=None):
        ctype = _ctype_name(typecode_or_type)
        core = _core_typecode(typecode_or_type)
        init = _checked(ctype, args[0]) if args else 0
        self._ctype = ctype
        self._make('value', _name_at_call_site('value'), core, init, lock is not False)

    def _raw_name(self):
        return self._ctype

    def _out(self, v):
        return bytes([int(v) & 0xFF]) if self._ctype == 'c_char' else float(v) if self._ctype in ('c_float', 'c_double') else v

    @property
    def value(self):
        try:
            v = self._js_load(_line())
        except JsException as e:
            raise _translate(e) from None
        return self._out(v)

    @value.setter
    def value(self, v):
        v = _checked(self._ctype, v)
        try:
            self._js_store(_line(), v)
        except JsException as e:
            raise _translate(e) from None

    def _state(self):
        return {'_ctype': self._ctype}

    def __repr__(self):
        return f'{self._ctype}({self.value!r})'


class _ValueProxy(_Synchronized, _RawValue):
    def __repr__(self):
        return f'<Synchronized wrapper for {_RawValue.__repr__(self)}>'


_ValueProxy.__name__ = _ValueProxy.__qualname__ = 'Synchronized'  # CPython's class names (type(v), errors)
Synchronized = _ValueProxy
_raw_classes = {}


def _raw_class(base, name):
    """A raw ctypes object's class is named after its type (c_int, c_double_Array_2), as type() and errors show."""
    cls = _raw_classes.get(name)
    if cls is None:
        reduce = lambda self: (_rebuild_raw, (base, *_Shared.__reduce__(self)[1][1:]))  # noqa: E731 (pickled as its base)
        cls = _raw_classes[name] = type(name, (base,), {'__module__': base.__module__, '__reduce__': reduce})
    return cls


def _rebuild_raw(cls, kind, ids, args, state):
    obj = _rebuild(cls, kind, ids, args, state)
    obj.__class__ = _raw_class(cls, obj._raw_name())
    return obj


def Value(typecode_or_type, *args, lock=True, ctx=None):
    if lock is False:
        v = _RawValue(typecode_or_type, *args, lock=lock)
        v.__class__ = _raw_class(_RawValue, v._raw_name())
        return v
    return _ValueProxy(typecode_or_type, *args, lock=lock)


class _RawArray(_Shared):
    """Array(..., lock=False): a ctypes array in shared memory, with no lock."""

    def __init__(self, typecode_or_type, size_or_initializer, lock=True):
        self._ctype = _ctype_name(typecode_or_type)
        core = _core_typecode(typecode_or_type)
        if isinstance(size_or_initializer, int):
            init = [0] * size_or_initializer
        else:
            init = [_checked(self._ctype, x) for x in size_or_initializer]
        self._make('array', _name_at_call_site('array'), core, json.dumps(init), lock is not False)

    def __len__(self):
        return int(self._o.length)

    def __getitem__(self, i):
        if isinstance(i, slice):
            items = [self[k] for k in range(*i.indices(len(self)))]
            return b''.join(items) if self._ctype == 'c_char' else items  # a c_char array's slice is bytes
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError('invalid index')
        return _RawValue._out(self, self._call('load', i))

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            ks = range(*i.indices(len(self)))
            if len(v) != len(ks):
                raise ValueError('Can only assign sequence of same size')
            for k, x in zip(ks, v):
                self[k] = x
            return
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError('invalid index')
        self._call('store', i, _checked(self._ctype, v))

    def __iter__(self):
        return iter([self[k] for k in range(len(self))])

    def _state(self):
        return {'_ctype': self._ctype}

    def _raw_name(self):
        return f'{self._ctype}_Array_{len(self)}'

    def __repr__(self):
        return f'<multiprocessing.sharedctypes.{self._raw_name()} object at {id(self):#x}>'


class _ArrayProxy(_Synchronized, _RawArray):
    def __repr__(self):
        return f'<SynchronizedArray wrapper for {_RawArray.__repr__(self)}>'


_ArrayProxy.__name__ = _ArrayProxy.__qualname__ = 'SynchronizedArray'
SynchronizedArray = _ArrayProxy


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    if lock is False:
        a = _RawArray(typecode_or_type, size_or_initializer, lock)
        a.__class__ = _raw_class(_RawArray, a._raw_name())
        return a
    return _ArrayProxy(typecode_or_type, size_or_initializer, lock)


# ---- queues and pipes: items cross by pickling -----------------------------

_SAFE_INT = 2 ** 53
_INF = float('inf')


def _plain_scalar(x):
    """None, a bool, a str, or a number that JSON (also JS's JSON, which a Pipe goes through) gives back exactly.

    Exact types: an instance of a subclass (of str, int...) travels pickled, which keeps its class.
    """
    t = type(x)
    if x is None or t is bool or t is str:
        return True
    if t is int:
        return -_SAFE_INT < x < _SAFE_INT
    if t is float:
        # 2.0 would come back as 2 through JSON (and nan/inf not at all): those travel pickled.
        return x == x and x != _INF and x != -_INF and not x.is_integer()
    return False


def _plain(x, depth=0):
    """Survives JSON exactly: plain scalars in lists and str-keyed dicts (a key starting with '$' is ours, see _decode)."""
    if depth > 20:
        return False
    if type(x) is list:
        return all(_plain(v, depth + 1) for v in x)
    if type(x) is dict:
        return all(type(k) is str and k[:1] != '$' and _plain(v, depth + 1) for k, v in x.items())
    return _plain_scalar(x)


_NOT_A_TREE = object()


def _tree(x, depth=0):
    """Tuples and lists of plain scalars as JSON data, each tuple a {"$t": [...]}; else _NOT_A_TREE (pickle it).

    What a queue carries most after numbers and strings, `(name, value)`, without pickle's bytes, base64
    and a second JSON pass (a put and get of (7, 'a') under Node, best of 40: ~22 µs, pickled ~29).
    Within such a tree every dict is a tuple, so _untree rebuilds it exactly; dicts, sets, bytes...
    keep travelling pickled.
    """
    t = type(x)
    if t is tuple or t is list:
        if depth > 20:
            return _NOT_A_TREE
        items = []
        for v in x:
            v = _tree(v, depth + 1)
            if v is _NOT_A_TREE:
                return _NOT_A_TREE
            items.append(v)
        return {'$t': items} if t is tuple else items
    return x if _plain_scalar(x) else _NOT_A_TREE


def _untree(v):
    t = type(v)
    if t is dict:
        return tuple([_untree(e) for e in v['$t']])
    if t is list:
        return [_untree(e) for e in v]
    return v


_dumps = json.JSONEncoder(separators=(',', ':'), ensure_ascii=False).encode  # built once: json.dumps with options builds one per call
_loads = json.loads
_scanstring = json.decoder.scanstring


def _shown(item):
    """The repr the views show for an item that does not travel as plain JSON."""
    text = repr(item)
    return text if len(text) <= 40 else text[:39] + '…'


def _encode(item):
    """JSON when the item survives JSON exactly (the views show it as is); else a tree of tuples or its pickle, with a short repr to show."""
    t = type(item)
    if t is int and -_SAFE_INT < item < _SAFE_INT:
        return str(item)  # the common item, without the encoder
    if t is str or _plain(item):
        return _dumps(item)
    tree = _tree(item)
    if tree is not _NOT_A_TREE:
        return _dumps({'$py': _shown(item), '$v': tree})
    data = _pickle_dumps(item)
    return _dumps({'$py': _shown(item), '$pickle': base64.b64encode(data).decode('ascii')})


def _pickle_dumps(obj):
    """pickle.dumps, failing in CPython 3.11's words (see _as_311)."""
    try:
        return pickle.dumps(obj)
    except Exception as e:
        raise _as_311(e) from None


def _as_311(e):
    """A pickling error as CPython 3.11 raises it. Pyodide's pickle is 3.14's, which words a function it cannot find
    ("it's not found as __main__.<lambda>") and a local object (a PicklingError naming its repr) otherwise, and adds
    notes saying where in the object it failed ("when serializing dict item 'f'"), which 3.11 does not print."""
    text = str(e)
    if type(e) is pickle.PicklingError:
        local = re.fullmatch(r"Can't pickle local object (?:<function (\S+) at 0x[0-9a-f]+>|<class '[^.']+\.([^']+)'>)", text)
        if local:
            return AttributeError(f"Can't pickle local object '{local[1] or local[2]}'")
        missing = re.fullmatch(r"(Can't pickle .*): it's not found as ([^.]+)\.(.+)", text)
        if missing:
            return pickle.PicklingError(f'{missing[1]}: attribute lookup {missing[3]} on {missing[2]} failed')
    if type(e) in (pickle.PicklingError, TypeError, AttributeError):
        return type(e)(*e.args)
    if hasattr(e, '__notes__'):
        del e.__notes__
    return e


def _decode(text):
    if text.isdigit() or (text[:1] == '-' and text[1:].isdigit()):
        return int(text)  # the common item, without the decoder (ours and JSON.stringify write ASCII digits only)
    if text[:1] == '"':
        return _scanstring(text, 1)[0]  # a str item is one JSON string: its scanner alone
    item = _loads(text)
    if type(item) is dict:
        if '$v' in item:
            return _untree(item['$v'])
        if '$pickle' in item:
            return pickle.loads(base64.b64decode(item['$pickle']))
    return item


_SLOT_BYTES = 248  # a queue slot's size (src/core/queue.ts ITEM_BYTES): a longer item travels in _pieces
_PIECE = 100  # characters of ASCII text per piece (escaped JSON stays under a slot)


def _fits(text):
    return len(text) <= _SLOT_BYTES // 3 or len(text.encode('utf-8')) <= _SLOT_BYTES


def _pieces(prefix, text):
    """An item's encoded `text` as ASCII cut in pieces, each a queue item's JSON `prefix + [mark, piece]`: mark '+'
    until the last, '='. The reader joins the pieces of one sender (the prefix names it) and _decodes them."""
    if not text.isascii():
        text = json.dumps(json.loads(text), separators=(',', ':'))  # escape: a piece's size is then its length
    cuts = range(0, len(text), _PIECE)
    return [json.dumps(prefix + ['=' if i + _PIECE >= len(text) else '+', text[i:i + _PIECE]], separators=(',', ':')) for i in cuts]


class Queue(_Shared):
    _cpython_module = 'multiprocessing.queues'
    _inheritable_only = False  # a queue may travel inside another queue's item, as in Python
    _core_kind = 'queue'

    _closed = False  # close() is this process's own: a closed queue's copy elsewhere still works, as in CPython

    def __init__(self, maxsize=0, *, ctx=None, _internal=False):
        self._maxsize = maxsize
        if _internal:  # a Pool's own channel: tagged so the cards do not show its items as the learner's values
            self._make(self._core_kind, _name_at_call_site(self._core_kind), int(maxsize), True)
        else:
            self._make(self._core_kind, _name_at_call_site(self._core_kind), int(maxsize))

    # CPython's Queue pickles in its feeder thread: an item that cannot be pickled is reported there (a traceback on
    # stderr) and dropped, and put() has returned. SimpleQueue pickles in put() and raises.
    _feeds = True

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError(f'Queue {self!r} is closed')
        try:
            text = _encode(obj)
        except Exception as e:
            if not self._feeds:
                raise
            import traceback
            sys.stderr.write('Traceback (most recent call last):\n' + ''.join(traceback.format_exception_only(type(e), e)))
            return
        try:
            self._js_putJson(_line(), text, bool(block), timeout)
        except JsException as e:
            raise _translate(e) from None

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError(f'Queue {self!r} is closed')
        try:
            text = self._js_getJson(_line(), bool(block), timeout)
        except JsException as e:
            raise _translate(e) from None
        return _decode(text)

    def _get_timeout(self, timeout):
        return Queue.get(self, True, timeout)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return int(self._call('qsize'))

    def empty(self):
        return bool(self._call('empty'))

    def full(self):
        return bool(self._call('full'))

    def close(self):
        self._closed = True

    def join_thread(self):
        pass

    def cancel_join_thread(self):
        pass

    def _state(self):
        return {'_maxsize': self._maxsize}


class JoinableQueue(Queue):
    _core_kind = 'jqueue'

    def task_done(self):
        self._call('task_done')

    def join(self):
        self._call('join')


class SimpleQueue(Queue):
    _feeds = False

    def __init__(self, *, ctx=None, _internal=False):
        super().__init__(0, _internal=_internal)

    def put(self, obj):
        super().put(obj)

    def get(self):
        return super().get()


class Connection(_Shared):
    _cpython_module = 'multiprocessing.connection'
    _inheritable_only = False

    def __init__(self):
        raise TypeError('use multiprocessing.Pipe()')

    def send(self, obj):
        self._call('sendJson', _encode(obj))

    def recv(self):
        return _decode(self._call('recvJson'))

    def poll(self, timeout=0.0):
        # None waits for data forever; a number waits up to that many seconds (0: answer at once).
        return bool(self._call('poll', None if timeout is None else float(timeout)))

    def close(self):
        # This process's copy: the stream ends once no process that still runs holds a copy (CPython counts descriptors).
        self._call('close')

    def _state(self):
        return {}

    def __reduce__(self):
        if _spawning:
            _given_now.append(self)
        return (_adopt_connection, _Shared.__reduce__(self)[1])

    def send_bytes(self, buf):
        self.send(bytes(buf))

    def recv_bytes(self):
        return bytes(self.recv())

    @property
    def closed(self):
        return bool(self._o.closed)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_given_now = []  # the connections the Process object being spawned carries


def _adopt_connection(*args):
    """A copy of an end in this process: closed as the process's program ends, as CPython's exit closes its handles."""
    c = _rebuild(*args)
    _finalizers.append(lambda: c.closed or c.close())
    return c


def Pipe(duplex=True):
    made = _ls.make('pipe', _name_at_call_site('pipe'), bool(duplex))
    ends = []
    for end in (0, 1):
        c = Connection.__new__(Connection)
        c._o = made[0][end]
        c._kind, c._ids, c._args = 'pipe', list(made[1]), (bool(duplex), end)
        ends.append(c)
    return tuple(ends)


# ---- processes -------------------------------------------------------------

_BOOTSTRAP_MESSAGE = '''
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        '''

_bootstrapping = False
# This process's slot: the simulator's pid, which every call to it names. The learner sees _os_pid(slot).
_slot = 0
_pid_base = 1000


def _os_pid(slot):
    """The pid the learner sees for a slot (src/core/pid.ts osPid): nonzero, distinct, like a system's."""
    return _pid_base + slot


_current = None
_parent = None
_children = []
_counter = itertools.count(1)


class BaseProcess:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        assert group is None, 'group argument must be None for now'
        self._identity = _current._identity + (next(_counter),)
        self._parent_pid = _slot
        self._parent_name = _current.name
        self._target, self._args, self._kwargs = target, tuple(args), dict(kwargs or {})
        self._name = name or type(self).__name__ + '-' + ':'.join(str(i) for i in self._identity)
        self._daemonic = _current.daemon if daemon is None else bool(daemon)
        self._pid = None
        self._closed = False

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        global _spawning
        self._check_closed()
        assert self._pid is None, 'cannot start a process twice'
        assert self._parent_pid == _slot, 'can only start a process object created by current process'
        assert not _current.daemon, 'daemonic processes are not allowed to have children'
        if _bootstrapping:
            raise RuntimeError(_BOOTSTRAP_MESSAGE)
        _spawning += 1
        _given_now.clear()
        try:
            data = _pickle_dumps(self)
        finally:
            _spawning -= 1
        self._pid = int(_bridge(_ls.spawn, self._name, self._daemonic, base64.b64encode(data).decode('ascii')))
        _children.append(self)
        for c in _given_now:
            c._o.give(self._pid)  # the child's copy counts at once: the parent may close its own next

    def __getstate__(self):
        state = dict(self.__dict__)
        state['_pid'] = None
        return state

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == _slot, 'can only join a child process'
        assert self._pid is not None, 'can only join a started process'
        _bridge(_ls.join, self._pid, timeout)
        if not self.is_alive() and self in _children:
            _children.remove(self)

    def is_alive(self):
        self._check_closed()
        if self is _current:
            return True
        return self._pid is not None and bool(_ls.alive(self._pid))

    def terminate(self):
        self._check_closed()
        if self._pid is not None:
            _bridge(_ls.terminate, self._pid, 15)

    def kill(self):
        self._check_closed()
        if self._pid is not None:
            _bridge(_ls.terminate, self._pid, 9)

    def close(self):
        if self._pid is not None and self.is_alive():
            raise ValueError('Cannot close a process while it is still running. You should first call join() or terminate().')
        self._closed = True

    def _check_closed(self):
        if self._closed:
            raise ValueError('process object is closed')

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), 'name must be a string'
        self._name = name

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        assert self._pid is None, 'process has already started'
        self._daemonic = bool(daemonic)

    @property
    def pid(self):
        return None if self._pid is None else _os_pid(self._pid)

    ident = pid

    @property
    def exitcode(self):
        if self._pid is None:
            return None
        code = _ls.exitcode(self._pid)
        return None if code is None else int(code)

    def __repr__(self):
        # CPython's process.py: the pid only where this process started it, the parent's pid, then the status.
        # _parent_pid is a slot (the simulator's pid); the learner sees _os_pid of it.
        code = None
        if self is _current:
            status = 'started'
        elif self._closed:
            status = 'closed'
        elif self._parent_pid != _slot:
            status = 'unknown'
        elif self._pid is None:
            status = 'initial'
        else:
            code = self.exitcode
            status = 'started' if code is None else 'stopped'
        info = [type(self).__name__, f'name={self._name!r}']
        if self._pid is not None and self is not _current and self._parent_pid == _slot and not self._closed:
            info.append(f'pid={self.pid}')
        info.append(f'parent={None if self._parent_pid is None else _os_pid(self._parent_pid)}')
        info.append(status)
        if code is not None:
            info.append(f'exitcode={_EXITCODE_NAMES.get(code, code)}')
        if self._daemonic:
            info.append('daemon')
        return '<%s>' % ' '.join(info)


_EXITCODE_NAMES = {-15: '-SIGTERM', -9: '-SIGKILL', -2: '-SIGINT'}


class Process(BaseProcess):
    pass


class SpawnProcess(Process):
    """What get_context('spawn').Process makes (its default name is SpawnProcess-N, as in CPython)."""


class _MainProcess(BaseProcess):
    def __init__(self):
        self._identity = ()
        self._name = 'MainProcess'
        self._daemonic = False
        self._pid = _slot
        self._parent_pid = None
        self._closed = False
        self._target = None


class _ParentProcess:
    def __init__(self, name, slot):
        self._slot = slot
        self.name, self.pid, self.ident, self.daemon = name, _os_pid(slot), _os_pid(slot), False

    def is_alive(self):
        return bool(_ls.alive(self._slot))

    def __repr__(self):
        return f'<_ParentProcess name={self.name!r} parent={self.pid} unknown>'


def current_process():
    return _current


def parent_process():
    return _parent


def active_children():
    for p in list(_children):
        if not p.is_alive():
            _children.remove(p)
    return list(_children)


def cpu_count():
    return int(_ls.cpuCount)


def freeze_support():
    pass


def get_start_method(allow_none=False):
    return 'spawn'


def get_all_start_methods():
    return ['spawn']


def set_start_method(method, force=False):
    if method != 'spawn':
        raise _said(ValueError, 'runtime.spawnOnly', method=repr(method))


class SpawnContext:
    """get_context('spawn'): the module's API, with CPython's SpawnProcess as its Process."""
    Process = SpawnProcess
    _name = 'spawn'

    def __getattr__(self, name):
        return getattr(sys.modules[__name__], name)

    def get_start_method(self, allow_none=False):
        return 'spawn'

    def __repr__(self):
        return f'<multiprocessing.context.SpawnContext object at {id(self):#x}>'


def get_context(method=None):
    if method is None:
        return sys.modules[__name__]
    set_start_method(method)
    return SpawnContext()


def _bind(bridge):
    """This run's bridge (the module stays imported between runs); what a run left behind is dropped."""
    global _ls, _spawning
    _ls, _spawning = bridge, 0
    pool._job_ids = itertools.count()


_finalizers = []


def _exit_function():
    """As the process's program returns (CPython's util._exit_function): shut down the managers it started."""
    while _finalizers:
        _finalizers.pop()()


def _init_process(role, pid, name, parent, pid_base):
    """Called by the runner before the program: who this process is (`pid`: its slot)."""
    global _current, _parent, _bootstrapping, _children, _counter, _finalizers, _slot, _pid_base
    _slot, _pid_base = pid, pid_base
    _children, _counter, _finalizers = [], itertools.count(1), []
    if role == 'main':
        _current, _parent, _bootstrapping = _MainProcess(), None, False
    else:
        # Until the child has unpickled its Process object it answers to its name only.
        _current, _parent, _bootstrapping = _MainProcess(), _ParentProcess(parent[0], parent[1]), True
        _current._name = name


def _adopt_current(proc):
    """The child has unpickled its Process object: it is current_process() from now on."""
    global _current, _bootstrapping, _counter
    proc._pid = _slot
    proc._parent_pid = _parent._slot if _parent else None
    _current, _bootstrapping = proc, False
    _counter = itertools.count(1)


from multiprocessing import pool  # noqa: E402  (Pool is built on the above)
from multiprocessing.pool import Pool  # noqa: E402
from multiprocessing.managers import Manager  # noqa: E402
