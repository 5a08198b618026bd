import { useEffect, useState } from 'react';
import type { Lang } from '../../i18n/i18n';
import { replaceUrlParams } from '../../app/url';
import { missingIsolation } from '../../app/isolation';
import { useAppStore, type LabId } from '../../app/appStore';
import { useT } from './useT';
import { IsolationMissing } from './IsolationMissing';
import { Notices } from './Notices';
import { CpuLab } from '../cpu/CpuLab';
import { ProcessLab } from '../lab/ProcessLab';
import { PythonLab } from '../python/PythonLab';

export function App() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const lab = useAppStore((s) => s.lab);
  const [missing] = useState(() => missingIsolation());

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  const chooseLab = (next: LabId) => {
    if (next === useAppStore.getState().lab) return; // keep this lab's parameters in the URL
    useAppStore.getState().setLab(next);
    // Each lab owns its own parameters: switching keeps only the shared ones.
    replaceUrlParams({ lab: next === 'race' ? null : next }, ['lang']);
  };
  const chooseLang = (next: Lang) => {
    useAppStore.getState().setLang(next);
    replaceUrlParams({ lang: next === 'en' ? null : next });
  };

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <h1>{t('app.title')}</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        <nav aria-label={t('app.lab')} className="lab-tabs">
          {(['race', 'cpu', 'python'] as const).map((id) => (
            <button key={id} type="button" aria-pressed={lab === id} onClick={() => chooseLab(id)}>
              {t(`app.lab.${id}`)}
            </button>
          ))}
        </nav>
        <label className="lang-picker">
          {t('app.language')}{' '}
          <select value={lang} onChange={(e) => chooseLang(e.target.value as Lang)}>
            <option value="en">English</option>
            <option value="zh">中文</option>
          </select>
        </label>
      </header>
      <Notices />
      <main>
        {lab === 'cpu' ? <CpuLab /> : missing.length > 0 ? <IsolationMissing missing={missing} /> : lab === 'python' ? <PythonLab /> : <ProcessLab />}
      </main>
    </div>
  );
}
