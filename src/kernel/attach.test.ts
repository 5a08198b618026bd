import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { Memory } from '../core/layout';
import { RingReader } from '../core/events';
import { World, heapWordsFor } from '../core/world';
import { scenarios } from '../core/testing/scenarios';
import { AttachBoard, AttachFailed, AttachReceiver, AttachSuperseded, attachEach, isAttachFailure, type AttachOrder, type AttachTarget } from './attach';
import { Scheduler, bootMain, runStatus } from './scheduler';
import { nodeWorkerReady, startNodeWorker } from './testing/nodeMachine';

const registryModule = new URL('../core/testing/scenarios.ts', import.meta.url).href;
const counter = scenarios.find((s) => s.id === 'counter')!;
const PROCS = 3;
const PARAMS = { procs: PROCS, n: 200, locked: true };

/** A fresh buffer for the counter scenario (main + PROCS workers), set up as the page sets one up. */
function counterRun() {
  const heapWords = heapWordsFor((w) => counter.setup(w, PARAMS), (words) => Memory.create({ maxProcs: 1, ringEvents: 2, heapWords: words }));
  const mem = Memory.create({ maxProcs: PROCS + 1, heapWords });
  const objs = counter.setup(new World(mem, true), PARAMS) as unknown as { num: { peek(): number } };
  return { mem, objs };
}

const COUNTER_MAIN = Object.keys(counter.programs).indexOf(counter.main);

/**
 * Boot the run in parallel mode and drain it until every process has ended; the counter's final value.
 * `start`: who starts main once the kernel has loaded the run (by default the kernel's scheduler).
 */
async function runToEnd(mem: Memory, objs: { num: { peek(): number } }, start?: () => void): Promise<number> {
  const scheduler = new Scheduler(mem, { mode: 'parallel', seed: 1, mainProgram: COUNTER_MAIN });
  const reader = new RingReader(mem);
  if (start) start();
  else scheduler.boot(Date.now());
  const deadline = Date.now() + 30_000;
  while (runStatus(mem) !== 'finished') {
    reader.drain(() => {});
    if (Date.now() > deadline) throw new Error('the run did not finish');
    await new Promise((r) => setTimeout(r, 2));
  }
  return objs.num.peek();
}

/**
 * Real worker threads behind an attach target; `replaced` lists the indexes replaced, in order. A replacement
 * is a loaded spare when there is one: the sweep's retry time is then for the attach, not for a module load
 * (seconds, and unbounded on a busy machine).
 */
function threads(workers: Worker[], board: AttachBoard, spares: Worker[] = []) {
  const replaced: number[] = [];
  const listen = (w: Worker) => w.on('message', (m: unknown) => isAttachFailure(m) && workers.includes(w) && board.fail(m));
  workers.forEach(listen);
  const target: AttachTarget = {
    post: (i, order) => workers[i]!.postMessage(order),
    replace: (i) => {
      replaced.push(i);
      void workers[i]!.terminate();
      workers[i] = spares.shift() ?? startNodeWorker(registryModule);
      listen(workers[i]!);
    },
  };
  return { target, replaced };
}

/** Block this thread (Node allows it) until worker `index` has answered its last order on the board. */
function untilAnswered(board: AttachBoard, order: AttachOrder, index: number): void {
  const doorbell = new Int32Array(order.board);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const seen = Atomics.load(doorbell, 0);
    if (board.attached(index)) return;
    if (Date.now() > deadline) throw new Error(`worker ${index} did not answer`);
    Atomics.wait(doorbell, 0, seen, 100);
  }
}

/** A thread that never answers anything (a runaway program, a hung worker). */
const stuckThread = () => new Worker('setInterval(() => {}, 1000);', { eval: true });

let live: Worker[] = [];
afterEach(async () => {
  await Promise.all(live.map((w) => w.terminate()));
  live = [];
});

/** `n` loaded workers (and `spares` more, for the replacements), all ended after the test. */
async function pool(n: number, spares = 0): Promise<Worker[]> {
  live = await Promise.all(Array.from({ length: n + spares }, () => nodeWorkerReady(startNodeWorker(registryModule))));
  return live.slice(0, n);
}

