/**
 * queue-basics — the Queue API playground. One Queue(MAXSIZE) `q`, and two
 * processes (main and `helper`) that each run the same loop: take the next
 * command the learner clicked, run that call on `q`, print the result or the
 * exception caught (queue.Full / queue.Empty), and go on, until an `exit`
 * command.
 *
 * Commands reach the processes through two Mailboxes (core/mailbox.ts),
 * `commands[0]` for main and `commands[1]` for the helper, which the page
 * fills with `Mailbox.post(mem, objs.commands[who].info, command)`. A command
 * is `{"who": 0|1, "call": "put(x)", "x": 7}`; calls are the keys of CALLS
 * (`put(x)`, `put_nowait(x)`, `put(x, timeout=t)`, `get()`, `get_nowait()`,
 * `get(timeout=t)`, `qsize()`, `empty()`, `full()`) and `exit`. A blocking
 * put/get blocks that process until the other one makes room or an item, as
 * in Python. Mailboxes wait on real futexes, so this scenario runs under the
 * parallel mode only.
 *
 * Tests (and demos) pass the unlisted parameter `script` (1…SCRIPTS.length):
 * main then posts that built-in command list to both mailboxes itself, as if
 * the learner had clicked it all, before starting the helper.
 */
import { agree, counted } from '../../i18n/plural';
import { Console, pyStr } from '../../core/data';
import { Mailbox } from '../../core/mailbox';
import { Queue } from '../../core/queue';
import type { ProcessApi } from '../../core/process';
import type { World } from '../../core/world';
import { itemBalance } from '../result';
import type { Judgement, Scenario } from '../types';
import { isPy, memoLines, postScript, queueJudging } from '../common';

interface Params {
  maxsize: number;
  /** Unlisted, for tests and demos, as `script`: a built-in command list (0 or absent: commands come from the page). */
  [k: string]: number | string;
}

export interface Command {
  who: 0 | 1;
  call: string;
  x?: number;
  t?: number;
}

/** The calls the buttons offer (and `exit`). */
export const CALLS = ['put(x)', 'put_nowait(x)', 'put(x, timeout=t)', 'get()', 'get_nowait()', 'get(timeout=t)', 'qsize()', 'empty()', 'full()', 'exit'] as const;

/** Built-in command lists, for the tests and demos (`script` = index + 1). */
export const SCRIPTS: Command[][] = [
  // 1: main alone, with maxsize 4: fill it past full, read the snapshots, drain it past empty.
  [
    ...[1, 2, 3, 4, 5].map((x): Command => ({ who: 0, call: 'put_nowait(x)', x })),
    { who: 0, call: 'qsize()' },
    { who: 0, call: 'full()' },
    { who: 0, call: 'put(x, timeout=t)', x: 6, t: 0.2 },
    ...[1, 2, 3, 4, 5].map((): Command => ({ who: 0, call: 'get_nowait()' })),
    { who: 0, call: 'empty()' },
    { who: 0, call: 'get(timeout=t)', t: 0.2 },
    { who: 0, call: 'exit' },
    { who: 1, call: 'exit' },
  ],
  // 2: the helper blocks in get() until main puts; then main blocks in put() on a full queue until the helper gets.
  [
    { who: 1, call: 'get()' },
    { who: 1, call: 'get()' },
    { who: 1, call: 'exit' },
    { who: 0, call: 'put(x)', x: 7 },
    { who: 0, call: 'put(x)', x: 8 },
    { who: 0, call: 'exit' },
  ],
];

