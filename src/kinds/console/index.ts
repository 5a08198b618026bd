/**
 * The Console every process prints to. Its lines are drawn by the Console
 * panel (and `print` is a process event, folded with the lanes), so the kind
 * is hidden: it only names the op.
 */
import { Console } from '../../core/data';
import { defineStrings } from '../../i18n/define';
import { plumbingKind, type ObjectViewBase } from '../types';

export type ConsoleView = ObjectViewBase<'console'>;

const strings = defineStrings({
  en: { 'console.op.print': 'print' },
  zh: { 'console.op.print': '打印' },
});

export const consoleKind = plumbingKind('console', (x) => (x instanceof Console ? x : null), { print: 'console.op.print' }, strings);
