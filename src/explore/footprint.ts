/**
 * What one transition touched, and when two transitions are dependent.
 *
 * A transition is everything one process does between two gates: the op it
 * announced and was granted, plus whatever follows before it parks again (a
 * child's start, its own exit, waking a joiner). Its footprint is read off the
 * events that grant produced, so nothing a primitive does is missed.
 *
 * An access is one number: `obj * 2 + (write ? 1 : 0)`. Two transitions of
 * different processes are dependent when they touch the same object and at
 * least one of them writes it. Reads are: Value loads, File reads, queue
 * size/empty/full snapshots, Pipe polls, and a process's view of another
 * process (a join that has not returned yet). Everything else that names an
 * object writes it: lock acquire/release/block/wake conflict on the same lock;
 * put and get on the same queue; prints on the same console (line order is
 * part of the outcome), unless the scenario's judge reads its lines in any
 * order (`Scenario.printsCommute`): then a print touches nothing the verdict
 * sees. Sleeps and local computes touch nothing shared.
 *
 * Process objects (`PROCESS_OBJ_BASE + pid`) model the life cycle: every
 * transition of P reads P's object (so a `terminate(P)`, which writes it,
 * conflicts with all of P's ops); P's start, exit or kill writes it; a parent's
 * spawn writes the child's; a join reads it. A process that has read another's
 * state without an op (`is_alive()`, `exitcode`: `Flag.peeked`) reads every
 * process object from then on; one that never did reads none but its own.
 */
import { EK } from '../core/events';
import { PROCESS_OBJ_BASE } from '../core/layout';

export type Access = number;

export const access = (obj: number, write: boolean): Access => obj * 2 + (write ? 1 : 0);
export const accessObj = (a: Access): number => Math.floor(a / 2);
export const isWrite = (a: Access): boolean => (a & 1) === 1;

const NONE = new Set<number>([EK.sleep, EK.compute, EK.note]);
const READS = new Set<number>([EK.load, EK.read, EK.qsize, EK.empty, EK.full, EK.poll]);

/** Accumulates one transition's accesses (deduplicated; a write subsumes a read). */
export class FootprintBuilder {
  private readonly seen = new Map<number, boolean>();

  /**
   * `consoleObj`: where an uncaught exception's message is appended (the 'raise' event does not name it).
   * `printsCommute`: the judge reads the console's lines in any order, so appending one (a print, a
   * traceback) commutes with every other append, and nothing in a run reads the console: it is left out.
   */
  constructor(
    private readonly consoleObj = -1,
    private readonly printsCommute = false,
  ) {}

  add(obj: number, write: boolean): void {
    if (obj < 0 || (this.printsCommute && obj === this.consoleObj)) return;
    this.seen.set(obj, (this.seen.get(obj) ?? false) || write);
  }

  /** Process objects read between gates, without an op. */
  peers(pids: readonly number[]): void {
    for (const q of pids) this.add(PROCESS_OBJ_BASE + q, false);
  }

  /** One event emitted by `pid` during the transition. */
  event(pid: number, kind: number, obj: number, arg: number): void {
    const self = PROCESS_OBJ_BASE + pid;
    switch (kind) {
      case EK.start:
      case EK.exit:
      case EK.killed:
        this.add(self, true);
        return;
      case EK.spawn:
        this.add(PROCESS_OBJ_BASE + arg, true);
        return;
      case EK.terminate:
        this.add(obj, true);
        return;
      case EK.join:
        this.add(obj, false);
        return;
      case EK.block:
      case EK.wake:
        // Waiting for a process to end only reads it; waiting on anything else changes its waiter list.
        this.add(obj, obj < PROCESS_OBJ_BASE);
        return;
      case EK.raise:
        this.add(this.consoleObj, true);
        return;
      default:
        if (NONE.has(kind)) return;
        this.add(obj, !READS.has(kind));
    }
  }

  /**
   * The granted process's own op as announced at its gate (kind, object), and
   * the process objects it reads without an op (`peers`: see Flag.peeked).
   */
  announced(pid: number, kind: number, obj: number, peers: readonly number[] = []): void {
    this.add(PROCESS_OBJ_BASE + pid, false);
    this.peers(peers);
    if (kind === EK.spawn || kind === EK.sleep || kind === EK.compute) return;
    this.event(pid, kind, obj, 0);
  }

  build(): Access[] {
    const out: Access[] = [];
    for (const [obj, write] of this.seen) out.push(access(obj, write));
    this.seen.clear();
    return out.sort((a, b) => a - b);
  }
}

/** True when two transitions (of different processes) do not commute. */
export function dependent(a: readonly Access[], b: readonly Access[]): boolean {
  // Both sorted by object: a merge walk.
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const oa = accessObj(a[i]!);
    const ob = accessObj(b[j]!);
    if (oa < ob) i++;
    else if (oa > ob) j++;
    else {
      if (isWrite(a[i]!) || isWrite(b[j]!)) return true;
      i++;
      j++;
    }
  }
  return false;
}
