/**
 * The Console every process prints to. Its lines are drawn by the Console
 * panel (and `print` is a process event, folded with the lanes), so the kind
 * is hidden: it only names the op.
 */
import { Console } from '../../core/data';
import { defineStrings } from '../../i18n/define';
import type { KindModule, ObjectViewBase } from '../types';

export type ConsoleView = ObjectViewBase<'console'>;

const strings = defineStrings({
  en: { 'console.op.print': 'print' },
  zh: { 'console.op.print': '打印' },
});

export const consoleKind: KindModule<Console, null, ConsoleView, keyof typeof strings.en> = {
  kind: 'console',
  claim: (x) => (x instanceof Console ? x : null),
  ids: (c) => [c.id],
  name: (c) => c.info.name,
  initial: () => null,
  fold() {},
  view: (c) => ({ kind: 'console', id: c.id, ids: [c.id], name: c.info.name }),
  holders: () => [],
  ops: { print: 'console.op.print' },
  strings,
  hidden: true,
};
