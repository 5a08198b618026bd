/**
 * manager — shared data through a Manager: a server process holds a dict
 * and a list; `workers` processes each do `n` times `d['count'] += 1` and
 * `l.append(i)` through proxies. Every proxy operation is a request to the
 * server and a reply, so `d['count'] += 1` is a get and a set that other
 * workers' gets and sets can fall between: without the lock updates are lost.
 * `l.append(i)` is one request the server carries out whole: never lost.
 *
 * Judge: `Counter` is the count the parent prints (live: what the server
 * holds), `Expected` is workers × n; `ok` when they are equal and the list
 * holds every append, `violated` otherwise.
 */
import { Console } from '../../core/data';
import { Manager } from '../../core/manager';
import { Lock } from '../../core/sync';
import type { World } from '../../core/world';
import { counted } from '../../i18n/plural';
import type { Judgement, Scenario } from '../types';
import { joinEach, lineMap, lockedIf, lockOption, struckWithoutLock, NOBODY_MOVES, sayWith, startEach } from '../common';

interface Params {
  workers: number;
  n: number;
  lock: 'on' | 'off';
  [k: string]: number | string;
}

function setup(world: World, params: Params) {
  const manager = new Manager(world, { target: 'manager_server', clients: params.workers + 2 });
  return { console: new Console(world, 64, 4 * 1024), lock: new Lock(world, 'lock'), manager, d: manager.dict('d'), l: manager.list('l') };
}
type Objs = ReturnType<typeof setup>;

const SOURCE = (p: Params) => `from multiprocessing import Process, Manager, Lock

WORKERS = ${p.workers}
N = ${p.n}

def work(d, l, lock, i):
    for _ in range(N):
        lock.acquire()
        d['count'] += 1  # a get, then a set: two round trips
        lock.release()
        l.append(i)  # one round trip

if __name__ == '__main__':
    with Manager() as manager:
        d = manager.dict()
        l = manager.list()
        d['count'] = 0
        lock = Lock()
        workers = [Process(target=work, args=(d, l, lock, i)) for i in range(WORKERS)]
        for p in workers:
            p.start()
        for p in workers:
            p.join()
        print('count:', d['count'], 'expected:', WORKERS * N)
        print('list length:', len(l))
`;

const LINE = lineMap(SOURCE({ workers: 1, n: 1, lock: 'on' }), {
  acquire: 'lock.acquire()',
  increment: "d['count'] += 1",
  release: 'lock.release()',
  append: 'l.append(i)',
  manager: 'with Manager() as manager:',
  dict: 'd = manager.dict()',
  list: 'l = manager.list()',
  init: "d['count'] = 0",
  start: 'p.start()',
  join: 'p.join()',
  count: "print('count:'",
  length: "print('list length:'",
});

const COUNT = /^count: (-?\d+) expected: \d+$/;
const LENGTH = /^list length: (\d+)$/;

