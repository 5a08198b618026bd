/**
 * A Mailbox: the page's command channel to one process (a scenario's command
 * port, e.g. the queue playground's buttons). It is plumbing, not a Python
 * object the program shares — the Python source shows it as the queue the
 * clicks arrive in — so it has no card; a process waiting on it is waiting
 * for the learner, and its lane says so.
 */
import { Mailbox } from '../../core/mailbox';
import { defineStrings } from '../../i18n/define';
import { plumbingKind, type ObjectViewBase } from '../types';

export type MailboxView = ObjectViewBase<'mailbox'>;

const strings = defineStrings({
  en: { 'mailbox.op.get': 'wait for your next click' },
  zh: { 'mailbox.op.get': '等你的下一次点击' },
});

export const mailboxKind = plumbingKind('mailbox', (x) => (x instanceof Mailbox ? x : null), { get: 'mailbox.op.get' }, strings);
