import type { EventKind } from '../../core/events';
import type { StringKey } from '../../i18n/i18n';

const KNOWN: Partial<Record<EventKind, StringKey>> = {
  acquire: 'lab.op.acquire',
  release: 'lab.op.release',
  load: 'lab.op.load',
  store: 'lab.op.store',
  compute: 'lab.op.compute',
  read: 'lab.op.read',
  write: 'lab.op.write',
  put: 'lab.op.put',
  get: 'lab.op.get',
  sleep: 'lab.op.sleep',
  print: 'lab.op.print',
  spawn: 'lab.op.spawn',
  join: 'lab.op.join',
  terminate: 'lab.op.terminate',
};

/** "acquire lock", "put into q"… in the current language. */
export function opText(t: (k: StringKey, v?: Record<string, string | number>) => string, kind: EventKind, obj: string): string {
  const key = KNOWN[kind];
  return key ? t(key, { obj }) : t('lab.op.other', { kind, obj });
}
