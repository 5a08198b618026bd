/**
 * multiprocessing.Pool: its task queue (what waits to be done, who waits for
 * work), its workers (the task each is on, how many each has done: the same
 * few processes reused) and its result queue on the way back to the parent.
 * Nobody holds a pool: a worker waits for any task, the parent for any result.
 */
import { EK } from '../../core/events';
import { Pool } from '../../core/pool';
import { defineStrings } from '../../i18n/define';
import { pushItem, takeItem, type ItemFold, type TakenItem } from '../items';
import type { KindModule, ObjectViewBase } from '../types';

export interface PoolWorkerView {
  pid: number;
  /** Tasks taken so far. */
  done: number;
  /** The task it is on (taken, result not yet put), or null. */
  current: string | null;
}

export interface PoolView extends ObjectViewBase<'pool'> {
  processes: number;
  /** Tasks queued, labelled (`square(4)`, `None` for a stop sentinel). */
  tasks: ItemFold[];
  /** Results on their way to the parent, labelled (`→ 16`). */
  results: ItemFold[];
  workers: PoolWorkerView[];
  /** Workers waiting for a task. */
  idle: number[];
  /** Processes waiting for a result (the parent). */
  collecting: number[];
}

interface State {
  tasksId: number;
  tasks: ItemFold[];
  results: ItemFold[];
  taken: TakenItem[];
  workers: Map<number, PoolWorkerView>;
}

/** A task's label: `square(4)`, `square × 5` for a chunk, `None` for the stop sentinel. Payloads may be cut short: then by its index. */
export function taskLabel(json: string): string {
  if (json === 'null') return 'None';
  try {
    const [, , func, chunk] = JSON.parse(json) as [number, number, string, unknown[][]];
    return chunk.length === 1 ? `${func}(${chunk[0]!.map((a) => JSON.stringify(a)).join(', ')})` : `${func} × ${chunk.length}`;
  } catch {
    const m = /^\[\d+,(\d+),"(\w+)"/.exec(json);
    return m ? `${m[2]} #${m[1]}` : '…';
  }
}

/** A result's label: `16`, `[0, 1, 4]` for a chunk, the exception's name for a failure. */
export function resultLabel(json: string): string {
  try {
    const [, , ok, value] = JSON.parse(json) as [number, number, boolean, unknown[]];
    if (!ok) return String((value as unknown[])[0]);
    return value.length === 1 ? JSON.stringify(value[0]) : `[${value.join(', ')}]`;
  } catch {
    return '…';
  }
}

const strings = defineStrings({
  en: {
    'pool.title': 'Pool of {n} worker {n|process|processes}',
    'pool.tasks': 'Task queue: {n} waiting',
    'pool.results': 'Result queue: {n} on the way back',
    'pool.workers': 'Workers',
    'pool.worker': '{name}: {done} {done|task|tasks} so far',
    'pool.on': 'on {task}',
    'pool.idle': 'waiting for a task',
    'pool.collecting': 'waiting for results: {names}',
    'pool.putBy': 'put by {name}',
    'pool.op.put': 'hand over through {obj}',
    'pool.op.get': 'take from {obj}',
  },
  zh: {
    'pool.title': '有 {n} 个工作进程的进程池',
    'pool.tasks': '任务队列：{n} 个在等',
    'pool.results': '结果队列：{n} 个正在送回',
    'pool.workers': '工作进程',
    'pool.worker': '{name}：已做 {done} 个任务',
    'pool.on': '正在做 {task}',
    'pool.idle': '等待任务',
    'pool.collecting': '等待结果：{names}',
    'pool.putBy': '由 {name} 放入',
    'pool.op.put': '通过 {obj} 交出',
    'pool.op.get': '从 {obj} 取出',
  },
});

const label = (items: ItemFold[], as: (json: string) => string): ItemFold[] => items.map((it) => ({ ...it, json: as(it.json) }));

export const poolKind: KindModule<Pool, State, PoolView, keyof typeof strings.en> = {
  kind: 'pool',
  claim: (x) => (x instanceof Pool ? x : null),
  ids: (p) => [p.tasks.id, p.results.id],
  name: (p) => p.name,
  initial: (p) => ({ tasksId: p.tasks.id, tasks: [], results: [], taken: [], workers: new Map() }),
  fold(s, pid, ev, obj, arg, _result, payload) {
    const onTasks = obj === s.tasksId;
    if (ev === EK.put) {
      pushItem(onTasks ? s.tasks : s.results, pid, arg, payload);
      const w = s.workers.get(pid);
      if (!onTasks && w) w.current = null;
    } else if (ev === EK.get) {
      if (!onTasks) return takeItem(s.results, s.taken, pid, arg);
      // The page reads no payload for a get: the task is the queued item with that serial.
      const json = (s.tasks[0]?.serial === arg ? s.tasks[0] : s.tasks.find((t) => t.serial === arg))?.json ?? payload;
      takeItem(s.tasks, s.taken, pid, arg);
      let w = s.workers.get(pid);
      if (!w) s.workers.set(pid, (w = { pid, done: 0, current: null }));
      if (json === 'null') return;
      w.done++;
      w.current = taskLabel(json);
    }
  },
  view: (p, s, ctx) => ({
    kind: 'pool',
    id: p.tasks.id,
    ids: [p.tasks.id, p.results.id],
    name: p.name,
    processes: p.processes,
    tasks: label(s.tasks, taskLabel),
    results: label(s.results, resultLabel),
    workers: [...s.workers.values()].map((w) => ({ ...w })).sort((a, b) => a.pid - b.pid),
    idle: ctx.waiters(p.tasks.id, 'get'),
    collecting: ctx.waiters(p.results.id, 'get'),
  }),
  holders: () => [],
  ops: { put: 'pool.op.put', get: 'pool.op.get' },
  strings,
};
