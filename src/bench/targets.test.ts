/**
 * The benchmark report's target rows (scripts/bench/targets.mjs): each ratio from the same run's medians,
 * "not measured" without python3, "not available" when the app refuses a size, and pass/FAIL by the target.
 */
import { describe, expect, it } from 'vitest';
import { targetRows, type TargetRow } from '../../scripts/bench/targets.mjs';

const s = (median: number, min = median, max = median) => ({ median, min, max, n: 5 });
const sizes = { bank: 1_000_000, queueItems: 100_000, lockPairs: 500_000, pythonLock: 5000, pythonQueue: 1000 };
const row = (rows: TargetRow[], start: string) => {
  const r = rows.find((x) => x.figure.startsWith(start));
  if (!r) throw new Error(`no row "${start}" in ${rows.map((x) => x.figure).join('; ')}`);
  return r;
};

describe('benchmark target rows', () => {
  it('compare with CPython in the same run: time as CPython / Lockstep, rates as Lockstep / CPython', () => {
    const rows = targetRows({
      sizes,
      benchmarks: {
        bank: { n: 1_000_000, s: s(8), verdicts: ['ok'] },
        queue: { itemsPerProducer: 100_000, itemsPerSec: s(150_000), maxFrameGapMs: s(40, 30, 45), quiet: { maxFrameGapMs: s(20) }, lost: 0, duplicated: 0, loggedExactlyOnce: true },
        frames: { queueStress: { url: '/?scenario=queue-stress', itemsPerProducer: 100_000, windowMs: 0, maxGapMs: s(30, 20, 45), p99GapMs: s(17), framesOver50: 0, verdicts: ['ok'] } },
        cpython: { python: '3.11', rows: { 'bank=1000000': { unit: 's', n: 1_000_000, samples: [4, 3, 5] }, 'queue4x4=100000': { unit: 'items/s', n: 100_000, samples: [60_000, 50_000, 70_000] } } },
      },
    });
    expect(row(rows, 'bank')).toMatchObject({ value: '0.50×', result: 'FAIL', cpython: '4.00 s' });
    expect(row(rows, 'Queue items/s')).toMatchObject({ value: '2.50×', result: 'pass' });
    expect(row(rows, 'longest frame gap, queue stress')).toMatchObject({ result: 'pass', figure: 'longest frame gap, queue stress 4×4×100,000, log on, app page' });
  });

  it('say "not measured" with the reason when python3 is absent, and for groups that did not run', () => {
    const rows = targetRows({ sizes, benchmarks: { bank: { n: 1_000_000, s: s(3), verdicts: ['ok'] }, cpython: { notMeasured: 'no python3 on this machine' } } });
    expect(row(rows, 'bank')).toMatchObject({ result: 'not measured', lockstep: '3.00 s (3.00–3.00)' });
    expect(row(rows, 'bank').notes).toContain('no python3 on this machine');
    expect(row(rows, 'Python lab: first run').result).toBe('not measured');
    expect(rows.filter((r) => r.result === 'pass' || r.result === 'FAIL')).toEqual([]);
  });

  it('say "not available" when the app refuses 1,000 clients', () => {
    const refused = { notAvailable: 'the app accepts at most 100 ticket clients' };
    const rows = targetRows({ sizes, benchmarks: { frames: { lanes1000clock: refused, lanes1000turbo: refused, queueStress: refused }, startJoin: { warm1000: refused } } });
    for (const start of ['longest frame gap, 1,000 lanes, clock', 'longest frame gap, 1,000 lanes, parallel', 'longest frame gap, queue stress', 'start + join 1,000']) {
      expect(row(rows, start)).toMatchObject({ result: 'not available', notes: refused.notAvailable });
    }
  });

  it('judge memory on the whole heap, and say how much of the growth was V8 compiled code', () => {
    const point = (runs: number, heapMB: number, codeMB: number, withoutCodeMB: number) => ({ runs, heapMB, workers: 4, codeMB, withoutCodeMB });
    const memory = { url: '/?scenario=printer', verdicts: ['ok'], seconds: 20, early: point(10, 7.6, 4.1, 2.8), late: point(1000, 9.9, 6.3, 2.8) };
    const r = row(targetRows({ sizes, benchmarks: { memory } }), 'memory after 1,000 runs');
    expect(r).toMatchObject({ value: '1.30×', result: 'FAIL' });
    expect(r.notes).toContain('V8 compiled code 4.10 → 6.30 MB, the rest 2.80 → 2.80 MB (1.00×)');
    // Results from before the split: no note, same verdict.
    const old = row(targetRows({ sizes, benchmarks: { memory: { ...memory, early: { runs: 10, heapMB: 7.6, workers: 4 }, late: { runs: 1000, heapMB: 9.9, workers: 4 } } } }), 'memory after');
    expect(old.result).toBe('FAIL');
    expect(old.notes).not.toContain('compiled code');
  });

  it('hold every sample of a frame-gap row to the limit, and p99 too where the issue sets one', () => {
    const frames = (max: number, p99: number) => ({ windowMs: 10_000, maxGapMs: s(30, 20, max), p99GapMs: s(p99, 10, p99), framesOver50: 0, verdicts: ['running'] });
    const at = (f: ReturnType<typeof frames>) => row(targetRows({ sizes, benchmarks: { frames: { lanes100clock: f } } }), 'longest frame gap, 100 lanes').result;
    expect(at(frames(45, 18))).toBe('pass');
    expect(at(frames(51, 18))).toBe('FAIL');
    expect(at(frames(45, 21))).toBe('FAIL');
  });
});
