/**
 * Moving between pages (the start page, a lab, a scenario) adds a browser
 * history entry, so Back and Forward work; landing on an entry re-reads the
 * URL and remounts the page, which restores it from its own parameters.
 */
import type { Lang } from '../i18n/i18n';
import { useAppStore } from './appStore';
import { bootFromUrl } from './boot';

function enter(fromStart: boolean): void {
  // A new page: the previous page's URL notices no longer apply.
  useAppStore.setState((s) => ({ notices: [], visit: s.visit + 1, fromStart }));
  bootFromUrl();
}

/** Open `search` (e.g. `?scenario=bank`, or '' for the start page) as a new history entry. */
export function navigate(search: string): void {
  const fromStart = useAppStore.getState().lab === 'home';
  window.history.pushState(null, '', search || window.location.pathname);
  enter(fromStart);
  window.scrollTo(0, 0);
}

/** Follow Back and Forward. Returns the unsubscribe function. */
export function followHistory(): () => void {
  const onPop = () => enter(false);
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}

/** The query of a link that keeps the language (English is the default and left out). */
export function linkTo(params: Record<string, string>, lang: Lang): string {
  const q = new URLSearchParams(params);
  if (lang !== 'en') q.set('lang', lang);
  const s = q.toString();
  return s ? `?${s}` : '';
}
