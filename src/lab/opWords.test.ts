import { describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '../core/events';
import { Kill } from '../core/runtime';
import { translate } from '../i18n/i18n';
import { KINDS } from '../kinds/registry';
import type { AnyKind } from '../kinds/types';
import { opWords } from './opWords';

/** Every op on every kind of object, and on none (a process op). */
const cases = [undefined, ...(KINDS as readonly AnyKind[])].flatMap((kind) => EVENT_KINDS.map((op) => ({ kind, op })));

describe('opWords: an op in the learner\'s words', () => {
  it('reads every event kind, on every kind of object, in both languages, without its raw name in zh', () => {
    const raw: string[] = [];
    for (const { kind, op } of cases) {
      const key = opWords(kind, op);
      const en = translate('en', key, { obj: 'q' });
      const zh = translate('zh', key, { obj: 'q' });
      expect(en, `${kind?.kind ?? 'process'} ${op}`).not.toBe(key);
      // Raw event names (put, qsize, task_done…) are the lab's, not the learner's: in zh none is left in English.
      if (EVENT_KINDS.some((name) => new RegExp(`\\b${name}\\b`).test(zh.replace(/\(\w+\)|（\w+）/g, '')))) raw.push(`${kind?.kind ?? 'process'} ${op}: ${zh}`);
    }
    expect(raw).toEqual([]);
  });

  it('uses the object kind\'s words first, and names kill() apart from terminate()', () => {
    const queue = KINDS.find((k) => k.kind === 'queue')!;
    expect(translate('en', opWords(queue, 'put'), { obj: 'q' })).toBe('put into q');
    expect(translate('en', opWords(undefined, 'start'), { obj: '' })).toBe('start running');
    expect(translate('en', opWords(undefined, 'terminate', Kill.kill), { obj: 'Process-1' })).toBe('kill Process-1');
    expect(translate('zh', opWords(undefined, 'terminate', Kill.terminate), { obj: 'Process-1' })).toBe('终止 Process-1');
  });
});
