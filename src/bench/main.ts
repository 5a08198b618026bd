/**
 * The benchmark page (bench.html). It runs the real machine — Machine.prepare,
 * pooled process workers, the kernel worker, and the view worker draining,
 * folding and logging while the page pulls one snapshot per animation frame,
 * as the lab does — and exposes one function per measurement on `window.__bench`.
 * scripts/bench/ drives it from headless Chromium and takes the medians;
 * each call here is one sample.
 */
import { H, ringEventsFor, type Memory, type RunMode } from '../core/layout';
import { EK } from '../core/events';
import { Machine, type PreparedRun } from '../kernel/bridge';
import { spawnBenchProcess, spawnBenchView } from './processWorkers';
import { runStatus } from '../kernel/scheduler';
import { ViewClient } from '../view/viewClient';
import type { DrainAudit, SnapshotDelta, ViewRequest } from '../view/protocol';
import { scenarioById } from '../scenarios/registry';
import type { Scenario, ScenarioParams } from '../scenarios/types';
import { QUEUE_STRESS_MAX_ITEMS, queueStress } from '../scenarios/queue-stress';
import { benchEvents, benchLock, benchSpawn } from './scenarios';
import { W, type FutexJob } from './futex';
import type { StepJob, StepTimes } from './step.worker';

const RUN_TIMEOUT_MS = 90_000;

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length & 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Resolve once every started process has ended (parallel mode), without waiting for a frame. */
async function waitFinished(mem: Memory, timeoutMs = RUN_TIMEOUT_MS): Promise<void> {
  const i32 = mem.i32;
  const t0 = performance.now();
  for (;;) {
    const seen = Atomics.load(i32, H.doorbell);
    if (runStatus(mem) === 'finished') return;
    if (performance.now() - t0 > timeoutMs) throw new Error(`run did not finish within ${timeoutMs} ms`);
    const w = Atomics.waitAsync(i32, H.doorbell, seen, 50);
    if (w.async) await w.value;
  }
}

const PARALLEL = { mode: 'parallel' as RunMode, seed: 1, speed: 1, turbo: true };

// ---- 1. start + join -----------------------------------------------------------

let spawnMachine: Machine | null = null;

export interface SpawnSample {
  totalMs: number;
  prepareMs: number;
  runMs: number;
  pool: number;
}

/** Start + join `procs` children that each take the lock once. `fresh`: a new Machine (workers created). */
async function spawn(procs: number, fresh: boolean): Promise<SpawnSample> {
  if (fresh || !spawnMachine) {
    spawnMachine?.dispose();
    spawnMachine = new Machine(spawnBenchProcess);
  }
  const machine = spawnMachine;
  const pool = machine.poolSize;
  const t0 = performance.now();
  const prepared = await machine.prepare(benchSpawn, { procs }, PARALLEL);
  const t1 = performance.now();
  await machine.kernelApi.boot();
  await waitFinished(prepared.mem);
  const t2 = performance.now();
  const counter = prepared.mem.i32[(prepared.objs as { counter: number }).counter]!;
  if (counter !== procs) throw new Error(`spawn: ${counter} of ${procs} children took the lock`);
  return { totalMs: t2 - t0, prepareMs: t1 - t0, runMs: t2 - t1, pool };
}

// ---- a parallel run drained like the UI ----------------------------------------

let machine: Machine | null = null;
function benchMachine(): Machine {
  return (machine ??= new Machine(spawnBenchProcess));
}

let view: ViewClient | null = null;
function benchView(): ViewClient {
  return (view ??= new ViewClient(spawnBenchView()));
}

/** What the lab's controller asks each frame of a parallel run that is going. */
const RUNNING: ViewRequest = { booted: true, midStep: false, byHand: false, running: true, judgeDue: false, betweenSteps: false, changed: false, acceptDeadlock: false, dead: [] };

export interface RunPhases {
  bootMs: number;
  endedMs: number;
  firstDrainMs: number;
  lastDrainMs: number;
  drainBusyMs: number;
  batches: number;
  rests: number;
  restsWoken: number;
  /** Runs handed to the fold (events / runs: how finely the writers' sequence numbers interleave). */
  runs: number;
  /** When the clock would have stopped before session 12 (the first frame's pull after the end); `ms` when a frame's pull found the end. */
  frameEndMs: number;
}

