/**
 * Undo and Redo over a scheduled run. A scheduled run is deterministic, so a
 * moment is its schedule (the pids granted so far): Undo replays the schedule
 * minus one, Redo replays one more step of the schedule it undid. The
 * schedule undone from is the redo future; a new step drops it, as editors do.
 */
export class RedoFuture {
  private future: number[] | null = null;

  /** Undo from `schedule` (the steps taken): returns the prefix to replay, or null when there is nothing to undo. */
  undo(schedule: readonly number[]): number[] | null {
    if (schedule.length === 0) return null;
    // Undoing again within the same future keeps its longer tail, so Redo can walk all the way back.
    if (!this.future || !isPrefix(schedule, this.future)) this.future = [...schedule];
    return schedule.slice(0, -1);
  }

  /** The prefix to replay for one Redo from `steps` taken, or null when there is nothing to redo. */
  redo(steps: number): number[] | null {
    return this.future && steps < this.future.length ? this.future.slice(0, steps + 1) : null;
  }

  /** How many steps Redo can give back from `steps` taken. */
  available(steps: number): number {
    return this.future ? Math.max(0, this.future.length - steps) : 0;
  }

  /** A new step (or a new run): the undone future no longer follows. */
  drop(): void {
    this.future = null;
  }
}

function isPrefix(a: readonly number[], b: readonly number[]): boolean {
  return a.length <= b.length && a.every((v, i) => v === b[i]);
}
