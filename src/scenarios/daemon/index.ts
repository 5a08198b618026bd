/**
 * daemon — what the `daemon` flag changes. The main process's code ends after
 * 1.5 s while its child still has lines to print. A daemon child is terminated
 * right then by the exit handler (its last lines never appear); a non-daemon
 * child keeps the program alive until it is done. With `grandchild` on the
 * child tries to start a child of its own: a daemon may not
 * (`AssertionError: daemonic processes are not allowed to have children`).
 * And main always tries to change `p.daemon` after `start()`, which Python
 * refuses (`AssertionError: process has already started`).
 */
import { Console } from '../../core/data';
import type { World } from '../../core/world';
import type { Judgement, Scenario } from '../types';
import { isPy, memoLines, NOBODY_MOVES, onOff, pyBool, sayWith } from '../common';

interface Params {
  daemon: 'on' | 'off';
  grandchild: 'on' | 'off';
  [k: string]: number | string;
}

/** The child's lines when nothing stops it: "started", three numbered lines, "finished". */
export const CHILD_LINES = 5;

function setup(world: World) {
  return { console: new Console(world, 128, 8 * 1024) };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process
import time

DAEMON = ${pyBool(p.daemon === 'on')}
GRANDCHILD = ${pyBool(p.grandchild === 'on')}

def grandchild():
    print('grandchild: hello')

def child():
    print('child: started')
    if GRANDCHILD:
        g = Process(target=grandchild)
        g.start()  # a daemon may not have children
        g.join()
    for i in range(1, 4):
        time.sleep(1)
        print('child: line', i)
    print('child: finished')

if __name__ == '__main__':
    p = Process(target=child, daemon=DAEMON)
    p.start()
    try:
        p.daemon = not DAEMON  # too late: the flag is fixed at start()
    except AssertionError as e:
        print('main: cannot change daemon after start():', e)
    time.sleep(1.5)
    print('main: my code ends here')
`;

const lines = memoLines(SOURCE, () => '', () => ({
  hello: "print('grandchild: hello')",
  started: "print('child: started')",
  gStart: 'g.start()',
  gJoin: 'g.join()',
  sleep: 'time.sleep(1)',
  line: "print('child: line', i)",
  finished: "print('child: finished')",
  start: 'p.start()',
  flip: 'p.daemon = not DAEMON',
  refused: "print('main: cannot change daemon",
  mainSleep: 'time.sleep(1.5)',
  ends: "print('main: my code ends here')",
}));

export const daemon: Scenario<Objs, Params> = {
  id: 'daemon',
  topic: 'processes',
  title: { en: 'Daemon processes: stopped when main ends', zh: '守护进程：主进程结束时被终止' },
  summary: {
    en: 'The main process’s code ends after 1.5 s while its child still has lines to print. A daemon child is terminated right then, so its last lines never appear; switch daemon off and the program waits for the child. Switch grandchild on: a daemon may not start a child of its own.',
    zh: '主进程的代码在 1.5 秒后就结束了，而子进程还有几行没打印。守护子进程会在那一刻被终止，最后几行永远不会出现；关掉 daemon，程序就会等子进程做完。打开 grandchild：守护进程不允许再启动自己的子进程。',
  },
  params: [],
  options: [
    {
      name: 'daemon',
      values: ['on', 'off'],
      default: 'on',
      label: { en: 'Daemon child', zh: '守护子进程' },
      valueLabels: onOff,
      switch: {
        on: { en: 'daemon=True: the child is terminated when main’s code ends', zh: 'daemon=True：主进程代码结束时子进程被终止' },
        off: { en: 'daemon=False: the program waits for the child', zh: 'daemon=False：程序会等子进程结束' },
      },
    },
    { name: 'grandchild', values: ['off', 'on'], default: 'off', label: { en: 'The child starts a child', zh: '子进程再启动一个子进程' }, valueLabels: onOff },
  ],
  defaultMode: 'clock',
  maxProcesses: () => 3,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      const child = p.Process({ target: 'child', daemon: p.params.daemon === 'on' });
      p.at(L.start);
      child.start();
      try {
        p.at(L.flip);
        child.daemon = !child.daemon;
      } catch (e) {
        if (!isPy(e, 'AssertionError')) throw e;
        p.at(L.refused).print('main: cannot change daemon after start():', e.message.replace(/^AssertionError: /, ''));
      }
      p.at(L.mainSleep).sleep(1.5);
      p.at(L.ends).print('main: my code ends here');
    },
    child: (p) => {
      const L = lines(p.params);
      p.at(L.started).print('child: started');
      if (p.params.grandchild === 'on') {
        const g = p.Process({ target: 'grandchild' });
        p.at(L.gStart);
        g.start();
        p.at(L.gJoin);
        g.join();
      }
      for (let i = 1; i < 4; i++) {
        p.at(L.sleep).sleep(1);
        p.at(L.line).print('child: line', i);
      }
      p.at(L.finished).print('child: finished');
    },
    grandchild: (p) => {
      p.at(lines(p.params).hello).print('grandchild: hello');
    },
  },
  judge(result, params): Judgement {
    const child = result.procs.find((pr) => pr.pid === 1);
    const printed = result.console.filter((l) => l.pid === 1 && l.text.startsWith('child: ')).length;
    const say = sayWith([{ key: 'Lines printed by the child', label: { en: 'Lines printed by the child', zh: '子进程打印的行数' }, value: `${printed} / ${CHILD_LINES}` }]);
    if (result.status === 'deadlock') return say('deadlock', NOBODY_MOVES.en, NOBODY_MOVES.zh);
    if (result.status === 'running') return say('running', `The child has printed ${printed} of its ${CHILD_LINES} lines.`, `子进程已打印 ${CHILD_LINES} 行中的 ${printed} 行。`);
    if (child?.error === 'AssertionError')
      return say(
        'violated',
        `The daemon child called start() on a child of its own: AssertionError: daemonic processes are not allowed to have children (exitcode ${child.exitcode}).`,
        `守护子进程对自己的子进程调用了 start()：AssertionError: daemonic processes are not allowed to have children（退出码 ${child.exitcode}）。`,
      );
    if (params.daemon === 'on')
      return say(
        'ok',
        `Main's code ended and the daemon child was terminated with it (exitcode ${child?.exitcode}) after ${printed} of its ${CHILD_LINES} lines; the rest were never printed.`,
        `主进程的代码结束了，守护子进程随之被终止（退出码 ${child?.exitcode}），只打印了 ${CHILD_LINES} 行中的 ${printed} 行，其余的再也不会打印。`,
      );
    return say(
      'ok',
      `Main's code ended first, but the program waited for its non-daemon child, which printed all ${printed} lines (exitcode ${child?.exitcode}).`,
      `主进程的代码先结束了，但程序等到了非守护子进程做完：它打印了全部 ${printed} 行（退出码 ${child?.exitcode}）。`,
    );
  },
};
