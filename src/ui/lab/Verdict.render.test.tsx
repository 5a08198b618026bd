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
import type { Lang } from '../../i18n/i18n';
import { Verdict } from './Verdict';

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
