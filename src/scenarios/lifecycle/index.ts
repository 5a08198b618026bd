/**
 * lifecycle — the Process API on one child: start, is_alive, name, pid,
 * os.getppid(), join(timeout), join, exitcode, and the four ways a child ends
 * (option `end`): it returns (exitcode 0), it is terminated (SIGTERM, -15) or
 * killed (SIGKILL, -9) while it holds the lock, or it raises (exitcode 1, the
 * traceback in its lane). Only a normal end releases the lock: terminate and
 * kill run no cleanup, and the exception skips the release, so the parent's
 * `acquire(timeout=2)` gives up.
 */
import { Console } from '../../core/data';
import { PyError } from '../../core/errors';
import { osPid } from '../../core/pid';
import { Lock } from '../../core/sync';
import type { World } from '../../core/world';
import type { Scenario } from '../types';
import { memoLines, NOBODY_MOVES } from '../common';

export const ENDS = ['normal', 'terminate', 'kill', 'raise'] as const;
type End = (typeof ENDS)[number];

interface Params {
  end: End;
  [k: string]: number | string;
}

function setup(world: World) {
  return { console: new Console(world, 256, 16 * 1024), lock: new Lock(world, 'lock') };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Lock
import os
import time

END = '${p.end}'  # 'normal', 'terminate', 'kill' or 'raise'

def worker(lock):
    lock.acquire()
    print('child: got the lock; pid', os.getpid(), 'ppid', os.getppid())
    time.sleep(1)
    if END == 'raise':
        raise ValueError('the child gave up holding the lock')
    print('child: releasing the lock')
    lock.release()

if __name__ == '__main__':
    lock = Lock()
    p = Process(target=worker, args=(lock,))
    p.start()
    print('parent: started', p.name, 'alive:', p.is_alive())
    p.join(timeout=0.5)  # waits at most half a second
    print('parent: after join(timeout=0.5) alive:', p.is_alive(), 'exitcode', p.exitcode)
    if END == 'terminate':
        p.terminate()  # SIGTERM: exitcode -15
    elif END == 'kill':
        p.kill()  # SIGKILL: exitcode -9
    p.join()
    print('parent: exitcode', p.exitcode, 'alive:', p.is_alive())
    got = lock.acquire(timeout=2)
    print('parent: got the lock:', got)
`;

const lines = memoLines(SOURCE, () => '', () => ({
  acquire: 'lock.acquire()',
  got: "print('child: got the lock",
  sleep: 'time.sleep(1)',
  raise: 'raise ValueError',
  releasing: "print('child: releasing",
  release: 'lock.release()',
  start: 'p.start()',
  started: "print('parent: started'",
  joinTimeout: 'p.join(timeout=0.5)',
  afterTimeout: "print('parent: after join",
  terminate: 'p.terminate()',
  kill: 'p.kill()',
  join: '    p.join()',
  exitcode: "print('parent: exitcode'",
  acquireTimeout: 'lock.acquire(timeout=2)',
  gotLock: "print('parent: got the lock:'",
}));

/** Why the lock stayed held, per end. */
const HELD: Record<Exclude<End, 'normal'>, { en: string; zh: string }> = {
  terminate: { en: 'terminate() (SIGTERM) stopped the child while it held the lock', zh: 'terminate()（SIGTERM）在子进程持有锁时停止了它' },
  kill: { en: 'kill() (SIGKILL) stopped the child while it held the lock', zh: 'kill()（SIGKILL）在子进程持有锁时停止了它' },
  raise: { en: 'the child raised ValueError while it held the lock (its traceback is in its lane) and never reached release()', zh: '子进程在持有锁时抛出了 ValueError（回溯显示在它的泳道里），没能执行到 release()' },
};

export const lifecycle: Scenario<Objs, Params> = {
  id: 'lifecycle',
  title: { en: 'Process life cycle: start, join, terminate, kill', zh: '进程生命周期：start、join、terminate、kill' },
  summary: {
    en: 'A parent starts one child, checks is_alive(), waits with join(timeout=0.5), then joins it and reads its exitcode; the child prints its pid and its parent’s (ppid). Choose how the child ends: normally (0), terminate() (−15), kill() (−9) or an exception (1). Only a normal end releases the lock.',
    zh: '父进程启动一个子进程，查看 is_alive()，先用 join(timeout=0.5) 等一会儿，再 join 它并读取 exitcode；子进程打印自己的 pid 和父进程的 pid（ppid）。选择子进程怎样结束：正常结束（0）、terminate()（−15）、kill()（−9）或抛出异常（1）。只有正常结束才会释放锁。',
  },
  topic: 'processes',
  hook: {
    en: 'Start a child, join it, read its exitcode, or kill it while it holds the lock.',
    zh: '启动子进程、join 它、读它的 exitcode，或者在它拿着锁时杀掉它。',
  },
  challenges: [
    {
      id: 'orphan-lock',
      goal: { en: 'Leave the lock held by a process that no longer exists.', zh: '让锁留在一个已经不存在的进程手里。' },
      met: (r) => r.params.end !== 'normal' && r.verdict === 'violated',
    },
  ],
  params: [],
  options: [
    {
      name: 'end',
      values: ENDS,
      default: 'normal',
      label: { en: 'How the child ends', zh: '子进程怎样结束' },
      valueLabels: {
        normal: { en: 'it returns', zh: '正常返回' },
        terminate: { en: 'terminate()', zh: 'terminate()' },
        kill: { en: 'kill()', zh: 'kill()' },
        raise: { en: 'it raises', zh: '抛出异常' },
      },
    },
  ],
  defaultMode: 'step',
  maxProcesses: () => 2,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      const { lock } = p.objs;
      const child = p.Process({ target: 'worker' });
      p.at(L.start);
      child.start();
      p.at(L.started).print('parent: started', child.name, 'alive:', child.is_alive());
      p.at(L.joinTimeout);
      child.join(0.5);
      p.at(L.afterTimeout).print('parent: after join(timeout=0.5) alive:', child.is_alive(), 'exitcode', child.exitcode);
      if (p.params.end === 'terminate') {
        p.at(L.terminate);
        child.terminate();
      } else if (p.params.end === 'kill') {
        p.at(L.kill);
        child.kill();
      }
      p.at(L.join);
      child.join();
      p.at(L.exitcode).print('parent: exitcode', child.exitcode, 'alive:', child.is_alive());
      p.at(L.acquireTimeout);
      const got = lock.acquire(true, 2);
      p.at(L.gotLock).print('parent: got the lock:', got);
    },
    worker: (p) => {
      const L = lines(p.params);
      const { lock } = p.objs;
      p.at(L.acquire);
      lock.acquire();
      p.at(L.got).print('child: got the lock; pid', osPid(p.pid), 'ppid', osPid(p.ppid));
      p.at(L.sleep).sleep(1);
      if (p.params.end === 'raise') {
        p.at(L.raise).raise(new PyError('ValueError', 'the child gave up holding the lock'));
      }
      p.at(L.releasing).print('child: releasing the lock');
      p.at(L.release);
      lock.release();
    },
  },
  judge(result, params) {
    const last = result.console.at(-1)?.text ?? '';
    const child = result.procs[1];
    const figures = [
      { key: 'Child exitcode', label: { en: 'Child exitcode', zh: '子进程退出码' }, value: child?.exitcode ?? '—' },
      { key: 'Parent got the lock', label: { en: 'Parent got the lock', zh: '父进程拿到锁' }, value: last.endsWith('True') ? 'True' : last.endsWith('False') ? 'False' : '—' },
    ];
    if (result.status === 'deadlock') return { verdict: 'deadlock', figures, explanation: NOBODY_MOVES };
    if (result.status === 'running') return { verdict: 'running', figures, explanation: { en: 'Running…', zh: '运行中…' } };
    if (last.endsWith('True'))
      return {
        verdict: 'ok',
        figures,
        explanation: { en: `The child ended normally (exitcode ${child?.exitcode}) and released the lock, so the parent got it.`, zh: `子进程正常结束（退出码 ${child?.exitcode}）并释放了锁，所以父进程拿到了它。` },
      };
    const why = HELD[params.end === 'normal' ? 'terminate' : params.end];
    return {
      verdict: 'violated',
      figures,
      explanation: {
        en: `${why.en} (exitcode ${child?.exitcode}); no cleanup ran, so the lock stays held and the parent's acquire(timeout=2) returned False.`,
        zh: `${why.zh}（退出码 ${child?.exitcode}）；没有任何清理，锁一直被占着，父进程的 acquire(timeout=2) 返回 False。`,
      },
    };
  },
};
