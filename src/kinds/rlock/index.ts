/** multiprocessing.RLock: one owner that may hold it several times (its depth); each acquire needs a release. */
import { EK } from '../../core/events';
import { RLock } from '../../core/sync';
import { defineStrings } from '../../i18n/define';
import type { KindModule, ObjectViewBase } from '../types';

export interface RLockView extends ObjectViewBase<'rlock'> {
  owner: number;
  /** How many times the owner holds it (0 when free). */
  depth: number;
  waiters: number[];
}

interface State {
  owner: number;
  depth: number;
}

const strings = defineStrings({
  en: { 'rlock.title': 'RLock “{name}”', 'rlock.depth': 'held {depth}× by {name}', 'rlock.op.acquire': 'acquire {obj}', 'rlock.op.release': 'release {obj}' },
  zh: { 'rlock.title': '可重入锁“{name}”', 'rlock.depth': '被 {name} 持有 {depth} 层', 'rlock.op.acquire': '获取 {obj}', 'rlock.op.release': '释放 {obj}' },
});

export const rlockKind: KindModule<RLock, State, RLockView, keyof typeof strings.en> = {
  kind: 'rlock',
  claim: (x) => (x instanceof RLock ? x : null),
  adopt: (w, row) => (row.kind === 'rlock' ? w.adopt([row.id], () => new RLock(w, row.name)) : null),
  ids: (l) => [l.id],
  name: (l) => l.name,
  initial: () => ({ owner: -1, depth: 0 }),
  fold(s, pid, ev, _obj, arg, result) {
    if (ev === EK.acquire) {
      if (result !== 1) return;
      if (s.owner === pid) s.depth++;
      else if (s.owner < 0) {
        s.owner = pid;
        s.depth = 1;
      }
    } else if (ev === EK.release) {
      // The release reports the depth left.
      s.depth = arg;
      if (arg === 0) s.owner = -1;
    }
  },
  view: (l, s, ctx) => ({ kind: 'rlock', id: l.id, ids: [l.id], name: l.name, owner: s.owner, depth: s.depth, waiters: ctx.waiters(l.id) }),
  holders: (v) => (v.owner >= 0 ? [v.owner] : []),
  ops: { acquire: 'rlock.op.acquire', release: 'rlock.op.release' },
  strings,
};
