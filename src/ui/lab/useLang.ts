import { useAppStore } from '../../app/appStore';
import type { Localized } from '../../scenarios/types';

/** Pick a scenario's own text in the current language. */
export function useLocalized(): (text: Localized) => string {
  const lang = useAppStore((s) => s.lang);
  return (text) => text[lang];
}
