/**
 * The Python lab's part of the URL contract:
 * `?lab=python&code=<base64url of the UTF-8 source>&file=<name>:<base64url of its content>`
 * (`file` repeatable) and `locks=ignore`. The address bar always holds a link
 * that reproduces the program and its files.
 */
import { noticeValue, type ParamReader } from '../app/urlParams';

/** Every URL parameter the Python lab reads: the shared pace, the program and its files, the switches. */
export const PYTHON_PARAMS = ['mode', 'seed', 'speed', 'turbo', 'code', 'file', 'locks', 'lines'] as const;

export interface PythonSource {
  code: string;
  files: [string, string][];
  locks: 'on' | 'ignore';
}

/** base64url (RFC 4648 §5, no padding) of the UTF-8 bytes of `text`. */
export function toBase64Url(text: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text back, or undefined when `s` is not base64url of valid UTF-8. */
export function fromBase64Url(s: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return undefined;
  try {
    const binary = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** A file name the working directory accepts: no folders, no dot-names. */
export function validFileName(name: string): boolean {
  return /^[\w][\w.-]{0,47}$/.test(name);
}

/** Read the source, files and lock switch; invalid values are notices and fall back to `fallback`. */
export function readPythonSource(r: ParamReader, query: URLSearchParams, fallback: Omit<PythonSource, 'locks'>): PythonSource {
  const code = r.custom('code', fallback.code, { key: 'app.hint.base64' }, fromBase64Url);
  const raw = query.getAll('file');
  const files: [string, string][] = [];
  for (const v of raw) {
    const at = v.indexOf(':');
    const name = at > 0 ? v.slice(0, at) : '';
    const content = at > 0 ? fromBase64Url(v.slice(at + 1)) : undefined;
    if (validFileName(name) && content !== undefined) files.push([name, content]);
    else r.notices.push({ name: 'file', ...noticeValue(v), hint: { key: 'app.hint.file' } });
  }
  const locks = r.oneOf('locks', 'on', ['on', 'ignore'] as const);
  return { code, files: raw.length || query.has('code') ? files : fallback.files, locks };
}

/** Write the source, files and lock switch into `query` (replacing what was there). */
export function writePythonSource(query: URLSearchParams, s: PythonSource): void {
  query.set('code', toBase64Url(s.code));
  query.delete('file');
  for (const [name, content] of s.files) query.append('file', `${name}:${toBase64Url(content)}`);
  if (s.locks === 'ignore') query.set('locks', 'ignore');
  else query.delete('locks');
}
