import { describe, expect, it } from 'vitest';
import { deathWatch } from './deathWatch';

const never = () => new Promise<never>(() => {});

describe('calls to a worker that may die', () => {
  it('a call that settles leaves nothing behind, however many were made', async () => {
    const w = deathWatch();
    for (let i = 0; i < 1000; i++) expect(await w.untilDeath(Promise.resolve(i))).toBe(i);
    await expect(w.untilDeath(Promise.reject(new Error('no such run')))).rejects.toThrow('no such run');
    expect(w.waiting).toBe(0);
  });

  it('the death fails every call still waiting at once, and every later call', async () => {
    const w = deathWatch();
    const a = w.untilDeath(never());
    const b = w.untilDeath(never());
    expect(w.waiting).toBe(2);
    w.die(new Error('the kernel worker closed'));
    await expect(a).rejects.toThrow('the kernel worker closed');
    await expect(b).rejects.toThrow('the kernel worker closed');
    expect(w.waiting).toBe(0);
    await expect(w.untilDeath(Promise.resolve(1))).rejects.toThrow('the kernel worker closed');
  });
});
