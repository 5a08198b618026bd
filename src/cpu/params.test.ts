import { describe, expect, it } from 'vitest';
import { configFromQuery, configToQuery, formatJobs, parseJob, parseJobs, readJobs } from './params';
import { DEFAULT_JOBS, DEFAULT_OPTIONS } from './types';
import { sayWords } from '../i18n/i18n';

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
      q('policy=mlfq&jobs=A:0:3,B:1:2&quantum=3&quanta=1,2,4,8&allotment=1,2,2,3&boost=20&boostorder=bottom-first&preempted=head&ties=ended-first&preemptive=off&view=full'),
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
      boostOrder: 'bottom-first',
      preempted: 'head',
      ties: 'ended-first',
      preemptive: false,
    });
    expect(config.view).toBe('full');
  });

  it('each invalid value is a notice naming the parameter, and its default applies', () => {
    const { config, notices } = configFromQuery(
      q('policy=lottery&jobs=A:0&quantum=0&levels=9&quanta=1,x&allotment=1,2&boost=-1&boostorder=random&preempted=middle&ties=random&preemptive=yes&view=some'),
    );
    expect(notices.map((n) => n.name).sort()).toEqual(
      ['allotment', 'boost', 'boostorder', 'jobs', 'levels', 'policy', 'preempted', 'preemptive', 'quanta', 'quantum', 'ties', 'view'].sort(),
    );
    expect(config.jobs).toEqual(DEFAULT_JOBS);
    expect(config.options).toEqual(DEFAULT_OPTIONS);
    expect(config.view).toBe('reveal');
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
    for (const s of ['policy=mlfq&quanta=1,3&allotment=2,1&boost=7&boostorder=bottom-first&preempted=head', 'policy=priority&preemptive=off', 'policy=mlfq&levels=4&quantum=1', 'policy=rr&view=full']) {
      const c = configFromQuery(q(s)).config;
      const written = Object.entries(configToQuery(c)).filter(([, v]) => v !== null) as [string, string][];
      expect(configFromQuery(new URLSearchParams(written)).config).toEqual(c);
    }
  });
});

describe('jobs= problems name the job and the field (issue 13, item 8)', () => {
  // The notice keeps words; this says them as the notice bar does.
  const notice = (s: string, lang: 'en' | 'zh' = 'en') => {
    const n = configFromQuery(q(`jobs=${encodeURIComponent(s)}`)).notices;
    expect(n).toHaveLength(1);
    const hint = n[0]!.hint;
    return { ...n[0]!, hint: typeof hint === 'string' ? hint : sayWords(lang, hint) };
  };

  it('a bad field: which job (1-based), which field, the value and the rule', () => {
    const n = notice('A:0:5,B:1:3,C:2:0');
    expect(n.name).toBe('jobs');
    expect(n.value).toBe('C:2:0');
    expect(n.hint).toBe('job 3, Burst “0”: must be a whole number from 1 to 99');
    expect(notice('A:0:5,B:1000:3').hint).toBe('job 2, Arrival “1000”: must be a whole number from 0 to 999');
    expect(notice('A:0:5:2.5').hint).toBe('job 1, Priority “2.5”: must be a whole number from 0 to 99');
    expect(notice('A:0:5:1:0:3').hint).toBe('job 1, I/O every “0”: must be a whole number from 1 to 99');
    expect(notice('ABCDEFGHI:0:5').hint).toBe('job 1, Name “ABCDEFGHI”: must be 1–8 letters, digits, _ or -');
    expect(notice('A:0:5,B:1:3:4:5:6:7').hint).toBe('job 2: 3 to 6 fields (NAME:ARRIVAL:BURST[:PRIORITY][:IOEVERY:IOTIME]), not 7');
    expect(notice('A:0:5,A:1:3').hint).toBe('job 2: the name A is already used by an earlier job');
    expect(notice('').hint).toBe('at least one job');
    expect(notice(Array.from({ length: 21 }, (_, i) => `J${i}:0:1`).join(',')).hint).toBe('21 jobs, at most 20');
  });

  it('in Chinese', () => {
    expect(notice('A:0:5,B:1:3,C:2:0', 'zh').hint).toBe('第 3 个作业的区间“0”：必须是介于 1 到 99 之间的整数');
  });

  it('long values are shortened (the job, and the value inside it)', () => {
    const long = 'x'.repeat(10_000);
    const n = notice(`A:0:5,B:${long}:3`);
    expect(n.value.length).toBeLessThanOrEqual(41);
    expect(n.value.endsWith('…')).toBe(true);
    expect(n.hint.length).toBeLessThan(120);
    expect(notice(long).value.length).toBeLessThanOrEqual(41);
  });

  it('names are NFC-normalised: a decomposed José is the composed one', () => {
    const composed = 'Jos\u00e9';
    const decomposed = 'Jose\u0301';
    expect(parseJobs(`${decomposed}:0:3`)).toEqual([{ name: composed, arrival: 0, burst: 3 }]);
    expect(parseJobs(`${composed}:0:3`)).toEqual([{ name: composed, arrival: 0, burst: 3 }]);
    // The same name twice, once in each form, is a duplicate.
    const r = readJobs(`${composed}:0:3,${decomposed}:1:2`);
    expect('problem' in r && r.problem.kind).toBe('duplicate');
    // Combining marks count with their letter: an 8-letter name with accents is fine.
    expect(parseJob('e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301:0:1')?.name).toBe('\u00e9'.repeat(8));
  });
});
