/**
 * Micro-bench of the per-op and per-event costs (issue 9), on real Node
 * worker_threads and the app's own code over one shared buffer:
 *   - the ring write in a process (Runtime.emit → appendEvent), alone;
 *   - RingReader.drain with a sink that only counts; then + RunFold.event;
 *     EventLog.push alone; the real LiveRun.drain (drain + fold + log);
 *   - the pipeline: writer threads emitting (bare events, or real Lock pairs
 *     with the log on) while this thread runs LiveRun.drain without a frame
 *     budget, every event checked for seq contiguity;
 *   - Lock acquire/release pairs with the log off vs a bare futex, 1 thread.
 * Prints ns per event (op, pair): medians of `--samples` (5), with the load average. One
 * thread's work alone is timed in CPU time (robust on a busy machine); the pipeline in wall time.
 * Run: node scripts/hotpath.mjs [--quick] [--samples N] [--only reader|cross|writer|lock|pipeline]
 * (it bundles the code first, as the page is bundled). Rows also print each sample and the min.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { appendEvent, EK, RingReader, auditDrain } from '../../core/events';
import { E, H, Memory, Mode, S } from '../../core/layout';
import { Lock } from '../../core/sync';
import { World } from '../../core/world';
import { trackObjects } from '../../kinds/registry';
import { EventLog } from '../../lab/eventLog';
import { RunFold } from '../../lab/fold';
import { LiveRun } from '../../lab/liveRun';
import { benchLock } from '../scenarios';
import { benchObjects, schedSince, threadSched, type HotAnswer, type HotJob, type ThreadSched } from './hotpathShared';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const samplesAt = args.indexOf('--samples');
const SAMPLES = samplesAt >= 0 ? Number(args[samplesAt + 1]) : 5;
const onlyAt = args.indexOf('--only');
/** Whether the group `name` runs (all of them unless --only names one). */
const group = (name: 'reader' | 'cross' | 'writer' | 'lock' | 'pipeline') => onlyAt < 0 || args[onlyAt + 1] === name;
const RING = 16384;
const WRITERS = 2;
const PROCS = WRITERS + 1; // the writers, and this thread's own slot for prefilled rings
const N_EMIT = quick ? 1 << 20 : 1 << 22;
const N_PAIRS = quick ? 1 << 20 : 1 << 22;
const N_FLOOD = quick ? 1 << 19 : 1 << 21;

const mem = Memory.create({ maxProcs: PROCS, ringEvents: RING, heapWords: 4096 });
const i32 = mem.i32;
Atomics.store(i32, H.mode, Mode.parallel);
const world = new World(mem, true);
const objs = benchObjects(world, (w) => new Lock(w, 'lock'));
const entry = fileURLToPath(new URL('./hotpathWorker.mjs', import.meta.url));

const workers = await Promise.all(
  Array.from({ length: WRITERS }, (_, pid) => {
    const w = new Worker(entry, { workerData: { sab: mem.sab, pid }});
    return new Promise<Worker>((resolve, reject) => {
      w.once('message', () => resolve(w));
      w.once('error', reject);
    });
  }),
);

let round = 0;
/** Run `what` on the first `count` writers together; resolves with each one's ns per op. */
function onWriters(count: number, what: HotJob['what'], n: number, whileWaiting?: () => boolean): Promise<HotAnswer[]> {
  const r = round++;
  Atomics.store(i32, objs.start, r);
  const answers = workers.slice(0, count).map(
    (w) =>
      new Promise<HotAnswer>((resolve) => {
        w.once('message', resolve);
        w.postMessage({ what, n, round: r } satisfies HotJob);
      }),
  );
  Atomics.store(i32, objs.start, r + 1);
  Atomics.notify(i32, objs.start);
  if (!whileWaiting) return Promise.all(answers);
  // This thread drains while the writers run: it must not yield to the event loop between drains.
  return new Promise((resolve, reject) => {
    const spin = () => {
      const t = performance.now();
      while (performance.now() - t < 50) if (!whileWaiting()) break;
      void Promise.race([Promise.all(answers), new Promise((r2) => setImmediate(r2, null))]).then((v) => (v ? resolve(v as HotAnswer[]) : spin()), reject);
    };
    spin();
  });
}

