/**
 * Micro-bench of Queue throughput (issue 9): 4 producers and 4 consumers on real
 * Node worker_threads through one Queue(8), the app's own Runtime and Queue.
 * Log off: this thread sleeps. Log on: this thread runs the real LiveRun.drain
 * (drain + fold + log) once a frame, as the view worker does on the page.
 * Per item it prints the process's CPU time, wall time, context switches
 * (getrusage over every thread), events, and (with --count, a separate pass with
 * wrapped Atomics) Atomics.wait / Atomics.notify calls.
 * --alone adds a put+get by one thread with nobody else, log off and on: the ops' own cost.
 * Run: node scripts/queuepath.mjs [--items N] [--samples N] [--count] [--log on|off|both] [--alone] [--frame-ms N]
 */
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { H, Memory, Mode } from '../../core/layout';
import { World } from '../../core/world';
import { LiveRun } from '../../lab/liveRun';
import { queueStress } from '../../scenarios/queue-stress';
import { queueObjects, type QueueAnswer, type QueueJob } from './queuePathShared';
import { freshRound, logSettings, median, startWorkers, warmSamples } from './threadBench';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : dflt);
const ITEMS = Number(opt('--items', '20000'));
const SAMPLES = Number(opt('--samples', '5'));
const COUNT = args.includes('--count');
/** How often the log-on drain runs: 16 ms (a frame), or 4 as the page's view worker does. */
const FRAME_MS = Number(opt('--frame-ms', '16'));
const LOG = opt('--log', 'both');
const P = 4;
const C = 4;
const CAP = 8;
const TOTAL = P * ITEMS;

const mem = Memory.create({ maxProcs: P + C + 1, ringEvents: 4096, heapWords: TOTAL + 4096 });
const i32 = mem.i32;
Atomics.store(i32, H.mode, Mode.parallel);
const world = new World(mem, true);
const objs = queueObjects(world, CAP, TOTAL);
const entry = fileURLToPath(new URL('./queuePathWorker.mjs', import.meta.url));
const workers = await startWorkers(
  entry,
  Array.from({ length: P + C }, (_, pid) => ({ sab: mem.sab, pid, capacity: CAP, items: TOTAL })),
);

let round = 0;
interface Sample {
  wallNs: number;
  cpuNs: number;
  switches: number;
  involuntary: number;
  events: number;
  drainNs: number;
  /** CPU time of this (the draining) thread alone, from its schedstat: the drain's real cost, not its wall time. */
  drainCpuNs: number;
  waits: number;
  notifies: number;
  guardWaits: number;
  guardNotifies: number;
}

async function once(logOn: boolean, count: boolean): Promise<Sample> {
  i32.fill(0, objs.tally, objs.tally + TOTAL);
  freshRound(mem, P + C, logOn);
  const lr = logOn ? new LiveRun(mem, world, objs as unknown as Record<string, unknown> & { console: typeof objs.console }, queueStress, { producers: P, consumers: C, items: ITEMS, maxsize: CAP }, 'parallel') : null;
  const r = round++;
  Atomics.store(i32, objs.start, r);
  const answers = workers.map(
    (w, pid) =>
      new Promise<QueueAnswer>((resolve) => {
        w.once('message', resolve);
        w.postMessage({ role: pid < P ? 'producer' : 'consumer', k: pid, n: ITEMS, round: r, count } satisfies QueueJob);
      }),
  );
  await new Promise((res) => setTimeout(res, 20)); // every worker parked on the start word
  const m0 = mainThreadCpuNs();
  const u0 = process.resourceUsage();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  Atomics.store(i32, objs.start, r + 1);
  Atomics.notify(i32, objs.start);
  let got: QueueAnswer[];
  /** Wall time this thread spent in LiveRun.drain (it has a core to itself most of the time). */
  let drainMs = 0;
  if (lr) {
    // Drain once a frame (16 ms), as the view worker does for the page.
    got = await new Promise((resolve, reject) => {
      const all = Promise.all(answers);
      const frame = () => {
        const t = performance.now();
        lr.drain(Infinity);
        drainMs += performance.now() - t;
        void Promise.race([all, new Promise((r2) => setTimeout(r2, FRAME_MS, null))]).then((v) => (v ? resolve(v as QueueAnswer[]) : frame()), reject);
      };
      frame();
    });
    const t = performance.now();
    while (lr.drain(Infinity) > 0);
    drainMs += performance.now() - t;
  } else got = await Promise.all(answers);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const u = process.resourceUsage();
  const mainCpu = mainThreadCpuNs() - m0;
  let bad = 0;
  for (let i = 0; i < TOTAL; i++) if (i32[objs.tally + i] !== 1) bad++;
  if (bad) throw new Error(`${bad} items lost or duplicated`);
  const events = Atomics.load(i32, H.seq);
  if (lr && (lr.reader.next !== events || lr.log.length + lr.log.overflow !== events)) throw new Error(`log: drained ${lr.reader.next} of ${events}`);
  return {
    wallNs: (wall * 1e6) / TOTAL,
    cpuNs: ((c.user + c.system) * 1e3) / TOTAL,
    switches: (u.voluntaryContextSwitches - u0.voluntaryContextSwitches) / TOTAL,
    involuntary: (u.involuntaryContextSwitches - u0.involuntaryContextSwitches) / TOTAL,
    events: logOn ? events / TOTAL : 0,
    drainNs: (drainMs * 1e6) / TOTAL,
    drainCpuNs: mainCpu / TOTAL,
    waits: got.reduce((a, g) => a + g.waits, 0) / TOTAL,
    notifies: got.reduce((a, g) => a + g.notifies, 0) / TOTAL,
    guardWaits: got.reduce((a, g) => a + g.guardWaits, 0) / TOTAL,
    guardNotifies: got.reduce((a, g) => a + g.guardNotifies, 0) / TOTAL,
  };
}

