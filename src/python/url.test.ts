import { describe, expect, it } from 'vitest';
import { ParamReader } from '../app/urlParams';
import { fromBase64Url, readPythonSource, toBase64Url, writePythonSource } from './url';

describe('the Python lab URL contract', () => {
  it('round-trips UTF-8 source through base64url without padding or +/', () => {
    const code = "print('票 ~~~?>>> ok')\n# 中文注释\n";
    const b = toBase64Url(code);
    expect(b).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(b)).toBe(code);
  });

  it('rejects what is not base64url of UTF-8', () => {
    expect(fromBase64Url('a+b/')).toBeUndefined();
    expect(fromBase64Url(toBase64Url('x').slice(0, 1))).toBeUndefined();
    expect(fromBase64Url('_w')).toBeUndefined(); // 0xFF: not UTF-8
  });

  it('reads code, repeated files and locks=ignore, and writes them back', () => {
    const q = new URLSearchParams();
    writePythonSource(q, { code: 'x = 1\n', files: [['a.json', '{"count": 1}'], ['b.txt', 'hi']], locks: 'ignore' });
    const r = new ParamReader(q);
    expect(readPythonSource(r, q, { code: '', files: [] })).toEqual({ code: 'x = 1\n', files: [['a.json', '{"count": 1}'], ['b.txt', 'hi']], locks: 'ignore' });
    expect(r.notices).toEqual([]);
  });

  it('a bad value is a notice naming the parameter, and the fallback applies', () => {
    const q = new URLSearchParams('code=%%%&file=../etc:eA&locks=maybe');
    const r = new ParamReader(q);
    const s = readPythonSource(r, q, { code: 'fallback', files: [] });
    expect(s).toEqual({ code: 'fallback', files: [], locks: 'on' });
    expect(r.notices.map((n) => n.name)).toEqual(['code', 'file', 'locks']);
  });

  it('a bad code or file is explained in the page’s language, and a long file value is cut in its notice', () => {
    const long = `a.txt:${'%'.repeat(5000)}`;
    const q = new URLSearchParams({ code: '%%%', file: long });
    const r = new ParamReader(q);
    readPythonSource(r, q, { code: '', files: [] });
    // The hints were English words ('base64url of UTF-8 text') on the Chinese page too.
    expect(r.notices.map((n) => [n.name, n.hint])).toEqual([
      ['code', { key: 'app.hint.base64' }],
      ['file', { key: 'app.hint.file' }],
    ]);
    expect(r.notices[1]!.length).toBe(long.length);
    expect(r.notices[1]!.value.length).toBeLessThan(100);
  });
});
