import { describe, expect, it } from 'vitest';
import { dictionaries } from '../i18n/i18n';
import { explainDecision, explainEvent } from './explain';
import { run } from './testing/run';
import { DEFAULT_OPTIONS } from './types';

describe('the sentence for a tick', () => {
  const names = (x: ReturnType<typeof run>) => x.r.jobs.map((j) => j.name);

  it('srtf: "B runs: shortest remaining time 2" and preemption, in English and Chinese', () => {
    const x = run('A:0:5,B:1:2', { policy: 'srtf' });
    const d1 = x.r.trace![1]!.decision;
    expect(explainDecision('en', d1, names(x), x.r.options)).toBe('B preempts A: remaining time 2 < 4');
    expect(explainDecision('zh', d1, names(x), x.r.options)).toBe('B 抢占 A：剩余时间 2 < 4');
    const y = run('A:0:1,B:0:3,C:0:2', { policy: 'srtf' });
    expect(explainDecision('en', y.r.trace![1]!.decision, names(y), y.r.options)).toBe('C runs: shortest remaining time 2');
    expect(explainDecision('en', y.r.trace![2]!.decision, names(y), y.r.options)).toBe('C keeps running: shortest remaining time 1');
  });

  it('every policy and kind has a sentence in both languages, with no placeholder left', () => {
    const seen = new Set<string>();
    const jobs = 'A:0:6:2:2:2,B:1:3:1,C:2:5:3,D:12:2:0';
    for (const policy of ['fcfs', 'sjf', 'srtf', 'rr', 'priority', 'mlfq'] as const) {
      for (const preemptive of [true, false]) {
        const x = run(jobs, { policy, preemptive, boost: policy === 'mlfq' ? 6 : 0 });
        for (const k of x.r.trace!) {
          for (const lang of ['en', 'zh'] as const) {
            const s = explainDecision(lang, k.decision, names(x), { ...DEFAULT_OPTIONS, policy, preemptive });
            expect(s).not.toMatch(/[{}?]|undefined/);
            seen.add(`${k.decision.kind}.${k.decision.reason ?? ''}`);
            for (const e of k.events) expect(explainEvent(lang, e, names(x))).not.toMatch(/[{}?]|undefined/);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(['dispatch.first', 'dispatch.shortestBurst', 'dispatch.shortestRemaining', 'dispatch.head', 'dispatch.priority', 'dispatch.level', 'preempt.priority']),
    );
  });

  it('events read as sentences', () => {
    const x = run('A:0:4:2:2', { policy: 'mlfq', quantum: 2 });
    expect(x.r.trace![2]!.events.map((e) => explainEvent('en', e, ['A']))).toEqual(['A starts I/O until 4', 'A moves down to Q1']);
    expect(x.r.trace![4]!.events.map((e) => explainEvent('zh', e, ['A']))).toEqual(['A 的 I/O 完成']);
  });

  it('a boost says which order it lifts the queues in', () => {
    const boost = { kind: 'boost', job: -1 } as const;
    expect(explainEvent('en', boost, [], { boostOrder: 'top-first' })).toBe('Boost: every job goes back to Q0');
    expect(explainEvent('en', boost, [], { boostOrder: 'bottom-first' })).toBe('Boost: every job goes back to Q0, the lowest queue first, the running job with its queue');
  });

  it('the CPU dictionary has the same keys in en and zh', () => {
    const cpu = dictionaries.find((d) => 'cpu.title' in d.en)!;
    expect(Object.keys(cpu.zh).sort()).toEqual(Object.keys(cpu.en).sort());
  });
});
