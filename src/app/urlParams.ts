/**
 * URL parameters: every setting lives in the query string so the address bar
 * is always a link that reproduces the run. An invalid value is ignored and
 * reported as a notice naming the parameter; the default applies. So is a
 * parameter no setting reads, and a repeated one (the first value wins).
 */
import type { Words } from '../i18n/i18n';

export interface ParamNotice {
  name: string;
  /** The value as given, cut when long (see `noticeValue`). */
  value: string;
  /** The value's full length in characters, when `value` is cut. */
  length?: number;
  /** What is accepted: a neutral hint ("1–10", "on | off"), or words said in the page's language when drawn. */
  hint: string | Words;
  /**
   * `invalid` (the default), `unknown` (no setting reads it), `repeated` (given `count` times), `unread` (another
   * scenario's setting, not read because the scenario the URL names, `scenario`, is unknown).
   */
  kind?: 'invalid' | 'unknown' | 'repeated' | 'unread';
  count?: number;
  scenario?: string;
}

/** Longest value a notice repeats; a pasted 10 KB value is cut and its length said. */
export const NOTICE_VALUE_CHARS = 60;

/** `text` cut to `max` characters (code points: never half an emoji) with an ellipsis. */
export function cutText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

/** A value as a notice holds it: cut when long, with its full length to say so. */
export function noticeValue(value: string): Pick<ParamNotice, 'value' | 'length'> {
  const length = Array.from(value).length;
  return length <= NOTICE_VALUE_CHARS ? { value } : { value: cutText(value, NOTICE_VALUE_CHARS), length };
}

export class ParamReader {
  readonly notices: ParamNotice[] = [];
  constructor(private readonly query: URLSearchParams) {}

  has(name: string): boolean {
    return this.query.has(name);
  }

  raw(name: string): string | null {
    return this.get(name);
  }

  /** The first value of `name`; a repeat is a notice. */
  private get(name: string): string | null {
    const all = this.query.getAll(name);
    if (all.length > 1) this.notices.push({ name, ...noticeValue(all[0]!), hint: '', kind: 'repeated', count: all.length });
    return all.length > 0 ? all[0]! : null;
  }

  private invalid(name: string, value: string, hint: string | Words): void {
    this.notices.push({ name, ...noticeValue(value), hint });
  }

  /** An integer in [min, max]; anything else is a notice and the default. */
  int(name: string, def: number, min: number, max: number): number {
    const v = this.get(name);
    if (v === null) return def;
    if (/^-?\d+$/.test(v.trim())) {
      const n = Number(v);
      if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    }
    this.invalid(name, v, `${min}–${max}`);
    return def;
  }

  /** One of a fixed set of words. */
  oneOf<T extends string>(name: string, def: T, allowed: readonly T[]): T {
    const v = this.get(name);
    if (v === null) return def;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    this.invalid(name, v, allowed.join(' | '));
    return def;
  }

  /** `on` / `off` as a boolean. */
  onOff(name: string, def: boolean): boolean {
    return this.oneOf(name, def ? 'on' : 'off', ['on', 'off'] as const) === 'on';
  }

  /** A value parsed by a custom parser that returns undefined when invalid. */
  custom<T>(name: string, def: T, hint: string | Words, parse: (v: string) => T | undefined): T {
    const v = this.get(name);
    if (v === null) return def;
    const parsed = parse(v);
    if (parsed !== undefined) return parsed;
    this.invalid(name, v, hint);
    return def;
  }
}

/** A notice for each parameter of `query` that is not in `known` (no setting reads it: a typo, another lab's). */
export function unknownParamNotices(query: URLSearchParams, known: readonly string[]): ParamNotice[] {
  const out: ParamNotice[] = [];
  for (const name of new Set(query.keys())) {
    if (!known.includes(name)) out.push({ name: cutText(name, NOTICE_VALUE_CHARS), ...noticeValue(query.get(name) ?? ''), hint: '', kind: 'unknown' });
  }
  return out;
}
