import { describe, expect, it } from 'vitest';
import type { Snapshot } from './liveRun';
import { progressOf, rememberTotal } from './runProgress';
import { defaultSettings } from './settings';
import { scenarioById } from '../scenarios/registry';

const snap = (ops: number[], clock: number) => ({ lanes: ops.map((n) => ({ ops: n })), clock }) as unknown as Snapshot;

describe('progressOf', () => {
  const bank = defaultSettings(scenarioById.get('bank'));
  it('counts the ops of every process and reads the clock of the last event', () => {
    const p = progressOf(snap([1, 4, 5], 1.25), { ...bank, seed: 99 });
    expect(p).toEqual({ ops: 10, seconds: 1.25, total: null });
  });

  it('knows the total of a scheduled run once the same settings have ended, whatever the speed', () => {
    const s = { ...bank, seed: 7 };
    rememberTotal(s, 613);
    expect(progressOf(snap([2], 0), { ...s, speed: 4, turbo: true }).total).toBe(613);
    expect(progressOf(snap([2], 0), { ...s, seed: 8 }).total).toBeNull();
  });

  it('a parallel run has no known total, and its seconds are real seconds times the speed', () => {
    const s = { ...bank, mode: 'parallel' as const, speed: 2 };
    rememberTotal(s, 100);
    const p = progressOf(snap([3], 1.5), s);
    expect(p.total).toBeNull();
    expect(p.seconds).toBe(1.5 * 2); // the learner's speed only: the bank's pace (16×) is for scheduled runs
  });
});
