import { afterEach, describe, expect, it, vi } from 'vitest';
import { allReady } from './nodeMachine';

afterEach(() => {
  vi.useRealTimers();
});

/** Promises that resolve at the given times (ms of fake time) with their index. */
function readyAt(times: number[]): Promise<number>[] {
  return times.map((t, i) => new Promise<number>((resolve) => setTimeout(() => resolve(i), t)));
}

describe("the test machine's start waits for progress, not for a fixed time", () => {
  it('workers ready one after another, each within the stall time, are waited for however long the whole start takes', async () => {
    vi.useFakeTimers();
    const all = allReady(readyAt([50, 140, 230, 320, 410]), 100);
    await vi.advanceTimersByTimeAsync(410);
    await expect(all).resolves.toEqual([0, 1, 2, 3, 4]);
  });

  it('no worker ready for the stall time: the start fails, saying how many are missing', async () => {
    vi.useFakeTimers();
    const all = allReady(readyAt([50, 90, 300]), 100);
    const failed = expect(all).rejects.toThrow('1 of 3 test workers not ready: none became ready in 100 ms');
    await vi.advanceTimersByTimeAsync(300);
    await failed;
  });

  it("a worker's error fails the start at once", async () => {
    vi.useFakeTimers();
    const all = allReady([Promise.reject(new Error('no such module')), ...readyAt([50])], 100);
    await expect(all).rejects.toThrow('no such module');
  });
});
