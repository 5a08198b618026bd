/**
 * joinable — a JoinableQueue of `items` tasks and `consumers` daemon
 * processes that take a task, work on it and call `q.task_done()`. Main puts
 * the tasks and waits in `q.join()` until every task is marked done, then
 * returns: Python's exit handler terminates the daemon consumers, which are
 * still waiting in get() (exitcode -15).
 *
 * Option `taskdone=off` ("forget task_done"): the consumers never mark a task
 * done, so q.join() never returns and everyone waits (deadlock). The
 * source shows it as the constant TASK_DONE guarding the task_done() call.
 */
import { agree, counted } from '../../i18n/plural';
import { Console } from '../../core/data';
import { JoinableQueue } from '../../core/queue';
import { TERMINATED_EXITCODE } from '../../core/process';
import type { World } from '../../core/world';
import { itemBalance } from '../result';
import type { Judgement, Scenario } from '../types';
import { memoLines, onOff, pyBool, queueJudging, startEach } from '../common';

interface Params {
  items: number;
  consumers: number;
  taskdone: 'on' | 'off';
  [k: string]: number | string;
}

function setup(world: World) {
  return { console: new Console(world, 256, 16 * 1024), q: new JoinableQueue(world, 0, 'q') };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import JoinableQueue, Process
import random
import time

ITEMS = ${p.items}
CONSUMERS = ${p.consumers}
TASK_DONE = ${pyBool(p.taskdone === 'on')}  # False: "forget" task_done()

def consumer(q, n):
    while True:  # a daemon: it never leaves on its own
        task = q.get()
        print(f'consumer {n} works on {task}')
        time.sleep(random.uniform(0.1, 0.3))
        if TASK_DONE:
            q.task_done()  # one task finished: q.join() counts it

if __name__ == '__main__':
    q = JoinableQueue()
    consumers = [Process(target=consumer, args=(q, n), name=f'consumer-{n}', daemon=True) for n in range(CONSUMERS)]
    for c in consumers:
        c.start()
    for i in range(ITEMS):
        q.put(f'task {i}')
    q.join()  # waits until every task put is marked done
    print('main: all tasks done; exiting terminates the daemon consumers')
`;

const lines = memoLines(SOURCE, () => '', () => ({
  get: 'task = q.get()',
  works: "print(f'consumer {n} works on {task}')",
  work: 'time.sleep(random.uniform(0.1, 0.3))',
  taskDone: 'q.task_done()  #',
  start: 'c.start()',
  put: "q.put(f'task {i}')",
  join: 'q.join()  #',
  end: "print('main: all tasks done",
}));

export const joinable: Scenario<Objs, Params> = {
  id: 'joinable',
  title: { en: 'JoinableQueue: task_done() and join()', zh: 'JoinableQueue：task_done() 与 join()' },
  summary: {
    en: 'Main puts tasks on a JoinableQueue and waits in q.join(); daemon consumers call task_done() after each task. When the last task is done, main exits and the daemons are terminated (exitcode -15). Forget task_done() and q.join() never returns.',
    zh: '主进程把任务放进 JoinableQueue，然后在 q.join() 等待；守护进程消费者每做完一个任务就调用 task_done()。最后一个任务完成后主进程退出，守护进程被终止（退出码 -15）。忘了 task_done()，q.join() 就永远不会返回。',
  },
  topic: 'queues',
  hook: {
    en: 'task_done() and join(): main waits until every task is really finished.',
    zh: 'task_done() 与 join()：主进程一直等到每个任务真正完成。',
  },
  challenges: [
    {
      id: 'join-forever',
      goal: { en: 'Make q.join() wait forever.', zh: '让 q.join() 永远等下去。' },
      met: (r) => r.verdict === 'deadlock',
    },
  ],
  params: [
    { name: 'items', default: 5, min: 1, max: 30, label: { en: 'Tasks', zh: '任务数' } },
    { name: 'consumers', default: 2, min: 1, max: 5, label: { en: 'Consumers', zh: '消费者数' } },
  ],
  options: [
    {
      name: 'taskdone',
      values: ['on', 'off'],
      default: 'on',
      label: { en: 'Call task_done()', zh: '调用 task_done()' },
      valueLabels: onOff,
    },
  ],
  defaultMode: 'clock',
  maxProcesses: (p) => 1 + p.consumers,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      const { q } = p.objs;
      const consumers = Array.from({ length: p.params.consumers }, (_, n) => p.Process({ target: 'consumer', args: [n], name: `consumer-${n}`, daemon: true }));
      startEach(p, consumers, L.start);
      for (let i = 0; i < p.params.items; i++) {
        p.at(L.put);
        q.put(`task ${i}`);
      }
      p.at(L.join);
      q.join();
      p.at(L.end).print('main: all tasks done; exiting terminates the daemon consumers');
    },
    consumer: (p) => {
      const L = lines(p.params);
      const { q } = p.objs;
      const n = p.args[0] as number;
      for (;;) {
        p.at(L.get);
        const task = q.get();
        p.at(L.works).print(`consumer ${n} works on ${String(task)}`);
        p.at(L.work).sleep(p.uniform(0.1, 0.3));
        if (p.params.taskdone === 'on') {
          p.at(L.taskDone);
          q.task_done();
        }
      }
    },
  },
  judge(result, params): Judgement {
    const { b, say, deadlock } = queueJudging(result, itemBalance(result), true);
    const unfinished = result.objs.q.unfinished;
    if (result.status === 'deadlock')
      return deadlock(
        params.taskdone === 'off'
          ? { en: `Every task was taken, but none was marked done, so q.join() still counts ${counted(unfinished, 'unfinished task')} and never returns.`, zh: `所有任务都被取走了，但没有一个被标记完成，q.join() 仍记着 ${unfinished} 个未完成任务，永远不会返回。` }
          : { en: `q.join() still counts ${counted(unfinished, 'unfinished task')}.`, zh: `q.join() 仍记着 ${unfinished} 个未完成任务。` },
      );
    if (result.status === 'running') return say('running', `Running: ${b.consumed} of ${counted(b.produced, 'task')} taken, ${unfinished} not yet marked done.`, `运行中：${b.produced} 个任务已取走 ${b.consumed} 个，还有 ${unfinished} 个未标记完成。`);
    if (b.lost > 0 || b.duplicated > 0)
      return say('violated', `${counted(b.lost, 'task')} ${agree(b.lost, 'was', 'were')} never taken and ${b.duplicated} ${agree(b.duplicated, 'was', 'were')} taken twice.`, `有 ${b.lost} 个任务没人取，${b.duplicated} 个被取了两次。`);
    const killed = result.procs.filter((pr) => pr.pid > 0 && pr.exitcode === TERMINATED_EXITCODE).length;
    return say(
      'ok',
      `All ${counted(b.produced, 'task')} ${agree(b.produced, 'was', 'were')} taken once and marked done, so q.join() returned; main then exited and its ${counted(killed, 'daemon consumer')} ${agree(killed, 'was', 'were')} terminated (exitcode ${TERMINATED_EXITCODE}).`,
      `全部 ${b.produced} 个任务都被取走一次并标记完成，于是 q.join() 返回；主进程随后退出，${killed} 个守护进程消费者被终止（退出码 ${TERMINATED_EXITCODE}）。`,
    );
  },
};
