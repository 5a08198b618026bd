/** multiprocessing.Value: a number in shared memory; `+=` is a load, a compute and a store (the race). */
import { EK } from '../../core/events';
import { Value } from '../../core/data';
import { defineStrings } from '../../i18n/define';
import type { KindModule, ObjectViewBase } from '../types';

export interface ValueView extends ObjectViewBase<'value'> {
  /** The last value a load saw or a store wrote. */
  value: number;
}

interface State {
  value: number;
}

const strings = defineStrings({
  en: { 'value.title': 'Value “{name}”', 'value.op.load': 'read {obj}', 'value.op.store': 'write {obj}', 'value.op.compute': 'compute' },
  zh: { 'value.title': 'Value“{name}”', 'value.op.load': '读取 {obj}', 'value.op.store': '写入 {obj}', 'value.op.compute': '计算' },
});

export const valueKind: KindModule<Value, State, ValueView, keyof typeof strings.en> = {
  kind: 'value',
  claim: (x) => (x instanceof Value ? x : null),
  // The table does not say i or d: an int view (a float Value shows its rounded value).
  adopt: (w, row) => (row.kind === 'value' ? w.adopt([row.id], () => new Value(w, 'i', Atomics.load(w.mem.i32, row.base), false, row.name)) : null),
  ids: (v) => [v.id],
  name: (v) => v.info.name,
  initial: (v) => ({ value: v.typecode === 'i' ? v.initial | 0 : Math.round(v.initial) }),
  fold(s, _pid, ev, _obj, arg, result) {
    if (ev === EK.load) s.value = result;
    else if (ev === EK.store) s.value = arg;
  },
  view: (v, s) => ({ kind: 'value', id: v.id, ids: [v.id], name: v.info.name, value: s.value }),
  holders: () => [],
  ops: { load: 'value.op.load', store: 'value.op.store', compute: 'value.op.compute' },
  strings,
};
