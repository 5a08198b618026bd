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
