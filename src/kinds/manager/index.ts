/**
 * multiprocessing.Manager: the server process, what it holds (each proxy's
 * dict or list, as the server last changed it), the requests waiting for it
 * and the replies on their way back. A request is one proxy operation:
 * `d['count']`, `d['count'] = 5`, `l.append(2)`, `len(l)`.
 * Nobody holds a manager: a client waits for its reply, the server for any request.
 */
import { EK } from '../../core/events';
import { LIST_TAIL, Manager } from '../../core/manager';
import { pyRepr } from '../../core/data';
import { defineStrings } from '../../i18n/define';
import { pushItem, takeItem, type ItemFold, type TakenItem } from '../items';
import { NOT_READY, type KindModule, type ObjectViewBase } from '../types';

export interface HeldObjectView {
  id: number;
  name: string;
  /** `object`: one the Python lab's server holds (any type), shown as the server last reported it. */
  type: 'dict' | 'list' | 'object';
  /** A dict's Python repr, or a list's last items (`[…, 2, 3]`); an object's `name = repr` (cut short with `…`). */
  text: string;
  /** A dict's keys, a list's length (0 for an object). */
  length: number;
}

export interface ManagerView extends ObjectViewBase<'manager'> {
  /** The server's pid once it has taken a request, else -1. */
  server: number;
  /** Requests waiting for the server, as Python calls (`d['count'] = 5`), by their sender. */
  requests: ItemFold[];
  /** Replies on their way back, by the server, to whom. */
  replies: (ItemFold & { to: number })[];
  held: HeldObjectView[];
  /** Clients waiting for their reply. */
  waiting: number[];
}

interface Held {
  id: number;
  name: string;
  type: 'dict' | 'list';
  entries: Map<string, string>;
  length: number;
  tail: string[];
}

interface State {
  requestsId: number;
  replyIds: number[];
  server: number;
  requests: ItemFold[];
  replies: Map<number, ItemFold[]>;
  taken: TakenItem[];
  held: Map<number, Held>;
  /** The Python lab's server: what it reported after each change, by object number (`name = repr`; a payload cut short ends in `…`). */
  reported: Map<number, string>;
}

