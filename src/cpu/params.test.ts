import { describe, expect, it } from 'vitest';
import { configFromQuery, configToQuery, formatJobs, parseJob, parseJobs } from './params';
import { DEFAULT_JOBS, DEFAULT_OPTIONS } from './types';

const q = (s: string) => new URLSearchParams(s);

describe('jobs=NAME:ARRIVAL:BURST[:PRIORITY][:IOEVERY:IOTIME]', () => {
  it('3 fields; 4 = priority; 5 = I/O without priority; 6 = both', () => {
    expect(parseJob('A:0:5')).toEqual({ name: 'A', arrival: 0, burst: 5 });
    expect(parseJob('A:0:5:2')).toEqual({ name: 'A', arrival: 0, burst: 5, priority: 2 });
    expect(parseJob('A:0:5:2:3')).toEqual({ name: 'A', arrival: 0, burst: 5, io: { every: 2, time: 3 } });
    expect(parseJob('A:0:5:1:2:3')).toEqual({ name: 'A', arrival: 0, burst: 5, priority: 1, io: { every: 2, time: 3 } });
  });

  it('rejects bad fields, zero bursts, duplicates and empty lists', () => {
    for (const bad of ['A:0', 'A:0:0', 'A:-1:3', 'A:x:3', 'A:0:3:1:2:3:4', 'A:0:3:0:1', 'A:0:3:1:0', ':0:3', 'A B:0:3', 'A:0:3.5'])
      expect(parseJob(bad), bad).toBeUndefined();
    expect(parseJobs('A:0:3,A:1:2')).toBeUndefined();
    expect(parseJobs('')).toBeUndefined();
    expect(parseJobs(Array.from({ length: 21 }, (_, i) => `J${i}:0:1`).join(','))).toBeUndefined();
  });

  it('round-trips', () => {
    const s = 'A:0:5,B:1:3:2,C:2:8:2:1,D:3:6:1:3:2';
    expect(formatJobs(parseJobs(s)!)).toBe(s);
  });
});

describe('configFromQuery', () => {
  it('no parameters: the defaults, no notices', () => {
    const { config, notices } = configFromQuery(q('lab=cpu'));
    expect(config.jobs).toEqual(DEFAULT_JOBS);
    expect(config.options).toEqual(DEFAULT_OPTIONS);
    expect(notices).toEqual([]);
  });

  it('reads every option', () => {
    const { config, notices } = configFromQuery(
      q('policy=mlfq&jobs=A:0:3,B:1:2&quantum=3&quanta=1,2,4,8&allotment=1,2,2,3&boost=20&preempted=head&ties=ended-first&preemptive=off'),
    );
    expect(notices).toEqual([]);
    expect(config.jobs).toHaveLength(2);
    expect(config.options).toEqual({
      policy: 'mlfq',
      quantum: 3,
      levels: 4,
      quanta: [1, 2, 4, 8],
      allotment: [1, 2, 2, 3],
      boost: 20,
      preempted: 'head',
      ties: 'ended-first',
      preemptive: false,
    });
  });

  it('each invalid value is a notice naming the parameter, and its default applies', () => {
    const { config, notices } = configFromQuery(
      q('policy=lottery&jobs=A:0&quantum=0&levels=9&quanta=1,x&allotment=1,2&boost=-1&preempted=middle&ties=random&preemptive=yes'),
    );
    expect(notices.map((n) => n.name).sort()).toEqual(
      ['allotment', 'boost', 'jobs', 'levels', 'policy', 'preempted', 'preemptive', 'quanta', 'quantum', 'ties'].sort(),
    );
    expect(config.jobs).toEqual(DEFAULT_JOBS);
    expect(config.options).toEqual(DEFAULT_OPTIONS);
  });

  it('an allotment list must have one entry per level', () => {
    expect(configFromQuery(q('levels=2&allotment=1,2')).notices).toEqual([]);
    expect(configFromQuery(q('levels=3&allotment=1,2')).notices.map((n) => n.name)).toEqual(['allotment']);
  });
});

describe('configToQuery', () => {
  it('writes the policy, the jobs and only the settings the policy uses; reading it back gives the same config', () => {
    const { config } = configFromQuery(q('policy=rr&quantum=3&jobs=A:0:3,B:1:2:1&boost=5'));
    const out = configToQuery(config);
    expect(out).toMatchObject({ policy: 'rr', jobs: 'A:0:3,B:1:2:1', quantum: '3', ties: 'arrivals-first', boost: null, levels: null, preemptive: null });
    for (const s of ['policy=mlfq&quanta=1,3&allotment=2,1&boost=7&preempted=head', 'policy=priority&preemptive=off', 'policy=mlfq&levels=4&quantum=1']) {
      const c = configFromQuery(q(s)).config;
      const written = Object.entries(configToQuery(c)).filter(([, v]) => v !== null) as [string, string][];
      expect(configFromQuery(new URLSearchParams(written)).config).toEqual(c);
    }
  });
});
