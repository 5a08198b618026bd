/**
 * Numbers and plurals through Intl, so a page never says "1 events" or
 * "ticket(s)", and big numbers get the separators of the page's language.
 */
import type { Lang } from './i18n';

const LOCALES: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };
const numberFormats = new Map<Lang, Intl.NumberFormat>();
const pluralRules = new Map<Lang, Intl.PluralRules>();

/** 1234567 → "1,234,567". */
export function formatNumber(n: number, lang: Lang = 'en'): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 3 })));
  return f.format(n);
}

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
