/**
 * lifecycle-control — the lifecycle scenario driven by the learner: a child
 * works for `work` seconds, printing a line a second, while the parent waits
 * for the learner's clicks and calls that method on the running child:
 * `is_alive()`, `exitcode`, `join(timeout=1)`, `join()`, `terminate()` or
 * `kill()`. `join()` blocks the parent until the child ends (clicks wait);
 * after it the parent leaves its loop and the program ends.
 *
 * Commands reach the parent through one Mailbox (core/mailbox.ts), which
 * waits on a real futex: like the queue playground, this scenario runs in the
 * parallel mode only. Tests pass the unlisted parameter `script`
 * (1…SCRIPTS.length): main posts that command list itself, as if clicked.
 */
import { Console } from '../../core/data';
import { Mailbox } from '../../core/mailbox';
import type { World } from '../../core/world';
import type { Judgement, Scenario } from '../types';
import { memoLines, NOBODY_MOVES, postScript, sayWith } from '../common';

interface Params {
  work: number;
  /** Unlisted, for tests and demos: a built-in command list (0 or absent: commands come from the page). */
  [k: string]: number | string;
}

/** The methods the buttons call, as Python spells them. */
export const CALLS = ['is_alive()', 'exitcode', 'join(timeout=1)', 'join()', 'terminate()', 'kill()'] as const;
export type Call = (typeof CALLS)[number];

export interface Command {
  call: Call;
}

/** Built-in click lists, for the tests (`script` = index + 1). */
export const SCRIPTS: Call[][] = [
  // 1: look, wait a second in vain, terminate, join.
  ['is_alive()', 'exitcode', 'join(timeout=1)', 'terminate()', 'join()'],
  // 2: kill instead.
  ['kill()', 'is_alive()', 'join()'],
  // 3: just wait for the child to finish.
  ['join()'],
];

