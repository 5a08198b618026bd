/**
 * The kill-and-drain loop the ring and reaper tests share: stamped ring writers (ringWriterWorker.ts, one
 * Node worker_thread per process, running until killed) are killed a random moment after their first event is
 * read, while a reader drains at random limits and checks every record. What a kill is (a terminate awaited, or
 * the page's reaper told at once) and who logs the dead process's end are the caller's: `kill` and `turn`.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { decodeEvent, RingReader } from '../events';
import { H, type Memory } from '../layout';
import { KILLED_EXITCODE } from '../process';
import type { Rng } from '../rng';

export interface KillAndDrain {
  mem: Memory;
  /** Writer pid's thread, started with `{ stamped: true, payloadEvery }` and a count it never reaches. */
  workers: Worker[];
  rng: Rng;
  /** The writers' payload rule: `p<pid>:<n>` on every n-th event, nothing on the others. */
  payloadEvery: number;
  /** A writer is killed up to this long after its first event is read (its thread's start varies a lot under load). */
  killWithinMs: number;
  /** Each drain reads up to 1..this many records. */
  drainUpTo: number;
  /** Kill writer `pid` (the loop waits for what it returns). */
  kill(pid: number): Promise<void> | void;
  /** Called every turn of the reader's loop, after the kills: the reaper's part. `alive[pid]` false once killed. */
  turn(alive: readonly boolean[]): void;
}

export interface KillAndDrainResult {
  /** What was wrong, in reading order (the loop stops at the first). */
  faults: string[];
  /** Every sequence number read. */
  seen: Set<number>;
  /** How many `killed` events each ring gave. */
  killedSeen: number[];
  /** How many of its own events each writer got read. */
  written: number[];
  /** Sequence numbers taken by the writers (H.seq at the end). */
  taken: number;
}

/**
 * Run until every ring has given its `killed` event (or 10 s without progress, a minute while threads start),
 * then terminate every thread. A `killed` event must come while its writer is dead, be `KILLED_EXITCODE` with no
 * object or payload, and come last in its ring; every other record must be the writer's next stamped note, whole.
 */
export async function killWritersAndDrain(o: KillAndDrain): Promise<KillAndDrainResult> {
  const { mem, workers, rng } = o;
  const writers = workers.length;
  const killAt = new Array<number>(writers).fill(Infinity);
  const alive = new Array<boolean>(writers).fill(true);
  const killedSeen = new Array<number>(writers).fill(0);
  const written = new Array<number>(writers).fill(0);
  const seen = new Set<number>();
  const faults: string[] = [];
  const reader = new RingReader(mem);
  const sink = (pid: number, rec: number) => {
    const e = decodeEvent(mem, pid, rec);
    if (seen.has(e.seq)) faults.push(`seq ${e.seq} twice`);
    seen.add(e.seq);
    if (killedSeen[pid]) faults.push(`pid ${pid}: ${e.kind} ${e.arg} after its killed event`);
    if (e.kind === 'killed') {
      if (alive[pid]) faults.push(`pid ${pid}: killed event while alive`);
      if (e.arg !== KILLED_EXITCODE || e.obj !== -1 || e.payload !== '') faults.push(`pid ${pid}: killed record ${JSON.stringify(e)}`);
      killedSeen[pid]!++;
      return;
    }
    const i = written[pid]!;
    // Every word of a stamped record derives from its number: a torn or mixed record shows here.
    if (e.kind !== 'note' || e.arg !== i || e.result !== ((i ^ 0x5a5a5a5a) | 0) || e.line !== (i & 0x7fff) || e.time !== i + pid / 8) {
      faults.push(`pid ${pid}: record ${JSON.stringify(e)}, expected number ${i}`);
    }
    if (e.payload !== (i % o.payloadEvery === 0 ? `p${pid}:${i}` : '')) faults.push(`pid ${pid}: payload ${e.payload} at ${i}`);
    if (i === 0) killAt[pid] = Date.now() + rng.next() * o.killWithinMs;
    written[pid] = i + 1;
  };
  const t0 = Date.now();
  let progressAt = t0;
  let stalledSince = 0;
  while (faults.length === 0 && Date.now() - progressAt < 10_000) {
    const now = Date.now();
    for (let pid = 0; pid < writers; pid++) {
      if (alive[pid] && now >= killAt[pid]!) {
        await o.kill(pid);
        alive[pid] = false;
      }
    }
    o.turn(alive);
    const n = reader.drain(sink, 1 + Math.floor(rng.next() * o.drainUpTo));
    if (n > 0) {
      progressAt = now;
      stalledSince = 0;
    } else if (reader.pendingGap && alive.includes(false)) {
      // As the view host does once a worker crashed: a number stalled this long is given up on (a live one comes late).
      if (stalledSince === 0) stalledSince = now;
      else if (now - stalledSince > 30) {
        reader.skipGap();
        stalledSince = 0;
      }
    } else if (killedSeen.every((k) => k > 0)) break;
    // A thread's start (tsx compiles it) takes seconds under load: waiting for one counts as progress for up to a minute.
    if (written.includes(0) && now - t0 < 60_000) progressAt = now;
    // Let the event loop run (a terminate's promise, the reaper's `gone`): at once while reading, 1 ms when idle.
    await (n === 0 ? sleep(1) : nextTurn());
  }
  await Promise.all(workers.map((w) => w.terminate()));
  return { faults, seen, killedSeen, written, taken: Atomics.load(mem.i32, H.seq) };
}
