/**
 * The view pipeline under real threads: writer processes on worker_threads
 * fill small rings while the view worker (its real body, on a thread of its
 * own) drains, folds and logs them, and this thread plays the page — a slow
 * one, then a hidden one that asks for nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { EK } from '../core/events';
import { H } from '../core/layout';
import { useNodeMachine } from '../kernel/testing/useNodeMachine';
import { Scheduler } from '../kernel/scheduler';
import { benchEvents } from '../bench/scenarios';
import { logEvents } from '../lab/trace';
import type { EventLog } from '../lab/eventLog';
import { ViewClient } from './viewClient';
import type { ViewRequest } from './protocol';

const registryModule = new URL('./testing/registry.ts', import.meta.url).href;
const PROCS = 2;
const EVENTS = 60_000;

const machine = useNodeMachine(registryModule, PROCS + 1);
let viewThread: Worker;
let view: ViewClient;

beforeAll(async () => {
  viewThread = new Worker(fileURLToPath(new URL('./testing/bootstrap.mjs', import.meta.url)), { workerData: { registryModule } });
  await new Promise<void>((resolve, reject) => {
    viewThread.once('message', () => resolve());
    viewThread.once('error', reject);
  });
  view = new ViewClient(nodeEndpoint(viewThread));
}, 120_000);

afterAll(async () => {
  await viewThread?.terminate();
});

const RUNNING: ViewRequest = { booted: true, midStep: false, byHand: false, running: true, judgeDue: false, betweenSteps: false, changed: false, acceptDeadlock: false, dead: [] };

/** Block this thread for `ms` (a page busy in a long React commit). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the view worker', () => {
  it('drains every event in order while the page is slow or hidden; answers coalesce; the log is read from shared memory', async () => {
    // Rings of 256 events: writers would stall within a millisecond if only the page's pulls drained them.
    const { mem } = await machine().attach('bench-events', { procs: PROCS, events: EVENTS }, { layout: { ringEvents: 256 } });
    const log = await view.open({ sab: mem.sab, scenarioId: benchEvents.id, params: { procs: PROCS, events: EVENTS }, mode: 'parallel', audit: true });
    expect(log).not.toBeNull();
    new Scheduler(mem, { mode: 'parallel', seed: 1, mainProgram: Object.keys(benchEvents.programs).indexOf(benchEvents.main), turbo: true }).boot(Date.now());

    // Hidden: no pulls at all for a while. The writers still get through their rings (waited for, not 400 ms:
    // a loaded machine may take seconds to start the threads; undrained rings would stall them for good).
    for (const t0 = Date.now(); Atomics.load(mem.i32, H.seq) <= 256 * (PROCS + 1) && Date.now() - t0 < 30_000; ) await sleep(10);
    const seqWhileHidden = Atomics.load(mem.i32, H.seq);
    expect(seqWhileHidden).toBeGreaterThan(256 * (PROCS + 1));

    // Slow: one pull, then 40 ms of blocked page, until the run is over.
    let answers = 0;
    let drainedTotal = 0;
    let last: Awaited<ReturnType<ViewClient['pull']>> | undefined;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const pending = view.pull(RUNNING);
      // At most one request in flight: a second ask while one is pending gets nothing.
      expect(await view.pull(RUNNING)).toBeNull();
      const p = await pending;
      if (p) {
        answers++;
        drainedTotal += p.delta.drained;
        last = p;
        if (p.delta.status === 'finished' && p.delta.audit!.drained === p.delta.audit!.issued) break;
      }
      if (Date.now() > deadline) throw new Error('the run did not finish');
      busy(40);
    }
    const d = last!.delta;
    const issued = Atomics.load(mem.i32, H.seq);
    // No loss: every sequence number handed out was drained, folded and logged, in order.
    expect(d.audit!.seqBreaks).toBe(0);
    expect(d.audit!.drained).toBe(issued);
    expect(d.audit!.kinds[EK.note]).toBe(PROCS * EVENTS);
    expect(drainedTotal).toBe(issued);
    expect(d.seq).toBe(issued);
    expect(log!.length).toBe(issued);
    expect(log!.overflow).toBe(0);
    // Snapshots coalesce: far fewer answers than drain batches' worth of events.
    expect(answers).toBeLessThan(issued / 1000);
    // The page reads the log the worker wrote: each child's notes, 0..EVENTS-1 in order.
    const next = new Map<number, number>();
    for (let i = 0; i < log!.length; i++) {
      if (log!.kind[i] !== EK.note) continue;
      const pid = log!.pid[i]!;
      expect(log!.arg[i]).toBe(next.get(pid) ?? 0);
      next.set(pid, log!.arg[i]! + 1);
    }
    expect([...next.values()]).toEqual(Array(PROCS).fill(EVENTS));
    // The lanes are all there and done.
    expect(last!.snapshot.lanes.map((l) => l.state)).toEqual(Array(PROCS + 1).fill('done'));
    expect(await view.pull({ ...RUNNING, running: false })).toBeNull(); // nothing new: nothing to send
  }, 120_000);

  it('moments: the latest request wins; earlier ones waiting resolve null', async () => {
    const { mem } = await machine().attach('bench-events', { procs: 1, events: 50 });
    await view.open({ sab: mem.sab, scenarioId: benchEvents.id, params: { procs: 1, events: 50 }, mode: 'parallel' });
    new Scheduler(mem, { mode: 'parallel', seed: 1, mainProgram: Object.keys(benchEvents.programs).indexOf(benchEvents.main), turbo: true }).boot(Date.now());
    // Until the run is over (not 200 pulls: a loaded machine may take seconds to start its thread).
    for (const deadline = Date.now() + 50_000; (await view.pull(RUNNING))?.delta.status !== 'finished'; await sleep(10)) {
      if (Date.now() > deadline) throw new Error('the run did not finish');
    }
    const [a, b, c] = await Promise.all([view.moment(10), view.moment(20), view.moment(30)]);
    expect(a).toBeNull(); // superseded while it was computed
    expect(b).toBeNull(); // superseded while it waited
    expect(c?.index).toBe(30);
    expect(c?.snapshot.seq).toBe(30);
    expect(c?.snapshot.logLength).toBe(view.log!.length);
    // Event 29 is a child's note: the narration names it.
    expect(c?.narration.length).toBeGreaterThan(0);
  }, 60_000);

  it('each run\'s log is written into the last run\'s memory: long, short, long again each read back in order; export and scrub read the new run; the old log reads empty', async () => {
    /** One run of bench-events to its verdict; the page's log of it. */
    async function run(procs: number, events: number): Promise<EventLog> {
      const { mem } = await machine().attach('bench-events', { procs, events });
      const log = await view.open({ sab: mem.sab, scenarioId: benchEvents.id, params: { procs, events }, mode: 'parallel' });
      new Scheduler(mem, { mode: 'parallel', seed: 1, mainProgram: Object.keys(benchEvents.programs).indexOf(benchEvents.main), turbo: true }).boot(Date.now());
      const deadline = Date.now() + 60_000;
      while ((await view.pull(RUNNING))?.delta.status !== 'finished') {
        if (Date.now() > deadline) throw new Error('the run did not finish');
        await sleep(10);
      }
      expect(log!.length).toBe(Atomics.load(mem.i32, H.seq));
      return log!;
    }
    /** Each child's notes 0..events-1 in order, in the log and in the export; a scrub near the end is this run's. */
    async function readsBack(log: EventLog, procs: number, events: number): Promise<void> {
      const exported = logEvents(log);
      expect(exported.length).toBe(log.length);
      const next = new Map<number, number>();
      for (const e of exported) {
        if (e.kind !== 'note') continue;
        if (e.arg !== (next.get(e.pid) ?? 0)) throw new Error(`event ${e.seq}: pid ${e.pid} note ${e.arg}, expected ${next.get(e.pid) ?? 0}`);
        next.set(e.pid, e.arg + 1);
      }
      expect([...next.values()]).toEqual(Array(procs).fill(events));
      const m = await view.moment(log.length - 2);
      expect([m?.index, m?.snapshot.seq, m?.snapshot.logLength]).toEqual([log.length - 2, log.length - 2, log.length]);
      expect(m?.snapshot.lanes.length).toBe(procs + 1);
    }
    const long = await run(1, 30_000);
    await readsBack(long, 1, 30_000);
    const short = await run(1, 50);
    // The same memory, grown by the long run (a fresh log starts with room for 1,024 events).
    expect(short.buffers.pid.byteLength).toBe(long.buffers.pid.byteLength);
    expect(long.length).toBe(0); // the page's log of the last run reads empty, not the new run's events
    await readsBack(short, 1, 50);
    const again = await run(2, 20_000);
    expect(short.length).toBe(0);
    await readsBack(again, 2, 20_000);
  }, 120_000);
});
