// @vitest-environment happy-dom
/**
 * The verdict line reads as a sentence in both languages: "OK: All …" in English, and in Chinese the
 * full-width colon carries its own gap ("正确：全部…", not "正确： 全部…").
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../app/appStore';
import { useLabStore } from '../../lab/labStore';
import type { LaneView, Snapshot } from '../../lab/liveRun';
import { defaultSettings } from '../../lab/settings';
import type { Lang } from '../../i18n/i18n';
import type { RunStatus } from '../../kernel/scheduler';
import { Outcome, Verdict } from './Verdict';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLElement;
let root: Root;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function shown(lang: Lang): string {
  useAppStore.setState({ lang });
  useLabStore.setState({
    verdict: 'ok',
    phase: 'ended',
    judgement: { verdict: 'ok', explanation: { en: 'All 5 cars passed on green.', zh: '全部 5 辆车都在绿灯时通过。' }, figures: [] },
  });
  act(() => root.render(<Verdict />));
  return host.querySelector('[role="status"]')!.textContent!;
}

describe('Verdict', () => {
  it('puts a space after the verdict word in English', () => {
    expect(shown('en')).toBe('OK: All 5 cars passed on green.');
  });

  it('puts none after the full-width colon in Chinese', () => {
    expect(shown('zh')).toBe('正确：全部 5 辆车都在绿灯时通过。');
  });
});

describe('Verdict of a run driven by call buttons', () => {
  const lane = (pid: number, state: LaneView['state']) => ({ pid, name: pid ? 'Process-1' : 'MainProcess', state }) as LaneView;
  function status(lang: Lang, lanes: LaneView[], runStatus: RunStatus, scenarioId = 'lifecycle-control'): string {
    act(() => {
      useAppStore.setState({ lang });
      useLabStore.setState({
        verdict: 'running',
        phase: 'running',
        status: runStatus,
        judgement: null,
        settings: { ...defaultSettings(), scenarioId, mode: 'parallel' },
        snapshot: { lanes } as Snapshot,
      });
      root.render(<Verdict />);
    });
    return host.querySelector('[role="status"]')!.textContent!;
  }

  it('says it waits for the learner when every live process is blocked, one on a call (it said "Running…")', () => {
    expect(status('en', [lane(0, 'blocked'), lane(1, 'done')], 'awaiting')).toBe('Your move: every process is waiting; press one of the call buttons to go on.');
    expect(status('zh', [lane(0, 'blocked'), lane(1, 'terminated')], 'awaiting')).toBe('轮到你了：所有进程都在等待，按下一个调用按钮，它们才会继续。');
  });

  it('says running while a process can still move, or in a scenario without call buttons', () => {
    expect(status('en', [lane(0, 'blocked'), lane(1, 'sleeping')], 'running')).toBe('Running…');
    expect(status('en', [lane(0, 'blocked'), lane(1, 'blocked')], 'awaiting', 'deadlock')).toBe('Running…');
  });

  it('a parallel deadlock\'s quiet period (every lane blocked, none on a call, not yet called a deadlock) is not "your move"', () => {
    expect(status('en', [lane(0, 'blocked'), lane(1, 'blocked')], 'running')).toBe('Running…');
  });
});

describe('Verdict of a moment scrubbed back to', () => {
  function at(scrub: number): [string, string] {
    useAppStore.setState({ lang: 'en' });
    useLabStore.setState({ verdict: 'running', phase: 'ready', judgement: null, scrub, scrubJudgement: null });
    act(() => root.render(<Verdict />));
    const el = host.querySelector('[role="status"]')!;
    return [el.getAttribute('data-verdict')!, el.textContent!];
  }
  afterEach(() => useLabStore.setState({ scrub: null }));

  it('says the run had started past event 0, even where no judgement was made yet ("At event 2: Ready. Step or run to start." before)', () => {
    expect(at(0)).toEqual(['idle', 'At event 0: Ready. Step or run to start.']);
    expect(at(2)).toEqual(['running', 'At event 2: Running…']);
  });

  it('says when the verdict and figures were worked out before the moment shown (a turbo clock run is judged per pull)', () => {
    const sold0 = { verdict: 'running' as const, explanation: { en: 'Running: 0 tickets sold so far.', zh: '运行中：目前售出 0 张。' }, figures: [] };
    const shown = (lang: Lang, scrub: number, judgedAt: number) => {
      act(() => {
        useAppStore.setState({ lang });
        useLabStore.setState({ verdict: 'violated', phase: 'ended', scrub, scrubJudgement: sold0, scrubJudgedAt: judgedAt });
      });
      act(() => root.render(<Verdict />));
      return host.querySelector('[role="status"]')!.textContent!;
    };
    expect(shown('en', 30, 12)).toBe('At event 30 (verdict and figures as of event 12): Running: 0 tickets sold so far.');
    expect(shown('zh', 30, 12)).toBe('第 30 个事件时（结论和数字截至第 12 个事件）：运行中：目前售出 0 张。');
    // Judged at that very event: nothing to add.
    expect(shown('en', 12, 12)).toBe('At event 12: Running: 0 tickets sold so far.');
  });
});


describe('Outcome of a moment scrubbed back to', () => {
  afterEach(() => useLabStore.setState({ scrub: null, scrubJudgement: null, scrubJudgedAt: null }));

  it('says its figures lag when they were worked out before the moment shown, as the verdict line does (en and zh)', () => {
    const sold = { verdict: 'running' as const, explanation: { en: 'Running.', zh: '运行中。' }, figures: [{ key: 'sold', label: { en: 'Sold', zh: '售出' }, value: 0 }] };
    const shown = (lang: Lang, scrub: number, judgedAt: number) => {
      act(() => {
        useAppStore.setState({ lang });
        useLabStore.setState({ verdict: 'violated', phase: 'ended', scrub, scrubJudgement: sold, scrubJudgedAt: judgedAt });
      });
      act(() => root.render(<Outcome />));
      return host.querySelector('section')!.textContent!;
    };
    expect(shown('en', 30, 12)).toBe('OutcomeFigures as of event 12, before the moment shown (event 30).Sold0');
    expect(shown('zh', 30, 12)).toBe('结果数字截至第 12 个事件，早于所示时刻（第 30 个事件）。售出0');
    // Judged at that very event: nothing to add.
    expect(shown('en', 12, 12)).toBe('OutcomeSold0');
  });
});
