import { useEffect } from 'react';
import { progressKey, useChallengeStore, watchChallenges } from '../../lab/challengeProgress';
import { useLabStore } from '../../lab/labStore';
import { scenarioById } from '../../scenarios/registry';
import { joinSentences, sentenceGap } from '../../i18n/i18n';
import { useLang, useT } from '../app/useT';
import { useLocalized } from './useLang';

/** The scenario's challenges, checked when a run ends; met ones are remembered in this browser. */
export function Challenges() {
  const t = useT();
  const L = useLocalized();
  const lang = useLang();
  const scenarioId = useLabStore((s) => s.settings.scenarioId);
  const progress = useChallengeStore((s) => s.progress);
  const news = useChallengeStore((s) => s.news);
  const sc = scenarioById.get(scenarioId);

  useEffect(() => watchChallenges(), []);

  if (!sc?.challenges?.length) return null;
  return (
    <section className="panel challenges" aria-label={t('challenge.title')}>
      <h2>{t('challenge.title')}</h2>
      <ul>
        {sc.challenges.map((c) => {
          const rec = progress[progressKey(sc.id, c)];
          return (
            <li key={c.id} className={rec?.done ? 'done' : ''}>
              <span className="challenge-mark" aria-hidden="true">
                {rec?.done ? '✓' : '○'}
              </span>
              <span>
                {L(c.goal)}
                {sentenceGap(lang)}
                <span className="challenge-state">{rec?.done ? t('challenge.done') : t('challenge.open')}</span>
                {rec?.best !== undefined && (
                  <span className="challenge-best">
                    {sentenceGap(lang)}
                    {t('challenge.best', { n: rec.best })}
                  </span>
                )}
                {c.hint && !rec?.done && (
                  <details>
                    <summary>{t('challenge.hint')}</summary>
                    {L(c.hint)}
                  </details>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="challenge-news" aria-live="polite">
        {news &&
          joinSentences([...news.met.map((c) => t('challenge.met', { goal: L(c.goal) })), ...news.improved.map((c) => t('challenge.improved', { goal: L(c.goal), n: news.steps }))], lang)}
      </p>
    </section>
  );
}
