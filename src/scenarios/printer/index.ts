/**
 * printer — several users share one printer (the console). Each user prints
 * `lines` lines with a short random pause after each one; printing the whole
 * block is the critical section, guarded by `lock.acquire()` / `lock.release()`.
 * With the lock off the blocks interleave.
 *
 * Sleeps: `time.sleep(random.uniform(0.1, 0.3))` after every line (seeded
 * `p.uniform`), so a clock run stays watchable (at most 0.3 virtual seconds).
 *
 * Judge: an "interruption" is a user's line printed while another user's run
 * of lines was unfinished (that user had printed some but not all of its
 * `lines` lines). Any interruption → `violated`. Users are spawned in order by
 * the main process, so user i is pid i.
 */
import { figure } from '../challenges';
import { counted } from '../../i18n/plural';
import { Console } from '../../core/data';
import { Lock } from '../../core/sync';
import type { World } from '../../core/world';
import type { ConsoleLine } from '../../core/data';
import type { Judgement, Localized, Scenario } from '../types';
import { joinEach, lockedIf, lockOption, struckWithoutLock, startEach } from '../common';

interface Params {
  users: number;
  lines: number;
  lock: 'on' | 'off';
  [k: string]: number | string;
}

function setup(world: World) {
  return { console: new Console(world, 256, 16 * 1024), lock: new Lock(world, 'lock') };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Lock
import random
import time

USERS = ${p.users}
LINES = ${p.lines}

def user(lock, i):
    lock.acquire()
    for n in range(1, LINES + 1):
        print(f'user {i}: line {n} of {LINES}')
        time.sleep(random.uniform(0.1, 0.3))
    lock.release()

if __name__ == '__main__':
    lock = Lock()
    users = [Process(target=user, args=(lock, i)) for i in range(1, USERS + 1)]
    for p in users:
        p.start()
    for p in users:
        p.join()
    print('all users printed')
`;

const LINE = { acquire: 9, print: 11, sleep: 12, release: 13, start: 19, join: 21, done: 22 } as const;

export interface Interruptions {
  count: number;
  /** The first one: who cut in, whose block it broke, and how far that block had got. */
  first: { by: number; victim: number; after: number } | null;
  /** Lines printed so far per user pid. */
  printed: Map<number, number>;
}

/** Count the times a user's unfinished run of lines is broken by another user's line. */
export function countInterruptions(lines: ConsoleLine[], perUser: number): Interruptions {
  const printed = new Map<number, number>();
  let current = -1;
  let count = 0;
  let first: Interruptions['first'] = null;
  for (const l of lines) {
    if (l.pid === 0) continue; // the main process is not a user
    const doneOfCurrent = printed.get(current) ?? 0;
    if (current >= 0 && current !== l.pid && doneOfCurrent < perUser) {
      count++;
      first ??= { by: l.pid, victim: current, after: doneOfCurrent };
    }
    printed.set(l.pid, (printed.get(l.pid) ?? 0) + 1);
    current = l.pid;
  }
  return { count, first, printed };
}

export const printer: Scenario<Objs, Params> = {
  id: 'printer',
  title: { en: 'One printer, many users', zh: '多个用户共用一台打印机' },
  summary: {
    en: 'Each user prints a block of lines, pausing after each one. With the lock on, a block is printed whole before the next user starts; switch the lock off and watch the blocks interleave.',
    zh: '每个用户打印一段连续的行，每行之后停顿一下。加锁时，一个用户打完整段，下一个用户才开始；关掉锁，就会看到各段内容交错在一起。',
  },
  topic: 'locks',
  hook: {
    en: 'Three users, one printer: switch the lock off and their pages shuffle together.',
    zh: '三个用户共用一台打印机：关掉锁，各自的内容就搅在一起。',
  },
  challenges: [
    {
      id: 'interleave',
      goal: { en: 'Make one user print in the middle of another’s block.', zh: '让一个用户在另一个用户的整段内容中间插进来打印。' },
      hint: { en: 'Switch the lock off, then step a second user before the first has finished.', zh: '关掉锁，在第一个用户打完之前让第二个用户走一步。' },
      met: (r) => figure(r, 'Interruptions') >= 1,
    },
    {
      id: 'shred',
      goal: { en: 'Break the blocks at least five times in one run.', zh: '一次运行里让整段内容被打断至少五次。' },
      met: (r) => figure(r, 'Interruptions') >= 5,
    },
  ],
  params: [
    { name: 'users', default: 3, min: 1, max: 10, label: { en: 'Users', zh: '用户数' } },
    { name: 'lines', default: 3, min: 1, max: 10, label: { en: 'Lines per user', zh: '每人打印行数' } },
  ],
  options: [lockOption],
  defaultMode: 'step',
  maxProcesses: (p) => p.users + 1,
  python: SOURCE,
  struckLines: struckWithoutLock(LINE),
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const users = Array.from({ length: p.params.users }, (_, k) => p.Process({ target: 'user', args: [k + 1] }));
      startEach(p, users, LINE.start);
      joinEach(p, users, LINE.join);
      p.at(LINE.done).print('all users printed');
    },
    user: (p) => {
      const { lock } = p.objs;
      const i = p.args[0] as number;
      lockedIf(p, lock, p.params.lock === 'on', LINE, () => {
        for (let n = 1; n <= p.params.lines; n++) {
          p.at(LINE.print).print(`user ${i}: line ${n} of ${p.params.lines}`);
          p.at(LINE.sleep).sleep(p.uniform(0.1, 0.3));
        }
      });
    },
  },
  judge(result, params): Judgement {
    const { count, first, printed } = countInterruptions(result.console, params.lines);
    const figures = [{ key: 'Interruptions', label: { en: 'Interruptions', zh: '被打断次数' }, value: count }];
    const total = [...printed.values()].reduce((a, b) => a + b, 0);
    const say = (explanation: Localized, verdict: Judgement['verdict']): Judgement => ({ verdict, figures, explanation });
    if (result.status === 'deadlock') return say({ en: `Nobody can move: ${counted(total, 'line')} printed, and every remaining user waits for the lock.`, zh: `没有进程能继续：已打印 ${total} 行，剩下的用户都在等锁。` }, 'deadlock');
    if (result.status === 'running')
      return say({ en: `Running: ${total} of ${params.users * params.lines} lines printed, ${counted(count, 'interruption')} so far.`, zh: `运行中：已打印 ${total}/${params.users * params.lines} 行，目前被打断 ${count} 次。` }, 'running');
    if (first)
      return say(
        {
          en: `User ${first.by} printed after user ${first.victim}'s line ${first.after} of ${params.lines}, cutting its block in two; blocks were broken ${counted(count, 'time')} in all.`,
          zh: `用户 ${first.by} 在用户 ${first.victim} 打完第 ${first.after}/${params.lines} 行后插了进来，把它的那一段打断了；一共被打断 ${count} 次。`,
        },
        'violated',
      );
    return say(
      {
        en: `Each of the ${counted(params.users, 'user')} printed its ${counted(params.lines, 'line')} as one unbroken block.`,
        zh: `${params.users} 个用户各自把 ${params.lines} 行作为完整的一段打印出来，没有被打断。`,
      },
      'ok',
    );
  },
};
