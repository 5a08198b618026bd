import { describe, expect, it } from 'vitest';
import { NOTICE_VALUE_CHARS, ParamReader, noticeValue, unknownParamNotices } from './urlParams';

describe('URL parameter notices (issue 13)', () => {
  it('a repeated parameter is named, and the first value wins', () => {
    const r = new ParamReader(new URLSearchParams('scenario=tickets&scenario=bank&scenario=printer'));
    expect(r.oneOf('scenario', 'printer', ['printer', 'tickets', 'bank'])).toBe('tickets');
    expect(r.notices).toEqual([{ name: 'scenario', value: 'tickets', hint: '', kind: 'repeated', count: 3 }]);
  });

  it('a parameter no setting reads is named', () => {
    const q = new URLSearchParams('scenario=bank&sceanrio=x&n=5');
    expect(unknownParamNotices(q, ['scenario', 'n'])).toEqual([{ name: 'sceanrio', value: 'x', hint: '', kind: 'unknown' }]);
  });

  it('a huge value is cut in the notice, with its length', () => {
    const huge = 'x'.repeat(10_000);
    const r = new ParamReader(new URLSearchParams(`seed=${huge}`));
    expect(r.int('seed', 1, 0, 10)).toBe(1);
    expect(r.notices[0]).toMatchObject({ value: `${'x'.repeat(NOTICE_VALUE_CHARS)}…`, length: 10_000 });
    expect(unknownParamNotices(new URLSearchParams(`${huge}=1`), [])[0]!.name.length).toBeLessThan(100);
    // Characters, not UTF-16 halves: an emoji is never split.
    expect(noticeValue('😀'.repeat(NOTICE_VALUE_CHARS + 1))).toEqual({ value: `${'😀'.repeat(NOTICE_VALUE_CHARS)}…`, length: NOTICE_VALUE_CHARS + 1 });
    expect(noticeValue('short')).toEqual({ value: 'short' });
  });
});
