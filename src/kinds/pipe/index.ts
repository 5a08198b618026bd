/**
 * multiprocessing.Pipe: two ends (connections 0 and 1) and one or two
 * directions, each a ring of messages in flight. A scenario's setup returns
 * the two Connections; both claim the same pipe, drawn once. Closing an end
 * closes its sending side: the other end's recv() raises EOFError once the
 * direction is drained.
 */
import { EK } from '../../core/events';
import { Connection, Pipe, type PipeInfo } from '../../core/queue';
import { readRow, type ObjectInfo } from '../../core/world';
import { defineStrings } from '../../i18n/define';
import { pushItem, takeItem, type ItemFold, type TakenItem } from '../items';
import type { KindModule, ObjectViewBase } from '../types';

export interface PipeDirectionView {
  id: number;
  name: string;
  from: 0 | 1;
  to: 0 | 1;
  /** Messages sent and not yet received, oldest first. */
  items: ItemFold[];
  /** Its sending end was closed. */
  closed: boolean;
  /** Blocked in recv() on it. */
  receivers: number[];
  /** Blocked in send() on it (the direction is full). */
  senders: number[];
}

export interface PipeView extends ObjectViewBase<'pipe'> {
  duplex: boolean;
  /** Which ends were closed (by end number). */
  closed: [boolean, boolean];
  directions: PipeDirectionView[];
  /** The last messages received, newest last. */
  received: TakenItem[];
}

interface Direction {
  readonly id: number;
  readonly from: 0 | 1;
  items: ItemFold[];
  closed: boolean;
}

interface State {
  directions: Direction[];
  closed: [boolean, boolean];
  received: TakenItem[];
}

function pipeName(name: string): { base: string; dir: string } | null {
  const m = /^(.*)\[(0→1|1→0)\]$/.exec(name);
  return m ? { base: m[1]!, dir: m[2]! } : null;
}

/**
 * The object-table rows of a pipe made at run time, found at its last row
 * (`name[1→0]`): a duplex pipe's first row (`name[0→1]`) is the nearest
 * earlier row of its creator with that name, unless a row of another of its
 * pipes of the same name comes between. Null for any other row.
 */
function pipeRows(mem: Parameters<typeof readRow>[0], row: ObjectInfo): number[] | null {
  const me = row.kind === 'pipe' ? pipeName(row.name) : null;
  if (!me || me.dir !== '1→0') return null;
  for (let id = row.id - 1; id >= 0; id--) {
    const other = readRow(mem, id);
    if (!other || other.creator !== row.creator || other.kind !== 'pipe') continue;
    const o = pipeName(other.name);
    if (o?.base !== me.base) continue;
    return o.dir === '0→1' ? [other.id, row.id] : [row.id];
  }
  return [row.id];
}

const strings = defineStrings({
  en: {
    'pipe.title': 'Pipe “{name}”',
    'pipe.duplex': 'duplex: both ends send and receive',
    'pipe.oneWay': 'one-way: end 1 sends, end 0 receives',
    'pipe.end': 'end {end}',
    'pipe.endClosed': 'end {end} (closed)',
    'pipe.direction': 'end {from} → end {to}',
    'pipe.inFlight': '{n} in flight',
    'pipe.senderClosed': 'sender closed: recv() raises EOFError once drained',
    'pipe.receivers': 'waiting in recv(): {names}',
    'pipe.senders': 'waiting in send(): {names}',
    'pipe.sentBy': 'sent by {name}',
    'pipe.received': 'Recently received',
    'pipe.receivedBy': 'sent by {maker}, received by {taker}',
    'pipe.op.send': 'send into {obj}',
    'pipe.op.recv': 'receive from {obj}',
    'pipe.op.poll': 'poll {obj}',
    'pipe.op.close': 'close its end of {obj}',
  },
  zh: {
    'pipe.title': '管道“{name}”',
    'pipe.duplex': '双向：两端都能发送和接收',
    'pipe.oneWay': '单向：端 1 发送，端 0 接收',
    'pipe.end': '端 {end}',
    'pipe.endClosed': '端 {end}（已关闭）',
    'pipe.direction': '端 {from} → 端 {to}',
    'pipe.inFlight': '在途 {n} 条',
    'pipe.senderClosed': '发送端已关闭：取完之后 recv() 会抛出 EOFError',
    'pipe.receivers': '在 recv() 中等待：{names}',
    'pipe.senders': '在 send() 中等待：{names}',
    'pipe.sentBy': '由 {name} 发送',
    'pipe.received': '最近收到的',
    'pipe.receivedBy': '由 {maker} 发送，被 {taker} 收到',
    'pipe.op.send': '向 {obj} 发送',
    'pipe.op.recv': '从 {obj} 接收',
    'pipe.op.poll': '查看 {obj} 是否有消息（poll）',
    'pipe.op.close': '关闭自己在 {obj} 的一端',
  },
});

export const pipeKind: KindModule<PipeInfo, State, PipeView, keyof typeof strings.en> = {
  kind: 'pipe',
  claim: (x) => (x instanceof Connection ? x.pipe : null),
  adopt: (w, row) => {
    const ids = pipeRows(w.mem, row);
    return ids ? w.adopt(ids, () => Pipe(w, ids.length === 2, pipeName(row.name)!.base)[0].pipe) : null;
  },
  ids: (p) => p.channels.map((c) => c.id),
  name: (p) => p.name,
  initial: (p) => ({ directions: p.channels.map((c) => ({ id: c.id, from: c.from, items: [], closed: false })), closed: [false, false], received: [] }),
  fold(s, pid, ev, obj, arg, result, payload) {
    const d = s.directions[0]!.id === obj ? s.directions[0]! : s.directions[1];
    if (!d) return;
    if (ev === EK.send) pushItem(d.items, pid, arg, payload);
    else if (ev === EK.recv) takeItem(d.items, s.received, pid, arg);
    else if (ev === EK.close && result !== 1) {
      // arg = the end that closed; it closes the direction it sends on. result 1: one copy of the end closed
      // while another process still holds one (the Python lab counts copies), so the stream goes on.
      const end = arg === 1 ? 1 : 0;
      s.closed[end] = true;
      for (const dir of s.directions) if (dir.from === end) dir.closed = true;
    }
  },
  view: (p, s, ctx) => ({
    kind: 'pipe',
    id: p.channels[0]!.id,
    ids: p.channels.map((c) => c.id),
    name: p.name,
    duplex: p.duplex,
    closed: [s.closed[0], s.closed[1]],
    directions: p.channels.map((c, i) => ({
      id: c.id,
      name: c.name,
      from: c.from,
      to: c.to,
      items: s.directions[i]!.items.slice(),
      closed: s.directions[i]!.closed,
      receivers: ctx.waiters(c.id, 'recv'),
      senders: ctx.waiters(c.id, 'send'),
    })),
    received: s.received.slice(),
  }),
  holders: () => [],
  ops: { send: 'pipe.op.send', recv: 'pipe.op.recv', poll: 'pipe.op.poll', close: 'pipe.op.close' },
  strings,
};
