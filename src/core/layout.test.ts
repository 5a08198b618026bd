import { describe, expect, test } from 'vitest';
import { E, H, S, T } from './layout';

// Words are added on separate branches; two that took the same free word (it happened: H.lang and H.pageOpen
// were both 29 until the merge) would share a word silently and corrupt each other at run time.
describe('shared-memory layout', () => {
  test.each(Object.entries({ H, S, T, E }))('each field of %s has a word of its own inside the record', (_name, record) => {
    const fields = Object.entries(record).filter(([key]) => key !== 'words');
    const byWord = new Map<number, string>();
    for (const [key, word] of fields) {
      expect(byWord.get(word), `${key} shares word ${word}`).toBeUndefined();
      expect(word, key).toBeLessThan(record.words);
      byWord.set(word, key);
    }
  });
});
