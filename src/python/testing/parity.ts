/**
 * The parity corpus: the tutorials' multiprocessing programs (src: /work/shared/seeds, in our own words) and
 * the variants a learner tries next, each with what CPython 3.11 prints for it (stdout and stderr, spawn
 * start method). python.test.ts runs each in the Python lab and compares; `node scripts/pyparity.mjs`
 * runs each in `python3` and checks `expect` is still what CPython prints (`--print` shows it).
 *
 * Outputs are compared after `normalize` (addresses, pids, CPython's frames inside its own library, the
 * carets under a traceback line). A case whose processes print in a real race says `unordered`: its lines are
 * compared as a sorted list.
 */

export interface ParityCase {
  name: string;
  code: string;
  /** Files in the working directory before the run. */
  files?: [string, string][];
  /** Lines printed by racing processes: compare as a multiset. */
  unordered?: boolean;
  /** What CPython prints (normalized). */
  expect: string[];
  /** A documented departure: what the lab prints instead, and why it cannot print what CPython does. */
  departure?: { why: string; lab: string[] };
}

/** What may differ between two correct runs, or between CPython's library and ours: not the program's behaviour. */
export function normalize(text: string): string[] {
  const out: string[] = [];
  let skipSource = false;
  for (const raw of text.replace(/\n$/, '').split('\n')) {
    const line = raw
      .replace(/0x[0-9a-fA-F]+/g, '0x?')
      .replace(/\b(pid|parent)=\d+/g, '$1=?')
      .replace(/File "[^"]*\/main\.py"/g, 'File "main.py"')
      .replace(/'[^' ]*\/main\.py'/g, "'main.py'");
    if (skipSource) {
      skipSource = false;
      if (/^ {4}\S/.test(line)) continue;
    }
    // A frame in CPython's own library (multiprocessing/process.py...): ours has none there.
    if (/^ {2}File "/.test(line) && !line.startsWith('  File "main.py"')) {
      skipSource = true;
      continue;
    }
    // The carets under a traceback's source line (3.11 and 3.13 place them differently).
    if (/^\s+[~^]+\s*$/.test(line)) continue;
    out.push(line);
  }
  return out;
}

const c = String.raw;

