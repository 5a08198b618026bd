/**
 * A run's dead processes: those whose worker thread was killed or failed. Each is
 * kept ended (a thread still on its way out may write a state after ours) and its
 * end is logged as a `killed` event in its ring, as any killed process's is.
 *
 * A ring has one writer, its process's thread, and killing a worker is
 * asynchronous (worker.terminate()): the thread may run on for a moment, also in
 * the middle of a commit (its sequence number taken, its record half written).
 * An append from here meanwhile would write the same slot: a torn record, a
 * number lost as a gap, events after the `killed` one. So the `killed` event
 * waits until the thread is gone; a thread that lived long enough to log its
 * own end (it unwinds at its next op, see S.kill) gets none from here.
 */
import { E, H, Memory, Mode, S, State } from '../core/layout';
import { EK, tryAppendEvent } from '../core/events';
import { KILLED_EXITCODE, Kill, markEnded, wakeJoiners } from '../core/process';
import { defaultWallClock, wakeGate } from '../core/runtime';

export class Reaper {
  /** Dead pids of the current run. */
  private readonly dead = new Set<number>();
  /** Per dead pid: whether its thread is gone yet. */
  private readonly deaths = new Map<number, { gone: boolean }>();
  /** Dead pids whose end is not logged yet. */
  private readonly unlogged = new Set<number>();

  /** Pids of the current run whose worker died. */
  get pids(): ReadonlySet<number> {
    return this.dead;
  }

  /** A new run: nobody in it has died. */
  clear(): void {
    this.dead.clear();
    this.deaths.clear();
    this.unlogged.clear();
  }

  /**
   * `pid`'s worker died; `gone` resolves once its thread can write no more (at once: it has left
   * its program already). True when its process was live and is now recorded as killed (-9).
   */
  bury(mem: Memory, pid: number, gone: Promise<unknown>): boolean {
    const death = { gone: false };
    this.dead.add(pid);
    this.deaths.set(pid, death);
    // A thread whose end cannot be learnt (the life lock refused) is taken as gone: its event is not lost.
    const mark = () => (death.gone = true);
    void gone.then(mark, mark);
    return this.keepEnded(mem, pid);
  }

  /** Record `pid`'s process as killed if it is live; true when it was. */
  private keepEnded(mem: Memory, pid: number): boolean {
    // A thread still on its way out unwinds at its next op instead of writing on (woken if parked at its gate,
    // but only once its end is recorded here: woken first, it could record the end itself, and the page would
    // then say its process had already ended).
    mem.store(pid, S.kill, Kill.workerDied);
    const st = mem.load(pid, S.state);
    const live = st > State.free && st < State.done;
    if (live) {
      if (Atomics.load(mem.i32, H.mode) !== Mode.parallel) wakeJoiners(mem, pid, mem.loadF(pid, S.clock));
      markEnded(mem, pid, State.terminated, KILLED_EXITCODE, 0);
      this.unlogged.add(pid);
    }
    wakeGate(mem, pid);
    return live;
  }

  /**
   * Keep the dead dead (called once per frame): a child started later on a dead
   * worker's slot would never run. Then log the end of each one whose thread is
   * gone, once its ring has room.
   */
  reap(mem: Memory): void {
    for (const pid of this.dead) this.keepEnded(mem, pid);
    for (const pid of this.unlogged) {
      if (!this.deaths.get(pid)?.gone) continue;
      if (loggedItsEnd(mem, pid)) {
        this.unlogged.delete(pid);
        continue;
      }
      const time = Atomics.load(mem.i32, H.mode) === Mode.parallel ? (defaultWallClock() - mem.f64[H.epochLo >> 1]!) / 1000 : mem.loadF(pid, S.clock);
      if (tryAppendEvent(mem, pid, EK.killed, -1, KILLED_EXITCODE, 0, mem.load(pid, S.opLine), time) >= 0) this.unlogged.delete(pid);
    }
  }
}

/** The last record in `pid`'s ring is its `killed` or `exit` event: its thread unwound and logged its end before it was gone. */
function loggedItsEnd(mem: Memory, pid: number): boolean {
  const head = Atomics.load(mem.i32, mem.layout.slot(pid) + S.ringHead);
  // No `head === 0` test for an empty ring: the head passes 0 again after 2^32 events (the words wrap), and an
  // unwritten slot of a fresh ring reads kind 0 ('start'), not an end.
  const rec = mem.layout.ring(pid) + ((head - 1) & (mem.layout.cfg.ringEvents - 1)) * E.words;
  const kind = mem.i32[rec + E.kind];
  return kind === EK.killed || kind === EK.exit;
}
