/**
 * bank — a shared balance `Value('i', 100)`: one process withdraws 1, the
 * other deposits 1, `n` times each, so the balance should end at 100.
 * `num.value -= 1` is three steps (load, compute, store: `Value.add`), and
 * another process can cut in between them. The lock wraps the whole loop by
 * default (as the tutorial does); option `scope = update` moves it around each
 * single update instead. Both Python texts have the same line numbers for the
 * update and the lock calls move by one line (the `for`).
 *
 * No sleep in the loop: every op already costs virtual time under the clock
 * mode, and a sleep-free loop lets a large `n` finish quickly in turbo.
 *
 * `pairs` (default 1) runs that many withdrawers and as many depositors (up
 * to 1,000 processes): the Python text then builds them in a list, with the
 * start and join lines and the final print on the same lines as before.
 *
 * Judge: `ok` only when the run finished with the balance at 100.
 */
import { figure } from '../challenges';
import { Console, Value } from '../../core/data';
import { Lock } from '../../core/sync';
import type { World } from '../../core/world';
import type { Judgement, Localized, Scenario } from '../types';
import { joinEach, lockedIf, lockOption, startEach } from '../common';
import { agree, counted, num } from '../../i18n/plural';

interface Params {
  n: number;
  pairs: number;
  lock: 'on' | 'off';
  scope: 'loop' | 'update';
  [k: string]: number | string;
}

const START = 100;

function setup(world: World) {
  return { console: new Console(world, 64, 4096), num: new Value(world, 'i', START, true, 'num'), lock: new Lock(world, 'lock') };
}
type Objs = ReturnType<typeof setup>;

/** The body of one worker function (lines 6–9 and 12–15), by lock scope. */
const body = (scope: Params['scope'], op: '-=' | '+=') =>
  scope === 'loop'
    ? `    lock.acquire()
    for i in range(N):
        num.value ${op} 1
    lock.release()`
    : `    for i in range(N):
        lock.acquire()
        num.value ${op} 1
        lock.release()`;

const SOURCE = (p: Params) => `from multiprocessing import Process, Lock, Value

N = ${p.n}

def withdraw(num, lock):
${body(p.scope, '-=')}

def deposit(num, lock):
${body(p.scope, '+=')}

if __name__ == '__main__':
    num = Value('i', ${START})
    lock = Lock()
${p.pairs > 1 ? MANY(p.pairs) : TWO}
    print('balance:', num.value)
`;

/** Lines 20–25: the two processes, started and joined by name (the tutorial's form)… */
const TWO = `    w = Process(target=withdraw, args=(num, lock))
    d = Process(target=deposit, args=(num, lock))
    w.start()
    d.start()
    w.join()
    d.join()`;

/** …or `pairs` of them in a list, on the same six lines. */
const MANY = (pairs: number) => `    ps = [Process(target=f, args=(num, lock))
          for _ in range(${pairs}) for f in (withdraw, deposit)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()`;

/** Line numbers; the worker functions start at 5 (withdraw) and 11 (deposit). */
const LINE = { startW: 22, startD: 23, joinW: 24, joinD: 25, done: 26, startEach: 23, joinEach: 25 } as const;
const fnLines = (def: number, scope: Params['scope']) =>
  scope === 'loop' ? { acquire: def + 1, update: def + 3, release: def + 4 } : { acquire: def + 2, update: def + 3, release: def + 4 };
const WITHDRAW = 5;
const DEPOSIT = 11;

function worker(delta: number, def: number): Scenario<Objs, Params>['programs'][string] {
  return (p) => {
    const { num, lock } = p.objs;
    const { n, scope } = p.params;
    const at = fnLines(def, scope);
    const locked = p.params.lock === 'on';
    const update = () => {
      p.at(at.update);
      num.add(delta);
    };
    lockedIf(p, lock, locked && scope === 'loop', at, () => {
      for (let i = 0; i < n; i++) lockedIf(p, lock, locked && scope === 'update', at, update);
    });
  };
}

