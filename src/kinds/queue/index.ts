/**
 * multiprocessing.Queue / JoinableQueue: items in FIFO order, who waits to put
 * (full) and to get (empty), what was taken lately, the last qsize()/empty()/
 * full() answer (a snapshot, maybe stale), and a JoinableQueue's unfinished
 * tasks. Nobody holds a queue: a blocked put waits for any getter and back.
 */
import { EK, EVENT_KINDS } from '../../core/events';
import { JoinableQueue, Queue } from '../../core/queue';
import { defineStrings } from '../../i18n/define';
import { pushItem, takeItem, type ItemFold, type TakenItem } from '../items';
import type { KindModule, ObjectViewBase } from '../types';

export type QueueQuery = 'qsize' | 'empty' | 'full';

export interface QueueView extends ObjectViewBase<'queue'> {
  capacity: number;
  /** 0: unbounded. */
  maxsize: number;
  items: ItemFold[];
  putters: number[];
  getters: number[];
  /** A JoinableQueue's tasks put and not yet done; null for a plain Queue. */
  unfinished: number | null;
  taken: TakenItem[];
  /** The last qsize()/empty()/full() answer, or null. */
  snapshot: { pid: number; query: QueueQuery; value: number } | null;
}

interface State {
  readonly joinable: boolean;
  items: ItemFold[];
  taken: TakenItem[];
  unfinished: number;
  queryPid: number;
  query: number;
  queryValue: number;
}

const strings = defineStrings({
  en: {
    'queue.title': 'Queue “{name}”',
    'queue.joinable': 'JoinableQueue “{name}”',
    'queue.size': '{size} of {max}',
    'queue.unbounded': 'unbounded',
    'queue.unfinished': 'unfinished tasks: {n}',
    'queue.putters': 'waiting to put: {names}',
    'queue.getters': 'waiting to get: {names}',
    'queue.madeBy': 'put by {name}',
    'queue.snapshot': 'Last {call} by {name} said {value} — a snapshot: the queue holds {now} now.',
    'queue.taken': 'Recently taken',
    'queue.takenBy': 'made by {maker}, taken by {taker}',
    'queue.op.put': 'put into {obj}',
    'queue.op.get': 'get from {obj}',
    'queue.op.query': 'ask {obj} its size',
    'queue.op.task_done': 'mark a task of {obj} done (task_done)',
    'queue.op.qjoin': 'join {obj}',
  },
  zh: {
    'queue.title': '队列“{name}”',
    'queue.joinable': '可 join 队列“{name}”',
    'queue.size': '{size} / {max}',
    'queue.unbounded': '无上限',
    'queue.unfinished': '未完成任务：{n}',
    'queue.putters': '等待放入：{names}',
    'queue.getters': '等待取出：{names}',
    'queue.madeBy': '由 {name} 放入',
    'queue.snapshot': '{name} 上一次调用 {call} 得到 {value}——这只是快照：队列现在有 {now} 件。',
    'queue.taken': '最近取走的',
    'queue.takenBy': '由 {maker} 放入，被 {taker} 取走',
    'queue.op.put': '放入 {obj}',
    'queue.op.get': '从 {obj} 取出',
    'queue.op.query': '询问 {obj} 的大小',
    'queue.op.task_done': '把 {obj} 的一个任务标为完成（task_done）',
    'queue.op.qjoin': '等待 {obj} 的任务全部完成',
  },
});

export const queueKind: KindModule<Queue, State, QueueView, keyof typeof strings.en> = {
  kind: 'queue',
  claim: (x) => (x instanceof Queue ? x : null),
  adopt: (w, row) => (row.kind === 'queue' ? w.adopt([row.id], () => Queue.at(w, row)) : null),
  ids: (q) => [q.id],
  name: (q) => q.info.name,
  initial: (q) => ({ joinable: q instanceof JoinableQueue, items: [], taken: [], unfinished: 0, queryPid: -1, query: 0, queryValue: 0 }),
  fold(s, pid, ev, _obj, arg, result, payload) {
    switch (ev) {
      case EK.put:
        pushItem(s.items, pid, arg, payload);
        if (s.joinable) s.unfinished++;
        break;
      case EK.get:
        takeItem(s.items, s.taken, pid, arg);
        break;
      case EK.task_done:
        s.unfinished = result;
        break;
      case EK.qsize:
      case EK.empty:
      case EK.full:
        s.queryPid = pid;
        s.query = ev;
        s.queryValue = result;
    }
  },
  view: (q, s, ctx) => ({
    kind: 'queue',
    id: q.id,
    ids: [q.id],
    name: q.info.name,
    capacity: q.capacity,
    maxsize: q.maxsize,
    items: s.items.slice(),
    putters: ctx.waiters(q.id, 'put'),
    getters: ctx.waiters(q.id, 'get'),
    unfinished: s.joinable ? s.unfinished : null,
    taken: s.taken.slice(),
    snapshot: s.queryPid < 0 ? null : { pid: s.queryPid, query: EVENT_KINDS[s.query] as QueueQuery, value: s.queryValue },
  }),
  holders: () => [],
  ops: { put: 'queue.op.put', get: 'queue.op.get', qsize: 'queue.op.query', empty: 'queue.op.query', full: 'queue.op.query', task_done: 'queue.op.task_done', qjoin: 'queue.op.qjoin' },
  strings,
};
