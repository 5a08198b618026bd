/**
 * A crowded parallel run starts its children at the pace their workers pick them up (issue 9, 1,000 lanes).
 * `p.start()` under the parallel policy only writes the child's slot and wakes its worker, so a parent started
 * a thousand children in a few milliseconds and a thousand worker threads became runnable at once: on 2 cores
 * the page's main thread then waited behind them for most of the run (schedstat: 0.65-0.9 s of a 0.85-1.1 s
 * run at load ~16). Now a parent whose run has more than PAGE_FIRST_MAX_PROCS slots starts a child only
 * while fewer than STARTS_IN_FLIGHT of its children are still waking up (started, their worker not yet at
 * their program: `S.picked`, written log on or off). CPython's own `start()` returns only once the child process exists (fork or spawn),
 * so a start that waits for its worker is a slower fork, not other semantics. The wait depends on nothing a
 * program does (a picked-up child is never waited for again, whatever it then blocks on), so it cannot
 * deadlock; a child whose worker is late or gone holds its parent at most START_WAIT_MS once and is then
 * no longer waited for (the kernel's pickup patience names it).
 */
import { PAGE_FIRST_MAX_PROCS } from './pageFirst';
import { S, State, type Memory } from './layout';

/** Children of one parent still waking up at once (the machine has 2 cores; a few keep both busy). */
export const STARTS_IN_FLIGHT = 4;
/** The longest one start waits for an earlier child's pickup before it goes on without it. */
export const START_WAIT_MS = 50;

/** No longer waking up: its worker has taken up its latest start (S.picked), or it ended without (killed first). */
function awake(mem: Memory, child: number): boolean {
  const i32 = mem.i32;
  return Atomics.load(i32, mem.at(child, S.picked)) === Atomics.load(i32, mem.at(child, S.start)) || Atomics.load(i32, mem.at(child, S.state)) >= State.done;
}

/** The child's worker, once its start event is logged (or not, log off): picked up; wake a parent waiting for that. */
export function announcePickup(mem: Memory, pid: number): void {
  Atomics.store(mem.i32, mem.at(pid, S.picked), Atomics.load(mem.i32, mem.at(pid, S.start)));
  Atomics.notify(mem.i32, mem.at(pid, S.picked));
}

/** One parent's side: call `before()` before starting a child, `started(pid)` after. */
export class StartPace {
  private waking: number[] = [];
  /** Starts that waited, the ms they waited in all, and children no longer waited for (tests, diagnostics). */
  waits = 0;
  waitedMs = 0;
  gaveUp = 0;

  constructor(
    private readonly mem: Memory,
    /** Throws if this process was killed or the run reset while it waited. */
    private readonly alive: () => void,
    private readonly inFlight = STARTS_IN_FLIGHT,
    private readonly maxWaitMs = START_WAIT_MS,
  ) {}

  /** Whether a run paces its starts: parallel runs of more than PAGE_FIRST_MAX_PROCS slots. */
  static applies(mem: Memory, scheduled: boolean): boolean {
    return !scheduled && mem.maxProcs > PAGE_FIRST_MAX_PROCS;
  }

  before(): void {
    if (this.waking.length < this.inFlight) return;
    const mem = this.mem;
    const since = Date.now();
    let counted = false;
    for (;;) {
      this.waking = this.waking.filter((c) => !awake(mem, c));
      if (this.waking.length < this.inFlight) break;
      const left = this.maxWaitMs - (Date.now() - since);
      if (left <= 0) {
        // Late or gone: not waited for again.
        this.waking.shift();
        this.gaveUp++;
        break;
      }
      if (!counted) {
        this.waits++;
        counted = true;
      }
      const oldest = mem.at(this.waking[0]!, S.picked);
      Atomics.wait(mem.i32, oldest, Atomics.load(mem.i32, oldest), Math.min(left, 10));
      this.alive();
    }
    if (counted) this.waitedMs += Date.now() - since;
  }

  started(pid: number): void {
    this.waking.push(pid);
  }
}
