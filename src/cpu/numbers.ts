/** Numbers and plurals in the CPU lab's strings, through the page's cached Intl formats (src/i18n/plural.ts). */
import type { Lang } from '../i18n/i18n';
import { numberFormat, pluralCategory } from '../i18n/plural';

/** A whole number with the language's group separators: 1,234. */
export function formatInt(lang: Lang, n: number): string {
  return numberFormat(lang, 'int', { maximumFractionDigits: 0 }).format(n);
}

/** Two decimals, as averages are shown: 0.50, 1,234.00. */
export function formatDec2(lang: Lang, n: number): string {
  return numberFormat(lang, 'dec2', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
}

/** A share 0 … 1 as a whole percentage: 83%. */
export function formatPercent(lang: Lang, share: number): string {
  return numberFormat(lang, 'percent', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** The plural category of n, narrowed to the two the CPU lab's strings have (`.one` / `.other`). */
export function pluralOf(lang: Lang, n: number): 'one' | 'other' {
  return pluralCategory(n, lang) === 'one' ? 'one' : 'other';
}
