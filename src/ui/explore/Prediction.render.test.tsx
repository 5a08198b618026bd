// @vitest-environment happy-dom
/**
 * The prediction's reveal in Chinese: the field asks for 死锁, and a deadlock is said as 死锁 (it was the English
 * word, and a learner who typed 死锁 was told the run ended otherwise).
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../app/appStore';
import { useExploreStore } from '../../lab/exploreStore';
import { useLabStore } from '../../lab/labStore';
import type { Judgement, Verdict } from '../../scenarios/types';
import { rootPerTest } from '../testing/reactRoot';
import { Prediction } from './Prediction';

const at = rootPerTest();
afterEach(() =>
  act(() => {
    useAppStore.setState({ lang: 'en' });
    useLabStore.setState({ verdict: 'idle', judgement: null });
    useExploreStore.setState({ prediction: null, explore: null });
  }),
);

const blocked: Judgement = { verdict: 'deadlock', explanation: { en: '', zh: '' }, figures: [{ key: 'Still blocked', label: { en: 'Still blocked', zh: '仍在阻塞' }, value: 2 }] };

function reveal(guess: string, verdict: Verdict): string {
  act(() => at.root.render(<Prediction />));
  act(() => {
    useLabStore.setState({ verdict, judgement: { ...blocked, verdict } });
    useExploreStore.setState({ prediction: { value: guess } });
  });
  return at.host.querySelector('.reveal')?.textContent ?? '';
}

describe('the prediction in Chinese', () => {
  it('asks for 死锁 and takes it, or the English word, as a deadlock', () => {
    act(() => useAppStore.setState({ lang: 'zh' }));
    expect(reveal('死锁', 'deadlock')).toBe('你预测 死锁：结果正是如此。');
    expect(at.host.querySelector('input')!.placeholder).toBe('或输入“死锁”');
    expect(reveal('deadlock', 'deadlock')).toBe('你预测 deadlock：结果正是如此。');
  });

  it('says a deadlock it did not predict in Chinese', () => {
    act(() => useAppStore.setState({ lang: 'zh' }));
    expect(reveal('2', 'deadlock')).toBe('你预测 2；这次运行的结局是 死锁。');
    expect(reveal('死锁', 'violated')).toBe('你预测 死锁；这次运行的结局是 2。');
  });
});

describe('a prediction once the outcome is known', () => {
  const field = () => at.host.querySelector('input')!;
  it('is closed when the run has ended, says why, and opens again with a new run (Reset)', () => {
    act(() => at.root.render(<Prediction />));
    expect(field().readOnly).toBe(false);
    act(() => useLabStore.setState({ verdict: 'violated', judgement: { ...blocked, verdict: 'violated' } }));
    expect(field().readOnly).toBe(true);
    const note = document.getElementById(field().getAttribute('aria-describedby')!);
    expect(note?.textContent).toBe('The run has ended, so its outcome is known: press Reset to predict the next run.');
    act(() => useLabStore.setState({ verdict: 'idle', judgement: null }));
    expect(field().readOnly).toBe(false);
    expect(field().getAttribute('aria-describedby')).toBeNull();
  });

  it('is closed in Chinese too, with the reason in Chinese', () => {
    act(() => useAppStore.setState({ lang: 'zh' }));
    act(() => at.root.render(<Prediction />));
    act(() => useLabStore.setState({ verdict: 'deadlock', judgement: blocked }));
    expect(field().readOnly).toBe(true);
    expect(document.getElementById(field().getAttribute('aria-describedby')!)?.textContent).toBe('这次运行已经结束，结局已知：按“重置”后再预测下一次运行。');
  });
});
