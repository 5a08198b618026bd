/**
 * Building a RunResult (what the judge sees) from shared memory and the event
 * stream. The UI folds events as they arrive; the tests fold a finished log.
 */
import { EK, type EventKind } from '../core/events';
import { errorName } from '../core/errors';
import { H, Memory, NO_EXITCODE, S, STATE_NAMES } from '../core/layout';
import type { Console } from '../core/data';
import type { World } from '../core/world';
import type { ProcSummary, RunResult } from './types';

/** Counts puts and gets per queue (and pipe) item serial: the "exactly once" check. */
export class ItemTally {
  readonly puts = new Map<number, number[]>();
  readonly takes = new Map<number, Map<number, number>>();

  add(kind: number, obj: number, serial: number): void {
    if (kind === EK.put || kind === EK.send) {
      let list = this.puts.get(obj);
      if (!list) this.puts.set(obj, (list = []));
      list.push(serial);
    } else if (kind === EK.get || kind === EK.recv) {
      let m = this.takes.get(obj);
      if (!m) this.takes.set(obj, (m = new Map()));
      m.set(serial, (m.get(serial) ?? 0) + 1);
    }
  }

  addEvent(e: { kind: EventKind; obj: number; arg: number }): void {
    this.add(EK[e.kind], e.obj, e.arg);
  }
}

export function procSummaries(mem: Memory): ProcSummary[] {
  const n = Math.min(Atomics.load(mem.i32, H.nextPid), mem.maxProcs);
  const out: ProcSummary[] = [];
  for (let pid = 0; pid < n; pid++) {
    const code = mem.load(pid, S.exitcode);
    out.push({
      pid,
      name: mem.processName(pid),
      state: STATE_NAMES[mem.load(pid, S.state)] ?? 'free',
      exitcode: code === NO_EXITCODE ? null : code,
      error: errorName(mem.load(pid, S.error)),
      blockedOn: mem.load(pid, S.blockedOn),
    });
  }
  return out;
}

export function buildResult<O extends { console: Console }>(world: World, objs: O, status: RunResult<O>['status'], tally: ItemTally): RunResult<O> {
  return { objs, world, console: objs.console.lines(), procs: procSummaries(world.mem), status, takes: tally.takes, puts: tally.puts };
}

/** Items put but never got, and items got more than once, over every queue. */
export function itemBalance(result: Pick<RunResult<unknown>, 'puts' | 'takes'>): { produced: number; consumed: number; lost: number; duplicated: number } {
  let produced = 0;
  let consumed = 0;
  let lost = 0;
  let duplicated = 0;
  for (const [obj, serials] of result.puts) {
    const takes = result.takes.get(obj) ?? new Map<number, number>();
    produced += serials.length;
    for (const s of serials) {
      const n = takes.get(s) ?? 0;
      consumed += Math.min(n, 1);
      if (n === 0) lost++;
      if (n > 1) duplicated += n - 1;
    }
  }
  return { produced, consumed, lost, duplicated };
}