export const bank: Scenario<Objs, Params> = {
  id: 'bank',
  title: { en: 'Bank balance: withdraw and deposit', zh: '银行余额：一边取款一边存款' },
  summary: {
    en: 'One process takes 1 from the balance, the other adds 1, the same number of times: it should end at 100. "num.value -= 1" is load, compute, store; switch the lock off and see updates lost in between.',
    zh: '一个进程从余额里取 1，另一个存 1，次数相同：余额最后应该还是 100。“num.value -= 1”是读取、计算、写回三步；关掉锁，就会看到中间有更新丢失。',
  },
  topic: 'locks',
  hook: {
    en: 'Deposit one, withdraw one, and still lose money: a race inside “-= 1”.',
    zh: '存一块、取一块，钱却少了：竞争就藏在“-= 1”里。',
  },
  challenges: [
    {
      id: 'lose-deposit',
      goal: { en: 'Lose an update in as few steps as you can.', zh: '用尽可能少的步数弄丢一次更新。' },
      hint: { en: 'Lock off, step mode: load in one process, then let the other load and store before the first stores.', zh: '关掉锁、单步模式：一个进程读取后，让另一个进程读取并写回，再让第一个写回。' },
      met: (r) => r.mode === 'step' && figure(r, 'Balance') !== figure(r, 'Expected'),
      fewestSteps: true,
    },
  ],
  params: [
    { name: 'n', default: 100, min: 1, max: 1_000_000, label: { en: 'Updates per process', zh: '每个进程的操作次数' } },
    { name: 'pairs', default: 1, min: 1, max: 500, label: { en: 'Withdraw/deposit pairs', zh: '取款/存款进程对数' } },
  ],
  options: [
    lockOption,
    {
      name: 'scope',
      values: ['loop', 'update'],
      default: 'loop',
      label: { en: 'Lock around', zh: '锁的范围' },
      valueLabels: { loop: { en: 'the whole loop', zh: '整个循环' }, update: { en: 'each update', zh: '每次更新' } },
    },
  ],
  defaultMode: 'step',
  pace: 16, // 613 ops in step mode (one pair): Run at 1× lasts about 14 s
  maxProcesses: (p) => 2 * p.pairs + 1,
  python: SOURCE,
  struckLines: (p) => {
    if (p.lock !== 'off') return [];
    const w = fnLines(WITHDRAW, p.scope);
    const d = fnLines(DEPOSIT, p.scope);
    return [w.acquire, w.release, d.acquire, d.release];
  },
  // The judge reads the balance, not the console.
  printsCommute: true,
  setup,
  // One withdrawer, a lock around each update: what each of a 1,000-process run does.
  rehearsal: { program: 'withdraw', params: { n: 50, pairs: 1, lock: 'on', scope: 'update' } },
  main: 'main',
  programs: {
    main: (p) => {
      const { num } = p.objs;
      if (p.params.pairs > 1) {
        const ps = Array.from({ length: p.params.pairs }, () => [p.Process({ target: 'withdraw' }), p.Process({ target: 'deposit' })]).flat();
        startEach(p, ps, LINE.startEach);
        joinEach(p, ps, LINE.joinEach);
      } else {
        const w = p.Process({ target: 'withdraw' });
        const d = p.Process({ target: 'deposit' });
        p.at(LINE.startW);
        w.start();
        p.at(LINE.startD);
        d.start();
        p.at(LINE.joinW);
        w.join();
        p.at(LINE.joinD);
        d.join();
      }
      p.at(LINE.done);
      p.print('balance:', num.load());
    },
    withdraw: worker(-1, WITHDRAW),
    deposit: worker(+1, DEPOSIT),
  },
  judge(result, params): Judgement {
    const balance = result.objs.num.peek();
    const figures = [
      { key: 'Balance', label: { en: 'Balance', zh: '余额' }, value: balance },
      { key: 'Expected', label: { en: 'Expected', zh: '应有余额' }, value: START },
    ];
    const say = (explanation: Localized, verdict: Judgement['verdict']): Judgement => ({ verdict, figures, explanation });
    // Numbers as each language groups them (1,000,000 withdrawals).
    const { en, zh } = num;
    if (result.status === 'deadlock') return say({ en: `Nobody can move; the balance stands at ${en(balance)}.`, zh: `没有进程能继续；余额停在 ${zh(balance)}。` }, 'deadlock');
    if (result.status === 'running') return say({ en: `Running: the balance is ${en(balance)} (it should end at ${en(START)}).`, zh: `运行中：余额现在是 ${zh(balance)}（最后应为 ${zh(START)}）。` }, 'running');
    const updates = params.n * params.pairs;
    if (balance === START)
      return say(
        {
          en: `After ${counted(updates, 'withdrawal')} and ${counted(updates, 'deposit')} of 1 the balance is back at ${en(START)}.`,
          zh: `各 ${zh(updates)} 次取款和存款（每次 1）之后，余额回到了 ${zh(START)}。`,
        },
        'ok',
      );
    const off = Math.abs(balance - START);
    const lostKind = balance > START ? { en: 'withdrawal', zh: '取款' } : { en: 'deposit', zh: '存款' };
    return say(
      {
        en: `The balance ended at ${en(balance)}, ${en(off)} ${balance > START ? 'above' : 'below'} ${en(START)}: at least ${counted(off, lostKind.en)} ${agree(off, 'was', 'were')} lost, overwritten by a store computed from a balance loaded before ${agree(off, 'it was', 'they were')} written.`,
        zh: `余额最后是 ${zh(balance)}，比 ${zh(START)} ${balance > START ? '多' : '少'}了 ${zh(off)}：至少有 ${zh(off)} 次${lostKind.zh}丢失了——另一个进程在它写回之前读了旧余额，随后的写回把它覆盖了。`,
      },
      'violated',
    );
  },
};
