import { describe, expect, it } from 'vitest';
import { dictionaries, format, joinSentences, LANGS, sentenceGap, translate } from './i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('are registered', () => {
    expect(dictionaries.length).toBeGreaterThan(0);
  });

  it.each(dictionaries.map((d, i) => [i, d] as const))('#%i has the same keys in en and zh', (_i, d) => {
    const en = Object.keys(d.en).sort();
    const zh = Object.keys(d.zh).sort();
    expect(en.length).toBeGreaterThan(0);
    expect(zh).toEqual(en);
  });

  it.each(dictionaries.map((d, i) => [i, d] as const))('#%i has no empty strings', (_i, d) => {
    for (const lang of LANGS) {
      const table: Record<string, string> = d[lang];
      const empty = Object.entries(table).filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(empty, `${lang}: empty strings`).toEqual([]);
    }
  });

  it.each(dictionaries.map((d, i) => [i, d] as const))('#%i: every {placeholder} of an en string is in its zh string', (_i, d) => {
    const en: Record<string, string> = d.en;
    const zh: Record<string, string> = d.zh;
    const missing: string[] = [];
    for (const [key, text] of Object.entries(en)) {
      const inZh = new Set(placeholders(zh[key] ?? ''));
      for (const p of placeholders(text)) if (!inZh.has(p)) missing.push(`${key}: {${p}}`);
    }
    expect(missing).toEqual([]);
  });

  it('no key is defined by two dictionaries', () => {
    const seen = new Map<string, number>();
    const dupes: string[] = [];
    dictionaries.forEach((d, i) => {
      for (const k of Object.keys(d.en)) {
        if (seen.has(k)) dupes.push(`${k} (#${seen.get(k)} and #${i})`);
        seen.set(k, i);
      }
    });
    expect(dupes).toEqual([]);
  });
});

describe('format', () => {
  it('substitutes placeholders', () => {
    expect(format('Missing: {what}', { what: 'SharedArrayBuffer' })).toBe('Missing: SharedArrayBuffer');
    expect(format('{a} and {b} and {a}', { a: 1, b: 'two' })).toBe('1 and two and 1');
    expect(format('{n} processes', { n: 0 })).toBe('0 processes');
  });

  it('leaves unknown placeholders and templates without vars alone', () => {
    expect(format('Hello {name}', {})).toBe('Hello {name}');
    expect(format('Hello {name}')).toBe('Hello {name}');
    expect(format('no placeholders', { x: 1 })).toBe('no placeholders');
  });

  it('is what translate uses, in both languages', () => {
    expect(translate('en', 'isolation.missing', { what: 'Atomics' })).toBe('Missing: Atomics');
    expect(translate('zh', 'isolation.missing', { what: 'Atomics' })).toContain('Atomics');
  });
});

describe('texts read as written', () => {
  it('no English text fakes a plural with "(s)" or "(es)": {n|one|other} picks the word', () => {
    const faked = dictionaries.flatMap((d) => Object.entries(d.en).filter(([, v]) => /\w\(e?s\)/.test(v)).map(([k, v]) => `${k}: ${v}`));
    expect(faked).toEqual([]);
    expect(translate('en', 'explore.coverage.bound', { k: 1 })).toBe(' with at most 1 preemption');
    expect(translate('en', 'predict.exploreHit', { value: '2', count: 3, all: '1, 2' })).toContain('it happens in 3 schedules;');
  });

  it('quotes are typographic (“…”), as in every other text: no straight double quotes', () => {
    const straight = dictionaries.flatMap((d) => [...Object.entries(d.en), ...Object.entries(d.zh)].filter(([, v]) => v.includes('"')).map(([k, v]) => `${k}: ${v}`));
    expect(straight).toEqual([]);
  });

  it('sentences join with a space in English and nothing in Chinese (full-width punctuation carries the gap)', () => {
    expect(joinSentences(['It ended.', 'Exit code 0.'], 'en')).toBe('It ended. Exit code 0.');
    expect(joinSentences(['它结束了。', '退出码 0。'], 'zh')).toBe('它结束了。退出码 0。');
    expect(`${translate('zh', 'lab.verdict.ok')}${sentenceGap('zh')}全部通过`).toBe('正确：全部通过');
    expect(`${translate('en', 'lab.verdict.ok')}${sentenceGap('en')}all passed`).toBe('OK: all passed');
  });
});
