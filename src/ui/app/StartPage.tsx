import { LAB_IDS } from '../../app/appStore';
import { linkTo } from '../../app/navigation';
import type { StringKey } from '../../i18n/i18n';
import { scenarios } from '../../scenarios/registry';
import { hookOf, topicOf, TOPICS, type Topic } from '../../scenarios/topics';
import { useLocalized } from '../lab/useLang';
import { AppLink } from './AppLink';
import { TopicPicture } from './pictures';
import { useT, useLang } from './useT';
import { startTour } from './Tour';
import './start.css';

interface Entry {
  key: string;
  search: string;
  title: string;
  hook: string;
}

/** Labs that are not scenarios of the process lab, by the topic they teach; a lab this build lacks is left out. */
const LAB_ENTRIES: { lab: string; topic: Topic; title: StringKey; hook: StringKey }[] = [
  { lab: 'cpu', topic: 'scheduling', title: 'start.lab.cpu.title', hook: 'start.lab.cpu.hook' },
  { lab: 'python', topic: 'python', title: 'start.lab.python.title', hook: 'start.lab.python.hook' },
];

/** The page with no query: what Lockstep is, a tour, and every scenario and lab by topic. */
export function StartPage() {
  const t = useT();
  const L = useLocalized();
  const lang = useLang();

  const byTopic = new Map<Topic, Entry[]>(TOPICS.map((tp) => [tp, []]));
  for (const sc of scenarios) {
    byTopic.get(topicOf(sc))!.push({ key: sc.id, search: linkTo({ scenario: sc.id }, lang), title: L(sc.title), hook: L(hookOf(sc)) });
  }
  for (const e of LAB_ENTRIES) {
    if (!(LAB_IDS as readonly string[]).includes(e.lab)) continue;
    byTopic.get(e.topic)!.push({ key: `lab-${e.lab}`, search: linkTo({ lab: e.lab }, lang), title: t(e.title), hook: t(e.hook) });
  }
  const first = scenarios[0];

  return (
    <div className="start">
      <section className="start-intro" aria-labelledby="start-intro-title">
        <h2 id="start-intro-title">{t('start.intro.title')}</h2>
        <p>{t('start.intro.1')}</p>
        <p>{t('start.intro.2')}</p>
        <p>{t('start.intro.3')}</p>
        {first && (
          <AppLink className="start-tour" search={linkTo({ scenario: first.id }, lang)} onClick={() => startTour()}>
            {t('start.tour')}
          </AppLink>
        )}
      </section>
      <h2 className="sr-only">{t('start.topics')}</h2>
      {TOPICS.map((topic) => {
        const entries = byTopic.get(topic)!;
        if (entries.length === 0) return null;
        return (
          <section key={topic} className="start-topic" aria-labelledby={`topic-${topic}`}>
            <h3 id={`topic-${topic}`}>{t(`start.topic.${topic}`)}</h3>
            <p className="start-topic-hook">{t(`start.topicHook.${topic}`)}</p>
            <ul className="start-cards">
              {entries.map((e) => (
                <li key={e.key} className="start-card">
                  <TopicPicture topic={topic} />
                  <h4>
                    <AppLink search={e.search}>{e.title}</AppLink>
                  </h4>
                  <p>{e.hook}</p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
