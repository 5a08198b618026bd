// @vitest-environment happy-dom
/**
 * A run longer than the log keeps: the timeline's heading counts every event (past 2^32 too: a learner's
 * endless loop gets there in minutes) and a note says only the first LOG_RETAIN are drawn, in both languages.
 */
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../app/appStore';
import { LOG_RETAIN } from '../../lab/eventLog';
import type { Lang } from '../../i18n/i18n';
import { rootPerTest } from '../testing/reactRoot';
import { Timeline } from './Timeline';

vi.mock('./controllerInstance', () => ({ labController: () => ({ scrubTo: () => undefined }) }));

const at = rootPerTest();

function shown(lang: Lang, overflow: number): string {
  useAppStore.setState({ lang });
  act(() => at.root.render(<Timeline log={null} lanes={2} length={LOG_RETAIN} overflow={overflow} />));
  return at.host.textContent!.replace(/\s+/g, ' ');
}

describe('the timeline of a run past what the log keeps', () => {
  it('counts every event, past 2^32, and says only the first LOG_RETAIN are drawn (en, zh)', () => {
    const over = 5 * 2 ** 32;
    expect(shown('en', over)).toContain(`${(LOG_RETAIN + over).toLocaleString('en')} events`);
    expect(shown('en', over)).toContain(`The timeline keeps the first ${LOG_RETAIN.toLocaleString('en')} events; later ones are counted but not drawn.`);
    expect(shown('zh', over)).toContain(`${(LOG_RETAIN + over).toLocaleString('zh')} 个事件`);
    expect(shown('zh', over)).toContain(`时间线只保存前 ${LOG_RETAIN.toLocaleString('zh')} 个事件`);
    expect(shown('en', 0)).not.toContain('The timeline keeps');
  });
});
