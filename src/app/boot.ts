import { CPU_PARAMS } from '../cpu/params';
import { LANGS, type Lang } from '../i18n/i18n';
import { paramNamesFor, unreadBecauseScenario } from '../lab/settings';
import { PYTHON_PARAMS } from '../python/url';
import { LINK_PARAMS } from '../ui/explore/urlState';
import { LAB_IDS, useAppStore, type LabId, type PageId } from './appStore';
import { ParamReader, unknownParamNotices } from './urlParams';
import { currentQuery, replaceUrlParams } from './url';

/** The start page is the URL with no query (only `lang` may be there); any other parameter opens a lab, so old links keep working. */
export function isStartQuery(q: URLSearchParams): boolean {
  return [...q.keys()].every((k) => k === 'lang');
}

/**
 * Read `lang` and `lab` from the URL, before the first render and after
 * Back/Forward; each lab reads its own parameters. Any parameter the open lab
 * does not read is named in a notice (the lab then drops it from the address bar).
 */
export function bootFromUrl(): void {
  const query = currentQuery();
  const r = new ParamReader(query);
  const lang = r.oneOf<Lang>('lang', 'en', LANGS);
  const lab: PageId = isStartQuery(query) ? 'home' : r.oneOf<LabId>('lab', 'race', LAB_IDS);
  const s = useAppStore.getState();
  s.setLang(lang);
  s.setLab(lab);
  const known = ['lang', 'lab', ...(lab === 'home' ? [] : lab === 'cpu' ? CPU_PARAMS : lab === 'python' ? PYTHON_PARAMS : [...paramNamesFor(query), ...LINK_PARAMS])];
  const unknown = unknownParamNotices(query, known);
  s.addNotices([...r.notices, ...(lab === 'race' ? unreadBecauseScenario(query, unknown) : unknown)]);
  // A rejected or repeated lang/lab is rewritten in the address bar like any other bad value.
  const fixed = new Set(r.notices.map((n) => n.name));
  const rewrite: Record<string, string | null> = {};
  if (fixed.has('lang')) rewrite.lang = lang === 'en' ? null : lang;
  if (fixed.has('lab')) rewrite.lab = lab === 'race' || lab === 'home' ? null : lab;
  if (Object.keys(rewrite).length > 0) replaceUrlParams(rewrite);
}