export const PARITY: ParityCase[] = [
  {
    name: 'printer queue: three tasks take one Lock (tutorial 1), the task found by getattr on sys.modules[__name__]',
    unordered: true,
    code: c`from multiprocessing import Process, Lock
import os, sys, time, random

def task1(lock):
    lock.acquire()
    print('task1 starts printing')
    time.sleep(random.random() / 10)
    print('task1 done')
    lock.release()

def task2(lock):
    with lock:
        print('task2 starts printing')
        print('task2 done')

if __name__ == '__main__':
    mutex = Lock()
    ps = [Process(target=getattr(sys.modules[__name__], f'task{i}'), args=(mutex,)) for i in (1, 2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print('child module name seen as', __name__)
`,
    expect: [
      "task1 starts printing",
      "task1 done",
      "task2 starts printing",
      "task2 done",
      "child module name seen as __main__"
    ],
  },
  {
    name: 'Process attributes: name, pid, daemon, exitcode, is_alive, repr, set name after start',
    code: c`from multiprocessing import Process, current_process, parent_process, active_children
import os, time

def func(q):
    q.put((current_process().name, os.getpid(), os.getppid(), parent_process().name, current_process().daemon))

if __name__ == '__main__':
    from multiprocessing import Queue
    q = Queue()
    p = Process(target=func, args=(q,))
    print(p.name, p.pid, p.exitcode, p.is_alive(), p.daemon)
    print(repr(p))
    p.start()
    name, pid, ppid, parent, daemon = q.get()
    print(name, pid == p.pid, ppid == os.getpid(), parent, daemon)
    p.name = 'alex'
    print('name now', p.name)
    p.join()
    print(p.exitcode, p.is_alive(), active_children())
    print(repr(p))
    print(current_process().name, parent_process())
`,
    expect: [
      "Process-1 None None False False",
      "<Process name='Process-1' parent=? initial>",
      "Process-1 True True MainProcess False",
      "name now alex",
      "0 False []",
      "<Process name='alex' pid=? parent=? stopped exitcode=0>",
      "MainProcess None"
    ],
  },
  {
    name: 'subclassing Process: run() in the child, run() called directly runs in the caller',
    code: c`from multiprocessing import Process, current_process

class MyProcess(Process):
    def __init__(self, n):
        super().__init__()
        self.n = n

    def run(self):
        print('run', self.n, 'in', current_process().name, self.name)

if __name__ == '__main__':
    p = MyProcess(7)
    p.start()
    p.join()
    p.run()
    print(p.exitcode)
`,
    expect: [
      "run 7 in MyProcess-1 MyProcess-1",
      "run 7 in MainProcess MyProcess-1",
      "0"
    ],
  },
  {
    name: 'join(timeout) returns while the child still runs; terminate gives -15; a second start raises',
    code: c`from multiprocessing import Process
import time

def slow():
    time.sleep(5)
    print('never printed')

if __name__ == '__main__':
    p = Process(target=slow)
    p.start()
    p.join(0.2)
    print('after join(0.2):', p.is_alive(), p.exitcode)
    p.terminate()
    p.join()
    print('after terminate:', p.is_alive(), p.exitcode)
    try:
        p.start()
    except AssertionError as e:
        print('AssertionError:', e)
`,
    expect: [
      "after join(0.2): True None",
      "after terminate: False -15",
      "AssertionError: cannot start a process twice"
    ],
  },
  {
    name: 'daemon: dies with the main program; may not start children; must be set before start',
    code: c`from multiprocessing import Process, Queue
import time

def grandchild():
    print('grandchild')

def child(q):
    p = Process(target=grandchild)
    try:
        p.start()
    except AssertionError as e:
        q.put('AssertionError: %s' % e)
    time.sleep(5)
    print('daemon never gets here')

if __name__ == '__main__':
    q = Queue()
    p = Process(target=child, args=(q,), daemon=True)
    print('daemon?', p.daemon)
    p.start()
    print(q.get())
    try:
        p.daemon = False
    except AssertionError as e:
        print('AssertionError:', e)
    print('main ends')
`,
    expect: [
      "daemon? True",
      "AssertionError: daemonic processes are not allowed to have children",
      "AssertionError: process has already started",
      "main ends"
    ],
  },
  {
    name: "an exception in a child: CPython's 'Process Process-1:' traceback, exit code 1; sys.exit codes",
    code: c`from multiprocessing import Process
import sys

def boom(x):
    raise ValueError('bad value %s' % x)

def leave(code):
    sys.exit(code)

if __name__ == '__main__':
    p = Process(target=boom, args=(3,))
    p.start()
    p.join()
    print('exitcode', p.exitcode)
    for code in (2, None, 'message'):
        p = Process(target=leave, args=(code,))
        p.start()
        p.join()
        print('sys.exit(%r) ->' % (code,), p.exitcode)
`,
    expect: [
      "Process Process-1:",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 5, in boom",
      "    raise ValueError('bad value %s' % x)",
      "ValueError: bad value 3",
      "exitcode 1",
      "sys.exit(2) -> 2",
      "sys.exit(None) -> 0",
      "message",
      "sys.exit('message') -> 1"
    ],
  },
  {
    name: 'Queue in one process (tutorial): any picklable item, qsize/empty/full, get timeout, put_nowait on a full queue',
    code: c`from multiprocessing import Queue
import queue

def func():
    print('is func')

class Q:
    pass

if __name__ == '__main__':
    q = Queue(4)
    q.put(1)
    q.put([2])
    q.put(func)
    q.put(Q())
    print(q.qsize(), q.full())
    try:
        q.put(111, block=False)
    except queue.Full as e:
        print('Full', repr(e))
    try:
        q.put_nowait(111)
    except queue.Full:
        print('Full again')
    for i in range(4):
        item = q.get()
        print(type(item).__name__, item if not isinstance(item, Q) else 'a Q')
    q.get()() if False else None
    print(q.qsize(), q.empty())
    try:
        q.get(timeout=0.3)
    except queue.Empty as e:
        print('Empty after timeout', repr(e))
    try:
        q.get_nowait()
    except Exception as e:
        print(type(e).__module__, type(e).__name__)
    try:
        q.get(block=False)
    except queue.Empty:
        print('Empty, block=False')
`,
    expect: [
      "4 True",
      "Full Full()",
      "Full again",
      "int 1",
      "list [2]",
      "function <function func at 0x?>",
      "Q a Q",
      "0 True",
      "Empty after timeout Empty()",
      "_queue Empty",
      "Empty, block=False"
    ],
  },
  {
    name: 'ticket office on a queue (tutorial): 3 tickets, 4 buyers checking qsize()',
    unordered: true,
    code: c`from multiprocessing import Process, Queue, Lock

def task(q, lock, i):
    with lock:
        if q.qsize() > 0:
            q.get()
            print('bought')
        else:
            print('sold out')

if __name__ == '__main__':
    q = Queue(10)
    lock = Lock()
    for i in range(3):
        q.put(1)
    ps = [Process(target=task, args=(q, lock, i)) for i in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    print('left', q.qsize())
`,
    expect: [
      "bought",
      "bought",
      "bought",
      "sold out",
      "left 0"
    ],
  },
  {
    name: 'producer/consumer with a None sentinel per consumer (tutorial 4.2)',
    unordered: true,
    code: c`from multiprocessing import Process, Queue
import time, random

def producer(name, food, q):
    for i in range(3):
        time.sleep(random.random() / 20)
        q.put(f'{name} made {food} {i}')

def consumer(name, q, out):
    n = 0
    while True:
        data = q.get()
        if data is None:
            break
        n += 1
    out.put(n)

if __name__ == '__main__':
    q, out = Queue(), Queue()
    cooks = [Process(target=producer, args=(f'cook{i}', f, q)) for i, f in enumerate(['bun', 'bread'])]
    eaters = [Process(target=consumer, args=(n, q, out)) for n in ('zhang', 'li')]
    for p in cooks + eaters: p.start()
    for p in cooks: p.join()
    q.put(None)
    q.put(None)
    for p in eaters: p.join()
    print('eaten', out.get() + out.get())
    print([p.exitcode for p in cooks + eaters])
`,
    expect: [
      "eaten 6",
      "[0, 0, 0, 0]"
    ],
  },
  {
    name: 'JoinableQueue with daemon consumers: q.join() waits for every task_done (tutorial 4.3)',
    code: c`from multiprocessing import Process, JoinableQueue
import time

def producer(q):
    for i in range(4):
        q.put(i)

def consumer(q, total):
    while True:
        x = q.get()
        with total.get_lock():
            total.value += x
        q.task_done()

if __name__ == '__main__':
    from multiprocessing import Value
    q = JoinableQueue()
    total = Value('i', 0)
    cooks = [Process(target=producer, args=(q,)) for _ in range(2)]
    eaters = [Process(target=consumer, args=(q, total), daemon=True) for _ in range(2)]
    for p in cooks + eaters: p.start()
    for p in cooks: p.join()
    q.join()
    print('all done', total.value)
    try:
        q.task_done()
    except ValueError as e:
        print('ValueError:', e)
`,
    expect: [
      "all done 12",
      "ValueError: task_done() called too many times"
    ],
  },
  {
    name: 'Value and Array: repr, lock=False (a raw ctypes object), get_lock, slices, typecodes',
    code: c`from multiprocessing import Value, Array, Process

def work(v, raw, arr):
    v.value += 1
    raw.value += 10
    arr[0] = 9

if __name__ == '__main__':
    v = Value('i', 100)
    raw = Value('i', 5, lock=False)
    d = Value('d', 1.5)
    ch = Value('c', b'x')
    arr = Array('i', 3)
    arr2 = Array('d', [1, 2.5], lock=False)
    print(v)
    print(raw)
    print(d.value, ch.value, arr[:], arr2[:], len(arr))
    print(hasattr(raw, 'get_lock'), hasattr(v, 'get_lock'))
    p = Process(target=work, args=(v, raw, arr))
    p.start(); p.join()
    print(v.value, raw.value, arr[:], list(arr))
    arr[1:3] = [4, 5]
    print(arr[:], arr[-1], sum(arr))
    with v.get_lock():
        v.value *= 2
    print(v.value)
    try:
        arr[5] = 1
    except IndexError as e:
        print('IndexError:', e)
    try:
        v.value = 'text'
    except TypeError as e:
        print('TypeError')
`,
    expect: [
      "<Synchronized wrapper for c_int(100)>",
      "c_int(5)",
      "1.5 b'x' [0, 0, 0] [1.0, 2.5] 3",
      "False True",
      "101 15 [9, 0, 0] [9, 0, 0]",
      "[9, 4, 5] 5 18",
      "202",
      "IndexError: invalid index",
      "TypeError"
    ],
  },
  {
    name: 'bank without a lock (tutorial): the final balance is exact only when the updates take turns; with the lock it is 100',
    code: c`from multiprocessing import Process, Value, Lock

def get_money(num, l):
    with l:
        for i in range(50):
            num.value -= 1

def put_money(num, l):
    with l:
        for i in range(50):
            num.value += 1

if __name__ == '__main__':
    num = Value('i', 100)
    l = Lock()
    p = Process(target=get_money, args=(num, l))
    p1 = Process(target=put_money, args=(num, l))
    p.start(); p1.start()
    p.join(); p1.join()
    print(num.value)
`,
    expect: [
      "100"
    ],
  },
  {
    name: 'Pipe: both ways, duplex=False ends, EOFError after the other end closes, send on a read end',
    code: c`from multiprocessing import Process, Pipe

def child(conn):
    msg = conn.recv()
    conn.send(('got', msg))
    conn.send([1, {'a': 2}])
    conn.close()

if __name__ == '__main__':
    parent, kid = Pipe()
    p = Process(target=child, args=(kid,))
    p.start()
    parent.send('hello')
    print(parent.recv())
    print(parent.recv())
    p.join()
    kid.close()
    try:
        parent.recv()
    except EOFError as e:
        print('EOFError', repr(e))
    r, w = Pipe(duplex=False)
    w.send(5)
    print(r.poll(), r.recv(), r.poll())
    try:
        r.send(1)
    except OSError as e:
        print('OSError:', e)
    try:
        w.recv()
    except OSError as e:
        print('OSError:', e)
    w.close()
    try:
        w.send(1)
    except OSError as e:
        print('OSError:', e)
`,
    expect: [
      "('got', 'hello')",
      "[1, {'a': 2}]",
      "EOFError EOFError()",
      "True 5 False",
      "OSError: connection is read-only",
      "OSError: connection is write-only",
      "OSError: handle is closed"
    ],
  },
  {
    name: 'Event: a waiter wakes on set, wait(timeout) returns False, clear',
    code: c`from multiprocessing import Process, Event
import time

def waiter(e):
    print('waiting')
    e.wait()
    print('woke', e.is_set())

if __name__ == '__main__':
    e = Event()
    print(e.is_set(), e.wait(0.1))
    p = Process(target=waiter, args=(e,))
    p.start()
    time.sleep(0.5)
    e.set()
    p.join()
    print(e.is_set(), e.wait(), e.wait(1))
    e.clear()
    print(e.is_set())
`,
    expect: [
      "False False",
      "waiting",
      "woke True",
      "True True True",
      "False"
    ],
  },
  {
    name: 'Semaphore: at most 2 inside; BoundedSemaphore released too often; acquire(timeout)',
    code: c`from multiprocessing import Process, Semaphore, BoundedSemaphore, Value
import time

def room(sem, inside, most):
    with sem:
        with inside.get_lock():
            inside.value += 1
            most.value = max(most.value, inside.value)
        time.sleep(0.1)
        with inside.get_lock():
            inside.value -= 1

if __name__ == '__main__':
    sem = Semaphore(2)
    inside, most = Value('i', 0), Value('i', 0)
    ps = [Process(target=room, args=(sem, inside, most)) for _ in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    print('at most 2 inside at once:', 1 <= most.value <= 2)
    print(sem.get_value(), sem.acquire(timeout=0.1), sem.acquire(False), sem.acquire(timeout=0.1))
    b = BoundedSemaphore(1)
    b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print('ValueError:', e)
    s = Semaphore(0)
    s.release()
    print(s.get_value())
`,
    expect: [
      "at most 2 inside at once: True",
      "2 True True False",
      "ValueError: semaphore or lock released too many times",
      "1"
    ],
  },
  {
    name: 'Condition: wait for a notify, wait_for a predicate, wait(timeout) False, notify without the lock',
    code: c`from multiprocessing import Process, Condition, Value

def setter(cond, v):
    with cond:
        v.value = 1
        cond.notify_all()

if __name__ == '__main__':
    cond = Condition()
    v = Value('i', 0)
    with cond:
        p = Process(target=setter, args=(cond, v))
        p.start()
        print(cond.wait_for(lambda: v.value == 1, timeout=5))
        print(cond.wait(0.1))
    p.join()
    for call in (cond.notify, cond.wait):
        try:
            call()
        except Exception as e:
            print(type(e).__name__, e)
`,
    expect: [
      "True",
      "False",
      "AssertionError lock is not owned",
      "AssertionError must acquire() condition before using wait()"
    ],
  },
  {
    name: 'Lock and RLock: release unlocked, acquire(False), acquire(timeout), RLock depth, repr',
    code: c`from multiprocessing import Lock, RLock

if __name__ == '__main__':
    lock = Lock()
    print(lock)
    print(lock.acquire(), lock.acquire(False), lock.acquire(timeout=0.1))
    print(lock)
    lock.release()
    try:
        lock.release()
    except ValueError as e:
        print('ValueError:', e)
    r = RLock()
    r.acquire(); r.acquire()
    print(r)
    r.release(); r.release()
    print(r)
    try:
        r.release()
    except AssertionError as e:
        print('AssertionError:', e)
    with lock:
        print('inside with', lock.acquire(block=False))
`,
    expect: [
      "<Lock(owner=None)>",
      "True False False",
      "<Lock(owner=MainProcess)>",
      "ValueError: semaphore or lock released too many times",
      "<RLock(MainProcess, 2)>",
      "<RLock(None, 0)>",
      "AssertionError: attempt to release recursive lock not owned by thread",
      "inside with False"
    ],
  },
  {
    name: 'Pool: map, apply, apply_async().get(), imap, starmap, an exception re-raised by get, a lambda cannot be pickled',
    code: c`from multiprocessing import Pool, current_process
import os

def square(x):
    return x * x

def add(a, b):
    return a + b

def fail(x):
    raise KeyError(x)

if __name__ == '__main__':
    with Pool(3) as pool:
        print(pool.map(square, range(6)))
        print(pool.apply(add, (2, 3)))
        r = pool.apply_async(square, (9,))
        print(r.get(timeout=5), r.ready(), r.successful())
        print(list(pool.imap(square, [1, 2, 3])))
        print(sorted(pool.imap_unordered(square, [4, 5])))
        print(pool.starmap(add, [(1, 2), (3, 4)]))
        bad = pool.apply_async(fail, ('k',))
        try:
            bad.get()
        except KeyError as e:
            print('KeyError', e, bad.successful())
        print(sorted(set(pool.map(str, range(2)))))
        try:
            pool.map(lambda x: x, [1])
        except Exception as e:
            print(type(e).__name__)
        print(current_process().name)
`,
    expect: [
      "[0, 1, 4, 9, 16, 25]",
      "5",
      "81 True True",
      "[1, 4, 9]",
      "[16, 25]",
      "[3, 7]",
      "KeyError 'k' False",
      "['0', '1']",
      "PicklingError",
      "MainProcess"
    ],
  },
  {
    name: 'Pool: close then join; map after close raises; worker names',
    code: c`from multiprocessing import Pool, current_process

def who(_):
    return current_process().name.split('-')[0]

if __name__ == '__main__':
    pool = Pool(2)
    res = [pool.apply_async(who, (i,)) for i in range(4)]
    pool.close()
    pool.join()
    print([r.get() for r in res])
    try:
        pool.map(who, [1])
    except ValueError as e:
        print('ValueError:', e)
`,
    expect: [
      "['SpawnPoolWorker', 'SpawnPoolWorker', 'SpawnPoolWorker', 'SpawnPoolWorker']",
      "ValueError: Pool not running"
    ],
  },
  {
    name: 'Manager: dict, list, Value, Lock shared by children; str of a proxy is its referent',
    code: c`from multiprocessing import Manager, Process

def work(d, l, v, lock, i):
    with lock:
        d[i] = i * i
        l.append(i)
        v.value += 1

if __name__ == '__main__':
    with Manager() as m:
        d, l, v, lock = m.dict(), m.list(), m.Value('i', 0), m.Lock()
        ps = [Process(target=work, args=(d, l, v, lock, i)) for i in range(3)]
        for p in ps: p.start()
        for p in ps: p.join()
        print(sorted(d.items()), sorted(l), v.value)
        print(str(d) == str(dict(d)), len(l), d.get(1), d.get(9, 'none'), 2 in d)
        l2 = m.list([3, 1, 2])
        l2.sort()
        print(l2, l2[0], l2[-1])
        d2 = m.dict(a=1)
        d2.update(b=2)
        print(sorted(d2.keys()), d2.pop('a'), d2)
        try:
            d2['missing']
        except KeyError as e:
            print('KeyError', e)
`,
    expect: [
      "[(0, 0), (1, 1), (2, 4)] [0, 1, 2] 3",
      "True 3 1 none True",
      "[1, 2, 3] 1 3",
      "['a', 'b'] 1 {'b': 2}",
      "KeyError 'missing'"
    ],
  },
  {
    name: 'the file ticket race with a Lock (tutorials): one buyer, the others find none',
    files: [['data.json', '{"ticket_num": 1}']],
    unordered: true,
    code: c`from multiprocessing import Process, Lock, current_process
import json, time, random

def search():
    time.sleep(random.random() / 20)
    with open('data.json', 'rt', encoding='utf-8') as f:
        return json.load(f).get('ticket_num')

def buy():
    n = search()
    if n == 0:
        print('no ticket for', current_process().name.split('-')[0])
        return
    with open('data.json', 'wt', encoding='utf-8') as f:
        json.dump({'ticket_num': n - 1}, f)
    print('bought by', current_process().name.split('-')[0])

def grab(mutex):
    with mutex:
        buy()

if __name__ == '__main__':
    mutex = Lock()
    ps = []
    for i in range(4):
        p = Process(target=grab, args=(mutex,))
        p.name = f'buyer-{i}'
        ps.append(p)
        p.start()
    for p in ps: p.join()
    with open('data.json') as f:
        print('left', f.read())
`,
    expect: [
      "bought by buyer",
      "no ticket for buyer",
      "no ticket for buyer",
      "no ticket for buyer",
      "left {\"ticket_num\": 0}"
    ],
  },
  {
    name: 'what print() shows for each object a learner makes (the objects printed, not their methods)',
    code: c`from multiprocessing import Queue, JoinableQueue, SimpleQueue, Event, Pipe, Barrier, Semaphore, BoundedSemaphore, Condition, Lock, Manager, Pool, Value, Array
import multiprocessing

if __name__ == '__main__':
    print(Queue(), JoinableQueue(), SimpleQueue())
    print(Event(), Barrier(2))
    a, b = Pipe()
    print(a)
    print(Semaphore(2), BoundedSemaphore(1), Condition(), Condition(Lock()))
    print(Array('d', 2, lock=False), Value('c', b'a'))
    with Pool(2) as pool:
        print(pool)
    with Manager() as m:
        d = m.dict(a=1)
        print(d, m.list([1]), m.Value('i', 3), m.Namespace(x=1))
        print(repr(d))
    print(multiprocessing.current_process())
`,
    expect: [
      "<multiprocessing.queues.Queue object at 0x?> <multiprocessing.queues.JoinableQueue object at 0x?> <multiprocessing.queues.SimpleQueue object at 0x?>",
      "<Event at 0x? unset> <multiprocessing.synchronize.Barrier at 0x?: waiters=0/2>",
      "<multiprocessing.connection.Connection object at 0x?>",
      "<Semaphore(value=2)> <BoundedSemaphore(value=1, maxvalue=1)> <Condition(<RLock(None, 0)>, 0)> <Condition(<Lock(owner=None)>, 0)>",
      "<multiprocessing.sharedctypes.c_double_Array_2 object at 0x?> <Synchronized wrapper for c_char(b'a')>",
      "<multiprocessing.pool.Pool state=RUN pool_size=2>",
      "{'a': 1} [1] Value('i', 3) Namespace(x=1)",
      "<DictProxy object, typeid 'dict' at 0x?>",
      "<_MainProcess name='MainProcess' parent=None started>"
    ],
  },
  {
    name: 'join order (tutorial): the child prints first when the parent joins before printing; a consumer leaves on queue.Empty',
    code: c`from multiprocessing import Process, Queue
import queue, time

def son():
    for i in range(3):
        time.sleep(0.01)
        print('son here')

def consumer(q):
    n = 0
    while True:
        try:
            q.get(timeout=1)
            n += 1
        except queue.Empty:
            print('consumer got', n, 'then nothing for 1 s')
            return

if __name__ == '__main__':
    p = Process(target=son)
    p.start()
    p.join()
    for i in range(2):
        print('dad here')
    q = Queue()
    c = Process(target=consumer, args=(q,))
    c.start()
    for i in range(3):
        q.put(i)
        time.sleep(0.05)
    c.join()
    print('exit', c.exitcode)
`,
    expect: [
      "son here",
      "son here",
      "son here",
      "dad here",
      "dad here",
      "consumer got 3 then nothing for 1 s",
      "exit 0"
    ],
  },
  {
    name: "arguments: args must be a tuple (args=(1) is an int), kwargs, a target's return value is dropped",
    code: c`from multiprocessing import Process, Queue

def show(q, a, b=0, *rest, **kw):
    q.put((a, b, rest, sorted(kw.items())))
    return 'dropped'

if __name__ == '__main__':
    q = Queue()
    try:
        Process(target=show, args=(1))
    except TypeError as e:
        print('TypeError:', e)
    p = Process(target=show, args=(q, 1, 2, 3), kwargs={'x': 4})
    p.start()
    print(q.get())
    p.join()
    print(p.exitcode)
    p = Process(target=show, args=[q, 'list args'])
    p.start()
    print(q.get())
    p.join()
`,
    expect: [
      "TypeError: 'int' object is not iterable",
      "(1, 2, (3,), [('x', 4)])",
      "0",
      "('list args', 0, (), [])"
    ],
  },
  {
    name: "the tutorial's bank without a lock, as printed: `l` is never defined, so main stops with a NameError",
    code: c`from multiprocessing import Process, Value

def get_money(num, l):
    for i in range(100):
        num.value -= 1

if __name__ == '__main__':
    num = Value('i', 100)
    p = Process(target=get_money, args=(num, l))
    p.start()
    p.join()
    print(num.value)
`,
    expect: [
      "Traceback (most recent call last):",
      "  File \"main.py\", line 9, in <module>",
      "    p = Process(target=get_money, args=(num, l))",
      "NameError: name 'l' is not defined",
      "[exit 1]"
    ],
  },
  {
    name: 'main ends without join: CPython waits for its non-daemon children, which still print',
    code: c`from multiprocessing import Process
import time

def late():
    time.sleep(0.3)
    print('child still prints after main')

if __name__ == '__main__':
    Process(target=late).start()
    print('main done')
`,
    expect: [
      "main done",
      "child still prints after main"
    ],
  },
  {
    name: 'Pool: callback and error_callback, get(timeout) raises multiprocessing.TimeoutError, chunksize, Pool(0)',
    code: c`from multiprocessing import Pool, TimeoutError
import multiprocessing, time

def slow(x):
    time.sleep(2)
    return x

def half(x):
    if x == 0:
        raise ValueError('no half of zero')
    return 10 // x

if __name__ == '__main__':
    got, errors = [], []
    with Pool(2) as pool:
        r = pool.apply_async(half, (5,), callback=got.append)
        bad = pool.apply_async(half, (0,), error_callback=lambda e: errors.append(repr(e)))
        r.wait()
        bad.wait()
        print(r.get(), got, errors)
        s = pool.apply_async(slow, (1,))
        try:
            s.get(timeout=0.1)
        except TimeoutError as e:
            print('TimeoutError', type(e).__module__, e is not None, s.ready())
        print(pool.map(half, [1, 2, 5, 10], chunksize=2))
        try:
            pool.map(half, [1, 0])
        except ValueError as e:
            print('ValueError:', e)
        try:
            s.successful()
        except ValueError as e:
            print('ValueError:', e)
    try:
        Pool(0)
    except ValueError as e:
        print('ValueError:', e)
    print(multiprocessing.get_start_method())
`,
    expect: [
      "2 [2] [\"ValueError('no half of zero')\"]",
      "TimeoutError multiprocessing.context True False",
      "[10, 5, 2, 1]",
      "ValueError: no half of zero",
      "ValueError: <multiprocessing.pool.ApplyResult object at 0x?> not ready",
      "ValueError: Number of processes must be at least 1",
      "spawn"
    ],
  },
  {
    name: "Manager: a list's inner list is a copy (l[0].append is lost, l[0] = ... is kept); Queue and Event through the server",
    code: c`from multiprocessing import Manager, Process
import queue

def child(l, q, e):
    l[0].append('lost')
    inner = l[0]
    inner.append('kept')
    l[0] = inner
    q.put('from child')
    e.set()

if __name__ == '__main__':
    with Manager() as m:
        l, q, e = m.list([[]]), m.Queue(), m.Event()
        p = Process(target=child, args=(l, q, e))
        p.start()
        print(e.wait(5), q.get(timeout=5))
        p.join()
        print(l, len(l), l[0])
        try:
            q.get(timeout=0.1)
        except queue.Empty:
            print('Empty')
        try:
            q.get_nowait()
        except queue.Empty:
            print('Empty again')
`,
    expect: [
      "True from child",
      "[['kept']] 1 ['kept']",
      "Empty",
      "Empty again"
    ],
  },
  {
    name: "start methods: set_start_method('spawn') and get_context('spawn') as a learner copies them; the lab has no fork",
    code: c`import multiprocessing as mp

def f(q):
    q.put(mp.current_process().name)

if __name__ == '__main__':
    mp.set_start_method('spawn')
    print(mp.get_start_method())
    ctx = mp.get_context('spawn')
    q = ctx.Queue()
    p = ctx.Process(target=f, args=(q,))
    p.start()
    print(q.get())
    p.join()
    print('spawn' in mp.get_all_start_methods())
`,
    expect: [
      "spawn",
      "SpawnProcess-1",
      "True"
    ],
  },
  {
    name: 'Process lifecycle errors: join before start, close() then use, a closed queue, pids unique, is_alive while running',
    code: c`from multiprocessing import Process, Queue
import time

def nap():
    time.sleep(0.2)

if __name__ == '__main__':
    p = Process(target=nap)
    try:
        p.join()
    except AssertionError as e:
        print('AssertionError:', e)
    ps = [Process(target=nap) for _ in range(3)]
    for x in ps: x.start()
    print([x.is_alive() for x in ps], len({x.pid for x in ps}))
    for x in ps: x.join()
    print([x.is_alive() for x in ps])
    x = ps[0]
    x.close()
    print(x)
    try:
        x.is_alive()
    except ValueError as e:
        print('ValueError:', e)
    q = Queue()
    q.close()
    try:
        q.put(1)
    except ValueError as e:
        print('ValueError:', e)
`,
    expect: [
      "AssertionError: can only join a started process",
      "[True, True, True] 3",
      "[False, False, False]",
      "<Process name='Process-2' parent=? closed>",
      "ValueError: process object is closed",
      "ValueError: Queue <multiprocessing.queues.Queue object at 0x?> is closed"
    ],
  },
  {
    name: 'output other than print: sys.stdout.write, print(file=sys.stderr), flush=True, from main and a child',
    code: c`from multiprocessing import Process
import sys

def child():
    sys.stdout.write('child via write\n')
    print('child to stderr', file=sys.stderr)
    sys.stdout.flush()

if __name__ == '__main__':
    sys.stdout.write('main via write\n')
    print('main', 'flushed', flush=True)
    p = Process(target=child)
    p.start()
    p.join()
    sys.stderr.write('main on stderr\n')
`,
    expect: [
      "main via write",
      "main flushed",
      "child via write",
      "child to stderr",
      "main on stderr"
    ],
  },
  {
    name: 'Barrier: wait returns a distinct index per party; parties, broken, abort',
    code: c`from multiprocessing import Process, Barrier, Queue
import threading

def party(b, q):
    q.put(b.wait())

if __name__ == '__main__':
    b, q = Barrier(3), Queue()
    ps = [Process(target=party, args=(b, q)) for _ in range(2)]
    for p in ps: p.start()
    mine = b.wait()
    got = sorted([mine, q.get(), q.get()])
    for p in ps: p.join()
    print(got, b.parties, b.n_waiting, b.broken)
    b.abort()
    print(b.broken)
    try:
        b.wait()
    except threading.BrokenBarrierError as e:
        print('BrokenBarrierError', repr(e))
`,
    expect: [
      "[0, 1, 2] 3 0 False",
      "True",
      "BrokenBarrierError BrokenBarrierError()"
    ],
  },
  {
    name: "typecodes a learner tries: Value() with a ctypes type (c_double: under WebAssembly c_int is c_long), default 0, Array('c') of bytes, Array of floats",
    code: c`from multiprocessing import Value, Array
import ctypes

if __name__ == '__main__':
    print(Value(ctypes.c_double, 4), Value('i').value, Value('d').value)
    print(list(Array('c', b'hi')))
    a = Array('c', b'abc')
    print(a[:], a[0], len(a))
    f = Array('d', 3)
    f[0] = 2
    print(f[:], f[0] / 4)
    try:
        Value('x', 1)
    except Exception as e:
        print(type(e).__name__)
`,
    expect: [
      "<Synchronized wrapper for c_double(4.0)> 0 0.0",
      "[b'h', b'i']",
      "b'abc' b'a' 3",
      "[2.0, 0.0, 0.0] 0.5",
      "TypeError"
    ],
  },
  {
    name: 'memory is not shared (tutorial): a child changes its own copy of a global; a name bound under the guard does not exist in the child',
    code: c`from multiprocessing import Process

n = 100

def work():
    global n
    n = 0
    print('child n', n)

def show():
    print('child sees', m)

if __name__ == '__main__':
    m = 5
    p = Process(target=work)
    p.start()
    p.join()
    print('main n', n)
    p = Process(target=show)
    p.start()
    p.join()
    print('exitcode', p.exitcode)
`,
    expect: [
      "child n 0",
      "main n 100",
      "Process Process-2:",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 11, in show",
      "    print('child sees', m)",
      "NameError: name 'm' is not defined",
      "exitcode 1"
    ],
  },
  {
    name: "spawn pitfall: a target defined under the __main__ guard cannot be found by the child (AttributeError on '__mp_main__')",
    code: c`from multiprocessing import Process

if __name__ == '__main__':
    def inner():
        print('never')
    p = Process(target=inner)
    p.start()
    p.join()
    print('exitcode', p.exitcode)
`,
    expect: [
      "Traceback (most recent call last):",
      "AttributeError: Can't get attribute 'inner' on <module '__mp_main__' from 'main.py'>",
      "exitcode 1"
    ],
  },
  {
    name: 'no __main__ guard: each child stops at start() with the bootstrapping RuntimeError; the parent goes on',
    code: c`from multiprocessing import Process

def f():
    print('hi')

print('module runs as', __name__)
p = Process(target=f)
p.start()
p.join()
print('parent sees exitcode', p.exitcode)
`,
    expect: [
      "module runs as __main__",
      "module runs as __mp_main__",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 8, in <module>",
      "    p.start()",
      "RuntimeError: ",
      "        An attempt has been made to start a new process before the",
      "        current process has finished its bootstrapping phase.",
      "",
      "        This probably means that you are not using fork to start your",
      "        child processes and you have forgotten to use the proper idiom",
      "        in the main module:",
      "",
      "            if __name__ == '__main__':",
      "                freeze_support()",
      "                ...",
      "",
      "        The \"freeze_support()\" line can be omitted if the program",
      "        is not going to be frozen to produce an executable.",
      "",
      "        To fix this issue, refer to the \"Safe importing of main module\"",
      "        section in https://docs.python.org/3/library/multiprocessing.html",
      "        ",
      "parent sees exitcode 1"
    ],
  },
  {
    name: 'ways a child ends: os._exit(3), exit(2), raise SystemExit',
    code: c`from multiprocessing import Process, Pool
import os, sys

def hard():
    print('before os._exit')
    os._exit(3)
    print('not printed')

def soft():
    exit(2)

def raising():
    raise SystemExit(4)

if __name__ == '__main__':
    for f in (hard, soft, raising):
        p = Process(target=f)
        p.start()
        p.join()
        print(f.__name__, p.exitcode)
    os._exit(5)
    print('main never gets here')
`,
    expect: [
      "before os._exit",
      "hard 3",
      "soft 2",
      "raising 4",
      "[exit 5]"
    ],
  },
  {
    name: "an uncaught exception from Pool.map: main ends with the worker's exception, its RemoteTraceback (the worker's traceback) chained as the cause",
    code: c`from multiprocessing import Pool

def check(x):
    if x == 2:
        raise ValueError('two is bad')
    return x

if __name__ == '__main__':
    with Pool(2) as pool:
        print(pool.map(check, [1, 2, 3]))
`,
    expect: [
      "multiprocessing.pool.RemoteTraceback: ",
      "\"\"\"",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 5, in check",
      "    raise ValueError('two is bad')",
      "ValueError: two is bad",
      "\"\"\"",
      "",
      "The above exception was the direct cause of the following exception:",
      "",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 10, in <module>",
      "    print(pool.map(check, [1, 2, 3]))",
      "ValueError: two is bad",
      "[exit 1]"
    ],
  },
  {
    name: "chained exceptions in a child's traceback: raise ... from, and an error while handling another",
    code: c`from multiprocessing import Process
import json

def parse(text):
    try:
        return json.loads(text)
    except ValueError as e:
        raise RuntimeError('bad ticket file') from e

def cleanup():
    try:
        {}['count']
    except KeyError:
        print(undefined_name)

if __name__ == '__main__':
    for f, args in ((parse, ('{',)), (cleanup, ())):
        p = Process(target=f, args=args)
        p.start()
        p.join()
`,
    expect: [
      "Process Process-1:",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 6, in parse",
      "    return json.loads(text)",
      "json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
      "",
      "The above exception was the direct cause of the following exception:",
      "",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 8, in parse",
      "    raise RuntimeError('bad ticket file') from e",
      "RuntimeError: bad ticket file",
      "Process Process-2:",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 12, in cleanup",
      "    {}['count']",
      "KeyError: 'count'",
      "",
      "During handling of the above exception, another exception occurred:",
      "",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 14, in cleanup",
      "    print(undefined_name)",
      "NameError: name 'undefined_name' is not defined"
    ],
  },
  {
    name: "Pool: a worker's exception caught in the parent carries the worker's traceback as __cause__ (also for error_callback); long results and messages cross whole",
    code: c`from multiprocessing import Pool
import multiprocessing.pool

def make(n):
    if n > 100:
        raise KeyError('missing ' + 'x' * n)
    return list(range(n * 10))

def invert(x):
    try:
        return 1 / x
    except ZeroDivisionError as e:
        raise ValueError(f'cannot invert {x}') from e

if __name__ == '__main__':
    seen = []
    with Pool(2) as pool:
        r = pool.apply_async(make, (300,), error_callback=seen.append)
        try:
            r.get()
        except KeyError as e:
            cause = e.__cause__
            print(type(cause).__name__, isinstance(cause, multiprocessing.pool.RemoteTraceback), len(str(e)))
            print(str(cause).splitlines()[-2][:30])
        print(type(seen[0]).__name__, type(seen[0].__cause__).__name__, r.successful())
        big = pool.apply(make, (60,))
        print(len(big), big[-1], [len(x) for x in pool.map(make, [1, 30, 45])])
        try:
            pool.map(invert, [1, 0])
        except ValueError as e:
            print('ValueError:', e)
            print(e.__cause__)
`,
    expect: [
      "RemoteTraceback True 310",
      "KeyError: 'missing xxxxxxxxxxx",
      "KeyError RemoteTraceback False",
      "600 599 [10, 300, 450]",
      "ValueError: cannot invert 0",
      "",
      "\"\"\"",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 11, in invert",
      "    return 1 / x",
      "ZeroDivisionError: division by zero",
      "",
      "The above exception was the direct cause of the following exception:",
      "",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 13, in invert",
      "    raise ValueError(f'cannot invert {x}') from e",
      "ValueError: cannot invert 0",
      "\"\"\""
    ],
  },
  {
    name: 'Pool: a result that cannot be pickled comes back as MaybeEncodingError; imap yields until the failing item; the pool still works after',
    code: c`from multiprocessing import Pool

def gen(n):
    return (i for i in range(n))

def check(x):
    if x == 3:
        raise ValueError(f'bad {x}')
    return x * x

if __name__ == '__main__':
    with Pool(2) as pool:
        try:
            pool.apply(gen, (3,))
        except Exception as e:
            print(type(e).__name__, type(e).__module__)
            print(e)
        try:
            for v in pool.imap(check, range(5)):
                print('imap', v)
        except ValueError as e:
            print('imap stopped:', e)
        print(pool.map(check, [1, 2]))
`,
    expect: [
      "MaybeEncodingError multiprocessing.pool",
      "Error sending result: '<generator object gen.<locals>.<genexpr> at 0x?>'. Reason: 'TypeError(\"cannot pickle 'generator' object\")'",
      "imap 0",
      "imap 1",
      "imap 4",
      "imap stopped: bad 3",
      "[1, 4]"
    ],
  },
  {
    name: 'Manager dict and list filled by three children under a manager Lock; the methods a learner tries; a proxy is not equal to its copy',
    code: c`from multiprocessing import Manager, Process

def worker(d, l, lock, i):
    with lock:
        d['count'] = d.get('count', 0) + 1
    d[f'w{i}'] = i * i
    l.append(i)

if __name__ == '__main__':
    with Manager() as m:
        d, l, lock = m.dict(), m.list(), m.Lock()
        ps = [Process(target=worker, args=(d, l, lock, i)) for i in range(3)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print(d['count'], sorted(d.keys()), sorted(l), len(l))
        print(sorted(d.items())[:2], 'w2' in d, d.get('nope', 'default'))
        l.sort()
        l.reverse()
        print(l[:], l[0], l[-1], l.index(2), l.count(1))
        l.extend([9, 9])
        print(l.pop(), len(l), l[1:3])
        print(d.setdefault('x', 5), d.pop('x'), d.update(a=1), dict(d)['a'])
        print(type(d).__name__, type(l).__name__, type(d.copy()).__name__)
        print(l == list(l), list(l) == l[:], sorted(d) == sorted(d.keys()))
        try:
            d['missing']
        except KeyError as e:
            print('KeyError', e)
        try:
            l[10]
        except IndexError as e:
            print('IndexError:', e)
`,
    expect: [
      "3 ['count', 'w0', 'w1', 'w2'] [0, 1, 2] 3",
      "[('count', 3), ('w0', 0)] True default",
      "[2, 1, 0] 2 0 0 1",
      "9 4 [1, 0]",
      "5 5 None 1",
      "DictProxy ListProxy dict",
      "False True True",
      "KeyError 'missing'",
      "IndexError: list index out of range"
    ],
  },
  {
    name: 'Queue timeouts between processes: a consumer gives up before a slow producer puts; put(timeout) on a full queue; block=False ignores the timeout',
    code: c`from multiprocessing import Process, Queue
import queue, time

def slow_producer(q):
    time.sleep(2)
    q.put('late')

def consumer(q, name):
    try:
        print(name, 'got', q.get(timeout=0.1))
    except queue.Empty:
        print(name, 'gave up')

if __name__ == '__main__':
    q = Queue()
    p = Process(target=slow_producer, args=(q,))
    p.start()
    c = Process(target=consumer, args=(q, 'impatient'))
    c.start()
    c.join()
    print('main got', q.get(timeout=30))
    p.join()
    small = Queue(1)
    small.put('a')
    try:
        small.put('b', timeout=0.2)
    except queue.Full:
        print('Full after timeout')
    try:
        small.put('b', block=False, timeout=5)
    except queue.Full:
        print('Full at once')
    print(small.get(block=True, timeout=1), small.empty(), small.qsize())
    try:
        small.get(True, 0)
    except queue.Empty:
        print('Empty with timeout 0')
`,
    expect: [
      "impatient gave up",
      "main got late",
      "Full after timeout",
      "Full at once",
      "a True 0",
      "Empty with timeout 0"
    ],
  },
  {
    name: "terminate and kill: a looping child ends -15 (repr says -SIGTERM), kill gives -9; terminate a stopped process does nothing; a daemon dies with main",
    code: c`from multiprocessing import Process, Event
import time

def forever(started):
    started.set()
    while True:
        time.sleep(0.05)

def sleepy():
    time.sleep(30)
    print('never printed')

if __name__ == '__main__':
    started = Event()
    p = Process(target=forever, args=(started,))
    p.start()
    print(started.wait(30), p.is_alive(), p.exitcode)
    p.terminate()
    p.join()
    print(p.is_alive(), p.exitcode)
    print(repr(p))
    p.terminate()
    print(p.exitcode)
    k = Process(target=sleepy)
    k.start()
    k.kill()
    k.join()
    print(k.exitcode, repr(k))
    d = Process(target=sleepy, daemon=True)
    d.start()
    print(d.daemon, d.is_alive())
    print('main ends; the daemon is terminated')
`,
    expect: [
      "True True None",
      "False -15",
      "<Process name='Process-1' pid=? parent=? stopped exitcode=-SIGTERM>",
      "-15",
      "-9 <Process name='Process-2' pid=? parent=? stopped exitcode=-SIGKILL>",
      "True True",
      "main ends; the daemon is terminated"
    ],
  },
  {
    name: 'timeouts: Semaphore.acquire(timeout) while a child holds it, Event.wait(timeout), Condition.wait_for/wait with a timeout in a child, Lock.acquire(timeout)',
    code: c`from multiprocessing import Process, Semaphore, Event, Condition, Lock

def hold(sem, held, release):
    with sem:
        held.set()
        release.wait(30)

def cond_waiter(cond, flag):
    with cond:
        print('wait_for, timeout 0.2:', cond.wait_for(flag.is_set, timeout=0.2))
        print('wait, timeout 0.1:', cond.wait(0.1))

if __name__ == '__main__':
    sem, held, release = Semaphore(1), Event(), Event()
    p = Process(target=hold, args=(sem, held, release))
    p.start()
    held.wait(30)
    print('acquire(timeout=0.2):', sem.acquire(timeout=0.2), sem.get_value())
    print('acquire(False):', sem.acquire(False))
    release.set()
    print('acquire(timeout=30):', sem.acquire(timeout=30), sem.get_value())
    sem.release()
    p.join()
    e = Event()
    print('wait(0.1):', e.wait(0.1), e.is_set())
    e.set()
    print('after set:', e.wait(0), e.wait(timeout=None))
    cond, flag = Condition(), Event()
    c = Process(target=cond_waiter, args=(cond, flag))
    c.start()
    c.join()
    lock = Lock()
    lock.acquire()
    print('Lock.acquire(timeout=0.1):', lock.acquire(timeout=0.1))
    print('Lock.acquire(block=False):', lock.acquire(block=False))
    lock.release()
    print('after release:', lock.acquire(timeout=0))
`,
    expect: [
      "acquire(timeout=0.2): False 0",
      "acquire(False): False",
      "acquire(timeout=30): True 0",
      "wait(0.1): False False",
      "after set: True True",
      "wait_for, timeout 0.2: False",
      "wait, timeout 0.1: False",
      "Lock.acquire(timeout=0.1): False",
      "Lock.acquire(block=False): False",
      "after release: True"
    ],
  },
  {
    name: 'Value and Array shared with children: get_lock() makes += exact, lock=False has no get_lock and still crosses to a child, Array slices and bounds',
    code: c`from multiprocessing import Process, Value, Array

def add(v, n):
    for _ in range(n):
        with v.get_lock():
            v.value += 1

def fill(a, base):
    for i in range(len(a)):
        a[i] = base + i

def bump(r, ra):
    r.value += 1
    ra[0] = 9.5
    print('child sees', type(r).__name__, type(ra).__name__, r.value)

if __name__ == '__main__':
    v = Value('i', 0)
    ps = [Process(target=add, args=(v, 50)) for _ in range(2)]  # the lab's test run has room for 5 processes
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(v.value)
    raw = Value('d', 7.5, lock=False)
    try:
        raw.get_lock()
    except AttributeError as e:
        print('AttributeError:', e)
    a = Array('i', 4)
    p = Process(target=fill, args=(a, 10))
    p.start()
    p.join()
    print(a[:], list(a), len(a), a[-1], sum(a))
    raw_a = Array('d', [0.5, 1.5], lock=False)
    print(type(raw_a).__name__, raw_a[:], raw_a[1])
    p = Process(target=bump, args=(raw, raw_a))
    p.start()
    p.join()
    print(raw.value, raw_a[:])
    try:
        a[4] = 1
    except IndexError as e:
        print('IndexError:', e)
    try:
        a[0] = 'x'
    except TypeError as e:
        print('TypeError:', e)
    a[1:3] = [7, 8]
    print(a[:])
    try:
        a[:] = [1, 2]
    except ValueError as e:
        print('ValueError:', e)
    with a.get_lock():
        a[0] += 100
    print(a[0], v.value, raw.value)
`,
    expect: [
      "100",
      "AttributeError: 'c_double' object has no attribute 'get_lock'",
      "[10, 11, 12, 13] [10, 11, 12, 13] 4 13 46",
      "c_double_Array_2 [0.5, 1.5] 1.5",
      "child sees c_double c_double_Array_2 8.5",
      "8.5 [9.5, 1.5]",
      "IndexError: invalid index",
      "TypeError: 'str' object cannot be interpreted as an integer",
      "[10, 7, 8, 13]",
      "ValueError: Can only assign sequence of same size",
      "110 100 8.5"
    ],
  },
  {
    name: "Pipe ends between processes: a child echoes until EOF once the parent closes its end; poll(timeout); the parent's close of the child's end leaves the child's copy open",
    code: c`from multiprocessing import Process, Pipe

def echo(conn):
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            print('child: EOF, leaving')
            break
        conn.send(msg.upper())

if __name__ == '__main__':
    mine, theirs = Pipe()
    p = Process(target=echo, args=(theirs,))
    p.start()
    theirs.close()
    for word in ['ab', 'cd']:
        mine.send(word)
        print(mine.recv())
    print('poll(0.1):', mine.poll(0.1))
    mine.close()
    p.join()
    print(mine.closed, theirs.closed, p.exitcode)
    try:
        mine.poll()
    except OSError as e:
        print('OSError:', e)
`,
    expect: [
      "AB",
      "CD",
      "poll(0.1): False",
      "child: EOF, leaving",
      "True True 0",
      "OSError: handle is closed"
    ],
  },
  {
    name: 'a child sends and ends without close(): its end closes as it exits, so the reader that closed its own copy meets EOFError; a Connection in a with block',
    code: c`from multiprocessing import Process, Pipe

def produce(conn, n):
    for i in range(n):
        conn.send(i * i)

if __name__ == '__main__':
    recv_end, send_end = Pipe(duplex=False)
    p = Process(target=produce, args=(send_end, 4))
    p.start()
    send_end.close()
    got = []
    while True:
        try:
            got.append(recv_end.recv())
        except EOFError:
            break
    p.join()
    print(got, p.exitcode, send_end.closed, recv_end.closed)
    a, b = Pipe()
    with a:
        a.send('inside with')
    print(b.recv(), a.closed, b.poll())
    try:
        b.recv()
    except EOFError:
        print('EOFError after the with block')
`,
    expect: [
      "[0, 1, 4, 9] 0 True False",
      "inside with True True",
      "EOFError after the with block"
    ],
  },
  {
    name: 'Pool as the tutorials use it: apply_async with a callback for each task, close() then join(); map_async with a callback; an initializer; the pool after its with block',
    code: c`from multiprocessing import Pool, current_process
import time

def setup(tag):
    global prefix
    prefix = tag

def work(n):
    time.sleep(0.05)
    return n * n

def label(a, b):
    return f'{prefix}{a}-{b}'

if __name__ == '__main__':
    results = []
    pool = Pool(2)
    for i in range(6):
        pool.apply_async(work, (i,), callback=results.append)
    pool.close()
    pool.join()
    print(sorted(results), len(results))
    with Pool(2, initializer=setup, initargs=('job ',)) as p:
        r = p.map_async(work, range(4), callback=lambda v: print('callback got', v))
        print('map_async:', r.get(timeout=30))
        print(p.starmap(label, [(1, 2), (3, 4)]))
        print(sorted(p.imap_unordered(work, [3, 1, 2])))
    try:
        p.map(work, [1])
    except ValueError as e:
        print('ValueError:', e)
    try:
        pool.apply_async(work, (1,))
    except ValueError as e:
        print('ValueError:', e)
`,
    expect: [
      "[0, 1, 4, 9, 16, 25] 6",
      "callback got [0, 1, 4, 9]",
      "map_async: [0, 1, 4, 9]",
      "['job 1-2', 'job 3-4']",
      "[1, 4, 9]",
      "ValueError: Pool not running",
      "ValueError: Pool not running"
    ],
  },
  {
    name: 'long items: Pool arguments of 10,000 characters (map, apply, starmap, imap, kwargs), and a Queue item and a Pipe message longer than a slot, cross whole and in order',
    code: c`from multiprocessing import Pool, Process, Queue, Pipe

def size(s):
    return len(s)

def pair(a, b):
    return len(a) + len(b)

def echo(q, conn):
    conn.send(q.get()[::-1])
    q.put(conn.recv()['k'][-3:])
    q.put('short')

if __name__ == '__main__':
    with Pool(2) as pool:
        print(pool.map(size, ['x' * 10_000] * 8))
        print(pool.apply(size, ('é' * 3000,)))
        print(pool.starmap(pair, [('a' * 500, 'b' * 700), ('c', 'd' * 300)]))
        print(list(pool.imap(size, [list(range(200)), [0], tuple(range(300))])))
        print(pool.apply_async(size, (), {'s': 'k' * 1000}).get())
    q = Queue()
    a, b = Pipe()
    p = Process(target=echo, args=(q, b))
    p.start()
    q.put('abc' * 2000)
    got = a.recv()
    print(len(got), got[:6])
    a.send({'k': list(range(500))})
    print(q.get(), q.get())
    p.join()
`,
    expect: [
      "[10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000]",
      "3000",
      "[1200, 301]",
      "[200, 1, 300]",
      "1000",
      "6000 cbacba",
      "[497, 498, 499] short"
    ],
  },
  {
    name: 'Pool.imap raises a task\'s exception at its place in order, after the values before it (one of them None, from a slower task), and goes on after it; imap_unordered the same in arrival order; next(timeout)',
    code: c`from multiprocessing import Pool, TimeoutError
import time

def f(x):
    if x == 2:
        raise ValueError(f'bad {x}')
    if x == 0:
        time.sleep(0.3)
        return None
    return x * 10

def slow(x):
    time.sleep(x)
    return x

if __name__ == '__main__':
    with Pool(2) as pool:
        it = pool.imap(f, range(5))
        got = []
        try:
            for v in it:
                got.append(v)
        except ValueError as e:
            print('raised', e, 'after', got)
        print('then:', list(it))
        print(type(it).__name__, iter(it) is it)
        got = []
        it = pool.imap_unordered(f, [0, 2, 1])
        while True:
            try:
                got.append(next(it))
            except ValueError as e:
                got.append(f'error {e}')
            except StopIteration:
                break
        print('unordered:', sorted(got, key=str))
        it = pool.imap(slow, [1.0, 0])
        try:
            it.next(timeout=0.1)
        except TimeoutError:
            print('TimeoutError from next(timeout)')
        print(it.next(timeout=5), it.next())
`,
    expect: [
      "raised bad 2 after [None, 10]",
      "then: [30, 40]",
      "IMapIterator True",
      "unordered: [10, None, 'error bad 2']",
      "TimeoutError from next(timeout)",
      "1.0 0"
    ],
  },
  {
    name: 'Pipe EOF counts copies of the sending end: a terminated child\'s copy closes as it dies, os._exit closes too, and while the parent keeps its own copy there is no EOF (poll is False) until it closes it',
    code: c`from multiprocessing import Process, Pipe
import os, time

def hold(conn):
    time.sleep(100)

def quits(conn):
    conn.send('bye')
    os._exit(0)

def ends(conn):
    conn.send('last')

if __name__ == '__main__':
    # The parent closed its copy of the write end; the child that holds the other is terminated.
    r, w = Pipe(duplex=False)
    p = Process(target=hold, args=(w,))
    p.start()
    w.close()
    p.terminate()
    p.join()
    print('exitcode', p.exitcode)
    try:
        r.recv()
    except EOFError:
        print('1: EOFError once the terminated child held the last copy')
    # The parent kept its copy: no EOF after the child's end, data or not.
    r, w = Pipe(duplex=False)
    p = Process(target=hold, args=(w,))
    p.start()
    p.terminate()
    p.join()
    print('2: poll with the parent still holding a copy:', r.poll(0.2))
    w.close()
    try:
        r.recv()
    except EOFError:
        print('2: EOFError once the parent closed its copy too')
    # os._exit: the OS closes the child's descriptors.
    a, b = Pipe()
    p = Process(target=quits, args=(b,))
    p.start()
    b.close()
    print('3:', a.recv())
    try:
        a.recv()
    except EOFError:
        print('3: EOFError after os._exit')
    p.join()
    # A child that ends normally while the parent keeps its copy of the child's end.
    a, b = Pipe()
    p = Process(target=ends, args=(b,))
    p.start()
    p.join()
    print('4:', a.recv(), a.poll(0.2))
    b.close()
    try:
        a.recv()
    except EOFError:
        print('4: EOFError once the parent closed its copy')
`,
    expect: [
      "exitcode -15",
      "1: EOFError once the terminated child held the last copy",
      "2: poll with the parent still holding a copy: False",
      "2: EOFError once the parent closed its copy too",
      "3: bye",
      "3: EOFError after os._exit",
      "4: last False",
      "4: EOFError once the parent closed its copy"
    ],
  },
  {
    name: "Pool chunksize: map's default (divmod(len, 4 x processes)) and a given chunksize run each chunk as one task in one worker; a failed item fails its chunk (the rest of it never runs); imap with chunks raises at the chunk and ends; chunksize 0",
    unordered: true,
    code: c`from multiprocessing import Pool, current_process
import sys, time

def half(x):
    sys.stdout.write(f'half {x}\n')  # one write: two workers' prints cannot interleave within a line
    if x == 0:
        raise ValueError('no half of zero')
    return 10 // x

def who(x):
    time.sleep(0.02)
    return current_process().name

def add(a, b):
    sys.stdout.write(f'add {a} {b}\n')
    return a + b

if __name__ == '__main__':
    pool = Pool(2)
    names = pool.map(who, range(6), chunksize=3)
    print('workers per chunk of 3:', [len(set(names[i:i + 3])) for i in (0, 3)])
    # 10 items, 2 workers: chunks of 2, so 6 shares its chunk with the 0 and never runs.
    try:
        pool.map(half, [3, 4, 0, 6, 7, 8, 9, 11, 12, 13])
    except ValueError as e:
        print('map:', e)
    print('starmap:', pool.starmap(add, [(1, 2), (3, 4), (5, 6)], chunksize=2))
    r = pool.map_async(half, [0, 14, 15], chunksize=3, error_callback=lambda e: print('error_callback:', repr(e)))
    r.wait()
    print('map_async ready:', r.ready(), r.successful())
    it = pool.imap(half, [20, 0, 40, 50], chunksize=2)
    try:
        for v in it:
            print('imap got', v)
    except ValueError as e:
        print('imap:', e)
    print('imap after its failed chunk:', list(it))
    print('imap_unordered:', sorted(pool.imap_unordered(half, [1, 2, 5, 10], chunksize=3)))
    try:
        pool.imap(half, [1], chunksize=0)
    except ValueError as e:
        print('ValueError:', e)
    print('chunksize 0:', pool.map(half, [1, 2], chunksize=0))
    pool.close()
    pool.join()
`,
    expect: [
      "workers per chunk of 3: [1, 1]",
      "half 3",
      "half 4",
      "half 0",
      "half 7",
      "half 8",
      "half 9",
      "half 11",
      "half 12",
      "half 13",
      "map: no half of zero",
      "add 1 2",
      "add 3 4",
      "add 5 6",
      "starmap: [3, 7, 11]",
      "half 0",
      "error_callback: ValueError('no half of zero')",
      "map_async ready: True False",
      "half 20",
      "half 0",
      "half 40",
      "half 50",
      "imap: no half of zero",
      "imap after its failed chunk: []",
      "half 1",
      "half 2",
      "half 5",
      "half 10",
      "imap_unordered: [1, 2, 5, 10]",
      "ValueError: Chunksize must be 1+, not 0",
      "chunksize 0: [None, None]"
    ],
  },
  {
    name: "what cannot be pickled, in CPython 3.11's words: a lambda, a local function, a thread lock, a generator as Process args or a Pipe message or a Pool task; a Lock in a SimpleQueue; no 3.14 notes under an uncaught one",
    code: c`from multiprocessing import Process, Pipe, Pool, SimpleQueue, Lock
import threading

def outer():
    def inner():
        pass
    return inner

def target(*a):
    print('child got', len(a), 'argument(s)')

if __name__ == '__main__':
    items = [('lambda', lambda: 1), ('local function', outer()), ('thread lock', threading.Lock()), ('generator', (i for i in range(2))), ('dict holding a lambda', {'f': lambda: 1})]
    for label, item in items:
        try:
            p = Process(target=target, args=(item,))
            p.start()
            p.join()
        except Exception as e:
            print(label, 'as Process args:', type(e).__module__, type(e).__name__, e)
    try:
        Process(target=lambda: 1).start()
    except Exception as e:
        print('a lambda target:', type(e).__name__, e)
    a, b = Pipe()
    for label, item in items:
        try:
            a.send(item)
        except Exception as e:
            print(label, 'sent on a Pipe:', type(e).__name__, e)
    with Pool(1) as pool:
        try:
            pool.map(outer(), [1])
        except Exception as e:
            print('Pool.map of a local function:', type(e).__name__, e)
        r = pool.apply_async(target, (threading.Lock(),))
        try:
            r.get()
        except Exception as e:
            print('Pool.apply_async of a thread lock:', type(e).__name__, e)
    try:
        SimpleQueue().put([Lock()])
    except RuntimeError as e:
        print('a Lock in a SimpleQueue:', e)
    # Uncaught: no "when serializing" notes under the error (3.14 adds them; 3.11 has none).
    SimpleQueue().put({'key': [outer()]})
`,
    expect: [
      "lambda as Process args: _pickle PicklingError Can't pickle <function <lambda> at 0x?>: attribute lookup <lambda> on __main__ failed",
      "local function as Process args: builtins AttributeError Can't pickle local object 'outer.<locals>.inner'",
      "thread lock as Process args: builtins TypeError cannot pickle '_thread.lock' object",
      "generator as Process args: builtins TypeError cannot pickle 'generator' object",
      "dict holding a lambda as Process args: _pickle PicklingError Can't pickle <function <lambda> at 0x?>: attribute lookup <lambda> on __main__ failed",
      "a lambda target: PicklingError Can't pickle <function <lambda> at 0x?>: attribute lookup <lambda> on __main__ failed",
      "lambda sent on a Pipe: PicklingError Can't pickle <function <lambda> at 0x?>: attribute lookup <lambda> on __main__ failed",
      "local function sent on a Pipe: AttributeError Can't pickle local object 'outer.<locals>.inner'",
      "thread lock sent on a Pipe: TypeError cannot pickle '_thread.lock' object",
      "generator sent on a Pipe: TypeError cannot pickle 'generator' object",
      "dict holding a lambda sent on a Pipe: PicklingError Can't pickle <function <lambda> at 0x?>: attribute lookup <lambda> on __main__ failed",
      "Pool.map of a local function: AttributeError Can't pickle local object 'outer.<locals>.inner'",
      "Pool.apply_async of a thread lock: TypeError cannot pickle '_thread.lock' object",
      "a Lock in a SimpleQueue: Lock objects should only be shared between processes through inheritance",
      "Traceback (most recent call last):",
      "  File \"main.py\", line 46, in <module>",
      "    SimpleQueue().put({'key': [outer()]})",
      "AttributeError: Can't pickle local object 'outer.<locals>.inner'",
      "[exit 1]"
    ],
  },
  {
    name: "a child terminated before it takes up the pipe end it was given (still importing main.py) closes its copy as it dies: the reader, whose parent closed its own copy, meets EOFError",
    code: c`from multiprocessing import Process, Pipe, Event

if __name__ == '__mp_main__':
    Event().wait()  # the child's import of this file waits until terminated: it never unpickles its Process object (nor its end)

def child(w):
    w.send('never sent')

if __name__ == '__main__':
    r, w = Pipe(duplex=False)
    p = Process(target=child, args=(w,))
    p.start()
    w.close()
    p.terminate()
    p.join()
    print('exitcode', p.exitcode)
    try:
        print(r.recv())
    except EOFError:
        print('EOFError: the terminated child held the last copy, never taken up')
`,
    expect: [
      "exitcode -15",
      "EOFError: the terminated child held the last copy, never taken up"
    ],
  },
  {
    name: "a Queue item that cannot be pickled: put() returns, CPython's feeder thread prints the error and drops the item, the queue goes on (a SimpleQueue raises in put)",
    // When CPython's feeder thread prints is its own affair (before or after 'put returned').
    unordered: true,
    code: c`from multiprocessing import Queue, SimpleQueue
import time

if __name__ == '__main__':
    q = Queue()
    q.put(lambda: 1)
    time.sleep(0.5)
    print('put returned')
    q.put('next')
    print(q.get(), q.empty())
    try:
        SimpleQueue().put(lambda: 1)
    except Exception as e:
        print('SimpleQueue:', type(e).__name__)
`,
    expect: [
      "Traceback (most recent call last):",
      "put returned",
      "_pickle.PicklingError: Can't pickle <function <lambda> at 0x?>: attribute lookup <lambda> on __main__ failed",
      "next True",
      "SimpleQueue: PicklingError"
    ],
  },
];