export interface DrainedRun {
  prepared: PreparedRun;
  /** The view worker's last answer (the final snapshot's figures and the drain audit). */
  last: SnapshotDelta;
  audit: DrainAudit;
  /** Boot to "every process ended and every event drained", ms. */
  ms: number;
  events: number;
  /** Events whose seq was not the previous one + 1 (must be 0). */
  seqBreaks: number;
  /** Events drained, per kind index. */
  kinds: number[];
  frames: number;
  maxFrameGapMs: number;
  p99FrameGapMs: number;
  /** The longest drain batch in the view worker, ms. */
  drainMsMax: number;
  /** Where the run's time went, ms from t0 (diagnostics): boot answered, every process ended, first and last event drained; the view worker's time in drain batches. */
  phases: RunPhases;
  /** Snapshots the page received and merged (one per frame, and the final one pulled as the run ends). */
  snapshots: number;
}

/**
 * Prepare `scenario` under the parallel mode in turbo, boot it, and let the
 * view worker drain, fold and log its events while the page pulls one
 * snapshot per animation frame (at most one in flight, merged as the lab
 * merges them), until every process ended and every event was drained; the
 * final snapshot is pulled as soon as the last process ends, not at the next frame. The
 * worker audits the stream (events per kind, sequence contiguity; a few ns per
 * event, charged to the run). `quiet` turns the event log off (diagnostics:
 * what the ops cost without it).
 */
