/**
 * Every user-visible string exists in English and Chinese. Each feature keeps
 * its own dictionary (`en` and `zh` with the same keys, checked by the type
 * system) and registers it here.
 *
 * @example
 *   const t = useT();
 *   t('app.title') // "Lockstep" / "Lockstep 同步"
 */
import { appStrings } from './app';
import { cpuStrings } from './cpu';
import { exploreStrings } from './explore';
import { labStrings } from './lab';
import { startStrings } from './start';
import { pythonStrings } from './python';
import type { Dictionary } from './define';
import { kindStrings } from '../kinds/registry';
import { format } from './format';
import { runtimeStrings } from './runtime';
import { editorStrings } from './editor';

export { format };

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];


// Each object kind brings its own strings (src/kinds/<kind>/index.ts).
const all = [appStrings, cpuStrings, labStrings, pythonStrings, exploreStrings, startStrings, runtimeStrings, editorStrings, ...kindStrings] as const;
type KeysOf<D> = D extends Dictionary<infer K> ? K : never;
export type StringKey = KeysOf<(typeof all)[number]>;

const tables: Record<Lang, Record<string, string>> = { en: {}, zh: {} };
for (const d of all) {
  Object.assign(tables.en, d.en);
  Object.assign(tables.zh, d.zh);
}

export function translate(lang: Lang, key: StringKey, vars?: Record<string, string | number>): string {
  return format(tables[lang][key] ?? tables.en[key] ?? key, vars, lang);
}

/** A sentence kept as data (a key and its values, which may be sentences too), so it is worded in the language of the moment it is shown. */
export interface Words {
  key: StringKey;
  vars?: Record<string, string | number | Words>;
}

/** `w` worded in `lang`, inner sentences first. */
export function sayWords(lang: Lang, w: Words): string {
  const vars = w.vars && Object.fromEntries(Object.entries(w.vars).map(([k, v]) => [k, typeof v === 'object' ? sayWords(lang, v) : v]));
  return translate(lang, w.key, vars);
}

/**
 * What goes between two sentences, or after a lead-in word like "OK:": a space in English, nothing in Chinese,
 * whose full-width punctuation (。：) carries its own spacing ("正确：全部…", not "正确： 全部…").
 */
export function sentenceGap(lang: Lang): string {
  return lang === 'zh' ? '' : ' ';
}

/** Sentences of the page's language run together as one text (see sentenceGap). */
export function joinSentences(parts: readonly string[], lang: Lang): string {
  return parts.join(sentenceGap(lang));
}

/** CodeMirror's phrases in `lang` (EditorState.phrases): its English phrase to ours. */
export function editorPhrases(lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(editorStrings.en).map(([k, en]) => [en, translate(lang, k as StringKey)]));
}

/** Exposed for the test that checks both languages have every key. */
export const dictionaries = all;
