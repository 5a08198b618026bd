/**
 * pool — a process pool (进程池): `Pool(processes)` starts that many worker
 * processes once and feeds them `square(x)` for every x in `range(tasks)`
 * through its task queue; the results come back through its result queue.
 * `call` picks how the parent asks: `map` (results in input order, whoever
 * finished first), `apply_async` with a callback (one task per call; the
 * callback appends results as they arrive), or `imap_unordered` (results as
 * they finish). The same few workers take task after task: reused, not
 * started per task.
 *
 * Judge: `Results` is the list the parent prints; `ok` when it holds the
 * square of every input exactly once (in input order for `map`), `violated`
 * otherwise. `Workers used` counts the workers that squared at least one x.
 */
import { Console } from '../../core/data';
import { Pool } from '../../core/pool';
import type { World } from '../../core/world';
import { agree, counted } from '../../i18n/plural';
import type { Judgement, Localized, Scenario } from '../types';
import { memoLines, NOBODY_MOVES, sayWith } from '../common';

type Call = 'map' | 'apply_async' | 'imap_unordered';

interface Params {
  processes: number;
  tasks: number;
  call: Call;
  [k: string]: number | string;
}

function setup(world: World, params: Params) {
  return {
    console: new Console(world, 128, 8 * 1024),
    pool: new Pool(world, { processes: params.processes, target: 'pool_worker', capacity: params.tasks + params.processes }),
  };
}
type Objs = ReturnType<typeof setup>;

const CALLS: Record<Call, string> = {
  map: `    results = pool.map(square, range(TASKS))`,
  apply_async: `    results = []
    for x in range(TASKS):
        pool.apply_async(square, (x,), callback=results.append)`,
  imap_unordered: `    results = []
    for y in pool.imap_unordered(square, range(TASKS)):
        results.append(y)`,
};

const SOURCE = (p: Params) => `from multiprocessing import Pool, current_process
import random
import time

PROCESSES = ${p.processes}
TASKS = ${p.tasks}

def square(x):
    print(f'{current_process().name} squares {x}')
    time.sleep(random.uniform(0.1, 0.3))  # some work
    return x * x

if __name__ == '__main__':
    pool = Pool(PROCESSES)
${CALLS[p.call]}
    pool.close()
    pool.join()
    print(results)
`;

const lines = memoLines(SOURCE, (p) => p.call, (p) => ({
  print: "print(f'{current_process",
  work: 'time.sleep(',
  pool: 'pool = Pool(PROCESSES)',
  call: p.call === 'map' ? 'pool.map(' : p.call === 'apply_async' ? 'pool.apply_async(' : 'pool.imap_unordered(',
  close: 'pool.close()',
  join: 'pool.join()',
  result: 'print(results)',
}));

const SQUARES = /^(ForkPoolWorker-\d+) squares \d+$/;

/** The workers that squared something, read off the console. */
export function workersUsed(console: readonly { text: string }[]): number {
  return new Set(console.flatMap((l) => SQUARES.exec(l.text)?.[1] ?? [])).size;
}

const callNames: Record<Call, Localized> = {
  map: { en: 'map', zh: 'map' },
  apply_async: { en: 'apply_async', zh: 'apply_async' },
  imap_unordered: { en: 'imap_unordered', zh: 'imap_unordered' },
};

