/**
 * multiprocessing.Array: a fixed row of numbers in shared memory. Each
 * `a[i]` read and `a[i] = x` write is one op; `a[i] += 1` is a read and a
 * write, and races like a Value's. Its lock (lock=True) is its own object.
 */
import { SharedArray } from '../../core/data';
import { EK } from '../../core/events';
import { readRow, type ObjectInfo } from '../../core/world';
import { defineStrings } from '../../i18n/define';
import { NOT_READY, type KindModule, type ObjectViewBase } from '../types';

export interface ArrayView extends ObjectViewBase<'array'> {
  /** Each element as the last read saw it or the last write left it. */
  items: number[];
  /** The element the last op touched, or -1. */
  touched: number;
}

/** The array and the elements it held when the page first saw it (a run-time array may have changed already). */
interface Core {
  array: SharedArray;
  initial: number[];
}

interface State {
  items: number[];
  touched: number;
}

const strings = defineStrings({
  en: { 'array.title': 'Array “{name}”', 'array.item': '{name}[{i}] = {value}', 'array.op.load': 'read an element of {obj}', 'array.op.store': 'write an element of {obj}' },
  zh: { 'array.title': 'Array“{name}”', 'array.item': '{name}[{i}] = {value}', 'array.op.load': '读取 {obj} 的一个元素', 'array.op.store': '写入 {obj} 的一个元素' },
});

/** The array's get_lock() row: the first later row of its creator named `name.get_lock()`, if that is the next of its rows. */
function lockRow(mem: Parameters<typeof readRow>[0], row: ObjectInfo): ObjectInfo | null {
  for (let id = row.id + 1; ; id++) {
    const next = readRow(mem, id);
    if (!next) return null;
    if (next.creator !== row.creator) continue;
    return next.kind === 'rlock' && next.name === `${row.name}.get_lock()` ? next : null;
  }
}

export const arrayKind: KindModule<Core, State, ArrayView, keyof typeof strings.en> = {
  kind: 'array',
  claim: (x) => (x instanceof SharedArray ? { array: x, initial: x.peekAll() } : null),
  adopt: (w, row) => {
    if (row.kind !== 'array') return null;
    // Its length is written last (after its lock's row and its elements): until then, ask again. (An empty array gets no card.)
    if (Atomics.load(w.mem.i32, row.base) === 0) return NOT_READY;
    const lock = lockRow(w.mem, row);
    // The table does not say i or d: elements are stored as doubles either way. Its lock (its own card) comes along.
    const array = w.adopt(lock ? [row.id, lock.id] : [row.id], () => new SharedArray(w, 'd', [], lock !== null, row.name));
    return { array, initial: array.peekAll() };
  },
  ids: (c) => [c.array.id],
  name: (c) => c.array.info.name,
  initial: (c) => ({ items: [...c.initial], touched: -1 }),
  fold(s, _pid, ev, _obj, arg, result, payload) {
    if (ev === EK.load) {
      s.items[arg] = result;
      s.touched = arg;
    } else if (ev === EK.store) {
      const i = Number(payload);
      if (Number.isInteger(i) && i >= 0 && i < s.items.length) {
        s.items[i] = arg;
        s.touched = i;
      }
    }
  },
  view: (c, s) => ({ kind: 'array', id: c.array.id, ids: [c.array.id], name: c.array.info.name, items: [...s.items], touched: s.touched }),
  holders: () => [],
  ops: { load: 'array.op.load', store: 'array.op.store' },
  strings,
};