/** A fresh run's shared state: seq 0, empty rings, the lock free. */
function resetRun(quiet: boolean): void {
  i32.fill(0, H.seq, H.seq + 1);
  for (let pid = 0; pid < PROCS; pid++) {
    Atomics.store(i32, mem.layout.slot(pid) + S.ringHead, 0);
    Atomics.store(i32, mem.layout.slot(pid) + S.ringTail, 0);
  }
  Atomics.store(i32, H.quiet, quiet ? 1 : 0);
  mem.f64[H.epochLo >> 1] = performance.timeOrigin + performance.now();
  i32[objs.counter] = 0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const rows: { figure: string; nsPerOp: number; minNs: number; opsPerSec: number; note?: string }[] = [];
function row(figure: string, samples: number[], note?: string): void {
  const ns = median(samples);
  const min = Math.min(...samples);
  rows.push({ figure, nsPerOp: +ns.toFixed(1), minNs: +min.toFixed(1), opsPerSec: Math.round(1e9 / ns), note });
  console.error(`${figure.padEnd(58)} ${ns.toFixed(1).padStart(8)} ns  min ${min.toFixed(1).padStart(7)}  (${samples.map((s) => s.toFixed(1)).join(' ')})${note ? '  ' + note : ''}`);
}

/** Fill the rings of pids 0..WRITERS-1 from this thread: lock pairs (or bare notes), `run` events per process in turn. */
function prefill(run: number, notes = false): number {
  resetRun(false);
  const id = objs.lock.id;
  let n = 0;
  for (let k = 0; n < RING * WRITERS; k++) {
    const pid = Math.floor(k / run) % WRITERS;
    const kind = notes ? EK.note : (k & 1) === 0 ? EK.acquire : EK.release;
    appendEvent(mem, pid, kind, notes ? -1 : id, 1, kind === EK.acquire ? 1 : 0, 5, n);
    n++;
  }
  return n;
}

/**
 * CPU time per op of `fn` (which returns its op count). CPU time, not wall time: on a shared
 * machine the thread is often descheduled, and only one of our threads runs here (the writers
 * sleep in Atomics.wait), so the process's CPU time is this work's.
 */
function timed(fn: () => number): number {
  const t0 = process.cpuUsage();
  const n = fn();
  const t = process.cpuUsage(t0);
  return ((t.user + t.system) * 1e3) / n;
}

/** A LiveRun over the bench's objects (the real drain, fold and log of the page). */
function liveRun(): LiveRun {
  return new LiveRun(mem, world, objs as unknown as Record<string, unknown> & { console: typeof objs.console }, benchLock, { procs: WRITERS, iters: 0 }, 'parallel');
}

const load0 = loadavg();
const t00 = performance.now();

// ---- the reader side, no writer running -------------------------------------------------
for (const run of group('reader') ? [1, 64] : []) {
  const count: number[] = [];
  const fold: number[] = [];
  const live: number[] = [];
  for (let s = 0; s < SAMPLES + 1; s++) {
    const warm = s === 0;
    prefill(run);
    let c = 0;
    const a = timed(() => new RingReader(mem).drain(() => void c++));
    prefill(run);
    const f = new RunFold(trackObjects({ lock: objs.lock, console: objs.console }));
    const b = timed(() =>
      new RingReader(mem).drain((pid, rec) => f.event(pid, i32[rec + E.kind]!, i32[rec + E.obj]!, i32[rec + E.arg]!, i32[rec + E.result]!, i32[rec + E.line]!, '')),
    );
    prefill(run);
    const lr = liveRun();
    const d = timed(() => lr.drain(Infinity));
    if (!warm) {
      count.push(a);
      fold.push(b);
      live.push(d);
    }
  }
  row(`RingReader.drain, counting sink (runs of ${run} per ring)`, count);
  row(`RingReader.drain + RunFold.event (runs of ${run})`, fold);
  row(`LiveRun.drain: drain + fold + log (runs of ${run})`, live);
}

// The bench's drain-only shape: bare notes (the bench-events children's), long runs per ring.
if (group('reader')) {
  const live: number[] = [];
  for (let s = 0; s < SAMPLES + 1; s++) {
    prefill(4096, true);
    const lr = liveRun();
    const d = timed(() => lr.drain(Infinity));
    if (s > 0) live.push(d);
  }
  row('LiveRun.drain, bare notes in runs of 4,096 (the drain-only shape)', live);
}

// ---- the reader on records another core wrote (a writer thread filled its ring, then stopped) -----
// What the pipeline adds to the reader's cost: every record line comes from the writer's core.
if (group('cross')) {
  const count: number[] = [];
  const live: number[] = [];
  for (let s = 0; s < SAMPLES + 1; s++) {
    resetRun(false);
    await onWriters(1, 'emitFlood', RING - 1);
    let c = 0;
    const a = timed(() => new RingReader(mem).drain(() => void c++));
    resetRun(false);
    await onWriters(1, 'emitFlood', RING - 1);
    const lr = liveRun();
    const d = timed(() => lr.drain(Infinity));
    if (s > 0) {
      count.push(a);
      live.push(d);
    }
  }
  row('RingReader.drain, counting sink, ring written by another thread', count);
  row('LiveRun.drain, ring written by another thread', live);
}

if (group('reader')) {
  const samples: number[] = [];
  const N = 1 << 20;
  for (let s = 0; s < SAMPLES + 1; s++) {
    const log = new EventLog();
    const ns = timed(() => {
      for (let i = 0; i < N; i++) log.push(i & 1, (i & 1) === 0 ? EK.acquire : EK.release, 0, 1, i & 1, 5, i, null);
      return N;
    });
    if (s > 0) samples.push(ns);
  }
  row('EventLog.push (1 M events, grows from empty)', samples);
}

// ---- the writer side ---------------------------------------------------------------------
for (const [what, label] of group('writer')
  ? ([
      ['emit', 'Runtime.emit in a worker (ring write alone, reader instant)'],
      ['emitFixedClock', 'the same with a wall clock that costs nothing (the stamp still reads Date.now())'],
    ] as const)
  : []) {
  const samples: number[] = [];
  for (let s = 0; s < SAMPLES + 1; s++) {
    resetRun(false);
    const [a] = await onWriters(1, what, N_EMIT);
    if (s > 0) samples.push(a!.ns);
  }
  row(label, samples);
}
if (group('writer')) {
  const samples: number[] = [];
  for (let s = 0; s < SAMPLES + 1; s++) samples.push(timed(() => {
    let x = 0;
    for (let i = 0; i < 1 << 20; i++) x += performance.now();
    return x > 0 ? 1 << 20 : 1;
  }));
  row('performance.now() alone (this thread)', samples.slice(1));
}

if (group('lock')) {
  const lock: number[] = [];
  const futex: number[] = [];
  const ratio: number[] = [];
  for (let s = 0; s < SAMPLES + 1; s++) {
    resetRun(true);
    const l = (await onWriters(1, 'lock', N_PAIRS))[0]!.ns;
    if (i32[objs.counter] !== N_PAIRS) throw new Error(`lock: count ${i32[objs.counter]}, expected ${N_PAIRS}`);
    resetRun(true);
    const f = (await onWriters(1, 'futex', N_PAIRS))[0]!.ns;
    if (s > 0) {
      lock.push(l);
      futex.push(f);
      ratio.push(f / l);
    }
  }
  row('Lock acquire+release pair, log off, 1 thread', lock);
  row('bare futex lock+unlock pair, 1 thread', futex);
  rows.push({ figure: 'log-off Lock / futex (pairs/s ratio, median of per-sample ratios)', nsPerOp: 0, minNs: 0, opsPerSec: 0, note: median(ratio).toFixed(3) });
  console.error(`log-off 1-thread ratio vs futex: ${median(ratio).toFixed(3)} (target >= 0.25)  (${ratio.map((r) => r.toFixed(3)).join(' ')})`);
}

// ---- the pipeline: writers on real threads, this thread drains, folds and logs -----------
/** One pipeline sample: wall ns per event, and per event the CPU ns of the writers (together) and of the reader, and the writers' sleeps per 1,000 events. */
interface PipelineSample {
  wallNs: number;
  writerCpuNs: number;
  readerCpuNs: number;
  writerSleepsPerK: number;
}

async function pipeline(what: 'emitFlood' | 'lock', writers: number, n: number): Promise<PipelineSample> {
  resetRun(false);
  const lr = liveRun();
  const check = { seqBreaks: 0, kinds: [] };
  auditDrain(lr.reader, i32, check);
  const t0 = performance.now();
  const s0 = threadSched(readText);
  const answers = await onWriters(writers, what, n, () => {
    lr.drain(Infinity);
    return true;
  });
  while (lr.drain(Infinity) > 0);
  const reader = schedSince(s0, threadSched(readText));
  const ms = performance.now() - t0;
  const total = Atomics.load(i32, H.seq);
  // A Lock pair is two events, plus a block and a wake each time a thread had to wait.
  const want = what === 'lock' ? writers * n * 2 : writers * n;
  if (check.seqBreaks || lr.reader.next !== total || (what === 'lock' ? total < want : total !== want) || lr.log.length + lr.log.overflow !== total)
    throw new Error(`pipeline ${what}: ${check.seqBreaks} seq breaks, drained ${lr.reader.next} of ${total}, want ${want}`);
  if (what === 'lock' && i32[objs.counter] !== writers * n) throw new Error('pipeline lock: mutual exclusion broken');
  const sum = (f: (s: ThreadSched) => number) => answers.reduce((a, x) => a + f(x.sched), 0);
  return { wallNs: (ms * 1e6) / total, writerCpuNs: sum((x) => x.cpuNs) / total, readerCpuNs: reader.cpuNs / total, writerSleepsPerK: (sum((x) => x.sleeps) * 1000) / total };
}

const readText = (path: string) => readFileSync(path, 'utf8');

for (const [what, writers, label] of group('pipeline')
  ? ([
      ['emitFlood', 1, 'pipeline, 1 writer of bare events, LiveRun.drain (events)'],
      ['emitFlood', 2, 'pipeline, 2 writers of bare events, LiveRun.drain (events)'],
      ['lock', 2, 'pipeline, Lock pairs log on, 2 threads (events)'],
    ] as const)
  : []) {
  const samples: PipelineSample[] = [];
  for (let s = 0; s < SAMPLES + 1; s++) {
    const sample = await pipeline(what, writers, what === 'lock' ? N_FLOOD >> 1 : N_FLOOD);
    if (s > 0) samples.push(sample);
  }
  // Wall time is the machine's as much as ours on a shared machine; each thread's CPU time per event is ours.
  const m = (f: (s: PipelineSample) => number) => median(samples.map(f));
  row(label, samples.map((x) => x.wallNs), `zero loss, seq contiguous; per event CPU: writers ${m((x) => x.writerCpuNs).toFixed(1)} ns, reader ${m((x) => x.readerCpuNs).toFixed(1)} ns; writer sleeps per 1,000 events ${m((x) => x.writerSleepsPerK).toFixed(2)}`);
}

const load1 = loadavg();
await Promise.all(workers.map((w) => w.terminate()));
console.error(`load average at start ${load0.map((x) => x.toFixed(2)).join(' / ')}, at end ${load1.map((x) => x.toFixed(2)).join(' / ')}; ${((performance.now() - t00) / 1000).toFixed(1)} s`);
console.log(JSON.stringify({ load: { start: load0, end: load1 }, quick, samples: SAMPLES, rows }));
