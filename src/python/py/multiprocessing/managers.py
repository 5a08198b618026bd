"""multiprocessing.Manager() on the simulator, built as CPython's is.

`Manager()` starts a server process (named SyncManager-1, a lane of its own)
that owns every object made through it: dict, list, Value, Array, Lock, RLock,
Semaphore, Event, Condition, Barrier, Queue, JoinableQueue, Namespace. A proxy in any process turns
each method call into a request on the manager's request queue and waits for
the reply on its own reply queue (the core Manager's queues, src/core/manager.ts);
the server runs the method on the real object and replies with the result, or
with the exception, which the proxy raises again in the caller. So
`d[k] += 1` is two round trips (a get and a set) and can lose updates as in
Python, while `l.append(x)` is one, done whole by the server.

Messages are queue items, whose slots hold 248 bytes: a longer message, or one
that needs pickling, travels as pieces (`[pid, '+', text]` ... `[pid, '=',
text]` to the server, `['+', text]` ... `['=', text]` back) that the receiver
joins. CPython's server answers each client on a thread of its own; ours is a
single-threaded process, so a call that would block there (acquire a held lock,
get from an empty queue) is parked and answered when a later request makes it
possible, or when its timeout passes. Proxies may travel to other processes
(as Process arguments, inside queue items) as in Python.
"""
import collections
import json
import os
import queue as _queue
import threading as _threading

import multiprocessing as _mp

_DIRECT_BYTES = 200  # a message up to this size travels as one item


# ---- the wire -----------------------------------------------------------------

def _direct(item):
    """The item as one queue item's JSON, or None when it must travel pickled or in pieces."""
    if not _mp._plain(item):
        return None
    text = json.dumps(item, separators=(',', ':'), ensure_ascii=False)
    return text if len(text.encode('utf-8')) <= _DIRECT_BYTES else None


class _Channel(_mp._Shared):
    """The manager's queues as this process sees them; crosses to other processes with its proxies."""
    _inheritable_only = False

    def __init__(self, name):
        self._make('manager', name)
        self._server_pid = None

    def _state(self):
        return {'_server_pid': self._server_pid}

    def call(self, oid, method, args, kwargs=None):
        """One round trip to the server: the request out, then its reply in; the server's exception raises here."""
        if self._server_pid is None or not _mp._ls.alive(self._server_pid):
            raise _mp._said(ConnectionRefusedError, 'runtime.managerGone', 111)
        pid = _mp._slot  # the server replies to this process's slot
        request = [oid, method, args, kwargs] if kwargs else [oid, method, args]
        text = _direct([pid, *request])
        for item in [text] if text is not None else _mp._pieces([pid], _mp._encode(request)):
            self._call('request', item)
        ok, value = self._receive()
        if not ok:
            raise value
        return value

    def _receive(self):
        parts = []
        while True:
            item = json.loads(self._call('awaitReply'))
            if item[0] == '+':
                parts.append(item[1])
            elif item[0] == '=':
                parts.append(item[1])
                return _mp._decode(''.join(parts))
            else:
                return item


# ---- the server's objects ---------------------------------------------------------

class _Blocked:
    """A call that cannot finish now: park it (until `timeout` seconds pass, then `expire()` answers)."""

    def __init__(self, timeout, expire):
        self.timeout, self.expire = timeout, expire


def _timeout_of(block, timeout):
    return 0 if not block else None if timeout is None else max(0.0, float(timeout))


class _Held:
    """An object the server holds; its `exposed` methods take the calling pid first."""
    exposed = ()

    def call(self, client, method, args, kwargs):
        if method == '__str__':
            return str(self)
        if method not in self.exposed:
            raise AttributeError(f'method {method!r} of {type(self).__name__[5:]} is not exposed')
        return getattr(self, method)(client, *args, **kwargs)


