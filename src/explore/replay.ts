/**
 * Replay a parallel run step by step. The parallel run's event log gives the
 * global order in which ops really happened (one sequence number per event).
 * In step mode each grant is one op, so the replay grants, at every
 * step, the enabled process whose next op came first in that order; a grant
 * that only blocks (the op could not complete yet) consumes nothing. The
 * result is an ordinary step schedule: the run it names is the race the
 * threads produced, walkable one op at a time.
 *
 * A parallel op takes its sequence number just after its effect, so two racing
 * ops can be logged in the opposite order to the one memory saw. Reads carry
 * what they saw (a Value load its number, a File read its text): a read that
 * would see something else now waits, and the next op in log order goes first.
 */
import { isOpEvent, type OpEvent } from './rewind';
import type { Executor } from './search';

export interface GuidedExecutor extends Executor {
  isBlocked(pid: number): boolean;
  agrees(pid: number, logged: OpEvent): boolean;
}

export function guidedSchedule(ex: GuidedExecutor, log: readonly OpEvent[], maxSteps = 1_000_000): number[] {
  const queues = new Map<number, OpEvent[]>();
  for (const e of [...log].sort((a, b) => a.seq - b.seq)) {
    if (!isOpEvent(e.kind)) continue;
    let q = queues.get(e.pid);
    if (!q) queues.set(e.pid, (q = []));
    q.push(e);
  }
  const heads = new Map<number, number>();
  const nextOp = (pid: number) => queues.get(pid)?.[heads.get(pid) ?? 0];
  const nextSeq = (pid: number) => nextOp(pid)?.seq ?? Infinity;
  const schedule: number[] = [];
  ex.reset();
  while (schedule.length < maxSteps) {
    const enabled = ex.enabled();
    if (enabled.length === 0) break;
    const order = [...enabled].sort((a, b) => nextSeq(a) - nextSeq(b));
    const best = order.find((pid) => {
      const op = nextOp(pid);
      return !op || ex.agrees(pid, op);
    }) ?? order[0]!;
    ex.step(best);
    schedule.push(best);
    if (!ex.isBlocked(best)) heads.set(best, (heads.get(best) ?? 0) + 1);
  }
  return schedule;
}
