/**
 * The run's own words (src/i18n/runtime.ts) are printed in the learner's language (`H.lang`), on real threads:
 * a process that starts more children than the run has room for raises RuntimeError, in English or in Chinese.
 * The exception keeps its Python name and its English message (the event log and a trace export read those),
 * and keeps its words across processes (a manager's or pool's wire).
 */
import { describe, expect, it } from 'vitest';
import { useNodeMachine } from '../kernel/testing/useNodeMachine';
import { errorName, PyError, unwireError, wireError } from './errors';
import { S } from './layout';
import type { Console } from './data';
import type { Lang } from '../i18n/i18n';

const registryModule = new URL('./testing/scenarios.ts', import.meta.url).href;
const machine = useNodeMachine(registryModule, 3);

/** MainProcess starts three children in a run with three slots (its own and two more): the third start fails. */
const overflow = (lang?: Lang) =>
  machine().run<{ console: Console }>('counter', { procs: 3, n: 1, locked: false }, { mode: 'step', seed: 1 }, { timeoutMs: 60_000, ...(lang ? { lang } : {}) });

describe("the run's own messages", () => {
  it('print in English by default and in Chinese when the learner reads Chinese, with the same Python exception', async () => {
    for (const [lang, text] of [
      [undefined, 'MainProcess: RuntimeError: too many processes (this run has room for 3)'],
      ['zh', 'MainProcess: RuntimeError: 进程太多（本次运行最多容纳 3 个）'],
    ] as const) {
      const r = await overflow(lang);
      expect(r.exitcodes[0]).toBe(1);
      expect(errorName(r.mem.load(0, S.error))).toBe('RuntimeError');
      expect(r.objs.console.lines().filter((l) => l.pid === 0).map((l) => l.text)).toEqual([text]);
      // The raise event keeps the English (the log, a trace export; a payload is cut at PAYLOAD_BYTES).
      expect(r.events.find((e) => e.kind === 'raise')?.payload).toMatch(/^RuntimeError: too many proce/);
    }
  }, 90_000);

  it('keep their words across processes', () => {
    const e = unwireError(wireError(PyError.said('ValueError', 'runtime.itemTooBig', { size: 900, max: 768 })));
    expect(e.pyName).toBe('ValueError');
    expect(e.message).toBe("ValueError: item of 900 bytes is over the 768 bytes the shared queue holds");
    expect(e.text('zh')).toBe('ValueError: 900 字节的项超过了共享队列能容纳的 768 字节');
    expect(new PyError('ValueError', 'three is bad luck').text('zh')).toBe('ValueError: three is bad luck'); // a program's own words stay
  });
});
