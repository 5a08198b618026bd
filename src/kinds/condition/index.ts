/**
 * multiprocessing.Condition(lock): wait() gives up the lock and sleeps until a
 * notify(); the lock is its own object (drawn by its own kind). Nobody holds a
 * condition: its waiters wait for whoever notifies.
 */
import { EK } from '../../core/events';
import { Condition, Lock, RLock } from '../../core/sync';
import { readRow } from '../../core/world';
import { defineStrings } from '../../i18n/define';
import { NOT_READY, type KindModule, type ObjectViewBase } from '../types';

export interface ConditionView extends ObjectViewBase<'condition'> {
  /** The name of the lock it waits with. */
  lockName: string;
  waiters: number[];
  /** The last notify: who, how many it asked for and how many it woke. Pid -1 when none. */
  lastNotify: { pid: number; asked: number; woke: number };
}

interface State {
  notifier: number;
  asked: number;
  woke: number;
}

const strings = defineStrings({
  en: {
    'condition.title': 'Condition “{name}”',
    'condition.lock': 'with lock {lock}',
    'condition.notified': '{name} notified {woke} of {asked}',
    'condition.notifiedAll': '{name} notified all ({woke})',
    'condition.op.wait': 'wait on {obj}',
    'condition.op.notify': 'notify {obj}',
  },
  zh: {
    'condition.title': '条件变量“{name}”',
    'condition.lock': '配合锁 {lock}',
    'condition.notified': '{name} 唤醒了 {woke} 个（请求 {asked} 个）',
    'condition.notifiedAll': '{name} 唤醒了全部（{woke} 个）',
    'condition.op.wait': '在 {obj} 上等待',
    'condition.op.notify': '通知 {obj}',
  },
});

export const conditionKind: KindModule<Condition, State, ConditionView, keyof typeof strings.en> = {
  kind: 'condition',
  claim: (x) => (x instanceof Condition ? x : null),
  // Made at run time (the Python lab): its lock is the object whose id it keeps.
  adopt: (w, row) => {
    if (row.kind !== 'condition') return null;
    const lockId = Condition.lockIdAt(w, row.base);
    const lockRow = lockId < 0 ? null : readRow(w.mem, lockId);
    // Its creator writes the lock's id just after the row: until then, ask again.
    if (!lockRow || (lockRow.kind !== 'lock' && lockRow.kind !== 'rlock')) return NOT_READY;
    const lock = w.adopt([lockRow.id], () => (lockRow.kind === 'lock' ? new Lock(w, lockRow.name) : new RLock(w, lockRow.name)));
    return w.adopt([row.id], () => new Condition(w, lock, row.name));
  },
  ids: (c) => [c.id],
  name: (c) => c.name,
  initial: () => ({ notifier: -1, asked: 0, woke: 0 }),
  fold(s, pid, ev, _obj, arg, result) {
    if (ev !== EK.notify) return;
    s.notifier = pid;
    s.asked = arg;
    s.woke = result;
  },
  view: (c, s, ctx) => ({
    kind: 'condition',
    id: c.id,
    ids: [c.id],
    name: c.name,
    lockName: c.lock.name,
    waiters: ctx.waiters(c.id),
    lastNotify: { pid: s.notifier, asked: s.asked, woke: s.woke },
  }),
  holders: () => [],
  ops: { wait: 'condition.op.wait', notify: 'condition.op.notify' },
  strings,
};
