import { describe, expect, it } from 'vitest';
import type { Judgement } from '../scenarios/types';
import { JudgementHistory } from './moment';

const j = (n: number): Judgement => ({ verdict: 'running', figures: [{ key: 'n', label: { en: 'n', zh: 'n' }, value: n }], explanation: { en: `${n}`, zh: `${n}` } });

describe('JudgementHistory', () => {
  it('answers the last judgement made with at most k events logged', () => {
    const h = new JudgementHistory();
    expect(h.asOf(10)).toBeNull();
    h.add(3, j(1));
    h.add(7, j(2));
    h.add(7, j(3)); // a later judgement at the same length replaces it
    h.add(12, j(4));
    expect(h.asOf(2)).toBeNull();
    expect(h.asOf(3)?.explanation.en).toBe('1');
    expect(h.asOf(6)?.explanation.en).toBe('1');
    expect(h.asOf(7)?.explanation.en).toBe('3');
    expect(h.asOf(11)?.explanation.en).toBe('3');
    expect(h.asOf(100)?.explanation.en).toBe('4');
  });

  it('answers when that judgement was made (the page says so when it is older than the moment)', () => {
    const h = new JudgementHistory();
    expect(h.madeAt(10)).toBeNull();
    h.add(3, j(1));
    h.add(12, j(2));
    expect(h.madeAt(2)).toBeNull();
    expect(h.madeAt(3)).toBe(3);
    expect(h.madeAt(11)).toBe(3);
    expect(h.madeAt(30)).toBe(12);
  });
});
