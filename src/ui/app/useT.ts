import { useCallback } from 'react';
import { translate, type Lang, type StringKey } from '../../i18n/i18n';
import { useAppStore } from '../../app/appStore';

/** The translator for the current language. */
export function useT(): (key: StringKey, vars?: Record<string, string | number>) => string {
  const lang = useAppStore((s) => s.lang);
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}

/** The current language. */
export function useLang(): Lang {
  return useAppStore((s) => s.lang);
}