class _HeldBuiltin(_Held):
    """A dict or list: the real one, its methods as they are (views and iterators come back as lists)."""

    def __init__(self, obj, exposed):
        self.obj, self.exposed = obj, exposed

    def call(self, client, method, args, kwargs):
        if method == '__str__':
            return str(self.obj)
        if method not in self.exposed:
            raise AttributeError(f"'{type(self.obj).__name__}' proxy has no method {method!r}")
        if method == '__iter__':
            return list(self.obj)
        result = getattr(self.obj, method)(*args, **kwargs)
        if type(result).__name__ in ('dict_keys', 'dict_values', 'dict_items', 'list_reverseiterator'):
            result = list(result)
        return result

    def __repr__(self):
        return repr(self.obj)


_DICT_METHODS = ('__contains__', '__delitem__', '__getitem__', '__iter__', '__len__', '__setitem__', 'clear', 'copy',
                 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values')
_LIST_METHODS = ('__add__', '__contains__', '__delitem__', '__getitem__', '__iter__', '__len__', '__mul__', '__reversed__',
                 '__rmul__', '__setitem__', 'append', 'count', 'extend', 'index', 'insert', 'pop', 'remove', 'reverse',
                 'sort', '__imul__')


class _HeldValue(_Held):
    exposed = ('get', 'set')

    def __init__(self, typecode, value):
        self.typecode, self.value = typecode, value

    def get(self, client):
        return self.value

    def set(self, client, value):
        self.value = value

    def __repr__(self):
        return f'Value({self.typecode!r}, {self.value!r})'


class _HeldLock(_Held):
    """threading.Lock (any process may release it) or, recursive, RLock (its owner only)."""
    exposed = ('acquire', 'release')

    def __init__(self, recursive):
        self.recursive, self.owner, self.count = recursive, None, 0

    def acquire(self, client, blocking=True, timeout=None):
        if self.count == 0 or (self.recursive and self.owner == client):
            self.owner, self.count = client, self.count + 1
            return True
        if timeout is not None and timeout < 0:
            timeout = None
        return _Blocked(_timeout_of(blocking, timeout), lambda: False) if blocking else False

    def release(self, client):
        if self.recursive and (self.count == 0 or self.owner != client):
            raise RuntimeError('cannot release un-acquired lock')
        if self.count == 0:
            raise RuntimeError('release unlocked lock')
        self.count -= 1
        if self.count == 0:
            self.owner = None

    def __repr__(self):
        kind = 'RLock' if self.recursive else 'Lock'
        # The owner's pid as the learner sees it (os.getpid()), short enough that the card's line `lock = <Lock
        # locked by 1002>` fits an event's 28-byte payload whole ("locked by pid 1002" was cut to "pid 1…").
        return f'<{kind} unlocked>' if self.count == 0 else f'<{kind} locked by {_mp._os_pid(self.owner)}>'


class _HeldSemaphore(_Held):
    exposed = ('acquire', 'release', 'get_value')

    def __init__(self, value, bounded):
        if value < 0:
            raise ValueError('semaphore initial value must be >= 0')
        self.value, self.initial, self.bounded = value, value, bounded

    def acquire(self, client, blocking=True, timeout=None):
        if self.value > 0:
            self.value -= 1
            return True
        return _Blocked(_timeout_of(blocking, timeout), lambda: False) if blocking else False

    def release(self, client, n=1):
        if self.bounded and self.value + n > self.initial:
            raise ValueError('Semaphore released too many times')
        self.value += n

    def get_value(self, client):
        return self.value

    def __repr__(self):
        return f'<Semaphore value={self.value}>'


class _HeldEvent(_Held):
    exposed = ('set', 'clear', 'is_set', 'wait')

    def __init__(self):
        self.flag = False

    def set(self, client):
        self.flag = True

    def clear(self, client):
        self.flag = False

    def is_set(self, client):
        return self.flag

    def wait(self, client, timeout=None):
        return True if self.flag else _Blocked(_timeout_of(True, timeout), lambda: False)

    def __repr__(self):
        return f'<Event {"set" if self.flag else "unset"}>'


class _HeldQueue(_Held):
    """queue.Queue, or with joinable, a JoinableQueue (task_done, join)."""
    exposed = ('put', 'get', 'qsize', 'empty', 'full', 'task_done', 'join')

    def __init__(self, maxsize, joinable):
        self.items, self.maxsize, self.joinable, self.unfinished = collections.deque(), maxsize, joinable, 0

    def full(self, client):
        return 0 < self.maxsize <= len(self.items)

    def put(self, client, item, block=True, timeout=None):
        if self.full(client):
            return _Blocked(_timeout_of(block, timeout), self._raise(_queue.Full))
        self.items.append(item)
        self.unfinished += 1
        return None

    def get(self, client, block=True, timeout=None):
        if not self.items:
            return _Blocked(_timeout_of(block, timeout), self._raise(_queue.Empty))
        return self.items.popleft()

    @staticmethod
    def _raise(cls):
        def expire():
            raise cls
        return expire

    def qsize(self, client):
        return len(self.items)

    def empty(self, client):
        return not self.items

    def task_done(self, client):
        if not self.joinable:
            raise AttributeError("'Queue' proxy has no method 'task_done'")
        if self.unfinished <= 0:
            raise ValueError('task_done() called too many times')
        self.unfinished -= 1

    def join(self, client):
        if not self.joinable:
            raise AttributeError("'Queue' proxy has no method 'join'")
        return None if self.unfinished == 0 else _Blocked(None, None)

    def __repr__(self):
        return f'Queue({list(self.items)!r})'


class _HeldCondition(_Held):
    """threading.Condition over a lock the server holds (its own RLock, or a managed Lock/RLock passed in).

    A call is retried while it is parked (see _Server._retry), so a wait keeps its place here: first
    waiting for a notify (the lock given up, its depth saved), then, notified or timed out, waiting to
    take the lock back at that depth, as threading's wait does before it returns.
    """
    exposed = ('acquire', 'release', 'wait', 'notify', 'notify_all')

    def __init__(self, lock=None):
        self.lock = lock if lock is not None else _HeldLock(True)
        self.waiting = []  # [client, depth], in the order they waited (notify wakes the oldest)
        self.waking = {}  # client -> (depth, what wait returns): notified or timed out, taking the lock back

    def acquire(self, client, blocking=True, timeout=None):
        return self.lock.acquire(client, blocking, timeout)

    def release(self, client):
        self.lock.release(client)

    def _owned(self, client):
        # threading's _is_owned: an RLock by its owner; a plain Lock by whoever (it is held at all).
        return self.lock.count > 0 and (self.lock.owner == client or not self.lock.recursive)

    def wait(self, client, timeout=None):
        if client in self.waking:
            if self.lock.count:
                return _Blocked(None, None)
            depth, result = self.waking.pop(client)
            self.lock.owner, self.lock.count = client, depth
            return result
        if any(w[0] == client for w in self.waiting):
            return _Blocked(None, None)  # still waiting for a notify (its timeout is the first park's)
        if not self._owned(client):
            raise RuntimeError('cannot wait on un-acquired lock')
        self.waiting.append([client, self.lock.count])
        self.lock.owner, self.lock.count = None, 0
        return _Blocked(_timeout_of(True, timeout), lambda: self._timed_out(client))

    def _timed_out(self, client):
        """The wait's timeout passed before a notify: it still takes the lock back, then returns False."""
        for w in self.waiting:
            if w[0] == client:
                self.waiting.remove(w)
                self.waking[client] = (w[1], False)
        return self.wait(client)

    def notify(self, client, n=1):
        if not self._owned(client):
            raise RuntimeError('cannot notify on un-acquired lock')
        for c, depth in self.waiting[:n]:
            self.waking[c] = (depth, True)
        del self.waiting[:n]

    def notify_all(self, client):
        self.notify(client, len(self.waiting))

    def __repr__(self):
        return f'<Condition({self.lock!r}), {len(self.waiting)} waiting>'


class _HeldBarrier(_Held):
    """threading.Barrier: a call is retried while parked, so each waiter remembers the round it waits in."""
    exposed = ('wait', 'abort', 'reset', '__getattribute__')

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError('parties must be >= 1')
        self.parties, self.action, self.timeout = parties, action, timeout
        self.count, self.round, self.broken = 0, 0, False
        self.waiters = {}  # client -> [round, index, broken]

    def wait(self, client, timeout=None):
        waiter = self.waiters.get(client)
        if waiter is not None:
            if waiter[2]:
                del self.waiters[client]
                raise _threading.BrokenBarrierError
            if waiter[0] != self.round:
                del self.waiters[client]
                return waiter[1]
            return _Blocked(None, None)
        if self.broken:
            raise _threading.BrokenBarrierError
        index = self.count
        self.count += 1
        if self.count == self.parties:
            try:
                if self.action:
                    self.action()
            except BaseException:
                self._break()
                raise
            self.count, self.round = 0, self.round + 1
            return index
        self.waiters[client] = [self.round, index, False]
        timeout = self.timeout if timeout is None else timeout
        return _Blocked(_timeout_of(True, timeout), lambda: self._timed_out(client))

    def _timed_out(self, client):
        self._break()
        return self.wait(client)  # raises BrokenBarrierError, as the others will when retried

    def _break(self):
        self.broken = True
        for waiter in self.waiters.values():
            if waiter[0] == self.round:
                waiter[2] = True

    def abort(self, client):
        self._break()

    def reset(self, client):
        self._break()  # whoever waits now gets BrokenBarrierError; the barrier starts over
        self.broken, self.count, self.round = False, 0, self.round + 1

    def call(self, client, method, args, kwargs):
        if method == '__getattribute__':
            if args[0] == 'n_waiting':
                return self.count if not self.broken else 0
            if args[0] in ('parties', 'broken'):
                return getattr(self, args[0])
            raise AttributeError(f"'Barrier' object has no attribute {args[0]!r}")
        return super().call(client, method, args, kwargs)

    def __repr__(self):
        return f'<Barrier {"broken" if self.broken else f"waiters={self.count}/{self.parties}"}>'


class _HeldNamespace(_Held):
    exposed = ('__getattribute__', '__setattr__', '__delattr__')

    def __init__(self, **kwds):
        self.ns = dict(kwds)

    def call(self, client, method, args, kwargs):
        if method == '__str__':
            return repr(self)
        if method == '__getattribute__':
            if args[0] not in self.ns:
                raise AttributeError(f"'Namespace' object has no attribute {args[0]!r}")
            return self.ns[args[0]]
        if method == '__setattr__':
            self.ns[args[0]] = args[1]
            return None
        if method == '__delattr__':
            del self.ns[args[0]]
            return None
        raise AttributeError(f'method {method!r} of Namespace is not exposed')

    def __repr__(self):
        return 'Namespace(' + ', '.join(f'{k}={v!r}' for k, v in self.ns.items()) + ')'


_MAKERS = {
    'dict': lambda *a, **k: _HeldBuiltin(dict(*a, **k), _DICT_METHODS),
    'list': lambda seq=(): _HeldBuiltin(list(seq), _LIST_METHODS),
    'Value': lambda typecode, value, lock=True: _HeldValue(typecode, value),
    'Array': lambda typecode, seq, lock=True: _HeldBuiltin([0] * seq if isinstance(seq, int) else list(seq), ('__getitem__', '__setitem__', '__len__', '__iter__')),
    'Lock': lambda: _HeldLock(False),
    'RLock': lambda: _HeldLock(True),
    'Semaphore': lambda value=1: _HeldSemaphore(value, False),
    'BoundedSemaphore': lambda value=1: _HeldSemaphore(value, True),
    'Event': _HeldEvent,
    'Queue': lambda maxsize=0: _HeldQueue(maxsize, False),
    'JoinableQueue': lambda maxsize=0: _HeldQueue(maxsize, True),
    'Namespace': _HeldNamespace,
    'Condition': _HeldCondition,
    'Barrier': _HeldBarrier,
}


class _Server:
    """The server process's loop: take a request, run it on the object it names, reply."""

    def __init__(self, channel):
        self.channel = channel
        self.objects, self.names, self.shown = {}, {}, {}
        self.parked = []  # [client, oid, method, args, deadline, expire], in arrival order
        self.partial = {}  # pid -> pieces of a request on its way

    def serve(self):
        while True:
            try:
                item = json.loads(self.channel._call('take', self._wait_time()))
            except _queue.Empty:
                self._expire()
                self._retry()  # what expired may free others (a broken barrier, a lock a timed-out wait gave back)
                continue
            request = self._assemble(item)
            if request is None:
                continue
            client, oid, method, args, kwargs = (request + [None])[:5]
            if oid == 0 and method == 'shutdown':
                self._reply(client, True, None)
                for (parked_client, *_), _, _ in self.parked:  # each parked entry is (call, deadline, expire)
                    self._reply(parked_client, False, _mp._said(EOFError, 'runtime.managerShutDown'))
                return
            call = [client, oid, method, args, kwargs or {}]
            blocked = self._run(call)
            if blocked is not None:
                deadline = None if blocked.timeout is None else _mp._ls.now() + blocked.timeout
                self.parked.append((call, deadline, blocked.expire))
            self._retry()
            self._expire()

    def _assemble(self, item):
        client = item[0]
        if item[1] not in ('+', '='):
            return item
        self.partial.setdefault(client, []).append(item[2])
        if item[1] == '+':
            return None
        return [client, *_mp._decode(''.join(self.partial.pop(client)))]

    def _run(self, call):
        """Run one call and reply; a call that cannot finish now returns its _Blocked (no reply yet)."""
        client, oid, method, args, kwargs = call
        try:
            if oid == 0:
                result = self._create(*args) if method == 'create' else self._no_such(method)
            else:
                result = self.objects[oid].call(client, method, args, kwargs)
        except Exception as e:  # noqa: BLE001 (it crosses back to the caller)
            self._reply(client, False, e)
            return None
        if isinstance(result, _Blocked):
            return result
        self._reply(client, True, result)
        if oid:
            self._show(oid)
        return None

    @staticmethod
    def _no_such(method):
        raise AttributeError(f'the manager has no method {method!r}')

    def _create(self, typeid, name, args, kwargs):
        # A proxy of this server's own object stands for the object (m.Condition(m.Lock()) shares that lock).
        args = [self.objects[a._oid] if isinstance(a, BaseProxy) and a._oid in self.objects else a for a in args]
        obj = _MAKERS[typeid](*args, **kwargs)
        oid = len(self.objects) + 1
        self.objects[oid], self.names[oid] = obj, name
        self._show(oid)
        return oid

    def _show(self, oid):
        text = f'{self.names[oid]} = {self.objects[oid]!r}'
        if self.shown.get(oid) != text:
            self.shown[oid] = text
            self.channel._call('report', oid, text)

    def _retry(self):
        """Answer the parked calls the last request made possible, oldest first (each may enable the next)."""
        progress = True
        while progress:
            progress = False
            for parked in self.parked:
                if self._run(parked[0]) is None:
                    self.parked.remove(parked)
                    progress = True
                    break

    def _wait_time(self):
        deadlines = [deadline for _, deadline, _ in self.parked if deadline is not None]
        return None if not deadlines else max(0.0, min(deadlines) - _mp._ls.now())

    def _expire(self):
        """Answer the parked calls whose timeout has passed (acquire: False; get: queue.Empty...)."""
        now = _mp._ls.now()
        for parked in list(self.parked):
            call, deadline, expire = parked
            if deadline is not None and deadline <= now:
                self.parked.remove(parked)
                try:
                    result = expire()
                except Exception as e:  # noqa: BLE001
                    self._reply(call[0], False, e)
                    continue
                if isinstance(result, _Blocked):
                    self.parked.append((call, None, None))  # timed out, yet it must take a lock back first (Condition.wait)
                else:
                    self._reply(call[0], True, result)

    def _reply(self, client, ok, value):
        text = _direct([ok, value])
        if text is None:
            try:
                items = _mp._pieces([], _mp._encode([ok, value]))
            except Exception as e:  # noqa: BLE001 (an unpicklable result or exception)
                items = _mp._pieces([], _mp._encode([False, RuntimeError(f'{type(e).__name__}: {e}')]))
        else:
            items = [text]
        for item in items:
            self.channel._call('answer', client, item)


def _run_server(channel):
    _Server(channel).serve()


# ---- proxies -----------------------------------------------------------------

def _rebuild_proxy(cls, channel, oid, name):
    proxy = cls.__new__(cls)
    proxy._channel, proxy._oid, proxy._name = channel, oid, name
    return proxy


class BaseProxy:
    """A handle on one object the server holds; every method is a round trip."""

    def __init__(self, channel, oid, name):
        self._channel, self._oid, self._name = channel, oid, name

    def _callmethod(self, method, args=(), kwds=None):
        return self._channel.call(self._oid, method, list(args), kwds)

    def __reduce__(self):
        return (_rebuild_proxy, (type(self), self._channel, self._oid, self._name))

    def __repr__(self):
        return f'<{type(self).__name__} object, typeid {self._typeid!r} at {id(self):#x}>'

    def __str__(self):
        return self._callmethod('__str__')


def _forward(*names):
    """Proxy methods that are one round trip each, named as the server's."""
    def add(cls):
        for n in names:
            setattr(cls, n, lambda self, *args, _n=n: self._callmethod(_n, args))
        return cls
    return add


@_forward('__contains__', '__delitem__', '__getitem__', '__len__', '__setitem__', 'clear', 'copy', 'get', 'items',
          'keys', 'pop', 'popitem', 'setdefault', 'values')
class DictProxy(BaseProxy):
    _typeid = 'dict'

    def update(self, *args, **kwargs):
        self._callmethod('update', (dict(*args, **kwargs),))

    def __iter__(self):
        return iter(self._callmethod('__iter__'))

    def _getvalue(self):
        return self._callmethod('copy')


@_forward('__contains__', '__delitem__', '__getitem__', '__len__', '__setitem__', 'append', 'count', 'extend', 'index',
          'insert', 'pop', 'remove', 'reverse', '__add__', '__mul__', '__rmul__')
class ListProxy(BaseProxy):
    _typeid = 'list'

    def sort(self, *, key=None, reverse=False):
        self._callmethod('sort', (), {'key': key, 'reverse': reverse})

    def __iter__(self):
        return iter(self._callmethod('__iter__'))

    def __reversed__(self):
        return iter(self._callmethod('__reversed__'))

    def __iadd__(self, value):
        self._callmethod('extend', (value,))
        return self

    def __imul__(self, value):
        self._callmethod('__imul__', (value,))
        return self

    def _getvalue(self):
        return self._callmethod('__getitem__', (slice(None),))


class ValueProxy(BaseProxy):
    _typeid = 'Value'

    def get(self):
        return self._callmethod('get')

    def set(self, value):
        self._callmethod('set', (value,))

    value = property(get, set)


@_forward('__getitem__', '__setitem__', '__len__')
class ArrayProxy(BaseProxy):
    _typeid = 'Array'

    def __iter__(self):
        return iter(self._callmethod('__iter__'))


class AcquirerProxy(BaseProxy):
    _typeid = 'Lock'

    def acquire(self, blocking=True, timeout=None):
        return self._callmethod('acquire', (bool(blocking),) if timeout is None else (bool(blocking), timeout))

    def release(self):
        self._callmethod('release')

    def __enter__(self):
        return self.acquire()

    def __exit__(self, t, v, tb):
        if t is not None and issubclass(t, (_mp._Unwind, KeyboardInterrupt)):
            return False  # a terminated process runs no cleanup
        self.release()


class SemaphoreProxy(AcquirerProxy):
    _typeid = 'Semaphore'

    def get_value(self):
        return self._callmethod('get_value')


@_forward('set', 'clear', 'is_set')
class EventProxy(BaseProxy):
    _typeid = 'Event'

    def wait(self, timeout=None):
        return self._callmethod('wait', (timeout,))


@_forward('qsize', 'empty', 'full', 'task_done', 'join')
class QueueProxy(BaseProxy):
    _typeid = 'Queue'

    def put(self, obj, block=True, timeout=None):
        self._callmethod('put', (obj, bool(block), timeout))

    def get(self, block=True, timeout=None):
        return self._callmethod('get', (bool(block), timeout))

    def put_nowait(self, obj):
        self.put(obj, False)

    def get_nowait(self):
        return self.get(False)


class ConditionProxy(AcquirerProxy):
    _typeid = 'Condition'

    def wait(self, timeout=None):
        return self._callmethod('wait', (timeout,))

    def notify(self, n=1):
        self._callmethod('notify', (n,))

    def notify_all(self):
        self._callmethod('notify_all')

    def wait_for(self, predicate, timeout=None):
        """As CPython's proxy: the predicate runs here, in the caller, between waits."""
        result = predicate()
        if result:
            return result
        end = None if timeout is None else _mp._ls.now() + timeout
        while not result:
            waittime = None
            if end is not None:
                waittime = end - _mp._ls.now()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


class BarrierProxy(BaseProxy):
    _typeid = 'Barrier'

    def wait(self, timeout=None):
        return self._callmethod('wait', (timeout,))

    def abort(self):
        self._callmethod('abort')

    def reset(self):
        self._callmethod('reset')

    parties = property(lambda self: self._callmethod('__getattribute__', ('parties',)))
    n_waiting = property(lambda self: self._callmethod('__getattribute__', ('n_waiting',)))
    broken = property(lambda self: self._callmethod('__getattribute__', ('broken',)))


class NamespaceProxy(BaseProxy):
    _typeid = 'Namespace'

    def __getattr__(self, key):
        if key.startswith('_'):
            raise AttributeError(key)
        return self._callmethod('__getattribute__', (key,))

    def __setattr__(self, key, value):
        if key.startswith('_'):
            return object.__setattr__(self, key, value)
        self._callmethod('__setattr__', (key, value))

    def __delattr__(self, key):
        if key.startswith('_'):
            return object.__delattr__(self, key)
        self._callmethod('__delattr__', (key,))


# ---- the manager ------------------------------------------------------------------

def _maker(typeid, proxy):
    def make(self, *args, **kwargs):
        return self._create(typeid, proxy, _mp._name_at_call_site(typeid.lower()), args, kwargs)
    make.__name__ = typeid
    return make


class SyncManager:
    """`Manager()`: start() runs the server process; shutdown() (or leaving `with`) ends it."""

    def __init__(self):
        self._channel = None
        self._process = None

    def start(self):
        if self._process is not None:
            raise _mp.ProcessError('Already started server')
        self._channel = _Channel(_mp._name_at_call_site('manager'))
        proc = _mp.Process(target=_run_server, args=(self._channel,))
        proc.name = type(self).__name__ + '-' + ':'.join(str(i) for i in proc._identity)
        proc.start()
        self._process = proc
        self._channel._server_pid = proc._pid  # its slot, which _ls.alive names
        _mp._finalizers.append(self.shutdown)

    def _create(self, typeid, proxy, name, args, kwargs):
        if self._process is None:
            raise _mp.ProcessError('Manager has not been started')
        oid = self._channel.call(0, 'create', [typeid, name, list(args), kwargs])
        return proxy(self._channel, oid, name)

    def shutdown(self):
        if self._process is None or not self._process.is_alive():
            return
        self._channel.call(0, 'shutdown', [])
        self._process.join()

    def join(self, timeout=None):
        if self._process is not None:
            self._process.join(timeout)

    @property
    def address(self):
        return f'SyncManager@pid{self._process.pid}' if self._process else None

    def __enter__(self):
        if self._process is None:
            self.start()
        return self

    def __exit__(self, *exc):
        if exc[0] is not None and issubclass(exc[0], (_mp._Unwind, KeyboardInterrupt)):
            return False
        self.shutdown()

    dict = _maker('dict', DictProxy)
    list = _maker('list', ListProxy)
    Value = _maker('Value', ValueProxy)
    Array = _maker('Array', ArrayProxy)
    Lock = _maker('Lock', AcquirerProxy)
    RLock = _maker('RLock', AcquirerProxy)
    Semaphore = _maker('Semaphore', SemaphoreProxy)
    BoundedSemaphore = _maker('BoundedSemaphore', SemaphoreProxy)
    Event = _maker('Event', EventProxy)
    Queue = _maker('Queue', QueueProxy)
    JoinableQueue = _maker('JoinableQueue', QueueProxy)
    Namespace = _maker('Namespace', NamespaceProxy)

    Condition = _maker('Condition', ConditionProxy)
    Barrier = _maker('Barrier', BarrierProxy)

    def Pool(self, processes=None, *args, **kwargs):
        return _mp.Pool(processes, *args, **kwargs)


def Manager():
    m = SyncManager()
    m.start()
    return m
