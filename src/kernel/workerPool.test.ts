import { describe, expect, it } from 'vitest';
import { PoolFull, WarmSuperseded, WorkerPool, type IdleScheduler } from './workerPool';

/** A stand-in worker: loads when the test says so, can die, counts its termination. */
interface Fake {
  index: number;
  dead: boolean;
  terminated: boolean;
  load: () => void;
}

function harness(cap = 16) {
  const idleQueue: Parameters<IdleScheduler>[0][] = [];
  const all: Fake[] = [];
  const pool = new WorkerPool<Fake>(
    {
      spawn: (index) => {
        let load = () => {};
        const f: Fake = { index, dead: false, terminated: false, load: () => load() };
        all.push(f);
        (f as Fake & { loaded: Promise<void> }).loaded = new Promise<void>((r) => (load = r));
        return f;
      },
      ready: (f) => (f as Fake & { loaded: Promise<void> }).loaded,
      dead: (f) => f.dead,
      terminate: (f) => (f.terminated = true),
    },
    cap,
    (work) => idleQueue.push(work),
  );
  /** Run the queued idle callbacks, each with `ms` of idle time. */
  const idle = async (ms = 50) => {
    const batch = idleQueue.splice(0);
    for (const w of batch) w({ timeRemaining: () => ms });
    await Promise.resolve();
  };
  /** Let every started fake finish loading, then let the promise chains settle. */
  const loadAll = async () => {
    for (const f of all) f.load();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { pool, all, idle, loadAll, idleQueue };
}

describe('WorkerPool', () => {
  it('grows only in idle time, a few workers loading at once', async () => {
    const h = harness();
    h.pool.warm(10);
    expect(h.pool.size).toBe(0); // nothing happens until the page is idle
    await h.idle();
    expect(h.pool.size).toBe(4); // at most four loading at once
    await h.idle();
    expect(h.pool.size).toBe(4); // the next ones wait until those have loaded
    await h.loadAll();
    await h.idle();
    expect(h.pool.size).toBe(8);
    await h.loadAll();
    await h.idle();
    expect(h.pool.size).toBe(10);
    await h.loadAll();
    expect(h.idleQueue).toHaveLength(0); // done: no more idle callbacks asked for
  });

  it('starts one worker in an idle slice with no time left (a page busy every frame still gets its workers)', async () => {
    const h = harness();
    h.pool.warm(3);
    await h.idle(0);
    expect(h.pool.size).toBe(1);
    expect(h.idleQueue).toHaveLength(1); // it asks again
    await h.idle();
    expect(h.pool.size).toBe(3);
  });

  it('never grows beyond its cap, and a run larger than the cap is refused with the numbers', async () => {
    const h = harness(6);
    h.pool.warm(100);
    for (let i = 0; i < 5; i++) {
      await h.idle();
      await h.loadAll();
    }
    expect(h.pool.size).toBe(6);
    expect(h.pool.spawned).toBe(6);
    expect(() => h.pool.take(7)).toThrow(PoolFull);
    expect(() => h.pool.take(7)).toThrow(/7 processes.*allows 6/);
  });

  it('reuses its workers run after run (a Reset attaches the same ones)', async () => {
    const h = harness();
    h.pool.warm(5);
    await h.idle();
    await h.loadAll();
    await h.idle();
    const first = h.pool.take(5);
    for (let run = 0; run < 10; run++) expect(h.pool.take(5)).toEqual(first);
    expect(h.pool.take(3)).toEqual(first.slice(0, 3));
    expect(h.pool.spawned).toBe(5);
  });

  it('take() starts what warming has not reached yet, and warming then goes on from there', async () => {
    const h = harness();
    h.pool.warm(6);
    expect(h.pool.take(2)).toHaveLength(2);
    await h.idle();
    expect(h.pool.size).toBe(6);
    expect(h.pool.spawned).toBe(6);
  });

  it('replaces a dead worker in idle time, at the same index', async () => {
    const h = harness();
    h.pool.warm(3);
    await h.idle();
    await h.loadAll();
    const dead = h.pool.at(1)!;
    dead.dead = true;
    h.pool.warm(3); // e.g. the lab reloads after a crash
    await h.idle();
    expect(dead.terminated).toBe(true);
    expect(h.pool.at(1)).not.toBe(dead);
    expect(h.pool.at(1)!.index).toBe(1);
    expect(h.pool.size).toBe(3);
    expect(h.pool.spawned).toBe(4);
  });

  it('clear() ends every worker and warming starts over', async () => {
    const h = harness();
    h.pool.warm(2);
    await h.idle();
    const before = h.pool.take(2);
    h.pool.clear();
    expect(before.every((f) => f.terminated)).toBe(true);
    expect(h.pool.size).toBe(0);
    await h.loadAll();
    await h.idle();
    expect(h.pool.size).toBe(0); // the old target is gone with the workers
  });
});

describe('WorkerPool: the page needs fewer workers', () => {
  it('a smaller warm() stops the growth a larger one asked for; the workers already started stay', async () => {
    const h = harness(64);
    h.pool.warm(40); // a lab of 40 opens...
    await h.idle();
    await h.loadAll();
    expect(h.pool.size).toBe(4);
    h.pool.warm(6); // ...and the learner switches to 6 before it is warm
    for (let i = 0; i < 5; i++) {
      await h.idle();
      await h.loadAll();
    }
    expect(h.pool.size).toBe(6); // not 40: nothing warms beside the 6-process run
    expect(h.idleQueue).toHaveLength(0);
    h.pool.warm(2); // fewer than it holds: none is ended
    await h.idle();
    expect(h.pool.size).toBe(6);
    expect(h.all.some((f) => f.terminated)).toBe(false);
  });

  it('a wait for more workers than the page now needs fails at once, and leaves the smaller wait to resolve', async () => {
    const h = harness(64);
    h.pool.warm(40);
    let staleError: unknown = null;
    h.pool.whenReady(40).catch((e: unknown) => (staleError = e)); // the 40-process run's prepare, superseded below
    h.pool.warm(3);
    await Promise.resolve();
    await Promise.resolve();
    // Not left waiting: once 40 had loaded, that prepare would attach them all to its stale buffer.
    expect(staleError).toBeInstanceOf(WarmSuperseded);
    let ready = false;
    void h.pool.whenReady(3).then(() => (ready = true));
    await h.idle();
    await h.loadAll();
    expect(ready).toBe(true);
    expect(h.pool.size).toBe(3); // no worker started for the superseded 40
  });

  it('whenReady(n) still warms toward n when the page asked for fewer (the bench and explorer prepare without warm())', async () => {
    const h = harness(64);
    h.pool.warm(2);
    let ready = false;
    void h.pool.whenReady(5).then(() => (ready = true));
    for (let i = 0; i < 3; i++) {
      await h.idle();
      await h.loadAll();
    }
    expect(ready).toBe(true);
    expect(h.pool.size).toBe(5);
  });
});

describe('WorkerPool.whenReady', () => {
  it('resolves once the first n workers have loaded, whatever warming aims for beyond them', async () => {
    const h = harness();
    h.pool.warm(10);
    let ready = false;
    void h.pool.whenReady(2).then(() => (ready = true));
    await h.idle();
    expect(ready).toBe(false);
    h.all[0]!.load();
    h.all[1]!.load();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(ready).toBe(true); // workers 2 and 3 are still loading
  });

  it('refuses more than the cap', async () => {
    await expect(harness(4).pool.whenReady(5)).rejects.toThrow(PoolFull);
  });
});

describe('WorkerPool.whenWarm', () => {
  it('resolves once every worker warming aims for has loaded', async () => {
    const h = harness();
    let warm = false;
    h.pool.warm(2);
    void h.pool.whenWarm().then(() => (warm = true));
    await h.idle();
    await Promise.resolve();
    expect(warm).toBe(false); // started, not loaded
    await h.loadAll();
    expect(warm).toBe(true);
  });
});

describe('WorkerPool: workers started outside warming', () => {
  it('are counted once loaded: whenReady resolves after take() started them (the Python pre-warm takes four)', async () => {
    const h = harness();
    h.pool.take(4);
    let ready = false;
    void h.pool.whenReady(6).then(() => (ready = true));
    await h.idle();
    expect(h.pool.size).toBe(6);
    await h.loadAll();
    await h.idle();
    expect(ready).toBe(true);
  });

  it('a replaced worker is counted once loaded', async () => {
    const h = harness();
    h.pool.take(2);
    await h.loadAll();
    h.pool.replace(1);
    let ready = false;
    void h.pool.whenReady(2).then(() => (ready = true));
    await h.idle();
    expect(ready).toBe(false);
    await h.loadAll();
    await h.idle();
    expect(ready).toBe(true);
  });
});
