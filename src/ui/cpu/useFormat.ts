import { useMemo } from 'react';
import { useAppStore } from '../../app/appStore';
import { formatDec2, formatInt, formatPercent, pluralOf } from '../../cpu/numbers';

/** Numbers in the current language (Intl), and the `.one` / `.other` variant of a plural string. */
export function useFormat() {
  const lang = useAppStore((s) => s.lang);
  return useMemo(
    () => ({
      int: (n: number) => formatInt(lang, n),
      dec2: (n: number) => formatDec2(lang, n),
      percent: (share: number) => formatPercent(lang, share),
      plural: (n: number) => pluralOf(lang, n),
    }),
    [lang],
  );
}
