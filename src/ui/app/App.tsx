import { MotionConfig } from 'motion/react';
import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../../i18n/i18n';
import { replaceUrlParams } from '../../app/url';
import { missingIsolation } from '../../app/isolation';
import { followHistory, linkTo, navigate } from '../../app/navigation';
import { applyTheme, savedTheme, THEMES, type Theme } from '../../app/theme';
import { useAppStore, type LabId } from '../../app/appStore';
import { useLabStore } from '../../lab/labStore';
import { scenarioById } from '../../scenarios/registry';
import { useT } from './useT';
import { AppLink } from './AppLink';
import { IsolationMissing } from './IsolationMissing';
import { Notices } from './Notices';
import { StartPage } from './StartPage';
import { useKeepFocus } from './useKeepFocus';
import { offerTour, Tour, TourButton } from './Tour';
import { CpuLab } from '../cpu/CpuLab';
import { ProcessLab } from '../lab/ProcessLab';
import { PythonLab } from '../python/PythonLab';

/** `<title>`: the page (scenario or lab) and the app, in the page's language. */
function usePageTitle(): void {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const lab = useAppStore((s) => s.lab);
  const scenarioId = useLabStore((s) => s.settings.scenarioId);
  useEffect(() => {
    const page = lab === 'home' ? null : lab === 'cpu' ? t('app.lab.cpu') : scenarioById.get(scenarioId)?.title[lang] ?? t('app.lab.race');
    document.title = page ? `${page} — ${t('app.title')}` : t('start.pageTitle');
  }, [t, lang, lab, scenarioId]);
}

export function App() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const lab = useAppStore((s) => s.lab);
  const visit = useAppStore((s) => s.visit);
  const fromStart = useAppStore((s) => s.fromStart);
  const [missing] = useState(() => missingIsolation());
  const [theme, setTheme] = useState<Theme>(savedTheme);
  const page = useRef<HTMLDivElement>(null);
  useKeepFocus(page); // every button of every lab that disables or removes itself when pressed

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => followHistory(), []);
  usePageTitle();
  // First time in the process lab from the start page: offer the tour of its controls (once they work).
  useEffect(() => {
    if (lab === 'race' && fromStart && missing.length === 0) return offerTour();
  }, [lab, fromStart, visit, missing.length]);

  const chooseLab = (next: LabId) => {
    if (next === useAppStore.getState().lab) return; // keep this lab's parameters in the URL
    // Each lab owns its own parameters: switching keeps only the shared ones, as a new history entry.
    navigate(linkTo(next === 'race' ? { lab: 'race' } : { lab: next }, lang));
  };
  const chooseLang = (next: Lang) => {
    useAppStore.getState().setLang(next);
    replaceUrlParams({ lang: next === 'en' ? null : next });
  };

  return (
    <div className="app" ref={page}>
      <header className="app-header">
        <div className="brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={28} height={28} />
          <h1>
            <AppLink search={linkTo({}, lang)} className="home-link" aria-current={lab === 'home' ? 'page' : undefined}>
              {t('app.title')}
            </AppLink>
          </h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <nav aria-label={t('app.lab')} className="lab-tabs">
          {(['race', 'cpu', 'python'] as const).map((id) => (
            <button key={id} type="button" aria-pressed={lab === id} onClick={() => chooseLab(id)}>
              {t(`app.lab.${id}`)}
            </button>
          ))}
          {lab === 'race' && <TourButton />}
        </nav>
        {/* Language and Theme as one unit: when the header wraps they move together, never one without the other. */}
        <div className="header-prefs">
          <label className="lang-picker">
            {t('app.language')}{' '}
            <select value={lang} onChange={(e) => chooseLang(e.target.value as Lang)}>
              <option value="en">English</option>
              <option value="zh">中文</option>
            </select>
          </label>
          <label className="theme-picker">
            {t('theme.label')}{' '}
            <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
              {THEMES.map((th) => (
                <option key={th} value={th}>
                  {t(`theme.${th}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <Notices />
      {/* reducedMotion="user": with prefers-reduced-motion, motion jumps instead of moving (the lock key, queue items). */}
      <MotionConfig reducedMotion="user">
        <main>
          {lab === 'home' ? (
            <>
              {missing.length > 0 && <IsolationMissing missing={missing} />}
              <StartPage key={visit} />
            </>
          ) : lab === 'cpu' ? (
            <CpuLab key={visit} />
          ) : missing.length > 0 ? (
            <IsolationMissing missing={missing} />
          ) : lab === 'python' ? (
            <PythonLab key={visit} />
          ) : (
            <ProcessLab key={visit} />
          )}
        </main>
      </MotionConfig>
      {lab === 'race' && <Tour />}
    </div>
  );
}
