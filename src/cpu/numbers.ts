/** Numbers and plurals in the CPU lab's strings, through Intl (separators, "1 tick" / "2 ticks"). */
import type { Lang } from '../i18n/i18n';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');
const ints = new Map<Lang, Intl.NumberFormat>();
const dec2s = new Map<Lang, Intl.NumberFormat>();
const percents = new Map<Lang, Intl.NumberFormat>();
const plurals = new Map<Lang, Intl.PluralRules>();

function cached<T>(m: Map<Lang, T>, lang: Lang, make: () => T): T {
  let v = m.get(lang);
  if (!v) m.set(lang, (v = make()));
  return v;
}

/** A whole number with the language's group separators: 1,234. */
export function formatInt(lang: Lang, n: number): string {
  return cached(ints, lang, () => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 })).format(n);
}

/** Two decimals, as averages are shown: 0.50, 1,234.00. */
export function formatDec2(lang: Lang, n: number): string {
  return cached(dec2s, lang, () => new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(n);
}

/** A share 0 … 1 as a whole percentage: 83%. */
export function formatPercent(lang: Lang, share: number): string {
  return cached(percents, lang, () => new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 })).format(share);
}

/** The plural category of n ('one', 'other', …) for choosing a `.one` / `.other` string. */
export function pluralOf(lang: Lang, n: number): 'one' | 'other' {
  return cached(plurals, lang, () => new Intl.PluralRules(locale(lang))).select(n) === 'one' ? 'one' : 'other';
}
