/**
 * lifecycle — the Process API on one child: start, is_alive, name, pid,
 * join, exitcode, and terminate. With `terminate` on, the parent kills the
 * child while it holds the lock: terminate runs no cleanup, so the lock stays
 * held and the parent's `acquire(timeout=2)` gives up.
 */
import { Console } from '../../core/data';
import { Lock } from '../../core/sync';
import type { World } from '../../core/world';
import type { Scenario } from '../types';
import { NOBODY_MOVES, onOff } from '../common';

interface Params {
  terminate: 'on' | 'off';
  [k: string]: number | string;
}

function setup(world: World) {
  return { console: new Console(world, 256, 16 * 1024), lock: new Lock(world, 'lock') };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Lock
import time

TERMINATE = ${p.terminate === 'on' ? 'True' : 'False'}

def worker(lock):
    lock.acquire()
    print('child: got the lock')
    time.sleep(1)
    print('child: releasing the lock')
    lock.release()

if __name__ == '__main__':
    lock = Lock()
    p = Process(target=worker, args=(lock,))
    p.start()
    print('parent: started', p.name, 'alive:', p.is_alive())
    time.sleep(0.5)
    if TERMINATE:
        p.terminate()
    p.join()
    print('parent: exitcode', p.exitcode, 'alive:', p.is_alive())
    got = lock.acquire(timeout=2)
    print('parent: got the lock:', got)
`;

export const lifecycle: Scenario<Objs, Params> = {
  id: 'lifecycle',
  title: { en: 'Process life cycle: start, join, terminate', zh: '进程生命周期：start、join、terminate' },
  summary: {
    en: 'A parent starts one child, checks is_alive(), joins it and reads its exitcode. Switch “terminate” on: the child dies holding the lock, and nobody can take it again.',
    zh: '父进程启动一个子进程，查看 is_alive()，join 它并读取 exitcode。打开“terminate”：子进程在持有锁时被杀死，这把锁再也没人能拿到。',
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
      met: (r) => r.params.terminate === 'on' && r.verdict === 'violated',
    },
  ],
  params: [],
  options: [
    {
      name: 'terminate',
      values: ['off', 'on'],
      default: 'off',
      label: { en: 'Terminate the child', zh: '终止子进程' },
      valueLabels: onOff,
    },
  ],
  defaultMode: 'step',
  maxProcesses: () => 2,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const { lock } = p.objs;
      const child = p.Process({ target: 'worker' });
      p.at(16);
      child.start();
      p.at(17).print('parent: started', child.name, 'alive:', child.is_alive());
      p.at(18).sleep(0.5);
      if (p.params.terminate === 'on') {
        p.at(20);
        child.terminate();
      }
      p.at(21);
      child.join();
      p.at(22).print('parent: exitcode', child.exitcode, 'alive:', child.is_alive());
      p.at(23);
      const got = lock.acquire(true, 2);
      p.at(24).print('parent: got the lock:', got);
    },
    worker: (p) => {
      const { lock } = p.objs;
      p.at(7);
      lock.acquire();
      p.at(8).print('child: got the lock');
      p.at(9).sleep(1);
      p.at(10).print('child: releasing the lock');
      p.at(11);
      lock.release();
    },
  },
  judge(result) {
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
    return {
      verdict: 'violated',
      figures,
      explanation: {
        en: `terminate() killed the child while it held the lock (exitcode ${child?.exitcode}); no cleanup ran, so the lock stays held and the parent's acquire(timeout=2) returned False.`,
        zh: `terminate() 在子进程持有锁时杀死了它（退出码 ${child?.exitcode}）；没有任何清理，锁一直被占着，父进程的 acquire(timeout=2) 返回 False。`,
      },
    };
  },
};