async function runDrained(scenario: Scenario, params: ScenarioParams, quiet = false): Promise<DrainedRun> {
  const m = benchMachine();
  const v = benchView();
  const prepared = await m.prepare(scenario, params, PARALLEL);
  const mem = prepared.mem;
  // The event log off (H.quiet, read by each process as it starts): the cost of the ops alone.
  if (quiet) Atomics.store(mem.i32, H.quiet, 1);
  await v.open({ sab: mem.sab, scenarioId: scenario.id, params, mode: 'parallel', audit: true });

  return new Promise<DrainedRun>((resolve, reject) => {
    const gaps: number[] = [];
    let last = 0;
    let t0 = 0;
    let booted = false;
    let snapshots = 0;
    let done = false;
    let bootMs = NaN;
    let endedMs = NaN;
    /** `askedAt`: when the final pull was sent; `byFrame`: a frame's pull, not the one sent as the run ended. */
    const finish = (d: SnapshotDelta, askedAt: number, byFrame: boolean) => {
      done = true;
      const end = performance.now();
      // The stretch after the last frame counts as a gap too (the page drew nothing until the end).
      gaps.push(end - last);
      const ms = end - t0;
      const audit = d.audit!;
      const at = (epochMs: number) => epochMs - performance.timeOrigin - t0;
      const phases: RunPhases = { bootMs, endedMs, firstDrainMs: at(audit.firstAt), lastDrainMs: at(audit.lastAt), drainBusyMs: audit.busyMs, batches: audit.batches, rests: audit.rests, restsWoken: audit.restsWoken, runs: audit.runs, frameEndMs: ms };
      const settle = () => resolve({ prepared, last: d, audit, ms, events: audit.drained, seqBreaks: audit.seqBreaks, kinds: audit.kinds, frames: gaps.length - 1, maxFrameGapMs: Math.max(0, ...gaps), p99FrameGapMs: quantile(gaps, 0.99), drainMsMax: audit.batchMsMax, phases, snapshots });
      if (byFrame) return settle();
      // What the clock read before session 12: the next frame's pull (its round trip taken as this one's).
      requestAnimationFrame(() => {
        phases.frameEndMs = performance.now() - t0 + (end - askedAt);
        settle();
      });
    };
    let ended = false;
    const pull = (byFrame: boolean) => {
      if (done || v.busy || !booted) return;
      const askedAt = performance.now();
      void v.pull(RUNNING).then((p) => {
        if (done) return;
        if (p) {
          snapshots++;
          if (p.delta.status === 'finished' && p.delta.audit!.drained === p.delta.audit!.issued) return finish(p.delta, askedAt, byFrame);
        }
        // Every process has ended: take the rest now, not at the next frame (see waitFinished below).
        if (ended) pull(false);
      }, reject);
    };
    const tick = () => {
      if (done) return;
      const now = performance.now();
      gaps.push(now - last);
      last = now;
      pull(true);
      if (now - t0 > RUN_TIMEOUT_MS) {
        reject(new Error(`${scenario.id} did not finish within ${RUN_TIMEOUT_MS} ms (drained ${v.snapshot?.seq ?? 0} of ${Atomics.load(mem.i32, H.seq)})`));
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(() => {
      t0 = performance.now();
      last = t0;
      m.kernelApi.boot().then(() => {
        booted = true;
        bootMs = performance.now() - t0;
      }, reject);
      // The clock stops when the page holds the final snapshot (every event drained, folded and logged), pulled as
      // soon as the last process ends. Waiting for the next frame's pull instead added 0–16.7 ms to every run: a
      // 1 M-event run (~100 ms) read 10–20 % slow, and the figures came out in whole frames (51, 67, 150, 167 ms).
      waitFinished(mem).then(() => {
        endedMs = performance.now() - t0;
        ended = true;
        pull(false);
      }, reject);
      requestAnimationFrame(tick);
    });
  });
}

// ---- 2. lock / unlock throughput -------------------------------------------------

export interface RateSample {
  ms: number;
  ops: number;
  opsPerSec: number;
}

export interface LockSample extends RateSample {
  events: number;
  eventsPerSec: number;
  maxFrameGapMs: number;
  seqBreaks: number;
  /** Writers' waits for ring room (H.ringWaits). */
  ringWaits: number;
}

async function lock(procs: number, iters: number, quiet = false): Promise<LockSample> {
  const r = await runDrained(benchLock, { procs, iters }, quiet);
  const counter = r.prepared.mem.i32[(r.prepared.objs as { counter: number }).counter]!;
  if (counter !== procs * iters) throw new Error(`lock: count ${counter}, expected ${procs * iters} (mutual exclusion broken)`);
  const ops = procs * iters;
  return { ms: r.ms, ops, opsPerSec: (ops / r.ms) * 1000, events: r.events, eventsPerSec: (r.events / r.ms) * 1000, maxFrameGapMs: r.maxFrameGapMs, seqBreaks: r.seqBreaks, ringWaits: Atomics.load(r.prepared.mem.i32, H.ringWaits) };
}

const futexWorkers: Worker[] = [];
let futexRound = 0;

/** The same loop on a bare futex in `procs` plain workers (pooled), no events. */
async function futex(procs: number, iters: number): Promise<RateSample> {
  while (futexWorkers.length < procs) futexWorkers.push(new Worker(new URL('./futex.worker.ts', import.meta.url), { type: 'module', name: `bench-futex-${futexWorkers.length}` }));
  const sab = new SharedArrayBuffer(W.words * 4);
  const i32 = new Int32Array(sab);
  const round = ++futexRound;
  i32[W.start] = round;
  await Promise.all(
    futexWorkers.slice(0, procs).map(
      (w) =>
        new Promise<void>((resolve) => {
          w.onmessage = () => resolve();
          const job: FutexJob = { sab, iters, round };
          w.postMessage(job);
        }),
    ),
  );
  const t0 = performance.now();
  Atomics.store(i32, W.start, round + 1);
  Atomics.notify(i32, W.start);
  for (;;) {
    const done = Atomics.load(i32, W.done);
    if (done === procs) break;
    const w = Atomics.waitAsync(i32, W.done, done, RUN_TIMEOUT_MS);
    if (w.async && (await w.value) === 'timed-out') throw new Error('futex workers did not finish');
  }
  const ms = performance.now() - t0;
  const ops = procs * iters;
  if (i32[W.counter] !== ops) throw new Error(`futex: count ${i32[W.counter]}, expected ${ops}`);
  return { ms, ops, opsPerSec: (ops / ms) * 1000 };
}

// ---- 3. event pipeline -------------------------------------------------------------

export interface PipelineSample {
  ms: number;
  /** Every event drained (includes start/spawn/join/exit/block/wake). */
  events: number;
  eventsPerSec: number;
  /** The 'note' events the children emitted, and how many were drained. */
  emitted: number;
  drainedNotes: number;
  seqBreaks: number;
  /** H.seq at the end: sequence numbers handed out. */
  seqIssued: number;
  /** Events folded into the store (fold.seq) and kept or counted by the columnar log. */
  folded: number;
  logged: number;
  frames: number;
  maxFrameGapMs: number;
  p99FrameGapMs: number;
  drainMsMax: number;
  /** Snapshots the page received (one per frame at most). */
  snapshots: number;
  /** Writers' waits for ring room (H.ringWaits). */
  ringWaits: number;
  phases: RunPhases;
}

async function pipeline(procs: number, events: number): Promise<PipelineSample> {
  const r = await runDrained(benchEvents, { procs, events });
  return pipelineSample(r, procs * events);
}

function pipelineSample(r: DrainedRun, emitted: number): PipelineSample {
  return {
    ms: r.ms,
    events: r.events,
    eventsPerSec: (r.events / r.ms) * 1000,
    emitted,
    drainedNotes: r.kinds[EK.note]!,
    seqBreaks: r.seqBreaks,
    seqIssued: Atomics.load(r.prepared.mem.i32, H.seq),
    folded: r.last.seq,
    logged: r.last.logLength + r.last.logOverflow,
    frames: r.frames,
    maxFrameGapMs: r.maxFrameGapMs,
    p99FrameGapMs: r.p99FrameGapMs,
    drainMsMax: r.drainMsMax,
    snapshots: r.snapshots,
    ringWaits: Atomics.load(r.prepared.mem.i32, H.ringWaits),
    phases: r.phases,
  };
}

export interface DrainOnlySample {
  events: number;
  /** Events each child emitted (a ring's worth). */
  eventsPerProc: number;
  ms: number;
  eventsPerSec: number;
  /** One drain() call with no time budget, over rings filled while nobody read them. */
  seqBreaks: number;
}

/**
 * The drain alone, with no writer competing for a core: `procs` children fill
 * their rings (events ≤ ring size, so nobody waits) while the view worker
 * holds off, then one unbudgeted LiveRun.drain in the view worker folds and
 * logs everything. The ceiling of what the fold can do.
 */
async function drainOnly(procs: number): Promise<DrainOnlySample> {
  const m = benchMachine();
  // As many events as a ring holds (main + `procs` children share the ring budget), less room for start/exit.
  const params = { procs, events: ringEventsFor(procs + 1) - 8 };
  const events = params.events;
  const prepared = await m.prepare(benchEvents, params, PARALLEL);
  const mem = prepared.mem;
  if (events + 8 > mem.layout.cfg.ringEvents) throw new Error(`drainOnly: ${events} events do not fit a ring of ${mem.layout.cfg.ringEvents}`);
  const v = benchView();
  await v.open({ sab: mem.sab, scenarioId: benchEvents.id, params, mode: 'parallel', hold: true });
  await m.kernelApi.boot();
  await waitFinished(mem);
  const issued = Atomics.load(mem.i32, H.seq);
  const r = await v.api.drainAll(v.current);
  if (!r) throw new Error('drainOnly: the view worker lost the run');
  return { events: r.events, eventsPerProc: events, ms: r.ms, eventsPerSec: (r.events / r.ms) * 1000, seqBreaks: issued - r.events };
}

// ---- 4. step latency -------------------------------------------------------------------

let stepWorker: Worker | null = null;

export interface StepSample {
  /** In the bench worker: Scheduler.step() (choose + grant + wait for the park), µs. */
  grantMedianUs: number;
  grantMeanUs: number;
  grantP90Us: number;
  /** On the page: await kernelApi.step() through Comlink, µs. */
  roundTripMedianUs: number;
  steps: number;
  roundTrips: number;
}

/** 4 children contending for one Lock forever; time `steps` grants in a worker, then `roundTrips` kernel steps from the page. */
async function step(mode: 'step' | 'clock', steps: number, roundTrips: number): Promise<StepSample> {
  const m = benchMachine();
  const prepared = await m.prepare(benchLock, { procs: 4, iters: 1e9 }, { mode, seed: 1, speed: 1, turbo: true });
  stepWorker ??= new Worker(new URL('./step.worker.ts', import.meta.url), { type: 'module', name: 'bench-step' });
  const w = stepWorker;
  const mainProgram = Object.keys(benchLock.programs).indexOf(benchLock.main);
  const times = await new Promise<StepTimes>((resolve) => {
    w.onmessage = (e: MessageEvent<StepTimes>) => resolve(e.data);
    const job: StepJob = { sab: prepared.mem.sab, config: { mode, seed: 1, mainProgram, turbo: true }, steps };
    w.postMessage(job);
  });
  // The first grants start the children (a spawn waits for the child's worker to wake): not steady state.
  const steady = times.us.slice(Math.min(100, times.us.length >> 2));
  const rt: number[] = [];
  for (let i = 0; i < roundTrips; i++) {
    const a = performance.now();
    const r = await m.kernelApi.step(null);
    rt.push((performance.now() - a) * 1000);
    if (r.granted < 0) break;
  }
  m.stop();
  return {
    grantMedianUs: median(steady),
    grantMeanUs: (steady.reduce((a, b) => a + b, 0) / steady.length) || NaN,
    grantP90Us: quantile(steady, 0.9),
    roundTripMedianUs: median(rt),
    steps: times.steps,
    roundTrips: rt.length,
  };
}

// ---- 5. the queue stress -------------------------------------------------------------

export interface QueueSample extends RateSample {
  itemsPerSec: number;
  lost: number;
  duplicated: number;
  /** The same check from the drained event log (ItemTally): items put and got exactly once. */
  loggedPuts: number;
  loggedOnce: number;
  events: number;
  eventsPerSec: number;
  maxFrameGapMs: number;
  seqBreaks: number;
}

async function queue(producers: number, consumers: number, items: number, capacity: number, quiet = false): Promise<QueueSample> {
  const r = await runDrained(queueStress, { producers, consumers, items, maxsize: capacity }, quiet);
  const i32 = r.prepared.mem.i32;
  const objs = r.prepared.objs as { tally: number; q: { id: number } };
  const total = producers * items;
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < total; i++) {
    const n = i32[objs.tally + i]!;
    if (n === 0) lost++;
    else if (n > 1) duplicated++;
  }
  const tally = await benchView().api.tally(benchView().current, objs.q.id);
  if (!tally) throw new Error('queue: the view worker lost the run');
  // Sentinels (None) are items too: one per consumer.
  let loggedPuts = tally.puts - consumers;
  let loggedOnce = tally.takenOnce - consumers;
  if (quiet) loggedOnce = loggedPuts = -1;
  return {
    ms: r.ms,
    ops: total,
    opsPerSec: (total / r.ms) * 1000,
    itemsPerSec: (total / r.ms) * 1000,
    lost,
    duplicated,
    loggedPuts,
    loggedOnce,
    events: r.events,
    eventsPerSec: (r.events / r.ms) * 1000,
    maxFrameGapMs: r.maxFrameGapMs,
    seqBreaks: r.seqBreaks,
  };
}

// ---- environment -------------------------------------------------------------------------

/**
 * What the rows depend on, from the code's exports (scripts/bench/ never reads numbers out of source text):
 * the most ticket clients the app accepts (above it the 1,000-lane rows are "not available") and the most
 * items per producer its queue-stress takes.
 */
function facts() {
  const clients = scenarioById.get('tickets')?.params.find((p) => p.name === 'clients');
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    ticketsMaxClients: clients?.max ?? 0,
    queueStressMaxItems: QUEUE_STRESS_MAX_ITEMS,
  };
}

const api = { facts, spawn, lock, futex, pipeline, drainOnly, step, queue };
export type BenchApi = typeof api;

declare global {
  interface Window {
    __bench?: BenchApi;
  }
}

window.__bench = api;
document.getElementById('status')!.textContent = globalThis.crossOriginIsolated ? 'ready' : 'not cross-origin isolated';
document.body.dataset.ready = '1';
