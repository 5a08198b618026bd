/** multiprocessing.Lock: one owner or none; a second acquire by the owner blocks forever. */
import { EK } from '../../core/events';
import { Lock } from '../../core/sync';
import { defineStrings } from '../../i18n/define';
import type { KindModule, ObjectViewBase } from '../types';

export interface LockView extends ObjectViewBase<'lock'> {
  /** Owner pid, or -1 when free. */
  owner: number;
  waiters: number[];
}

interface State {
  owner: number;
}

const strings = defineStrings({
  en: { 'lock.title': 'Lock “{name}”', 'lock.free': 'free', 'lock.heldBy': 'held by {name}', 'lock.op.acquire': 'acquire {obj}', 'lock.op.release': 'release {obj}' },
  zh: { 'lock.title': '锁“{name}”', 'lock.free': '空闲', 'lock.heldBy': '被 {name} 持有', 'lock.op.acquire': '获取 {obj}', 'lock.op.release': '释放 {obj}' },
});

export const lockKind: KindModule<Lock, State, LockView, keyof typeof strings.en> = {
  kind: 'lock',
  claim: (x) => (x instanceof Lock ? x : null),
  adopt: (w, row) => (row.kind === 'lock' ? w.adopt([row.id], () => new Lock(w, row.name)) : null),
  ids: (l) => [l.id],
  name: (l) => l.name,
  initial: () => ({ owner: -1 }),
  fold(s, pid, ev, _obj, _arg, result) {
    if (ev === EK.acquire) {
      if (result === 1 && s.owner < 0) s.owner = pid;
    } else if (ev === EK.release) s.owner = -1;
  },
  view: (l, s, ctx) => ({ kind: 'lock', id: l.id, ids: [l.id], name: l.name, owner: s.owner, waiters: ctx.waiters(l.id) }),
  holders: (v) => (v.owner >= 0 ? [v.owner] : []),
  ops: { acquire: 'lock.op.acquire', release: 'lock.op.release' },
  strings,
};
