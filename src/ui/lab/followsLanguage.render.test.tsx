// @vitest-environment happy-dom
/**
 * The lab's live sentences follow a change of language: the narration of the last step and the news of a
 * challenge met were kept as English text, so a learner who switched to 中文 after a run went on reading them
 * in English beside a Chinese verdict.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../app/appStore';
import { useChallengeStore } from '../../lab/challengeProgress';
import { useLabStore } from '../../lab/labStore';
import { defaultSettings } from '../../lab/settings';
import { scenarioById } from '../../scenarios/registry';
import { idleLane } from '../testing/idleLane';
import { rootPerTest } from '../testing/reactRoot';
import { Challenges } from './Challenges';
import { Narration } from './Narration';
import type { Snapshot } from '../../lab/liveRun';

const at = rootPerTest();
// Runs before rootPerTest's unmount (hooks run in reverse), so inside act.
afterEach(() =>
  act(() => {
    useAppStore.setState({ lang: 'en' });
    useLabStore.setState({ snapshot: null, verdict: 'idle', phase: 'loading', judgement: null });
    useChallengeStore.setState({ news: null });
  }),
);

describe('a change of language', () => {
  it('says the last step again in the new language', () => {
    act(() => at.root.render(<Narration />));
    const snap = (seq: number, ops: number, state: 'ready' | 'done') =>
      ({ seq, lanes: [{ ...idleLane(0), ops, state, exitcode: state === 'done' ? 0 : null }], last: null }) as unknown as Snapshot;
    act(() => useLabStore.setState({ snapshot: snap(1, 1, 'ready') }));
    act(() => useLabStore.setState({ snapshot: snap(2, 2, 'done') }));
    const text = () => at.host.querySelector('.narration')!.textContent;
    expect(text()).toBe('MainProcess took a step. It finished with exitcode 0.');
    act(() => useAppStore.setState({ lang: 'zh' }));
    expect(text()).toBe('MainProcess 走了一步。它结束了，退出码 0。');
  });

  it('says a challenge met again in the new language', () => {
    const sc = scenarioById.get('tickets')!;
    useLabStore.setState({ settings: defaultSettings(sc) });
    act(() => at.root.render(<Challenges />));
    act(() => useChallengeStore.setState({ news: { met: [sc.challenges![0]!], improved: [], steps: 12 } }));
    const text = () => at.host.querySelector('.challenge-news')!.textContent;
    expect(text()).toBe(`Challenge met: ${sc.challenges![0]!.goal.en}`);
    act(() => useAppStore.setState({ lang: 'zh' }));
    expect(text()).toBe(`挑战完成：${sc.challenges![0]!.goal.zh}`);
  });
});
