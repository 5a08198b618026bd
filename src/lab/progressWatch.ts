/**
 * The livelock/starvation hint: watches frames of a live run and says when
 * processes keep doing ops but nothing makes progress — no line printed, no
 * process ended — for a long stretch (livelock: busy, going nowhere), or when
 * one live process has not moved while the others did many ops (starvation).
 * Pure: fed the lanes' op counts, the console length, who has ended, and a
 * fingerprint of the shared objects (asked for only when the stretch is long,
 * so a long silent computation that changes a Value — the bank — is progress).
 *
 * @example
 *   const watch = new ProgressWatch();
 *   const hint = watch.observe(snapshot.lanes, snapshot.console.length, () => JSON.stringify(snapshot.objects)); // null, or a hint
 */
export interface WatchedLane {
  pid: number;
  name: string;
  state: string;
  ops: number;
}

export type ProgressHint = { kind: 'livelock'; ops: number } | { kind: 'starving'; pid: number; name: string; ops: number };

/** Ops without progress before the hint speaks: far more than any scenario needs between two prints. */
export const NO_PROGRESS_OPS = 400;

const ENDED = new Set(['done', 'terminated']);
/** A sleeping process stands still by choice; a blocked or ready one wants to move. */
const WANTS_TO_MOVE = new Set(['blocked', 'ready']);

export class ProgressWatch {
  /** Total ops at the last progress, and each lane's ops when it last moved (with the total then). */
  private sinceProgress = 0;
  private marks = '';
  private state: string | null = null;
  private moved = new Map<number, { ops: number; total: number }>();

  constructor(private readonly limit = NO_PROGRESS_OPS) {}

  reset(): void {
    this.sinceProgress = 0;
    this.marks = '';
    this.state = null;
    this.moved.clear();
  }

  observe(lanes: readonly WatchedLane[], printed: number, objects: () => string = () => ''): ProgressHint | null {
    this.state ??= objects();
    let total = 0;
    for (const l of lanes) total += l.ops;
    const marks = `${printed}/${lanes.filter((l) => ENDED.has(l.state)).length}/${lanes.length}`;
    if (marks !== this.marks || total < this.sinceProgress) {
      this.marks = marks;
      this.sinceProgress = total;
    }
    let starving: ProgressHint | null = null;
    for (const l of lanes) {
      const m = this.moved.get(l.pid);
      if (!m || m.ops !== l.ops || ENDED.has(l.state)) {
        this.moved.set(l.pid, { ops: l.ops, total });
        continue;
      }
      const others = total - m.total;
      if (!starving && WANTS_TO_MOVE.has(l.state) && others >= this.limit) starving = { kind: 'starving', pid: l.pid, name: l.name, ops: others };
    }
    const idle = total - this.sinceProgress;
    if (idle >= this.limit) {
      // Shared state changed since the last look: work is being done, only silently.
      const now = objects();
      if (now !== this.state) {
        this.state = now;
        this.sinceProgress = total;
        return starving;
      }
      return { kind: 'livelock', ops: idle };
    }
    return starving;
  }
}
