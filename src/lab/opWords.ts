/**
 * An op in the learner's words ("put into q", "acquire lock"), for the lanes' "next:", the narration and the
 * timeline's event details: the words of the object's kind when it has them (a pool's queue "hands over"),
 * else the op's own. Every event kind has words here, so no raw event name ("put", "qsize") reaches the page.
 */
import type { EventKind } from '../core/events';
import { Kill } from '../core/runtime';
import type { StringKey } from '../i18n/i18n';
import type { AnyKind } from '../kinds/types';

const OWN_WORDS: Record<EventKind, StringKey> = {
  start: 'lab.op.start',
  exit: 'lab.op.exit',
  spawn: 'lab.op.spawn',
  join: 'lab.op.join',
  terminate: 'lab.op.terminate',
  killed: 'lab.op.killed',
  acquire: 'lab.op.acquire',
  release: 'lab.op.release',
  block: 'lab.op.block',
  wake: 'lab.op.wake',
  load: 'lab.op.load',
  store: 'lab.op.store',
  compute: 'lab.op.compute',
  read: 'lab.op.read',
  write: 'lab.op.write',
  put: 'lab.op.put',
  get: 'lab.op.get',
  qsize: 'lab.op.query',
  empty: 'lab.op.query',
  full: 'lab.op.query',
  task_done: 'lab.op.task_done',
  qjoin: 'lab.op.qjoin',
  sleep: 'lab.op.sleep',
  print: 'lab.op.print',
  raise: 'lab.op.raise',
  set: 'lab.op.set',
  clear: 'lab.op.clear',
  wait: 'lab.op.wait',
  notify: 'lab.op.notify',
  send: 'lab.op.send',
  recv: 'lab.op.recv',
  poll: 'lab.op.poll',
  close: 'lab.op.close',
  note: 'lab.op.note',
  line: 'lab.op.line',
};

/**
 * The words of op `op` on an object of kind `kind` (undefined: a process op, or an object no kind claims).
 * `signal`: a terminate op's Kill word (kill() and terminate() are one op kind; the words name the call made).
 */
export function opWords(kind: AnyKind | undefined, op: EventKind, signal = 0): StringKey {
  if (op === 'terminate' && signal === Kill.kill) return 'lab.op.kill';
  return (kind?.ops[op] as StringKey | undefined) ?? OWN_WORDS[op];
}
