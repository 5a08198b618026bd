/**
 * A process terminated while shown blocked on a Semaphore, Lock, RLock or Condition takes nothing a release after the
 * terminate gave (Node worker_threads, real Atomics.wait). A test hook (testing/killedWaiters.ts) holds the victim just
 * after its wait ended, so the terminate and the release both land before its next attempt: each run meets the window.
 */
import { describe, expect, it } from 'vitest';
import { useNodeMachine } from '../kernel/testing/useNodeMachine';
import type { Console } from './data';
import type { KillTakeParams } from './testing/killedWaiters';

const registryModule = new URL('./testing/scenarios.ts', import.meta.url).href;
const machine = useNodeMachine(registryModule, 3);

const cases: [KillTakeParams, string][] = [
  [{ prim: 'sem', end: 'timeout' }, 'a Semaphore permit, the victim timing out'],
  [{ prim: 'sem', end: 'woken' }, 'a Semaphore permit, the victim woken by an earlier release'],
  [{ prim: 'lock', end: 'doze' }, 'a Lock, the victim dozing'],
  [{ prim: 'lock', end: 'timeout' }, 'a Lock, the victim asleep marked and timing out'],
  [{ prim: 'lock', end: 'woken' }, 'a Lock, the victim asleep marked and woken by an earlier release'],
  [{ prim: 'rlock', end: 'doze' }, 'an RLock, the victim dozing'],
  [{ prim: 'cond', end: 'timeout' }, "a Condition's notify, the victim timing out"],
];

describe('a waiter terminated as its wait ends takes nothing released after the terminate (parallel)', () => {
  for (const [params, what] of cases) {
    it(`${what}: the live waiter gets it`, async () => {
      const r = await machine().run<{ console: Console }>('killTake', params, { mode: 'parallel', seed: 1 }, { timeoutMs: 30_000 });
      expect(r.status).toBe('finished');
      expect(r.objs.console.lines().map((l) => l.text)).toEqual(['live took True', 'exitcodes -15 0 waiting 0']);
    }, 40_000);
  }
});

describe('a Condition waiter terminated while it waits no longer counts as waiting', () => {
  for (const mode of ['parallel', 'clock'] as const) {
    it(`a notify_all after gives it no token, so a later wait() times out (${mode})`, async () => {
      const r = await machine().run<{ console: Console }>('condKilled', {}, { mode, seed: 1 }, { timeoutMs: 30_000 });
      expect(r.status).toBe('finished');
      expect(r.objs.console.lines().map((l) => l.text)).toEqual(['waiting 0 exitcode -15', 'a later wait notified False']);
    }, 40_000);
  }
});

describe('a waiter terminated while asleep, woken by the release after the terminate, passes the wake-up on (wait slices longer than the test)', () => {
  const slowSlices = useNodeMachine(registryModule, 3, { waitSliceMs: 600_000 });
  for (const prim of ['sem', 'lock', 'cond'] as const) {
    it(`${prim}: the live waiter asleep behind it is woken`, async () => {
      // The victim sleeps first, so the release's one wake-up reaches it when it is inside its futex wait by then
      // (it almost always is: it began its wait before the live waiter started); a run where the kill found it
      // elsewhere proves nothing about the wake-up, so it is run again, up to 10 times.
      for (let attempt = 1; ; attempt++) {
        const r = await slowSlices().run<{ console: Console }>('killWoken', { prim, end: 'asleep' }, { mode: 'parallel', seed: 1 }, { timeoutMs: 30_000 });
        expect(r.status).toBe('finished');
        const lines = r.objs.console.lines().map((l) => l.text);
        if (lines.at(-1)?.endsWith('victim not notified') && attempt < 10) continue;
        expect(lines).toEqual(['live took True', 'exitcodes -15 0 victim notified live woken']);
        break;
      }
    }, 120_000);
  }
});
