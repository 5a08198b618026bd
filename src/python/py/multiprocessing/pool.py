"""multiprocessing.Pool on the simulator: daemonic worker processes fed by a task queue.

Tasks and results cross as pickles through two core Queues, so the lanes show
every hand-over. Results are collected by the process that owns the pool when
it waits (get, wait, join, map); callbacks run there, in arrival order.

A result longer than a queue slot (a long list, or an exception with the
worker's traceback, which CPython chains to it as a RemoteTraceback) travels
as pieces `[worker slot, '+', text]` ... `[worker slot, '=', text]`; the one
reader, the pool's owner, joins each worker's pieces.
"""
import itertools

import multiprocessing as _mp

_job_ids = itertools.count()


class RemoteTraceback(Exception):
    """The worker's traceback, as the __cause__ of its exception re-raised in the pool's owner."""

    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class ExceptionWithTraceback:
    """What a worker sends for an exception: it unpickles as the exception, its traceback text chained as __cause__."""

    def __init__(self, exc):
        self.exc, self.tb = exc, '\n"""\n%s"""' % ''.join(_mp._format_exception(exc))

    def __reduce__(self):
        return rebuild_exc, (self.exc, self.tb)


def rebuild_exc(exc, tb):
    exc.__cause__ = RemoteTraceback(tb)
    return exc


class MaybeEncodingError(Exception):
    """A result the worker could not pickle (CPython's words)."""

    def __init__(self, exc, value):
        self.exc, self.value = repr(exc), repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)

    def __repr__(self):
        return '<%s: %s>' % (type(self).__name__, self)


def _send(results, text):
    """One result's encoded text on the results queue: one item when it fits a slot, else pieces named by this worker."""
    try:
        for item in [text] if _mp._fits(text) else _mp._pieces([_mp._slot], text):
            results._js_putJson(_mp._line(), item, True, None)
    except _mp.JsException as e:
        raise _mp._translate(e) from None


def mapstar(args):
    """One chunk of map's items: CPython's task for a chunk (an item that raises fails the whole chunk, and the rest of it never runs)."""
    return list(map(*args))


def starmapstar(args):
    return list(itertools.starmap(args[0], args[1]))


