/**
 * A withdrawer or depositor of the bank micro-bench (bankPath.ts): the bank scenario's own
 * program (a lock around each update) on a real worker thread with the app's Runtime and World.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { Memory } from '../../core/layout';
import { Runtime } from '../../core/runtime';
import { World } from '../../core/world';
import { bank } from '../../scenarios/bank';
import { bankObjects, type BankAnswer, type BankJob } from './bankPathShared';
import { schedSince, threadSched } from './hotpathShared';
import { atomicsCount, countAtomics } from './threadBench';

const { sab, pid } = workerData as { sab: SharedArrayBuffer; pid: number };
const mem = Memory.attach(sab);
const i32 = mem.i32;
const read = (p: string) => readFileSync(p, 'utf8');

function run(job: BankJob): BankAnswer {
  const rt = new Runtime(mem, pid);
  const world = new World(mem, false, rt);
  const objs = bankObjects(world);
  const params = { n: job.n, pairs: 1, lock: 'on' as const, scope: 'update' as const };
  const program = bank.programs[job.delta < 0 ? 'withdraw' : 'deposit']!;
  const p = { objs, params, at: (line: number) => ((rt.line = line), p) };
  while (Atomics.load(i32, objs.start) === job.round) Atomics.wait(i32, objs.start, job.round, 50);
  countAtomics(job.count);
  const s0 = threadSched(read);
  program(p as never);
  const answer = { sched: schedSince(s0, threadSched(read)), waits: atomicsCount.waits, notifies: atomicsCount.notifies };
  countAtomics(false);
  return answer;
}

parentPort!.on('message', (job: BankJob) => parentPort!.postMessage(run(job)));
parentPort!.postMessage('ready');
