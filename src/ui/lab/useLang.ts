import { useCallback } from 'react';
import { useAppStore } from '../../app/appStore';
import type { Localized } from '../../scenarios/types';

/** Pick a scenario's own text in the current language (stable while the language is). */
export function useLocalized(): (text: Localized) => string {
  const lang = useAppStore((s) => s.lang);
  return useCallback((text: Localized) => text[lang], [lang]);
}
