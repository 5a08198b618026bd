/**
 * join-order — two ways to keep jobs from writing their reports at once.
 * Each job first works for a random while (work that could run side by side),
 * then writes its report under a Lock. With `order=join` main starts a job
 * and joins it before starting the next: the reports come in the order the
 * programmer wrote (0, 1, 2…) but nothing overlaps, so it takes the sum of all
 * the work. With `order=lock` main starts every job and joins them at the end:
 * the work overlaps and it is done sooner, but the reports come in whatever
 * order the race decides. The time is the program's own `time.time()` reading,
 * in virtual seconds.
 */
import { Console } from '../../core/data';
import { Lock } from '../../core/sync';
import type { World } from '../../core/world';
import type { Judgement, Scenario } from '../types';
import { joinEach, memoLines, NOBODY_MOVES, sayWith, startEach } from '../common';

interface Params {
  jobs: number;
  order: 'join' | 'lock';
  [k: string]: number | string;
}

function setup(world: World) {
  return { console: new Console(world, 128, 8 * 1024), lock: new Lock(world, 'lock') };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Lock
import random
import time

JOBS = ${p.jobs}
ORDER = '${p.order}'  # 'join' or 'lock'

def job(i, lock):
    time.sleep(random.uniform(0.5, 1.5))  # work that can run side by side
    with lock:  # one report at a time
        print(f'job {i}: report begins')
        time.sleep(0.2)
        print(f'job {i}: report ends')

if __name__ == '__main__':
    lock = Lock()
    t0 = time.time()
    if ORDER == 'join':
        for i in range(JOBS):
            p = Process(target=job, args=(i, lock))
            p.start()  # job i starts
            p.join()  # job i is done before job i + 1 starts
    else:
        procs = [Process(target=job, args=(i, lock)) for i in range(JOBS)]
        for p in procs:
            p.start()  # all of them at once
        for p in procs:
            p.join()  # then wait for all
    print(f'order by {ORDER}: {time.time() - t0:.1f} s')
`;

const lines = memoLines(SOURCE, () => '', () => ({
  work: 'time.sleep(random.uniform',
  acquire: 'with lock:',
  begins: "print(f'job {i}: report begins')",
  report: 'time.sleep(0.2)',
  ends: "print(f'job {i}: report ends')",
  serialStart: '# job i starts',
  serialJoin: '# job i is done',
  start: '# all of them at once',
  join: '# then wait for all',
  took: "print(f'order by",
}));

/** "job 2: report begins" → 2, for each report that began, in order. */
export function reportOrder(console: readonly { text: string }[]): number[] {
  return console.flatMap((l) => {
    const m = /^job (\d+): report begins$/.exec(l.text);
    return m ? [Number(m[1])] : [];
  });
}

/** True when every report's "begins" is followed by its own "ends" before another begins. */
function reportsApart(console: readonly { text: string }[]): boolean {
  let open = -1;
  for (const l of console) {
    const m = /^job (\d+): report (begins|ends)$/.exec(l.text);
    if (!m) continue;
    const i = Number(m[1]);
    if (m[2] === 'begins') {
      if (open >= 0) return false;
      open = i;
    } else {
      if (open !== i) return false;
      open = -1;
    }
  }
  return true;
}

export const joinOrder: Scenario<Objs, Params> = {
  id: 'join-order',
  topic: 'processes',
  title: { en: 'Ordering with join() or with a Lock', zh: '用 join() 排序，还是用锁' },
  summary: {
    en: 'The same jobs, kept from writing at once two ways. join() after each start() runs them one after another, in the order you wrote, and takes the sum of their times. A Lock lets them work side by side and only takes turns at the report: sooner done, but the race decides the order.',
    zh: '同样的几个任务，用两种办法让它们不同时写报告。每次 start() 之后立刻 join()，任务就一个接一个地运行，顺序是你写定的，总时间是各自时间之和。用锁则让它们同时工作，只在写报告时轮流：更快完成，但顺序由竞争决定。',
  },
  params: [{ name: 'jobs', default: 3, min: 2, max: 8, label: { en: 'Jobs', zh: '任务数' } }],
  options: [
    {
      name: 'order',
      values: ['join', 'lock'],
      default: 'join',
      label: { en: 'Order by', zh: '排序方式' },
      valueLabels: { join: { en: 'join() after each start()', zh: '每次 start() 后 join()' }, lock: { en: 'a Lock', zh: '一把锁' } },
    },
  ],
  defaultMode: 'clock',
  maxProcesses: (p) => p.jobs + 1,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      const t0 = p.time();
      const procs = Array.from({ length: p.params.jobs }, (_, i) => p.Process({ target: 'job', args: [i] }));
      if (p.params.order === 'join') {
        for (const c of procs) {
          p.at(L.serialStart);
          c.start();
          p.at(L.serialJoin);
          c.join();
        }
      } else {
        startEach(p, procs, L.start);
        joinEach(p, procs, L.join);
      }
      p.at(L.took).print(`order by ${p.params.order}: ${(p.time() - t0).toFixed(1)} s`);
    },
    job: (p) => {
      const L = lines(p.params);
      const i = p.args[0] as number;
      const { lock } = p.objs;
      p.at(L.work).sleep(p.uniform(0.5, 1.5));
      p.at(L.acquire);
      lock.acquire();
      p.at(L.begins).print(`job ${i}: report begins`);
      p.at(L.report).sleep(0.2);
      p.at(L.ends).print(`job ${i}: report ends`);
      p.at(L.acquire);
      lock.release();
    },
  },
  judge(result, params): Judgement {
    const order = reportOrder(result.console);
    const took = /: ([\d.]+) s$/.exec(result.console.find((l) => l.text.startsWith('order by'))?.text ?? '')?.[1];
    const say = sayWith([
      { key: 'Order', label: { en: 'Order', zh: '顺序' }, value: order.join(', ') || '—' },
      { key: 'Virtual seconds', label: { en: 'Virtual seconds', zh: '虚拟秒数' }, value: took ?? '—' },
    ]);
    if (result.status === 'deadlock') return say('deadlock', NOBODY_MOVES.en, NOBODY_MOVES.zh);
    if (result.status === 'running') return say('running', `${order.length} of ${params.jobs} reports begun.`, `${params.jobs} 份报告中已开始 ${order.length} 份。`);
    if (!reportsApart(result.console)) return say('violated', 'Two reports overlapped.', '有两份报告交错在一起。');
    const written = order.every((j, k) => j === k);
    if (params.order === 'join')
      return say('ok', `join() kept the order you wrote (${order.join(', ')}), one job after another: ${took} s.`, `join() 保持了你写定的顺序（${order.join(', ')}），一个接一个：${took} 秒。`);
    if (written)
      return say('ok', `The lock kept the reports apart, and this time the race happened to give ${order.join(', ')} (${took} s); a lock does not promise any order.`, `锁让报告互不交错，这一次竞争恰好给出了 ${order.join(', ')}（${took} 秒）；锁并不保证任何顺序。`);
    return say(
      'violated',
      `The lock kept the reports apart and the jobs worked side by side (${took} s), but the race chose the order ${order.join(', ')}, not the order the jobs were started in.`,
      `锁让报告互不交错，任务也同时工作（${took} 秒），但顺序由竞争选成了 ${order.join(', ')}，而不是任务启动的顺序。`,
    );
  },
};
