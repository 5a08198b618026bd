/** The template filler, apart from the dictionaries: a process worker formats its own messages (runtime.ts) without them. */
import { formatNumber, pluralCategory } from './plural';
import type { Lang } from './i18n';

/**
 * Fill a template: `{name}` takes the value (a number is formatted for the language,
 * 12345 → "12,345"); `{name|one|other}` picks the word by Intl's plural rules for
 * the number `name` ("{n} {n|event|events}": "1 event", "2 events").
 */
export function format(template: string, vars?: Record<string, string | number>, lang: Lang = 'en'): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)((?:\|[^|{}]*)+)?\}/g, (m, k: string, forms?: string) => {
    if (!(k in vars)) return m;
    const v = vars[k]!;
    if (forms) {
      const [one, other] = forms.slice(1).split('|');
      return pluralCategory(Number(v), lang) === 'one' ? (one ?? '') : (other ?? one ?? '');
    }
    return typeof v === 'number' ? formatNumber(v, lang) : v;
  });
}