/** CPU ns this thread has run (Linux: the first field of its schedstat; the main thread's tid is the pid); 0 elsewhere. */
function mainThreadCpuNs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}

/** One thread, put then get with nobody else: CPU ns per item (only this thread works). */
async function alone(logOn: boolean): Promise<number> {
  Atomics.store(i32, H.quiet, logOn ? 0 : 1);
  const r = round++;
  Atomics.store(i32, objs.start, r + 1);
  const c0 = process.cpuUsage();
  await new Promise<QueueAnswer>((resolve) => {
    workers[0]!.once('message', resolve);
    workers[0]!.postMessage({ role: 'alone', k: 0, n: TOTAL, round: r, count: false } satisfies QueueJob);
  });
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1e3) / TOTAL;
}

const load0 = loadavg();
const out: Record<string, unknown> = {};
for (const logOn of logSettings(LOG)) {
  const { samples: ss, m } = await warmSamples(SAMPLES, () => once(logOn, false));
  const row: Record<string, number> = {
    itemsPerSec: Math.round(1e9 / m((s) => s.wallNs)),
    wallNsPerItem: Math.round(m((s) => s.wallNs)),
    cpuNsPerItem: Math.round(m((s) => s.cpuNs)),
    cpuItemsPerSec2Cores: Math.round(2e9 / m((s) => s.cpuNs)),
    voluntarySwitchesPerItem: +m((s) => s.switches).toFixed(3),
    involuntarySwitchesPerItem: +m((s) => s.involuntary).toFixed(3),
    eventsPerItem: +m((s) => s.events).toFixed(3),
    drainNsPerItem: Math.round(m((s) => s.drainNs)),
    drainCpuNsPerItem: Math.round(m((s) => s.drainCpuNs)),
  };
  if (COUNT) {
    const cs: Sample[] = [];
    for (let s = 0; s < 3; s++) cs.push(await once(logOn, true));
    row.waitsPerItem = +median(cs.map((s) => s.waits)).toFixed(3);
    row.notifiesPerItem = +median(cs.map((s) => s.notifies)).toFixed(3);
    row.guardWaitsPerItem = +median(cs.map((s) => s.guardWaits)).toFixed(3);
    row.guardNotifiesPerItem = +median(cs.map((s) => s.guardNotifies)).toFixed(3);
  }
  const label = `log ${logOn ? 'on ' : 'off'}`;
  out[label] = row;
  console.error(label, JSON.stringify(row), ' wall ns:', ss.map((s) => Math.round(s.wallNs)).join(' '), ' cpu ns:', ss.map((s) => Math.round(s.cpuNs)).join(' '));
}
if (args.includes('--alone')) {
  for (const logOn of [false, true]) {
    const xs: number[] = [];
    for (let s = 0; s < SAMPLES + 1; s++) xs.push(await alone(logOn));
    const ns = median(xs.slice(1));
    out[`alone, log ${logOn ? 'on' : 'off'}`] = { cpuNsPerItem: Math.round(ns) };
    console.error(`put+get alone, log ${logOn ? 'on ' : 'off'}: ${Math.round(ns)} CPU ns per item (${xs.slice(1).map(Math.round).join(' ')})`);
  }
}
console.error(`load ${load0.map((x) => x.toFixed(2)).join(' ')} -> ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await Promise.all(workers.map((w) => w.terminate()));
console.log(JSON.stringify({ items: ITEMS, samples: SAMPLES, load: load0, ...out }));