describe('attach sweep (real threads)', () => {
  it('attaches every worker with one order each, answered on the board, and they run the program', async () => {
    const workers = await pool(PROCS + 1);
    const board = new AttachBoard(workers.length);
    const { target, replaced } = threads(workers, board);
    const { mem, objs } = counterRun();
    await attachEach(board, workers.length, (i) => board.order(i, mem.sab, 'counter', PARAMS), target, { first: 20_000, retry: 20_000 });
    expect(replaced).toEqual([]);
    for (let i = 0; i < workers.length; i++) expect(board.attached(i)).toBe(true);
    expect(await runToEnd(mem, objs)).toBe(PROCS * PARAMS.n);
  });

  it('a parallel run started from the page (bootMain, no kernel call) runs to the end on the attached workers', async () => {
    const workers = await pool(PROCS + 1);
    const board = new AttachBoard(workers.length);
    const { target } = threads(workers, board);
    const { mem, objs } = counterRun();
    await attachEach(board, workers.length, (i) => board.order(i, mem.sab, 'counter', PARAMS), target, { first: 20_000, retry: 20_000 });
    expect(runStatus(mem)).toBe('idle');
    // What Machine.startParallel does on the Run click: a few stores and a notify from the page's thread.
    expect(await runToEnd(mem, objs, () => bootMain(mem, COUNTER_MAIN, Date.now()))).toBe(PROCS * PARAMS.n);
    expect(mem.processName(0)).toBe('MainProcess');
  });

  it('replaces a stuck worker and attaches its replacement; the run then uses it', async () => {
    const workers = await pool(PROCS + 1, 1);
    const spares = live.slice(PROCS + 1);
    void workers[2]!.terminate();
    workers[2] = stuckThread();
    const board = new AttachBoard(workers.length);
    const { target, replaced } = threads(workers, board, spares);
    // The others answer before the sweep's clock starts: on a busy machine a healthy thread may not
    // run for longer than the 500 ms the stuck one is given, and would be replaced too.
    const othersFirst: AttachTarget = {
      post: (i, order) => {
        target.post(i, order);
        if (i !== 2) untilAnswered(board, order, i);
      },
      replace: (i) => target.replace(i),
    };
    const { mem, objs } = counterRun();
    await attachEach(board, workers.length, (i) => board.order(i, mem.sab, 'counter', PARAMS), othersFirst, { first: 500, retry: 20_000 });
    live = [...workers, ...spares];
    expect(replaced).toEqual([2]);
    expect(board.attached(2)).toBe(true);
    expect(await runToEnd(mem, objs)).toBe(PROCS * PARAMS.n);
  });

  it('replaces a worker that could not attach, and fails with its reason when the replacement cannot either', async () => {
    const workers = await pool(2, 2);
    const spares = live.slice(2);
    const board = new AttachBoard(workers.length);
    const { target, replaced } = threads(workers, board, spares);
    const { mem } = counterRun();
    let asked = 0;
    // Worker 1 is first given a scenario it does not know (as a worker built without it would be).
    const healed = (i: number) => board.order(i, mem.sab, i === 1 && asked++ === 0 ? 'no-such-scenario' : 'counter', PARAMS);
    await attachEach(board, 2, healed, target, { first: 20_000, retry: 20_000 });
    live = [...workers, ...spares];
    expect(replaced).toEqual([1]);
    expect(board.attached(1)).toBe(true);

    const never = (i: number) => board.order(i, mem.sab, i === 0 ? 'no-such-scenario' : 'counter', PARAMS);
    const failed = attachEach(board, 2, never, target, { first: 20_000, retry: 20_000 });
    await expect(failed).rejects.toThrow(/worker 0 could not attach: Unknown scenario "no-such-scenario"/);
    // As data the page words in its language (lab.error.attach), the worker's own text apart.
    await expect(failed).rejects.toMatchObject({ constructor: AttachFailed, index: 0, reason: 'Unknown scenario "no-such-scenario"' });
    live = [...workers, ...spares];
  });
});