/** A request as the Python call it stands for; a payload cut short reads by its method alone. */
export function requestText(json: string, proxies: readonly { name: string; type: string }[]): string {
  if (json === 'null') return 'shutdown';
  try {
    const [, k, method, rawArgs] = JSON.parse(json) as [number, number | string, string, unknown];
    // The Python lab's long or unpicklable request travels in pieces (`[pid, '+' | '=', text]`).
    if (typeof k === 'string') return '…';
    const args = Array.isArray(rawArgs) ? rawArgs : [rawArgs];
    if (method === 'create') return `manager.${String(args[0])}()`;
    if (method === 'shutdown') return 'shutdown';
    const o = proxies[k]?.name ?? '?';
    const a = args.map(pyRepr);
    if (method === '__getitem__') return `${o}[${a[0]}]`;
    if (method === '__setitem__') return `${o}[${a[0]}] = ${a[1]}`;
    if (method === '__len__') return `len(${o})`;
    if (method === '__init__') return `${o} = manager.${proxies[k]?.type ?? 'dict'}()`;
    return `${o}.${method}(${a.join(', ')})`;
  } catch {
    // Cut short (an event carries 28 bytes): the proxy, the method and, when it fits, the first argument.
    const m = /^\[\d+,(\d+),"(\w+)",\[("(?:[^"\\]|\\.)*"|-?\d+(?=[,\]]))?/.exec(json);
    if (!m) return '…';
    const o = proxies[Number(m[1])]?.name ?? '?';
    const first = m[3] === undefined ? '…' : pyRepr(JSON.parse(m[3]));
    if (m[2] === '__setitem__') return `${o}[${first}] = …`;
    if (m[2] === '__getitem__') return `${o}[${first}]`;
    return `${o}.${m[2]}(${first}${m[3] === undefined ? '' : ', …'})`;
  }
}

/** A reply as the value it carries (`5`, `None`, or the exception's name). */
export function replyText(json: string): string {
  try {
    const [ok, value] = JSON.parse(json) as [boolean, unknown];
    return ok ? pyRepr(value) : String((value as unknown[])[0]);
  } catch {
    return '…';
  }
}

const strings = defineStrings({
  en: {
    'manager.title': 'Manager “{name}”',
    'manager.server': 'server process: {name}',
    'manager.noServer': 'server process not started',
    'manager.requests': 'Requests: {n} waiting for the server',
    'manager.replies': 'Replies: {n} on the way back',
    'manager.held': 'What the server holds',
    'manager.list': '{name}: list of {n} {n|item|items}, last {tail}',
    'manager.dict': '{name} = {text}',
    'manager.waiting': 'waiting for a reply: {names}',
    'manager.sentBy': 'sent by {name}',
    'manager.op.put': 'send to {obj}',
    'manager.op.get': 'receive from {obj}',
    'manager.op.write': 'update {obj}',
  },
  zh: {
    'manager.title': 'Manager“{name}”',
    'manager.server': '服务进程：{name}',
    'manager.noServer': '服务进程尚未启动',
    'manager.requests': '请求：{n} 个在等服务进程',
    'manager.replies': '回复：{n} 个正在送回',
    'manager.held': '服务进程里保存的数据',
    'manager.list': '{name}：有 {n} 项的列表，最后几项 {tail}',
    'manager.dict': '{name} = {text}',
    'manager.waiting': '等待回复：{names}',
    'manager.sentBy': '由 {name} 发出',
    'manager.op.put': '发送到 {obj}',
    'manager.op.get': '从 {obj} 接收',
    'manager.op.write': '更新 {obj}',
  },
});

/** An appended item as Python prints it (its JSON when the payload was cut short). */
function itemRepr(json: string): string {
  try {
    return pyRepr(JSON.parse(json));
  } catch {
    return json;
  }
}

const dictText = (h: Held) => `{${[...h.entries].map(([k, v]) => `${k}: ${v}`).join(', ')}}`;

export const managerKind: KindModule<Manager, State, ManagerView, keyof typeof strings.en> = {
  kind: 'manager',
  claim: (x) => (x instanceof Manager ? x : null),
  ids: (m) => [m.requests.id, ...m.replies.map((q) => q.id), ...m.proxies.map((p) => p.id)],
  name: (m) => m.name,
  initial: (m) => ({
    requestsId: m.requests.id,
    replyIds: m.replies.map((q) => q.id),
    server: -1,
    requests: [],
    replies: new Map(m.replies.map((q) => [q.id, []])),
    taken: [],
    held: new Map(m.proxies.map((p) => [p.id, { id: p.id, name: p.name, type: p.type, entries: new Map(), length: 0, tail: [] }])),
    reported: new Map(),
  }),
  fold(s, pid, ev, obj, arg, _result, payload) {
    if (obj === s.requestsId) {
      if (ev === EK.write) s.reported.set(arg, payload);
      else if (ev === EK.put) pushItem(s.requests, pid, arg, payload);
      else if (ev === EK.get) {
        s.server = pid;
        takeItem(s.requests, s.taken, pid, arg);
      }
      return;
    }
    const replies = s.replies.get(obj);
    if (replies) {
      if (ev === EK.put) pushItem(replies, pid, arg, payload);
      else if (ev === EK.get) takeItem(replies, s.taken, pid, arg);
      return;
    }
    const h = s.held.get(obj);
    if (!h) return;
    if (ev === EK.write) {
      try {
        const [k, v] = JSON.parse(payload) as [unknown, unknown];
        h.entries.set(pyRepr(k), pyRepr(v));
      } catch {
        // A value too long for an event's payload: the card keeps the last one it could read.
      }
      h.length = arg;
    } else if (ev === EK.put) {
      h.length = arg;
      h.tail.push(payload);
      if (h.tail.length > LIST_TAIL) h.tail.shift();
    }
  },
  view: (m, s, ctx) => {
    // The Python lab's server names its objects as it reports them (`name = repr`); object 0 is the manager.
    const names = m.proxies.length ? m.proxies : Array.from({ length: Math.max(0, ...s.reported.keys()) + 1 }, (_, k) => ({ name: s.reported.get(k)?.split(' = ')[0] ?? '?', type: 'object' }));
    const reported = [...s.reported].map(([k, text]): HeldObjectView => ({ id: k, name: names[k]!.name, type: 'object', length: 0, text }));
    return {
      kind: 'manager',
      id: m.requests.id,
      ids: managerKind.ids(m),
      name: m.name,
      server: s.server,
      requests: s.requests.map((it) => ({ ...it, json: requestText(it.json, names) })),
      replies: s.replyIds.flatMap((id, to) => (s.replies.get(id) ?? []).map((it) => ({ ...it, json: replyText(it.json), to }))),
      held: [...[...s.held.values()].map((h) => ({ id: h.id, name: h.name, type: h.type, length: h.length, text: h.type === 'dict' ? dictText(h) : `[${h.length > h.tail.length ? '…, ' : ''}${h.tail.map(itemRepr).join(', ')}]` })), ...reported],
      waiting: s.replyIds.flatMap((id) => ctx.waiters(id, 'get')),
    };
  },
  holders: () => [],
  adopt: (w, row) => {
    const m = Manager.at(w, row);
    return m === 'not ready' ? NOT_READY : m;
  },
  ops: { put: 'manager.op.put', get: 'manager.op.get', write: 'manager.op.write' },
  strings,
};