export const pool: Scenario<Objs, Params> = {
  id: 'pool',
  topic: 'processes',
  title: { en: 'Process pool: a few workers, many tasks', zh: '进程池：几个工人，很多任务' },
  summary: {
    en: 'Pool(processes) starts its workers once; every square(x) goes into the task queue and whichever worker is free takes it. map returns the results in input order; apply_async and imap_unordered hand them over as they finish.',
    zh: 'Pool(processes) 只启动一次工作进程；每个 square(x) 都放进任务队列，哪个工人空闲就由哪个来做。map 按输入顺序返回结果；apply_async 和 imap_unordered 按完成顺序交回结果。',
  },
  params: [
    { name: 'processes', default: 3, min: 1, max: 8, label: { en: 'Processes', zh: '进程数' } },
    { name: 'tasks', default: 10, min: 1, max: 50, label: { en: 'Tasks', zh: '任务数' } },
  ],
  options: [
    {
      name: 'call',
      values: ['map', 'apply_async', 'imap_unordered'],
      default: 'map',
      label: { en: 'Call', zh: '调用方式' },
      valueLabels: callNames,
    },
  ],
  defaultMode: 'clock',
  maxProcesses: (p) => p.processes + 1,
  python: SOURCE,
  setup,
  main: 'main',
  programs: {
    main: (p) => {
      const L = lines(p.params);
      const n = p.params.tasks;
      const xs = Array.from({ length: n }, (_, x) => x);
      p.at(L.pool);
      const pool = p.objs.pool.open(p);
      p.at(L.call);
      let results: unknown[] = [];
      if (p.params.call === 'map') results = pool.map('square', xs);
      else if (p.params.call === 'apply_async') for (const x of xs) pool.apply_async('square', [x], (y) => results.push(y));
      else for (const y of pool.imap_unordered('square', xs)) results.push(y);
      p.at(L.close);
      pool.close();
      p.at(L.join);
      pool.join();
      p.at(L.result).print(results);
    },
    pool_worker: (p) => {
      const L = lines(p.params);
      p.objs.pool.serve(
        p,
        {
          square: (w, x: number) => {
            w.at(L.print).print(`${w.name} squares ${x}`);
            w.at(L.work).sleep(w.uniform(0.1, 0.3));
            return x * x;
          },
        },
        L.pool,
      );
    },
  },
  judge(result, params): Judgement {
    const printed = result.console.filter((l) => l.pid === 0 && l.text.startsWith('[')).at(-1)?.text ?? null;
    const used = workersUsed(result.console);
    const figures = [
      { key: 'Results', label: { en: 'Results', zh: '结果' }, value: printed ?? '—' },
      { key: 'Workers used', label: { en: 'Workers used', zh: '用到的工人' }, value: used },
    ];
    const say = sayWith(figures);
    const n = params.tasks;
    const squares = Array.from({ length: n }, (_, x) => x * x);
    const call = params.call;
    if (result.status === 'deadlock') return say('deadlock', NOBODY_MOVES.en, NOBODY_MOVES.zh);
    if (printed === null)
      return say('running', `Running: ${used} of ${counted(params.processes, 'worker')} ${agree(used, 'has', 'have')} squared something so far.`, `运行中：${params.processes} 个工人里已有 ${used} 个做过任务。`);
    const got = printed === '[]' ? [] : printed.slice(1, -1).split(', ').map(Number);
    const sorted = [...got].sort((a, b) => a - b);
    const complete = sorted.length === n && sorted.every((v, i) => v === squares[i]);
    const inOrder = got.every((v, i) => v === squares[i]);
    if (!complete || (call === 'map' && !inOrder))
      return say('violated', `The parent printed ${counted(got.length, 'result')}, not the ${counted(n, 'square')} of range(${n})${call === 'map' ? ' in order' : ''}.`, `父进程打印了 ${got.length} 个结果，而不是 range(${n}) 的 ${n} 个平方${call === 'map' ? '（按顺序）' : ''}。`);
    const reuse = { en: `${counted(n, 'task')} on ${counted(used, 'worker')}: each worker took task after task`, zh: `${n} 个任务由 ${used} 个工人完成：每个工人做完一个就接下一个` };
    if (call === 'map') return say('ok', `${reuse.en}; map put the results back in input order.`, `${reuse.zh}；map 按输入顺序排好了结果。`);
    const order = inOrder ? { en: 'in the order they finished, which this time happened to be the input order', zh: '按完成的先后，这一次恰好就是输入的顺序' } : { en: 'in the order they finished, not the input order', zh: '按完成的先后，而不是输入的顺序' };
    return say('ok', `${reuse.en}; ${call} handed the results over ${order.en}.`, `${reuse.zh}；${call} 交回结果的顺序是${order.zh}。`);
  },
};
