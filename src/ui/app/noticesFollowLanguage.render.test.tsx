// @vitest-environment happy-dom
/**
 * The CPU lab's address-bar notices follow a change of language: a bad `jobs=` value was worded once, in the
 * language of the first load, so a learner who switched to 中文 read "job 3, Burst …" in English beside
 * Chinese (and `quanta=`/`allotment=` were English in both languages).
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../app/appStore';
import { configFromQuery } from '../../cpu/params';
import { rootPerTest } from '../testing/reactRoot';
import { Notices } from './Notices';

const at = rootPerTest();
// Runs before rootPerTest's unmount (hooks run in reverse), so inside act.
afterEach(() => act(() => useAppStore.setState({ lang: 'en', notices: [] })));

/** The notice bar's lines for the CPU lab opened at `query`, in English and then in Chinese. */
function bothLanguages(query: string): { en: (string | null)[]; zh: (string | null)[] } {
  const { notices } = configFromQuery(new URLSearchParams(query));
  act(() => useAppStore.setState({ lang: 'en', notices }));
  act(() => at.root.render(<Notices />));
  const lines = () => Array.from(at.host.querySelectorAll('.notice > span'), (e) => e.textContent);
  const en = lines();
  act(() => useAppStore.setState({ lang: 'zh' }));
  return { en, zh: lines() };
}

describe('URL notices and a change of language', () => {
  it('a bad jobs= value is said again in the new language', () => {
    expect(bothLanguages('jobs=A:0:5,B:1:3,C:2:0')).toEqual({
      en: ['Ignored URL parameter “jobs”: “C:2:0” is not valid (job 3, Burst “0”: must be a whole number from 1 to 99). Using the default.'],
      zh: ['已忽略 URL 参数“jobs”：“C:2:0”无效（第 3 个作业的区间“0”：必须是介于 1 到 99 之间的整数），使用默认值。'],
    });
  });

  it('so are bad quanta= and allotment= values (they were English in both)', () => {
    expect(bothLanguages('policy=mlfq&quanta=1,0&allotment=99')).toEqual({
      en: [
        'Ignored URL parameter “quanta”: “1,0” is not valid (whole numbers from 1 to 100, comma-separated, at most 8). Using the default.',
        'Ignored URL parameter “allotment”: “99” is not valid (one whole number from 1 to 20, or one per level (3)). Using the default.',
      ],
      zh: [
        '已忽略 URL 参数“quanta”：“1,0”无效（逗号分隔的 1 到 100 之间的整数，最多 8 个），使用默认值。',
        '已忽略 URL 参数“allotment”：“99”无效（一个 1 到 20 之间的整数，或每层一个（3 个）），使用默认值。',
      ],
    });
  });
});
