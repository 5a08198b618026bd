/**
 * The start page's chapters, in teaching order. A scenario names its chapter
 * with `topic`; one that does not is listed under processes, so a new scenario
 * shows up on the start page without anyone editing the page.
 */
import type { Localized, Scenario } from './types';

export const TOPICS = ['processes', 'locks', 'queues', 'deadlocks', 'scheduling', 'python'] as const;
export type Topic = (typeof TOPICS)[number];

export const DEFAULT_TOPIC: Topic = 'processes';

export function topicOf(sc: Pick<Scenario, 'topic'>): Topic {
  return sc.topic && (TOPICS as readonly string[]).includes(sc.topic) ? sc.topic : DEFAULT_TOPIC;
}

/** The first sentence of a text (up to `.`, `。`, `!` or `?` followed by a space or the end). */
export function firstSentence(text: string): string {
  const m = /^(.+?(?:[.!?](?=\s|$)|[。！？]))/u.exec(text.trim());
  return (m ? m[1]! : text).trim();
}

/** The scenario's one-line hook, or the first sentence of its summary. */
export function hookOf(sc: Pick<Scenario, 'hook' | 'summary'>): Localized {
  if (sc.hook) return sc.hook;
  return { en: firstSentence(sc.summary.en), zh: firstSentence(sc.summary.zh) };
}
