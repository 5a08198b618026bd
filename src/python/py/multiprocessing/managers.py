"""multiprocessing.Manager() on the simulator.

CPython's manager is a server process that owns the objects and answers each
proxy call in turn. Here each managed dict or list lives in shared memory as a
small document guarded by its own lock, so every method call is one atomic
step, as a call to the server is; `d[k] += 1` is still a get and a set, and
can lose updates the same way. The document shows the object's repr on its
first line (what the views show) and its pickle on the second.
"""
import base64
import pickle

import multiprocessing as _mp


class _PassableLock(_mp.Lock):
    """A manager's lock proxy: it may travel through queues and pool arguments."""
    _inheritable_only = False


class _Managed(_mp._Shared):
    _inheritable_only = False
    _empty = None

    def __init__(self, kind, value):
        name = _mp._name_at_call_site(kind)
        self._make('file', f'<{kind} {name}>', 4096, self._dump(value))
        self._lock_o = _PassableLock.__new__(_PassableLock)
        self._lock_o._make('lock', f'{name}.lock')
        self._lock_o._ignored = False  # the server's own serialisation: never switched off

    @staticmethod
    def _dump(value):
        return repr(value) + '\n' + base64.b64encode(pickle.dumps(value)).decode('ascii')

    def _read(self):
        text = self._call('read')
        return pickle.loads(base64.b64decode(text.split('\n', 1)[1]))

    def _write(self, value):
        self._call('write', self._dump(value))

    def _state(self):
        return {'_lock_o': self._lock_o}

    def _apply(self, fn, write=False):
        with self._lock_o:
            value = self._read()
            result = fn(value)
            if write:
                self._write(value)
            return result

    def __len__(self):
        return self._apply(len)

    def __contains__(self, k):
        return self._apply(lambda v: k in v)

    def __getitem__(self, k):
        return self._apply(lambda v: v[k])

    def __setitem__(self, k, x):
        self._apply(lambda v: v.__setitem__(k, x), True)

    def __delitem__(self, k):
        self._apply(lambda v: v.__delitem__(k), True)

    def __iter__(self):
        return iter(self._apply(list))

    def _getvalue(self):
        return self._apply(lambda v: v)

    def __repr__(self):
        return repr(self._getvalue())

    def __eq__(self, other):
        return self._getvalue() == other


class DictProxy(_Managed):
    def __init__(self, *args, **kwargs):
        super().__init__('dict', dict(*args, **kwargs))

    def get(self, k, default=None):
        return self._apply(lambda v: v.get(k, default))

    def keys(self):
        return self._apply(lambda v: list(v.keys()))

    def values(self):
        return self._apply(lambda v: list(v.values()))

    def items(self):
        return self._apply(lambda v: list(v.items()))

    def update(self, *args, **kwargs):
        self._apply(lambda v: v.update(*args, **kwargs), True)

    def pop(self, k, *default):
        return self._apply(lambda v: v.pop(k, *default), True)

    def setdefault(self, k, default=None):
        return self._apply(lambda v: v.setdefault(k, default), True)

    def clear(self):
        self._apply(lambda v: v.clear(), True)

    def copy(self):
        return self._apply(dict)


class ListProxy(_Managed):
    def __init__(self, sequence=()):
        super().__init__('list', list(sequence))

    def append(self, x):
        self._apply(lambda v: v.append(x), True)

    def extend(self, xs):
        self._apply(lambda v: v.extend(xs), True)

    def insert(self, i, x):
        self._apply(lambda v: v.insert(i, x), True)

    def pop(self, *i):
        return self._apply(lambda v: v.pop(*i), True)

    def remove(self, x):
        self._apply(lambda v: v.remove(x), True)

    def index(self, x):
        return self._apply(lambda v: v.index(x))

    def count(self, x):
        return self._apply(lambda v: v.count(x))

    def sort(self, **kw):
        self._apply(lambda v: v.sort(**kw), True)

    def reverse(self):
        self._apply(lambda v: v.reverse(), True)


class SyncManager:
    def start(self):
        return self

    def shutdown(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()

    dict = DictProxy
    list = ListProxy

    def Value(self, typecode, value, lock=True):
        return _mp.Value(typecode, value, lock=lock)

    def Array(self, typecode, sequence, lock=True):
        return _mp.Array(typecode, sequence, lock=lock)

    def Lock(self):
        lock = _PassableLock()
        return lock

    def RLock(self):
        return _mp.RLock()

    def Semaphore(self, value=1):
        return _mp.Semaphore(value)

    def BoundedSemaphore(self, value=1):
        return _mp.BoundedSemaphore(value)

    def Event(self):
        return _mp.Event()

    def Condition(self, lock=None):
        return _mp.Condition(lock)

    def Barrier(self, parties, action=None, timeout=None):
        return _mp.Barrier(parties, action, timeout)

    def Queue(self, maxsize=0):
        return _mp.Queue(maxsize)

    def JoinableQueue(self, maxsize=0):
        return _mp.JoinableQueue(maxsize)


def Manager():
    return SyncManager()
