import { describe, expect, it } from 'vitest';
import { parseJobs, formatJobs } from './params';
import { jobName, randomWorkload } from './workload';

describe('randomWorkload', () => {
  it('is a function of the seed', () => {
    expect(randomWorkload(7, 5)).toEqual(randomWorkload(7, 5));
    expect(randomWorkload(7, 5)).not.toEqual(randomWorkload(8, 5));
  });

  it('gives valid, URL-ready jobs named in arrival order', () => {
    for (let seed = 0; seed < 50; seed++) {
      const jobs = randomWorkload(seed, 6);
      expect(parseJobs(formatJobs(jobs))).toEqual(jobs);
      expect(jobs.map((j) => j.name)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
      for (let i = 1; i < jobs.length; i++) expect(jobs[i]!.arrival).toBeGreaterThanOrEqual(jobs[i - 1]!.arrival);
    }
  });

  it('names past Z', () => {
    expect([0, 25, 26, 27, 52].map(jobName)).toEqual(['A', 'Z', 'A1', 'B1', 'A2']);
  });
});