describe('attach sweeps', () => {
  it('a sweep overtaken by a newer run stops without replacing or re-ordering the workers the newer one uses', async () => {
    const sab = Memory.create({ maxProcs: 2, heapWords: 64 }).sab;
    const board = new AttachBoard(2);
    const posted: [number, number][] = [];
    const replaced: number[] = [];
    const receivers = [0, 1].map(() => new AttachReceiver(() => {}, () => {}));
    // Worker 1 is slow: it answers only what it is ordered after the newer sweep began.
    let answerLate = false;
    const target: AttachTarget = {
      post: (i, order) => {
        posted.push([i, order.ticket]);
        if (i === 0 || answerLate) void receivers[i]!.receive(order);
      },
      replace: (i) => void replaced.push(i),
    };
    const older = attachEach(board, 2, (i) => board.order(i, sab, 'counter', PARAMS), target, { first: 200, retry: 200 });
    answerLate = true;
    const newer = attachEach(board, 2, (i) => board.order(i, sab, 'counter', PARAMS), target, { first: 5_000, retry: 5_000 });
    await expect(older).rejects.toThrow(AttachSuperseded);
    await newer;
    expect(replaced).toEqual([]);
    expect(posted.map(([i]) => i)).toEqual([0, 1, 0, 1]);
    expect(board.attached(0) && board.attached(1)).toBe(true);
  });
});

describe('attach orders (one worker)', () => {
  const sab = Memory.create({ maxProcs: 1, heapWords: 64 }).sab;

  it('an order overtaken by a newer one neither attaches nor answers, even when it finishes loading last', async () => {
    const board = new AttachBoard(1);
    const attachedTo: number[] = [];
    let finishOld = () => {};
    const receiver = new AttachReceiver(
      async (o, current) => {
        // The first order loads something slow (a Python interpreter); the second needs nothing.
        if (o.ticket === 1) await new Promise<void>((r) => (finishOld = r));
        if (current()) attachedTo.push(o.ticket);
      },
      () => {},
    );
    const old = board.order(0, sab, 'counter', PARAMS);
    const fresh = board.order(0, sab, 'counter', PARAMS);
    const first = receiver.receive(old);
    await receiver.receive(fresh);
    finishOld();
    await first;
    expect(attachedTo).toEqual([fresh.ticket]);
    expect(board.attached(0)).toBe(true);
    // An old order delivered late (after the newer one) is ignored outright.
    await receiver.receive(old);
    expect(attachedTo).toEqual([fresh.ticket]);
  });

  it('an answer to an earlier order (an earlier run, a replaced worker) does not count for the current one', async () => {
    const board = new AttachBoard(2);
    const stale = board.order(1, sab, 'counter', PARAMS);
    board.order(1, sab, 'counter', PARAMS); // the next run's order, not answered yet
    await new AttachReceiver(() => {}, () => {}).receive(stale as AttachOrder);
    expect(board.attached(1)).toBe(false);
    const settled = await board.settle([1], 50);
    expect(settled).toEqual({ pending: [1], failed: [] });
  });

  it('a worker that died fails its order at once instead of waiting out the timeout', async () => {
    const board = new AttachBoard(1);
    board.order(0, sab, 'counter', PARAMS);
    setTimeout(() => board.abandon(0, 'worker error'), 10);
    // Far beyond the test's own timeout: only the failure can end this wait in time.
    const settled = await board.settle([0], 600_000);
    expect(settled).toEqual({ pending: [], failed: [{ index: 0, message: 'worker error' }] });
  });

  it('the board is shared memory the workers write (no reply messages)', () => {
    const board = new AttachBoard(4);
    const o = board.order(3, sab, 'counter', PARAMS);
    expect(o.board).toBeInstanceOf(SharedArrayBuffer);
    expect(new Int32Array(o.board).length).toBe(1 + 4);
    expect(() => board.order(4, sab, 'counter', PARAMS)).toThrow(RangeError);
  });
});
