/**
 * Queue blocking under real threads (Node worker_threads, real Atomics.wait):
 * no loss, no duplicate, FIFO per producer, timeouts that race wake-ups, and a
 * sleeper killed while a wake-up may be on its way to it.
 */
import { describe, expect, it } from 'vitest';
import { useNodeMachine } from '../kernel/testing/useNodeMachine';
import type { Console } from './data';
import type { Connection, Queue } from './queue';

const registryModule = new URL('./testing/scenarios.ts', import.meta.url).href;
const machine = useNodeMachine(registryModule, 9);

type Stress = { q: Queue; tally: number; stats: number };

/** Every item got exactly once: the items that were not. */
function notOnce(i32: Int32Array, tally: number, total: number): number[] {
  const bad: number[] = [];
  for (let i = 0; i < total && bad.length < 5; i++) if (i32[tally + i] !== 1) bad.push(i);
  return bad;
}

describe('Queue under parallel threads: sleepers, wake-ups, timeouts', () => {
  const slowSlices7 = useNodeMachine(registryModule, 7, { waitSliceMs: 600_000 });
  for (const [capacity, timeout] of [
    [8, 0],
    [2, 0],
    [2, 0.001],
  ] as const) {
    it(`4 producers x 4 consumers x 20,000 items through capacity ${capacity}, ${timeout ? `${timeout * 1000} ms timeouts retried` : 'blocking'}: each item once, each producer's items in order`, async () => {
      const params = { producers: 4, consumers: 4, items: 20_000, capacity, timeout };
      const r = await machine().run<Stress>('qstress', params, { mode: 'parallel', seed: 1, turbo: true }, { quiet: true, timeoutMs: 120_000 });
      expect(r.status).toBe('finished');
      expect(r.exitcodes.slice(0, 9)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
      const i32 = r.mem.i32;
      expect(notOnce(i32, r.objs.tally, 80_000)).toEqual([]);
      expect(i32[r.objs.stats]).toBe(0); // FIFO breaks
      // Consumers wait for the sentinels while main joins the producers: with timeouts, queue.Empty fires.
      if (timeout) expect(i32[r.objs.stats + 2]).toBeGreaterThan(0);
      expect(r.objs.q.size).toBe(0);
      // Every wake an op counted was taken by the sleeper it woke (else a later op would skip a sleeper).
      expect(r.objs.q.sleepers).toEqual({ putSleepers: 0, getSleepers: 0, putWoken: 0, getWoken: 0 });
    }, 150_000);
  }

  for (const mode of ['parallel', 'clock'] as const) {
    it(`items up to the whole ring (8 slots) wide mixed with one-slot ones, 3 producers x 3 consumers through 8 slots (${mode}): each item once, whole, each producer's in order, every sleeper woken`, async () => {
      // Before: a wide item raised the slot's ValueError. Wait slices longer than the test: a wake-up lost to a wide
      // putter that cannot move yet would be a hang here, not a delay.
      const params = { producers: 3, consumers: 3, items: 1500, capacity: 8, timeout: 0, pad: 1200 };
      const r = await slowSlices7().run<Stress>('qstress', params, { mode, seed: 1, turbo: true }, { quiet: true, timeoutMs: 120_000 });
      expect(r.status).toBe('finished');
      expect(r.exitcodes.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
      const i32 = r.mem.i32;
      expect(notOnce(i32, r.objs.tally, 4500)).toEqual([]);
      expect([i32[r.objs.stats], i32[r.objs.stats + 3]]).toEqual([0, 0]); // FIFO breaks, texts cut or garbled
      expect(r.objs.q.size).toBe(0);
      expect(r.objs.q.sleepers).toEqual({ putSleepers: 0, getSleepers: 0, putWoken: 0, getWoken: 0 });
    }, 150_000);
  }

  it('with the log on, each item is put once and got once, a get logs no payload, and every block is followed by its wake', async () => {
    const params = { producers: 4, consumers: 4, items: 3000, capacity: 2, timeout: 0 };
    const r = await machine().run<Stress>('qstress', params, { mode: 'parallel', seed: 1, turbo: true }, { layout: { ringEvents: 256 }, keepEvents: true, timeoutMs: 120_000 });
    expect(r.status).toBe('finished');
    expect(notOnce(r.mem.i32, r.objs.tally, 12_000)).toEqual([]);
    const id = r.objs.q.id;
    const puts = new Map<number, number>();
    const gets = new Map<number, number>();
    const sleeping = new Map<number, boolean>();
    const faults: string[] = [];
    for (const e of r.events) {
      if (e.obj !== id) continue;
      if (e.kind === 'put') puts.set(e.arg, (puts.get(e.arg) ?? 0) + 1);
      else if (e.kind === 'get') {
        gets.set(e.arg, (gets.get(e.arg) ?? 0) + 1);
        if (e.payload !== '') faults.push(`seq ${e.seq}: a get with a payload`);
        if (!puts.has(e.arg)) faults.push(`seq ${e.seq}: got ${e.arg} before its put`);
      } else if (e.kind === 'block') {
        if (sleeping.get(e.pid)) faults.push(`seq ${e.seq}: ${e.pid} blocked twice`);
        sleeping.set(e.pid, true);
      } else if (e.kind === 'wake') {
        if (!sleeping.get(e.pid)) faults.push(`seq ${e.seq}: ${e.pid} woke without a block`);
        sleeping.set(e.pid, false);
      }
    }
    expect(faults.slice(0, 5)).toEqual([]);
    const total = 12_000 + 4; // and a sentinel per consumer
    expect(puts.size).toBe(total);
    expect(gets.size).toBe(total);
    expect([...puts.values(), ...gets.values()].every((n) => n === 1)).toBe(true);
    expect([...sleeping.values()].some(Boolean)).toBe(false);
  }, 150_000);
});

describe('a process killed while it sleeps on a queue', () => {
  for (const mode of ['parallel', 'clock'] as const) {
    it(`a terminated putter's item never arrives, and the next putter still gets the room (${mode})`, async () => {
      const r = await machine().run<{ console: Console }>('qkill', { side: 'put' }, { mode, seed: 1 }, { timeoutMs: 30_000 });
      expect(r.status).toBe('finished');
      expect(r.objs.console.lines().map((l) => l.text)).toEqual(['got first from 1', 'exitcodes -15 0 left 0']);
    }, 40_000);

    it(`a terminated getter takes nothing, and the next getter gets the item (${mode})`, async () => {
      const r = await machine().run<{ console: Console }>('qkill', { side: 'get' }, { mode, seed: 1 }, { timeoutMs: 30_000 });
      expect(r.status).toBe('finished');
      expect(r.objs.console.lines().map((l) => l.text)).toEqual(['getter 1 got only', 'exitcodes -15 0 left 0']);
    }, 40_000);
  }

  it('a getter killed as a put wakes it leaves no wake pending: the next sleeper is still woken (parallel)', async () => {
    const r = await machine().run<{ console: Console; q: Queue }>('qkill-woken', {}, { mode: 'parallel', seed: 1 }, { timeoutMs: 30_000 });
    expect(r.status).toBe('finished');
    expect(r.objs.console.lines().map((l) => l.text)).toEqual(['got a b', 'exitcodes -15 0 left 0']);
    expect(r.objs.q.sleepers).toEqual({ putSleepers: 0, getSleepers: 0, putWoken: 0, getWoken: 0 });
  }, 40_000);

  it('a receiver woken by its sender closing the pipe takes EOFError, and the wake it took was counted: the inbox is at rest (parallel)', async () => {
    const r = await machine().run<{ console: Console; pipe: [Connection, Connection] }>('pipe-close-woken', {}, { mode: 'parallel', seed: 1 }, { timeoutMs: 30_000 });
    expect(r.status).toBe('finished');
    expect(r.objs.console.lines().map((l) => l.text)).toEqual(['EOFError', 'exitcode 0']);
    expect(r.objs.pipe[0].peekInbox().sleepers).toEqual({ putSleepers: 0, getSleepers: 0, putWoken: 0, getWoken: 0 });
  }, 40_000);
});

describe('a process killed while it sleeps on a queue, seen only on a notify (wait slices longer than the test)', () => {
  const slowSlices = useNodeMachine(registryModule, 3, { waitSliceMs: 600_000 });

  it('a getter killed and then woken by a put leaves no wake pending: the next sleeper is woken by the next put (parallel)', async () => {
    // The getter can notice the terminate only when the put's notify wakes it: the kill always lands on a notified wake.
    const r = await slowSlices().run<{ console: Console; q: Queue }>('qkill-woken', {}, { mode: 'parallel', seed: 1 }, { timeoutMs: 30_000 });
    expect(r.status).toBe('finished');
    expect(r.objs.console.lines().map((l) => l.text)).toEqual(['got a b', 'exitcodes -15 0 left 0']);
    expect(r.objs.q.sleepers).toEqual({ putSleepers: 0, getSleepers: 0, putWoken: 0, getWoken: 0 });
  }, 40_000);
});
