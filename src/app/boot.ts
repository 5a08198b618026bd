import { LANGS, type Lang } from '../i18n/i18n';
import { useAppStore, type LabId } from './appStore';
import { ParamReader } from './urlParams';
import { currentQuery } from './url';

/** Read `lang` and `lab` from the URL once, before the first render; each lab reads its own parameters. */
export function bootFromUrl(): void {
  const r = new ParamReader(currentQuery());
  const lang = r.oneOf<Lang>('lang', 'en', LANGS);
  const lab = r.oneOf<LabId>('lab', 'race', ['race', 'cpu', 'python']);
  const s = useAppStore.getState();
  s.setLang(lang);
  s.setLab(lab);
  s.addNotices(r.notices);
}
