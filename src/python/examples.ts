/**
 * The Python lab's example programs, written for this project in the spirit
 * of the tutorials (src: /work/shared/seeds), each comment in English and
 * Chinese. Every example runs on our multiprocessing module as it would on
 * CPython with the spawn start method.
 */
import type { Localized } from '../scenarios/types';

export interface PythonExample {
  id: string;
  title: Localized;
  code: string;
  /** Files in the working directory before the run: [name, content]. */
  files?: [string, string][];
}

export const EXAMPLES: PythonExample[] = [
  {
    id: 'printer',
    title: { en: 'Printer: three users, one lock', zh: '打印机：三个用户，一把锁' },
    code: `from multiprocessing import Process, Lock
import time

# Each user prints three lines; the lock keeps a job in one piece.
# 每个用户打印三行；锁让一份作业不被别人打断。
def user(lock, name):
    with lock:
        for i in range(3):
            print(f'{name} prints line {i + 1}')
            time.sleep(0.1)

if __name__ == '__main__':
    lock = Lock()
    users = [Process(target=user, args=(lock, f'user {n}')) for n in range(3)]
    for u in users:
        u.start()
    for u in users:
        u.join()
`,
  },
  {
    id: 'tickets',
    title: { en: 'Ticket rush on a JSON file', zh: '抢票：一个 JSON 文件' },
    files: [['tickets.json', '{"count": 1}']],
    code: `from multiprocessing import Process, Lock
import json, random, time

# Everyone reads the count, thinks a moment, then writes it back.
# 每个人先读余票，想一想，再写回去。
def buy(lock, who):
    with lock:  # try the "ignore locks" switch / 试试“忽略锁”开关
        with open('tickets.json') as f:
            count = json.load(f)['count']
        time.sleep(random.random() * 0.2)  # network delay / 网络延迟
        if count > 0:
            with open('tickets.json', 'w') as f:
                json.dump({'count': count - 1}, f)
            print(who, 'got a ticket')
        else:
            print(who, 'found no ticket left')

if __name__ == '__main__':
    lock = Lock()
    clients = [Process(target=buy, args=(lock, f'client {n}')) for n in range(4)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
`,
  },
  {
    id: 'bank',
    title: { en: 'Bank: deposit and withdraw with Value', zh: '银行：用 Value 存钱取钱' },
    code: `from multiprocessing import Process, Value

# += is a read and a write: without the lock, updates get lost.
# += 是先读后写：不加锁，更新就会丢。
def change(balance, amount, times):
    for _ in range(times):
        with balance.get_lock():
            balance.value += amount

if __name__ == '__main__':
    balance = Value('i', 100)
    d = Process(target=change, args=(balance, +1, 50))  # depositor / 存钱
    w = Process(target=change, args=(balance, -1, 50))  # withdrawer / 取钱
    d.start(); w.start()
    d.join(); w.join()
    print('balance:', balance.value, '(expected 100 / 应为 100)')
`,
  },
  {
    id: 'producer-consumer',
    title: { en: 'Queue: producer and consumers with sentinels', zh: '队列：生产者、消费者和哨兵' },
    code: `from multiprocessing import Process, Queue
import random, time

# One None per consumer tells it to stop.
# 每个消费者收到一个 None 就下班。
def producer(q, consumers):
    for i in range(6):
        time.sleep(random.random() * 0.2)
        q.put(f'bun {i}')
        print('made bun', i)
    for _ in range(consumers):
        q.put(None)

def consumer(q, name):
    while True:
        item = q.get()
        if item is None:
            break
        print(name, 'ate', item)
        time.sleep(random.random() * 0.3)

if __name__ == '__main__':
    q = Queue(3)  # at most 3 buns on the table / 桌上最多 3 个包子
    eaters = [Process(target=consumer, args=(q, f'eater {n}')) for n in range(2)]
    maker = Process(target=producer, args=(q, len(eaters)))
    for p in [maker, *eaters]:
        p.start()
    for p in [maker, *eaters]:
        p.join()
`,
  },
  {
    id: 'joinable',
    title: { en: 'JoinableQueue: task_done and join', zh: 'JoinableQueue：task_done 与 join' },
    code: `from multiprocessing import Process, JoinableQueue
import time

# Daemon workers never return; q.join() waits until every task is done.
# 守护进程一直干活；q.join() 等到每个任务都完成。
def worker(q):
    while True:
        job = q.get()
        time.sleep(0.1)
        print('finished', job)
        q.task_done()

if __name__ == '__main__':
    q = JoinableQueue()
    for n in range(2):
        Process(target=worker, args=(q,), daemon=True).start()
    for job in ['wash', 'cut', 'cook', 'serve']:
        q.put(job)
    q.join()
    print('all tasks done / 所有任务完成')
`,
  },
  {
    id: 'pipe',
    title: { en: 'Pipe: two ends, both ways', zh: '管道：两端双向' },
    code: `from multiprocessing import Process, Pipe

# Each end can send and receive; recv() blocks until something arrives.
# 管道两端都能收发；recv() 会一直等到有消息。
def echo(conn):
    while True:
        msg = conn.recv()
        if msg == 'bye':
            break
        conn.send(msg.upper())
    conn.close()

if __name__ == '__main__':
    here, there = Pipe()
    p = Process(target=echo, args=(there,))
    p.start()
    for word in ['hello', 'pipe']:
        here.send(word)
        print('echo:', here.recv())
    here.send('bye')
    p.join()
`,
  },
  {
    id: 'semaphore',
    title: { en: 'Semaphore: two seats', zh: '信号量：两个座位' },
    code: `from multiprocessing import Process, Semaphore
import random, time

# At most two people use the room at once.
# 同一时间最多两个人在房间里。
def visit(room, name):
    with room:
        print(name, 'enters')
        time.sleep(random.random() * 0.3)
        print(name, 'leaves')

if __name__ == '__main__':
    room = Semaphore(2)
    people = [Process(target=visit, args=(room, f'guest {n}')) for n in range(4)]
    for p in people:
        p.start()
    for p in people:
        p.join()
`,
  },
  {
    id: 'event',
    title: { en: 'Event: the traffic light', zh: '事件：红绿灯' },
    code: `from multiprocessing import Process, Event
import time

# Cars wait() until the light is set to green.
# 车辆 wait()，直到灯变绿（set）。
def car(light, n):
    print(f'car {n} waits at red')
    light.wait()
    print(f'car {n} drives')

if __name__ == '__main__':
    light = Event()
    cars = [Process(target=car, args=(light, n)) for n in range(3)]
    for c in cars:
        c.start()
    time.sleep(0.5)
    print('green!')
    light.set()
    for c in cars:
        c.join()
`,
  },
  {
    id: 'pool',
    title: { en: 'Pool.map', zh: '进程池 Pool.map' },
    code: `from multiprocessing import Pool

# The pool hands the inputs to its workers and keeps the order of results.
# 进程池把输入分给工作进程，结果保持原来的顺序。
def square(x):
    return x * x

if __name__ == '__main__':
    with Pool(2) as pool:
        print(pool.map(square, range(6)))
        result = pool.apply_async(square, (7,), callback=lambda r: print('callback got', r))
        print('async result:', result.get())
`,
  },
  {
    id: 'manager',
    title: { en: 'Manager dict', zh: 'Manager 字典' },
    code: `from multiprocessing import Process, Manager

# Every process writes its own key into one shared dict.
# 每个进程往同一个共享字典里写自己的键。
def record(scores, name, points):
    scores[name] = points

if __name__ == '__main__':
    with Manager() as manager:
        scores = manager.dict()
        ps = [Process(target=record, args=(scores, f'team {n}', n * 10)) for n in range(3)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print(dict(sorted(scores.items())))
`,
  },
  {
    id: 'deadlock',
    title: { en: 'AB/BA deadlock', zh: 'AB/BA 死锁' },
    code: `from multiprocessing import Process, Lock
import time

# Two workers take the same two locks in opposite orders.
# 两个进程以相反的顺序拿同样的两把锁。
def worker(first, second, name):
    with first:
        print(name, 'has its first lock')
        time.sleep(0.1)
        with second:
            print(name, 'has both')

if __name__ == '__main__':
    a, b = Lock(), Lock()
    p = Process(target=worker, args=(a, b, 'p'))
    q = Process(target=worker, args=(b, a, 'q'))
    p.start(); q.start()
    p.join(); q.join()
`,
  },
  {
    id: 'no-guard',
    title: { en: 'A missing __main__ guard', zh: '缺少 __main__ 保护' },
    code: `from multiprocessing import Process

# With spawn, each child imports this file again as __mp_main__.
# Without the guard it would start a child while importing: Python refuses.
# spawn 方式下子进程会把本文件再导入一遍（__mp_main__）。
# 没有保护的话，导入时又会启动子进程：Python 拒绝这样做。
def hello():
    print('hello from the child')

print('this line runs in every process / 每个进程都会运行这一行')
p = Process(target=hello)
p.start()
p.join()
`,
  },
];

export const exampleById = new Map(EXAMPLES.map((e) => [e.id, e]));
