"""CPython reference programs for `npm run bench`: the same work the Lockstep bench rows do,
run by the machine's python3 with the real `multiprocessing`, so every ratio compares like with like.

Usage: python3 bench/cpython.py [--repeat N] [--quick] [row[=n] ...]
Prints one JSON object: {"python": version, "rows": {row: {"unit": ..., "n": n, "samples": [...]}}}.
Rows: bank, lock1, lock2, lock4, queue4x4, start100-fork, start100-spawn. `=n` sets the row's size
(updates per process, pairs per process, items per producer, processes) instead of the default.
"""
import json
import multiprocessing as mp
import sys
import time

# --- the bank program: one depositor, one withdrawer, a lock around each update ---------------

def _bank_worker(num, lock, n, d):
    for _ in range(n):
        with lock:
            num.value += d


def bank(n):
    """Seconds from start() to the last join(), as the Lockstep row times Run -> verdict."""
    num = mp.Value('i', 100)
    lock = mp.Lock()
    t0 = time.perf_counter()
    ps = [mp.Process(target=_bank_worker, args=(num, lock, n, d)) for d in (1, -1)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    dt = time.perf_counter() - t0
    assert num.value == 100, num.value
    return dt

# --- lock pairs: N processes sharing one Lock -------------------------------------------------

def _lock_worker(lock, n, ready, go):
    ready.release()
    go.wait()
    for _ in range(n):
        lock.acquire()
        lock.release()


def lock_pairs(procs, n):
    """Acquire/release pairs per second over all processes (timed after every process is ready)."""
    lock = mp.Lock()
    ready = mp.Semaphore(0)
    go = mp.Event()
    ps = [mp.Process(target=_lock_worker, args=(lock, n, ready, go)) for _ in range(procs)]
    for p in ps:
        p.start()
    for _ in ps:
        ready.acquire()
    t0 = time.perf_counter()
    go.set()
    for p in ps:
        p.join()
    return procs * n / (time.perf_counter() - t0)

# --- 4 producers, 4 consumers through Queue(8) -------------------------------------------------

def _producer(q, n):
    for i in range(n):
        q.put(i)


def _consumer(q, n, total):
    s = 0
    for _ in range(n):
        s += q.get()
    with total.get_lock():
        total.value += s


def queue_items(producers, consumers, n):
    """Items per second through Queue(8): `producers` put n each, `consumers` take the same total."""
    q = mp.Queue(8)
    total = mp.Value('q', 0)
    per_consumer = producers * n // consumers
    t0 = time.perf_counter()
    ps = [mp.Process(target=_producer, args=(q, n)) for _ in range(producers)]
    ps += [mp.Process(target=_consumer, args=(q, per_consumer, total)) for _ in range(consumers)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    dt = time.perf_counter() - t0
    assert total.value == producers * n * (n - 1) // 2, 'items lost or duplicated'
    return producers * n / dt

# --- start + join of 100 processes -------------------------------------------------------------

def _nothing():
    pass


def start_join(method, count):
    """Milliseconds to start and join `count` processes that do nothing."""
    ctx = mp.get_context(method)
    t0 = time.perf_counter()
    ps = [ctx.Process(target=_nothing) for _ in range(count)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    return (time.perf_counter() - t0) * 1000


def rows(quick):
    """Each row: (unit, default size, run(size) -> one sample)."""
    return {
        'bank': ('s', 20_000 if quick else 1_000_000, bank),
        'lock1': ('pairs/s', 20_000 if quick else 500_000, lambda n: lock_pairs(1, n)),
        'lock2': ('pairs/s', 20_000 if quick else 500_000, lambda n: lock_pairs(2, n)),
        'lock4': ('pairs/s', 20_000 if quick else 500_000, lambda n: lock_pairs(4, n)),
        'queue4x4': ('items/s', 2_000 if quick else 100_000, lambda n: queue_items(4, 4, n)),
        'start100-fork': ('ms', 100, lambda n: start_join('fork', n)),
        'start100-spawn': ('ms', 100, lambda n: start_join('spawn', n)),
    }


def main(argv):
    repeat = 5
    quick = False
    wanted = []
    it = iter(argv)
    for a in it:
        if a == '--repeat':
            repeat = int(next(it))
        elif a == '--quick':
            quick = True
        else:
            wanted.append(a)
    table = rows(quick)
    out = {'python': sys.version.split()[0], 'quick': quick, 'rows': {}}
    for want in wanted or list(table):
        name, _, size = want.partition('=')
        unit, default, run = table[name]
        n = int(size) if size else default
        out['rows'][want] = {'unit': unit, 'n': n, 'samples': [run(n) for _ in range(repeat)]}
    print(json.dumps(out))


if __name__ == '__main__':
    main(sys.argv[1:])
