/**
 * multiprocessing.Semaphore / BoundedSemaphore: a counter; acquire takes one
 * (waiting at 0), release gives one back. It has no owner: "who is inside" is
 * who acquired and has not released yet. Any process may release (a signal);
 * then the longest-inside holder is let out, so never more are shown inside
 * than the counter allows.
 */
import { EK } from '../../core/events';
import { Semaphore } from '../../core/sync';
import { defineStrings } from '../../i18n/define';
import type { KindModule, ObjectViewBase } from '../types';

export interface SemaphoreView extends ObjectViewBase<'semaphore'> {
  /** The counter now, and what it started at. */
  value: number;
  initial: number;
  bounded: boolean;
  /** Pids inside (acquired, not released), oldest first; a pid twice if it acquired twice. */
  inside: number[];
  waiters: number[];
}

interface State {
  value: number;
  readonly initial: number;
  inside: number[];
}

const strings = defineStrings({
  en: {
    'semaphore.title': 'Semaphore “{name}”',
    'semaphore.bounded': 'BoundedSemaphore “{name}”',
    'semaphore.counter': 'counter {value} of {initial}',
    'semaphore.inside': 'inside: {names}',
    'semaphore.nobodyInside': 'nobody inside',
    'semaphore.op.acquire': 'enter {obj} (acquire)',
    'semaphore.op.release': 'leave {obj} (release)',
  },
  zh: {
    'semaphore.title': '信号量“{name}”',
    'semaphore.bounded': '有界信号量“{name}”',
    'semaphore.counter': '计数 {value} / {initial}',
    'semaphore.inside': '在里面：{names}',
    'semaphore.nobodyInside': '里面没有人',
    'semaphore.op.acquire': '进入 {obj}（acquire）',
    'semaphore.op.release': '离开 {obj}（release）',
  },
});

export const semaphoreKind: KindModule<Semaphore, State, SemaphoreView, keyof typeof strings.en> = {
  kind: 'semaphore',
  claim: (x) => (x instanceof Semaphore ? x : null),
  adopt: (w, row) => (row.kind === 'semaphore' ? w.adopt([row.id], () => new Semaphore(w, Math.max(0, Atomics.load(w.mem.i32, row.base)), row.name)) : null),
  ids: (s) => [s.id],
  name: (s) => s.name,
  initial: (s) => ({ value: s.initial, initial: s.initial, inside: [] }),
  fold(s, pid, ev, _obj, _arg, result) {
    if (ev === EK.acquire) {
      if (result !== 1) return;
      s.value--;
      s.inside.push(pid);
    } else if (ev === EK.release) {
      s.value++;
      const i = s.inside.indexOf(pid);
      if (i >= 0) s.inside.splice(i, 1);
      // Released by someone not inside (a signal): let the longest-inside out.
      while (s.inside.length > Math.max(0, s.initial - s.value)) s.inside.shift();
    }
  },
  view: (sem, s, ctx) => ({
    kind: 'semaphore',
    id: sem.id,
    ids: [sem.id],
    name: sem.name,
    value: s.value,
    initial: s.initial,
    bounded: sem.bounded,
    inside: s.inside.slice(),
    waiters: ctx.waiters(sem.id),
  }),
  holders: (v) => v.inside,
  ops: { acquire: 'semaphore.op.acquire', release: 'semaphore.op.release' },
  strings,
};