function setup(world: World, params: Params) {
  return {
    console: new Console(world, 512, 32 * 1024),
    q: new Queue(world, params.maxsize, 'q'),
    commands: [new Mailbox(world, 'commands[0]'), new Mailbox(world, 'commands[1]')] as const,
  };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Queue
import queue

MAXSIZE = ${p.maxsize}

def serve(q, commands, who):
    while True:
        cmd = commands.get()  # waits for your next click
        call = cmd['call']
        if call == 'exit':
            break
        try:
            if call == 'put(x)':
                q.put(cmd['x'])  # blocks while the queue is full
                print(f'{who}: put({cmd["x"]})')
            elif call == 'put_nowait(x)':
                q.put_nowait(cmd['x'])
                print(f'{who}: put_nowait({cmd["x"]})')
            elif call == 'put(x, timeout=t)':
                q.put(cmd['x'], timeout=cmd['t'])
                print(f'{who}: put({cmd["x"]}, timeout={cmd["t"]})')
            elif call == 'get()':
                print(f'{who}: get() -> {q.get()}')  # blocks while the queue is empty
            elif call == 'get_nowait()':
                print(f'{who}: get_nowait() -> {q.get_nowait()}')
            elif call == 'get(timeout=t)':
                print(f'{who}: get(timeout={cmd["t"]}) -> {q.get(timeout=cmd["t"])}')
            elif call == 'qsize()':
                print(f'{who}: qsize() -> {q.qsize()}')
            elif call == 'empty()':
                print(f'{who}: empty() -> {q.empty()}')
            elif call == 'full()':
                print(f'{who}: full() -> {q.full()}')
            else:
                print(f'{who}: no such call: {call}')
        except queue.Full:
            print(f'{who}: {call} raised queue.Full')
        except queue.Empty:
            print(f'{who}: {call} raised queue.Empty')

if __name__ == '__main__':
    q = Queue(MAXSIZE)
    commands = [Queue(), Queue()]  # filled by the buttons, one per process
    helper = Process(target=serve, args=(q, commands[1], 'helper'), name='helper')
    helper.start()
    serve(q, commands[0], 'main')
    helper.join()
`;

const lines = memoLines(SOURCE, () => '', () => ({
  take: 'cmd = commands.get()',
  put: "q.put(cmd['x'])  #",
  putDone: `print(f'{who}: put({cmd["x"]})')`,
  putNowait: "q.put_nowait(cmd['x'])",
  putNowaitDone: `print(f'{who}: put_nowait({cmd["x"]})')`,
  putTimeout: "q.put(cmd['x'], timeout=cmd['t'])",
  putTimeoutDone: `print(f'{who}: put({cmd["x"]}, timeout={cmd["t"]})')`,
  get: "print(f'{who}: get() -> {q.get()}')",
  getNowait: "print(f'{who}: get_nowait() -> {q.get_nowait()}')",
  getTimeout: 'q.get(timeout=cmd["t"])',
  qsize: "print(f'{who}: qsize() -> {q.qsize()}')",
  empty: "print(f'{who}: empty() -> {q.empty()}')",
  full: "print(f'{who}: full() -> {q.full()}')",
  unknown: "print(f'{who}: no such call: {call}')",
  fullRaised: "print(f'{who}: {call} raised queue.Full')",
  emptyRaised: "print(f'{who}: {call} raised queue.Empty')",
  start: 'helper.start()',
  join: 'helper.join()',
}));

/** The loop both processes run (Python's `serve`). */
function serve(p: ProcessApi<Objs, Params>, who: 0 | 1): void {
  const L = lines(p.params);
  const { q } = p.objs;
  const box = p.objs.commands[who];
  const name = who === 0 ? 'main' : 'helper';
  for (;;) {
    p.at(L.take);
    const cmd = box.take() as Command;
    const call = cmd.call;
    if (call === 'exit') break;
    const x = cmd.x ?? 0;
    const t = cmd.t ?? 0;
    try {
      switch (call) {
        case 'put(x)':
          p.at(L.put);
          q.put(x);
          p.at(L.putDone).print(`${name}: put(${x})`);
          break;
        case 'put_nowait(x)':
          p.at(L.putNowait);
          q.put_nowait(x);
          p.at(L.putNowaitDone).print(`${name}: put_nowait(${x})`);
          break;
        case 'put(x, timeout=t)':
          p.at(L.putTimeout);
          q.put(x, true, t);
          p.at(L.putTimeoutDone).print(`${name}: put(${x}, timeout=${t})`);
          break;
        case 'get()':
          p.at(L.get).print(`${name}: get() -> ${pyStr(q.get())}`);
          break;
        case 'get_nowait()':
          p.at(L.getNowait).print(`${name}: get_nowait() -> ${pyStr(q.get_nowait())}`);
          break;
        case 'get(timeout=t)':
          p.at(L.getTimeout).print(`${name}: get(timeout=${t}) -> ${pyStr(q.get(true, t))}`);
          break;
        case 'qsize()':
          p.at(L.qsize).print(`${name}: qsize() -> ${q.qsize()}`);
          break;
        case 'empty()':
          p.at(L.empty).print(`${name}: empty() -> ${pyStr(q.empty())}`);
          break;
        case 'full()':
          p.at(L.full).print(`${name}: full() -> ${pyStr(q.full())}`);
          break;
        default:
          p.at(L.unknown).print(`${name}: no such call: ${call}`);
      }
    } catch (e) {
      if (isPy(e, 'queue.Full')) p.at(L.fullRaised).print(`${name}: ${call} raised queue.Full`);
      else if (isPy(e, 'queue.Empty')) p.at(L.emptyRaised).print(`${name}: ${call} raised queue.Empty`);
      else throw e;
    }
  }
}

export const queueBasics: Scenario<Objs, Params, Command> = {
  id: 'queue-basics',
  title: { en: 'Queue playground: put, get, Full and Empty', zh: '队列试验场：put、get、Full 与 Empty' },
  summary: {
    en: 'Call the Queue API yourself, from the main process or from a helper process: put and get, their _nowait and timeout forms, qsize(), empty() and full(). Fill the queue past maxsize or drain it past empty to see queue.Full and queue.Empty; a blocking call waits until the other process helps.',
    zh: '亲手调用 Queue 的 API，可以从主进程调用，也可以从辅助进程调用：put 和 get、它们的 _nowait 和 timeout 形式，以及 qsize()、empty()、full()。放满超过 maxsize 或取空之后再取，就能看到 queue.Full 和 queue.Empty；阻塞的调用会一直等到另一个进程帮忙。',
  },
  topic: 'queues',
  hook: {
    en: 'Call put and get yourself and make the queue raise Full and Empty.',
    zh: '亲手调用 put 和 get，让队列抛出 Full 和 Empty。',
  },
  params: [{ name: 'maxsize', default: 4, min: 1, max: 20, label: { en: 'maxsize', zh: '最大容量 maxsize' } }],
  options: [],
  defaultMode: 'parallel',
  onlyMode: 'parallel',
  commands: { inboxes: (objs) => objs.commands },
  maxProcesses: () => 2,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      postScript(p, SCRIPTS, (cmd) => p.objs.commands[cmd.who]);
      const helper = p.Process({ target: 'helper', name: 'helper' });
      p.at(L.start);
      helper.start();
      serve(p, 0);
      p.at(L.join);
      helper.join();
    },
    helper: (p) => serve(p, 1),
  },
  judge(result): Judgement {
    const raw = itemBalance(result);
    const inQueue = result.objs.q.size;
    const { b, say, deadlock } = queueJudging(result, { ...raw, lost: Math.max(0, raw.lost - inQueue) }, false, [{ key: 'In queue', label: { en: 'In queue', zh: '队列中' }, value: inQueue }]);
    if (result.status === 'deadlock')
      return deadlock({ en: 'Each process waits for the other to put or get; no click can reach them now.', zh: '两个进程都在等对方 put 或 get；现在再点什么也到不了它们。' });
    if (result.status === 'running') return say('running', `${counted(b.produced, 'item')} put, ${b.consumed} got, ${inQueue} in the queue.`, `已放入 ${b.produced} 件，已取出 ${b.consumed} 件，队列中 ${inQueue} 件。`);
    if (b.lost > 0 || b.duplicated > 0) return say('violated', `${counted(b.lost, 'item')} vanished and ${b.duplicated} ${agree(b.duplicated, 'was', 'were')} got twice.`, `有 ${b.lost} 件物品不见了，${b.duplicated} 件被取了两次。`);
    return say('ok', `Both processes exited; ${counted(b.produced, 'item')} ${agree(b.produced, 'was', 'were')} put and ${b.consumed} got, each once, and ${inQueue} ${agree(inQueue, 'is', 'are')} still in the queue.`, `两个进程都已退出；共放入 ${b.produced} 件、取出 ${b.consumed} 件，每件只取一次，队列中还剩 ${inQueue} 件。`);
  },
};