def _chunks(items, size):
    """CPython's Pool._get_tasks: the items in tuples of `size`, the last one shorter."""
    it = iter(items)
    while True:
        chunk = tuple(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def _worker(tasks, results, initializer, initargs):
    if initializer is not None:
        initializer(*initargs)
    while True:
        task = tasks.get()
        if task is None:
            break
        job, index, func, args, kwargs = task
        try:
            ok, value = True, func(*args, **kwargs)
        except Exception as e:
            ok, value = False, ExceptionWithTraceback(e)
        try:
            text = _mp._encode((job, index, ok, value))
        except Exception as e:
            text = _mp._encode((job, index, False, MaybeEncodingError(e, value)))
        _send(results, text)


class ApplyResult:
    def __init__(self, pool, count, callback, error_callback, single):
        self._pool, self._left, self._values = pool, count, [None] * count
        self._callback, self._error_callback, self._single = callback, error_callback, single
        self._error = None
        self._arrived = []  # indices in arrival order (imap_unordered)
        self._outcomes = {}  # index -> (ok, value): each task's own, as imap yields or raises it

    def _set(self, index, ok, value):
        self._left -= 1
        self._outcomes[index] = (ok, value)
        if ok:
            self._place(index, value)
        elif self._error is None:
            self._error = value
        self._arrived.append(index)
        if self._left == 0:
            if self._error is not None:
                if self._error_callback:
                    self._error_callback(self._error)
            elif self._callback:
                self._callback(self._values[0] if self._single else self._values)

    def _place(self, index, value):
        self._values[index] = value

    def ready(self):
        return self._left == 0

    def successful(self):
        if not self.ready():
            raise ValueError(f'{self!r} not ready')
        return self._error is None

    def wait(self, timeout=None):
        self._pool._collect(lambda: self.ready(), timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise _mp.TimeoutError
        if self._error is not None:
            raise self._error
        return self._values[0] if self._single else self._values


class MapResult(ApplyResult):
    """map's result: `length` values, one task per chunk of `chunksize` (none when it is 0 or less: ready at once, all None)."""

    def __init__(self, pool, chunksize, length, callback, error_callback):
        tasks = 0 if chunksize <= 0 else length // chunksize + bool(length % chunksize)
        super().__init__(pool, tasks, callback, error_callback, False)
        self._values, self._chunksize = [None] * length, chunksize

    def _place(self, index, value):
        self._values[index * self._chunksize:(index + 1) * self._chunksize] = value


AsyncResult = ApplyResult  # CPython's names: apply_async gives an ApplyResult, map_async a MapResult


class IMapIterator:
    """imap's iterator: each task's value or exception at its place in input order; next() goes on past an exception, as CPython's does."""

    def __init__(self, pool, result):
        self._pool, self._result, self._given = pool, result, 0

    def __iter__(self):
        return self

    def _index(self):
        """The task whose outcome comes next, once it is in (else None)."""
        return self._given if self._given in self._result._outcomes else None

    def next(self, timeout=None):
        if self._given >= len(self._result._values):
            raise StopIteration
        self._pool._collect(lambda: self._index() is not None, timeout)
        index = self._index()
        if index is None:
            raise _mp.TimeoutError
        self._given += 1
        ok, value = self._result._outcomes[index]
        if ok:
            return value
        raise value

    __next__ = next


class IMapUnorderedIterator(IMapIterator):
    """imap_unordered's: outcomes in the order they arrive."""

    def _index(self):
        arrived = self._result._arrived
        return arrived[self._given] if self._given < len(arrived) else None


class Pool:
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None, context=None):
        if processes is None:
            processes = _mp.cpu_count()
        if processes < 1:
            raise ValueError('Number of processes must be at least 1')
        self._tasks = _mp.SimpleQueue(_internal=True)
        self._results = _mp.SimpleQueue(_internal=True)
        self._jobs = {}
        self._partial = {}  # worker slot -> pieces of a result on its way
        self._state = 'RUN'
        self._processes = []
        for i in range(processes):
            p = _mp.Process(target=_worker, args=(self._tasks, self._results, initializer, initargs), name=f'SpawnPoolWorker-{i + 1}', daemon=True)
            p.start()
            self._processes.append(p)

    def __reduce__(self):
        raise NotImplementedError('pool objects cannot be passed between processes or pickled')

    def __repr__(self):
        return f'<multiprocessing.pool.Pool state={self._state} pool_size={len(self._processes)}>'

    def _check_running(self):
        if self._state != 'RUN':
            raise ValueError('Pool not running')

    def _put(self, result, tasks):
        """Each (func, args, kwargs) of `result` as a task; one that cannot be pickled fails its own result place, as
        CPython's task handler sets it (its put fails there, not in the caller: map_async returns, get() raises)."""
        job = next(_job_ids)
        self._jobs[job] = result
        for index, (func, args, kwargs) in enumerate(tasks):
            try:
                self._tasks.put((job, index, func, args, kwargs))
            except Exception as e:
                result._set(index, False, e)
        return result

    def _map_async(self, func, iterable, mapper, chunksize, callback=None, error_callback=None):
        """CPython's: the items in chunks, one task each (`mapper` runs a chunk); by default about 4 chunks per worker."""
        self._check_running()
        if not hasattr(iterable, '__len__'):
            iterable = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(iterable), len(self._processes) * 4)
            if extra:
                chunksize += 1
        if len(iterable) == 0:
            chunksize = 0
        result = MapResult(self, chunksize, len(iterable), callback, error_callback)
        chunks = _chunks(iterable, chunksize) if chunksize > 0 else ()
        return self._put(result, ((mapper, ((func, chunk),), {}) for chunk in chunks))

    def _imap(self, iterator, func, iterable, chunksize):
        """imap's iterator of `iterator`'s kind: one task (one value in its result) per item. With a chunksize, one per
        chunk, and as CPython a generator over the chunks' lists: a failed chunk raises at its place (none of its values
        come out) and ends it."""
        self._check_running()
        if chunksize == 1:
            items = list(iterable)
            return iterator(self, self._put(ApplyResult(self, len(items), None, None, False), ((func, (x,), {}) for x in items)))
        if chunksize < 1:
            raise ValueError('Chunksize must be 1+, not {0:n}'.format(chunksize))
        chunks = list(_chunks(iterable, chunksize))
        it = iterator(self, self._put(ApplyResult(self, len(chunks), None, None, False), ((mapstar, ((func, chunk),), {}) for chunk in chunks)))
        return (item for chunk in it for item in chunk)

    def _collect(self, done, timeout=None):
        """Take results until `done()`; with a timeout, only those already there once it passes."""
        import time
        deadline = None if timeout is None else time.monotonic() + timeout
        while not done():
            if deadline is not None and time.monotonic() >= deadline:
                return
            try:
                item = self._results._get_timeout(None if deadline is None else max(0, deadline - time.monotonic()))
            except _mp._queue.Empty:
                return
            if type(item) is list:  # a piece of a long result (see _send); results themselves are tuples
                worker, mark, text = item
                self._partial.setdefault(worker, []).append(text)
                if mark == '+':
                    continue
                item = _mp._decode(''.join(self._partial.pop(worker)))
            job, index, ok, value = item
            self._jobs[job]._set(index, ok, value)

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        return self._put(ApplyResult(self, 1, callback, error_callback, True), [(func, tuple(args), dict(kwds))])

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, mapstar, chunksize).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, mapstar, chunksize, callback, error_callback)

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, starmapstar, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, starmapstar, chunksize, callback, error_callback)

    def imap(self, func, iterable, chunksize=1):
        return self._imap(IMapIterator, func, iterable, chunksize)

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._imap(IMapUnorderedIterator, func, iterable, chunksize)

    def close(self):
        if self._state == 'RUN':
            self._state = 'CLOSE'
            for _ in self._processes:
                self._tasks.put(None)

    def terminate(self):
        self._state = 'TERMINATE'
        for p in self._processes:
            p.terminate()
        for p in self._processes:
            p.join()

    def join(self):
        if self._state == 'RUN':
            raise ValueError('Pool is still running')
        if self._state == 'CLOSE':
            self._collect(lambda: all(r.ready() for r in self._jobs.values()))
        for p in self._processes:
            p.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, *exc):
        self.terminate()
