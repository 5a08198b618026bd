/**
 * Numbers and plurals through Intl, so a page never says "1 events" or
 * "ticket(s)", and big numbers get the separators of the page's language.
 */
import type { Lang } from './i18n';

const LOCALES: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<Lang, Intl.PluralRules>();

/**
 * One cached Intl.NumberFormat per language and named style (building one
 * costs far more than formatting with it). The CPU lab's formats use this too.
 */
export function numberFormat(lang: Lang, style: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}:${style}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(LOCALES[lang], options)));
  return f;
}

/** 1234567 → "1,234,567". */
export function formatNumber(n: number, lang: Lang = 'en'): string {
  return numberFormat(lang, 'number', { maximumFractionDigits: 3 }).format(n);
}

/** Per language, its number formatter: texts written in both languages at once (`{ en: `${num.en(n)} …`, zh: … }`) use these. */
export const num: Readonly<Record<Lang, (n: number) => string>> = { en: (n) => formatNumber(n, 'en'), zh: (n) => formatNumber(n, 'zh') };

/** Intl's plural category of n ('one', 'other'…; Chinese has only 'other'). */
export function pluralCategory(n: number, lang: Lang = 'en'): Intl.LDMLPluralRule {
  let r = pluralRules.get(lang);
  if (!r) pluralRules.set(lang, (r = new Intl.PluralRules(LOCALES[lang])));
  return r.select(n);
}

/** English count with its noun: (1, 'task') → "1 task", (3, 'task') → "3 tasks", (2, 'child', 'children'). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${pluralCategory(n) === 'one' ? singular : plural}`;
}

/** The English verb form that agrees with n: (1, 'was', 'were') → "was", (3, 'gets', 'get') → "get". */
export function agree(n: number, one: string, other: string): string {
  return pluralCategory(n) === 'one' ? one : other;
}
