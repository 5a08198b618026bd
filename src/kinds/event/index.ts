/** multiprocessing.Event: a flag; wait() blocks while it is clear. Nobody holds it: waiters wait for a set(). */
import { EK } from '../../core/events';
import { Event } from '../../core/sync';
import { defineStrings } from '../../i18n/define';
import type { KindModule, ObjectViewBase } from '../types';

export interface EventView extends ObjectViewBase<'event'> {
  flag: boolean;
  waiters: number[];
  /** The last wait() that returned: who, and whether the flag was set (false: its timeout passed). Pid -1 when none. */
  lastWait: { pid: number; set: boolean };
}

interface State {
  flag: boolean;
  lastWaitPid: number;
  lastWaitSet: boolean;
}

const strings = defineStrings({
  en: {
    'event.title': 'Event “{name}”',
    'event.set': 'set — wait() passes',
    'event.clear': 'clear — wait() blocks',
    'event.waitTrue': '{name}’s wait() returned True',
    'event.waitFalse': '{name}’s wait() timed out and returned False',
    'event.op.set': 'set {obj}',
    'event.op.clear': 'clear {obj}',
    'event.op.wait': 'wait for {obj}',
  },
  zh: {
    'event.title': '事件“{name}”',
    'event.set': '已设置——wait() 直接通过',
    'event.clear': '已清除——wait() 会阻塞',
    'event.waitTrue': '{name} 的 wait() 返回 True',
    'event.waitFalse': '{name} 的 wait() 超时，返回 False',
    'event.op.set': '设置 {obj}',
    'event.op.clear': '清除 {obj}',
    'event.op.wait': '等待 {obj}',
  },
});

export const eventKind: KindModule<Event, State, EventView, keyof typeof strings.en> = {
  kind: 'event',
  claim: (x) => (x instanceof Event ? x : null),
  adopt: (w, row) => (row.kind === 'event' ? w.adopt([row.id], () => new Event(w, row.name)) : null),
  ids: (e) => [e.id],
  name: (e) => e.name,
  initial: () => ({ flag: false, lastWaitPid: -1, lastWaitSet: false }),
  fold(s, pid, ev, _obj, _arg, result) {
    if (ev === EK.set) s.flag = true;
    else if (ev === EK.clear) s.flag = false;
    else if (ev === EK.wait) {
      s.lastWaitPid = pid;
      s.lastWaitSet = result === 1;
    }
  },
  view: (e, s, ctx) => ({ kind: 'event', id: e.id, ids: [e.id], name: e.name, flag: s.flag, waiters: ctx.waiters(e.id), lastWait: { pid: s.lastWaitPid, set: s.lastWaitSet } }),
  holders: () => [],
  ops: { set: 'event.op.set', clear: 'event.op.clear', wait: 'event.op.wait' },
  strings,
};
