/**
 * The colour theme: follow the system (`prefers-color-scheme`), or a choice
 * kept in localStorage. It is applied as `data-theme` on <html>; the CSS
 * picks colours with `light-dark()` from the resulting `color-scheme`.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
const KEY = 'lockstep.theme';

export function savedTheme(): Theme {
  try {
    const v = window.localStorage.getItem(KEY);
    return (THEMES as readonly string[]).includes(v ?? '') ? (v as Theme) : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    if (theme === 'system') window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, theme);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
