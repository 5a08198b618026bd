// @vitest-environment happy-dom
/**
 * "Run many" runs lock on and off side by side only for a scenario with a lock option; the panel's
 * introduction said so for every scenario (the semaphore, the deadlocks, the daemon…), which have no lock.
 */
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAppStore } from '../../app/appStore';
import { useLabStore } from '../../lab/labStore';
import { defaultSettings } from '../../lab/settings';
import { scenarioById } from '../../scenarios/registry';
import { rootPerTest } from '../testing/reactRoot';
import { StatisticsPanel } from './StatisticsPanel';

// The panel's job runner would start the lab's workers; rendering the introduction needs none.
vi.mock('./jobsInstance', () => ({ jobRunner: () => ({}) }));

const at = rootPerTest();
afterEach(() => act(() => useAppStore.setState({ lang: 'en' })));

const intro = (id: string, lang: 'en' | 'zh') => {
  act(() => {
    useAppStore.setState({ lang });
    useLabStore.setState({ settings: { ...defaultSettings(scenarioById.get(id)!), mode: 'clock' } });
  });
  act(() => at.root.render(<StatisticsPanel />));
  return at.host.querySelector('.stats-panel p')!.textContent;
};

describe('the statistics introduction', () => {
  it('promises lock on and off side by side only where the scenario has a lock', () => {
    expect(intro('tickets', 'en')).toBe('Run this scenario many times with fresh seeds (clock mode: seeded virtual time), lock on and off side by side, and count the outcomes.');
    for (const id of ['semaphore', 'deadlock', 'daemon', 'lifecycle']) {
      expect(intro(id, 'en'), id).toBe('Run this scenario many times with fresh seeds (clock mode: seeded virtual time) and the settings above, and count the outcomes.');
      expect(intro(id, 'zh'), id).not.toContain('加锁');
    }
    expect(intro('bank', 'zh')).toContain('加锁与不加锁并排比较');
  });
});
