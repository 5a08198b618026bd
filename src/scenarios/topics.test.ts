import { describe, expect, it } from 'vitest';
import { scenarios } from './registry';
import { DEFAULT_TOPIC, firstSentence, hookOf, topicOf, TOPICS } from './topics';

describe('start-page topics', () => {
  it('a scenario without a topic is listed under the default one', () => {
    expect(topicOf({})).toBe(DEFAULT_TOPIC);
    expect(topicOf({ topic: 'locks' })).toBe('locks');
  });

  it('every registered scenario has a known topic and a one-line hook in both languages', () => {
    for (const sc of scenarios) {
      expect(TOPICS, sc.id).toContain(topicOf(sc));
      const hook = hookOf(sc);
      expect(hook.en.length, sc.id).toBeGreaterThan(10);
      expect(hook.zh.length, sc.id).toBeGreaterThan(4);
      expect(hook.en, sc.id).not.toContain('\n');
    }
  });

  it('without a hook, the first sentence of the summary stands in', () => {
    expect(firstSentence('Call q.get(). It waits; e.g. 0.5 s.')).toBe('Call q.get().');
    expect(firstSentence('先检查。再拿')).toBe('先检查。');
    expect(firstSentence('no full stop')).toBe('no full stop');
    expect(hookOf({ summary: { en: 'One. Two.', zh: '一。二。' } })).toEqual({ en: 'One.', zh: '一。' });
  });
});