function setup(world: World) {
  return { console: new Console(world, 256, 16 * 1024), commands: new Mailbox(world, 'commands') };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Queue
import time

WORK = ${p.work}  # seconds of work

def worker():
    for i in range(1, WORK + 1):
        time.sleep(1)
        print('child: working', i)
    print('child: done')

if __name__ == '__main__':
    commands = Queue()  # filled by the buttons
    p = Process(target=worker)
    p.start()
    while True:
        call = commands.get()  # waits for your next click
        if call == 'is_alive()':
            print('is_alive() ->', p.is_alive())
        elif call == 'exitcode':
            print('exitcode ->', p.exitcode)
        elif call == 'join(timeout=1)':
            p.join(timeout=1)  # returns None after 1 s at most, ended or not
            print('join(timeout=1) returned; alive:', p.is_alive())
        elif call == 'join()':
            p.join()  # blocks until the child ends
            print('join() returned; exitcode', p.exitcode)
            break
        elif call == 'terminate()':
            p.terminate()
            print('terminate() sent')
        elif call == 'kill()':
            p.kill()
            print('kill() sent')
`;

const lines = memoLines(SOURCE, () => '', () => ({
  sleep: 'time.sleep(1)',
  working: "print('child: working'",
  done: "print('child: done')",
  start: 'p.start()',
  take: 'call = commands.get()',
  isAlive: "print('is_alive() ->'",
  exitcode: "print('exitcode ->'",
  joinTimeout: 'p.join(timeout=1)',
  joinTimeoutDone: "print('join(timeout=1) returned",
  join: 'p.join()  #',
  joinDone: "print('join() returned",
  terminate: 'p.terminate()',
  terminateSent: "print('terminate() sent')",
  kill: 'p.kill()',
  killSent: "print('kill() sent')",
}));

export const lifecycleControl: Scenario<Objs, Params, Command> = {
  id: 'lifecycle-control',
  topic: 'processes',
  title: { en: 'Control a running child: is_alive, join, terminate, kill', zh: '操控运行中的子进程：is_alive、join、terminate、kill' },
  summary: {
    en: 'A child works for a few seconds. Call its methods yourself from the parent: is_alive(), exitcode, join(timeout=1) (gives up after a second), join() (waits for the end), terminate() (exitcode −15) or kill() (−9).',
    zh: '子进程要工作几秒钟。你从父进程亲自调用它的方法：is_alive()、exitcode、join(timeout=1)（最多等一秒）、join()（一直等到结束）、terminate()（退出码 −15）或 kill()（−9）。',
  },
  params: [{ name: 'work', default: 10, min: 1, max: 60, label: { en: 'Seconds of work', zh: '工作秒数' } }],
  options: [],
  defaultMode: 'parallel',
  onlyMode: 'parallel',
  // The child's sleeps are what give the learner time to press a button: skipped, it would end before the first.
  noTurbo: {
    en: 'No turbo here: it would skip the child’s sleeps, and the child would finish before you could press a button.',
    zh: '这里不提供极速：它会跳过子进程的 sleep，你还来不及按按钮子进程就结束了。',
  },
  commands: { inboxes: (objs) => [objs.commands] },
  maxProcesses: () => 2,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      postScript(p, SCRIPTS, () => p.objs.commands, (call): Command => ({ call }));
      const child = p.Process({ target: 'worker' });
      p.at(L.start);
      child.start();
      for (;;) {
        p.at(L.take);
        const { call } = p.objs.commands.take() as Command;
        if (call === 'is_alive()') p.at(L.isAlive).print('is_alive() ->', child.is_alive());
        else if (call === 'exitcode') p.at(L.exitcode).print('exitcode ->', child.exitcode);
        else if (call === 'join(timeout=1)') {
          p.at(L.joinTimeout);
          child.join(1);
          p.at(L.joinTimeoutDone).print('join(timeout=1) returned; alive:', child.is_alive());
        } else if (call === 'join()') {
          p.at(L.join);
          child.join();
          p.at(L.joinDone).print('join() returned; exitcode', child.exitcode);
          break;
        } else if (call === 'terminate()') {
          p.at(L.terminate);
          child.terminate();
          p.at(L.terminateSent).print('terminate() sent');
        } else if (call === 'kill()') {
          p.at(L.kill);
          child.kill();
          p.at(L.killSent).print('kill() sent');
        }
      }
    },
    worker: (p) => {
      const L = lines(p.params);
      for (let i = 1; i <= p.params.work; i++) {
        p.at(L.sleep).sleep(1);
        p.at(L.working).print('child: working', i);
      }
      p.at(L.done).print('child: done');
    },
  },
  judge(result): Judgement {
    const child = result.procs[1];
    const worked = result.console.filter((l) => l.pid === 1 && l.text.startsWith('child: working')).length;
    const say = sayWith([
      { key: 'Child exitcode', label: { en: 'Child exitcode', zh: '子进程退出码' }, value: child?.exitcode ?? 'None' },
      { key: 'Seconds worked', label: { en: 'Seconds worked', zh: '已工作秒数' }, value: worked },
    ]);
    if (result.status === 'deadlock') return say('deadlock', NOBODY_MOVES.en, NOBODY_MOVES.zh);
    if (result.status === 'running') return say('running', `The child has worked ${worked} s.`, `子进程已工作 ${worked} 秒。`);
    const code = child?.exitcode;
    if (code === 0) return say('ok', `join() returned once the child had finished its work (exitcode 0).`, `子进程做完工作后 join() 才返回（退出码 0）。`);
    const how = code === -9 ? 'kill() (SIGKILL)' : 'terminate() (SIGTERM)';
    return say('ok', `${how} stopped the child after ${worked} s of work; join() then returned at once with exitcode ${code}.`, `${how} 在工作 ${worked} 秒后停止了子进程；随后 join() 立即返回，退出码 ${code}。`);
  },
};
