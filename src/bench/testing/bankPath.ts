/**
 * Micro-bench of the bank program (issue 9's bank row): one withdrawer and one depositor, a lock
 * around each `num.value += d`, on real Node worker_threads with the app's own Runtime, Lock and
 * Value, the scenario's own programs. Log on: this thread runs the real LiveRun.drain (drain + fold +
 * log) in the view worker's loop, and a snapshot every 50 ms, as the view worker does for the page. Per update it prints each thread's CPU time (its
 * schedstat), sleeps (voluntary switches), wall time, events and (with --count, a separate pass)
 * Atomics.wait / Atomics.notify calls. The same figures as bench/cpython.py's bank row measures.
 * Run: node scripts/bankpath.mjs [--n N] [--samples N] [--count] [--log on|off|both] [--rest-ms N]
 */
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { H, Memory, Mode, ringEventsFor } from '../../core/layout';
import { World } from '../../core/world';
import { LiveRun } from '../../lab/liveRun';
import { bank } from '../../scenarios/bank';
import { bankObjects, type BankAnswer, type BankJob } from './bankPathShared';
import { schedSince, threadSched } from './hotpathShared';
import { freshRound, logSettings, median, startWorkers, warmSamples } from './threadBench';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : dflt);
const N = Number(opt('--n', '200000'));
const SAMPLES = Number(opt('--samples', '5'));
const COUNT = args.includes('--count');
/** The view worker's loop (src/view/viewHost.ts): a batch of at most 4 ms; after a batch that emptied the rings, rest this long (a timer). */
const REST_MS = Number(opt('--rest-ms', '1'));
const BATCH_MS = 4;
const LOG = opt('--log', 'on');
const UPDATES = 2 * N;
const read = (p: string) => readFileSync(p, 'utf8');

const mem = Memory.create({ maxProcs: 3, ringEvents: ringEventsFor(3), heapWords: 4096 });
const i32 = mem.i32;
Atomics.store(i32, H.mode, Mode.parallel);
const world = new World(mem, true);
const objs = bankObjects(world);
const entry = fileURLToPath(new URL('./bankPathWorker.mjs', import.meta.url));
const workers = await startWorkers(
  entry,
  [1, 2].map((pid) => ({ sab: mem.sab, pid })),
);

let round = 0;
interface Sample {
  wallNs: number;
  /** Both process threads' CPU, per update. */
  writersNs: number;
  drainNs: number;
  sleeps: number;
  events: number;
  waits: number;
  notifies: number;
}

async function once(logOn: boolean, count: boolean): Promise<Sample> {
  freshRound(mem, 3, logOn);
  Atomics.store(i32, objs.num.info.base, 100);
  const params = { n: N, pairs: 1, lock: 'on', scope: 'update' };
  const lr = logOn ? new LiveRun(mem, world, objs as unknown as Record<string, unknown> & { console: typeof objs.console }, bank as never, params, 'parallel') : null;
  const r = round++;
  Atomics.store(i32, objs.start, r);
  const answers = workers.map(
    (w, k) =>
      new Promise<BankAnswer>((resolve) => {
        w.once('message', resolve);
        w.postMessage({ delta: k === 0 ? -1 : 1, n: N, round: r, count } satisfies BankJob);
      }),
  );
  await new Promise((res) => setTimeout(res, 20));
  const m0 = threadSched(read);
  const t0 = performance.now();
  Atomics.store(i32, objs.start, r + 1);
  Atomics.notify(i32, objs.start);
  let got: BankAnswer[];
  if (lr) {
    got = await new Promise((resolve, reject) => {
      const all = Promise.all(answers);
      // The page pulls a snapshot a frame (every third one in its fast mode): the locals fold and views.
      let lastSnap = 0;
      const frame = () => {
        const t = performance.now();
        lr.drain(BATCH_MS);
        if (t - lastSnap > 50) {
          lastSnap = t;
          lr.snapshot(() => false);
        }
        const rest = performance.now() - t >= BATCH_MS ? 0 : REST_MS;
        void Promise.race([all, new Promise((r2) => setTimeout(r2, rest, null))]).then((v) => (v ? resolve(v as BankAnswer[]) : frame()), reject);
      };
      frame();
    });
    while (lr.drain(Infinity) > 0);
    lr.snapshot(() => false);
  } else got = await Promise.all(answers);
  const wall = performance.now() - t0;
  const main = schedSince(m0, threadSched(read));
  const balance = objs.num.peek();
  if (balance !== 100) throw new Error(`balance ${balance}, not 100`);
  const events = Atomics.load(i32, H.seq);
  if (lr && (lr.reader.next !== events || lr.log.length + lr.log.overflow !== events)) throw new Error(`log: drained ${lr.reader.next} of ${events}`);
  return {
    wallNs: (wall * 1e6) / UPDATES,
    writersNs: got.reduce((a, g) => a + g.sched.cpuNs, 0) / UPDATES,
    drainNs: main.cpuNs / UPDATES,
    sleeps: got.reduce((a, g) => a + g.sched.sleeps, 0) / UPDATES,
    events: events / UPDATES,
    waits: got.reduce((a, g) => a + g.waits, 0) / UPDATES,
    notifies: got.reduce((a, g) => a + g.notifies, 0) / UPDATES,
  };
}

const load0 = loadavg();
const out: Record<string, unknown> = {};
for (const logOn of logSettings(LOG)) {
  const { samples: ss, m } = await warmSamples(SAMPLES, () => once(logOn, false));
  const row: Record<string, number> = {
    wallNsPerUpdate: Math.round(m((s) => s.wallNs)),
    writersCpuNsPerUpdate: Math.round(m((s) => s.writersNs)),
    drainCpuNsPerUpdate: Math.round(m((s) => s.drainNs)),
    sleepsPerUpdate: +m((s) => s.sleeps).toFixed(3),
    eventsPerUpdate: +m((s) => s.events).toFixed(3),
  };
  if (COUNT) {
    const cs: Sample[] = [];
    for (let s = 0; s < 3; s++) cs.push(await once(logOn, true));
    row.waitsPerUpdate = +median(cs.map((s) => s.waits)).toFixed(3);
    row.notifiesPerUpdate = +median(cs.map((s) => s.notifies)).toFixed(3);
  }
  const label = `log ${logOn ? 'on ' : 'off'}`;
  out[label] = row;
  console.error(label, JSON.stringify(row), ' wall ns:', ss.map((s) => Math.round(s.wallNs)).join(' '), ' writers ns:', ss.map((s) => Math.round(s.writersNs)).join(' '));
}
console.error(`load ${load0.map((x) => x.toFixed(2)).join(' ')} -> ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await Promise.all(workers.map((w) => w.terminate()));
console.log(JSON.stringify({ n: N, samples: SAMPLES, load: load0, ...out }));