export const manager: Scenario<Objs, Params> = {
  id: 'manager',
  topic: 'locks',
  title: { en: 'Manager: a dict and a list in a server process', zh: 'Manager：放在服务进程里的字典和列表' },
  summary: {
    en: "The Manager's server process holds the dict and the list; the workers reach them through proxies, one request and one reply per operation. d['count'] += 1 is a get and then a set: switch the lock off and updates get lost. l.append(i) is one request: never lost.",
    zh: "Manager 的服务进程保存着字典和列表；工作进程通过代理访问它们，每个操作都是一次请求和一次回复。d['count'] += 1 是先读再写两次往返：关掉锁，就会丢失更新。l.append(i) 只是一次请求：从不丢失。",
  },
  params: [
    { name: 'workers', default: 4, min: 1, max: 10, label: { en: 'Workers', zh: '工作进程数' } },
    { name: 'n', default: 100, min: 1, max: 10_000, label: { en: 'Updates each (n)', zh: '每个进程的更新次数 (n)' } },
  ],
  options: [lockOption],
  defaultMode: 'parallel',
  maxProcesses: (p) => p.workers + 2,
  python: SOURCE,
  struckLines: struckWithoutLock(LINE),
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const { manager: m, d, l } = p.objs;
      p.at(LINE.manager);
      m.start(p);
      p.at(LINE.dict);
      d.create();
      p.at(LINE.list);
      l.create();
      p.at(LINE.init);
      d.setitem('count', 0);
      const workers = Array.from({ length: p.params.workers }, (_, i) => p.Process({ target: 'work', args: [i] }));
      startEach(p, workers, LINE.start);
      joinEach(p, workers, LINE.join);
      p.at(LINE.count);
      const count = d.getitem('count');
      p.print('count:', count, 'expected:', p.params.workers * p.params.n);
      p.at(LINE.length);
      const length = l.len();
      p.print('list length:', length);
      p.at(LINE.manager);
      m.shutdown();
    },
    work: (p) => {
      const { d, l, lock } = p.objs;
      const i = p.args[0] as number;
      for (let k = 0; k < p.params.n; k++) {
        lockedIf(p, lock, p.params.lock === 'on', LINE, () => {
          p.at(LINE.increment);
          const v = d.getitem('count') as number;
          d.setitem('count', v + 1);
        });
        p.at(LINE.append);
        l.append(i);
      }
    },
    manager_server: (p) => p.objs.manager.serve(p, LINE.manager),
  },
  judge(result, params): Judgement {
    const expected = params.workers * params.n;
    const printed = result.console.flatMap((x) => COUNT.exec(x.text)?.[1] ?? []).at(-1);
    const length = Number(result.console.flatMap((x) => LENGTH.exec(x.text)?.[1] ?? []).at(-1) ?? NaN);
    const held = JSON.parse(result.objs.d.peek().json) as { count?: number };
    const count = printed !== undefined ? Number(printed) : (held.count ?? null);
    const figures = [
      { key: 'Counter', label: { en: 'Counter', zh: '计数' }, value: count ?? '—' },
      { key: 'Expected', label: { en: 'Expected', zh: '应为' }, value: expected },
    ];
    const say = sayWith(figures);
    if (result.status === 'deadlock') return say('deadlock', NOBODY_MOVES.en, NOBODY_MOVES.zh);
    if (printed === undefined || Number.isNaN(length))
      return say('running', `Running: the server holds count = ${count ?? '—'} and a list of ${counted(result.objs.l.peek().length, 'item')}.`, `运行中：服务进程里 count = ${count ?? '—'}，列表有 ${result.objs.l.peek().length} 项。`);
    const lost = expected - (count ?? 0);
    if (lost !== 0 || length !== expected)
      return say(
        'violated',
        `count is ${count}, not ${expected}: ${counted(lost, 'update')} lost — two workers read the same count (one round trip), then both wrote count + 1 (another). The list has ${counted(length, 'item')}: each append is one request, done whole by the server.`,
        `count 是 ${count}，不是 ${expected}：丢失了 ${lost} 次更新——两个工作进程读到同一个 count（一次往返），又都写回 count + 1（另一次往返）。列表有 ${length} 项：每次 append 都是一次请求，由服务进程整个完成。`,
      );
    if (params.lock === 'off')
      return say('ok', `count is ${expected}: no update happened to be lost this time, but nothing prevented it — run again, or with more workers.`, `count 是 ${expected}：这一次恰好没有丢失更新，但没有任何东西阻止它发生——再运行一次，或者多加几个工作进程。`);
    return say(
      'ok',
      `count is ${expected} and the list has ${counted(length, 'item')}: the lock kept each get-and-set pair together, so no worker read a count another was about to overwrite.`,
      `count 是 ${expected}，列表有 ${length} 项：锁让每一对“先读再写”连在一起，没有哪个工作进程读到别人正要覆盖的 count。`,
    );
  },
};
