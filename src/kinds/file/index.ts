/** A small shared text file, read and written whole (the ticket database). */
import { EK } from '../../core/events';
import { SharedFile } from '../../core/data';
import { defineStrings } from '../../i18n/define';
import type { KindModule, ObjectViewBase } from '../types';

export interface FileView extends ObjectViewBase<'file'> {
  content: string;
}

interface State {
  content: string;
}

const strings = defineStrings({
  en: { 'file.title': 'File “{name}”', 'file.op.read': 'read {obj}', 'file.op.write': 'write {obj}' },
  zh: { 'file.title': '文件“{name}”', 'file.op.read': '读取 {obj}', 'file.op.write': '写入 {obj}' },
});

export const fileKind: KindModule<SharedFile, State, FileView, keyof typeof strings.en> = {
  kind: 'file',
  claim: (x) => (x instanceof SharedFile ? x : null),
  adopt: (w, row) => (row.kind === 'file' ? w.adopt([row.id], () => SharedFile.at(w, row)) : null),
  ids: (f) => [f.id],
  name: (f) => f.path,
  initial: (f) => ({ content: f.initial }),
  fold(s, _pid, ev, _obj, _arg, _result, payload) {
    if (ev === EK.read || ev === EK.write) s.content = payload;
  },
  view: (f, s) => ({ kind: 'file', id: f.id, ids: [f.id], name: f.path, content: s.content }),
  holders: () => [],
  ops: { read: 'file.op.read', write: 'file.op.write' },
  strings,
};
