/**
 * URL parameters: every setting lives in the query string so the address bar
 * is always a link that reproduces the run. An invalid value is ignored and
 * reported as a notice naming the parameter; the default applies.
 */
export interface ParamNotice {
  name: string;
  value: string;
  /** Short English/neutral hint of what is accepted, e.g. "1–10". */
  hint: string;
}

export class ParamReader {
  readonly notices: ParamNotice[] = [];
  constructor(private readonly query: URLSearchParams) {}

  has(name: string): boolean {
    return this.query.has(name);
  }

  raw(name: string): string | null {
    return this.query.get(name);
  }

  /** An integer in [min, max]; anything else is a notice and the default. */
  int(name: string, def: number, min: number, max: number): number {
    const v = this.query.get(name);
    if (v === null) return def;
    if (/^-?\d+$/.test(v.trim())) {
      const n = Number(v);
      if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    }
    this.notices.push({ name, value: v, hint: `${min}–${max}` });
    return def;
  }

  /** One of a fixed set of words. */
  oneOf<T extends string>(name: string, def: T, allowed: readonly T[]): T {
    const v = this.query.get(name);
    if (v === null) return def;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    this.notices.push({ name, value: v, hint: allowed.join(' | ') });
    return def;
  }

  /** `on` / `off` as a boolean. */
  onOff(name: string, def: boolean): boolean {
    return this.oneOf(name, def ? 'on' : 'off', ['on', 'off'] as const) === 'on';
  }

  /** A value parsed by a custom parser that returns undefined when invalid. */
  custom<T>(name: string, def: T, hint: string, parse: (v: string) => T | undefined): T {
    const v = this.query.get(name);
    if (v === null) return def;
    const parsed = parse(v);
    if (parsed !== undefined) return parsed;
    this.notices.push({ name, value: v, hint });
    return def;
  }
}
