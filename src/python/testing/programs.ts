/** Python programs shared by the Node tests (python.test.ts) and the e2e spec (e2e/python.spec.ts). */

/** A Condition with its own RLock, a duplex and a one-way Pipe, an Array: all made at run time. Prints `hi [1, 7, 3]`. */
export const RUN_TIME_OBJECTS = `from multiprocessing import Process, Condition, Pipe, Array, RLock

def child(cond, conn, arr):
    with cond:
        arr[1] = 7
        cond.notify()
    conn.send('hi')

if __name__ == '__main__':
    guard = RLock()
    cond = Condition(guard)
    a, b = Pipe()
    reader, writer = Pipe(duplex=False)
    arr = Array('i', [1, 2, 3])
    with cond:
        p = Process(target=child, args=(cond, b, arr))
        p.start()
        cond.wait()
    print(a.recv(), arr[:])
    p.join()
`;

/**
 * The ticket rush on a JSON file: three clients read `tickets.json` (`{"count": 1}`), sleep, and buy if
 * a ticket is left. With the lock exactly one prints "… bought a ticket"; without it (or with locks
 * ignored) every one does. The main process prints `left: <the file>` last.
 */
export const TICKETS = (locked: boolean) => `from multiprocessing import Process, Lock
import json, time

def buy(lock, who):
    ${locked ? 'with lock:' : 'if True:'}
        with open('tickets.json') as f:
            count = json.load(f)['count']
        time.sleep(0.1)
        if count > 0:
            with open('tickets.json', 'w') as f:
                json.dump({'count': count - 1}, f)
            print(who, 'bought a ticket')
        else:
            print(who, 'found none')

if __name__ == '__main__':
    lock = Lock()
    ps = [Process(target=buy, args=(lock, f'client {i}')) for i in range(3)]
    for p in ps: p.start()
    for p in ps: p.join()
    with open('tickets.json') as f:
        print('left:', f.read())
`;

/** The file the ticket programs start from. */
export const TICKETS_FILE: [string, string] = ['tickets.json', '{"count": 1}'];
