import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../security-headers';

/** The deploy configs repeat security-headers.ts (hosts read files, not modules): they must not drift. */
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('deploy configs send the same headers as vite preview', () => {
  it('public/_headers (Netlify, Cloudflare Pages)', () => {
    const lines = read('public/_headers').split('\n');
    const rules = lines.filter((l) => /^\s+\S+:/.test(l)).map((l) => l.trim());
    const parsed = Object.fromEntries(rules.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
    expect(lines).toContain('/*');
    expect(parsed).toEqual(SECURITY_HEADERS);
  });

  it('vercel.json', () => {
    const config = JSON.parse(read('vercel.json')) as { headers: { source: string; headers: { key: string; value: string }[] }[] };
    expect(config.headers).toHaveLength(1);
    expect(config.headers[0]!.source).toBe('/(.*)');
    expect(Object.fromEntries(config.headers[0]!.headers.map((h) => [h.key, h.value]))).toEqual(SECURITY_HEADERS);
  });

  it('public/coi-sw.js (GitHub Pages)', () => {
    const sw = read('public/coi-sw.js');
    const body = sw.slice(sw.indexOf('const HEADERS = {') + 'const HEADERS = '.length, sw.indexOf('};', sw.indexOf('const HEADERS')) + 1);
    // The object literal is plain JSON but for its single quotes on keys.
    const headers = Object.fromEntries([...body.matchAll(/'([\w-]+)':\s*\n?\s*"([^"]*)"|'([\w-]+)':\s*'([^']*)'/g)].map((m) => [m[1] ?? m[3], m[2] ?? m[4]]));
    expect(headers).toEqual(SECURITY_HEADERS);
  });

  it('the CSP allows only this origin, WebAssembly, and no eval or inline code', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*|https?:/);
  });
});
