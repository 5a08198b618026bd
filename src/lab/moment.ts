/**
 * "The page at event k": what every panel shows when the timeline's cursor is
 * moved back. Lanes, objects (files, queues, values…), the console and the
 * wait-for graph come from folding the log's first k events; the narration is
 * the sentence for event k; the verdict and the Outcome figures are the last
 * judgement the run had reached by then (the judge reads shared memory, which
 * only exists for now, so the view worker keeps each judgement it made with
 * the log length it was made at). All of it runs in the view worker, where
 * the log is written (src/view/viewHost.ts).
 */
import { EVENT_KINDS } from '../core/events';
import type { Judgement } from '../scenarios/types';
import type { LiveRun, Snapshot } from './liveRun';
import { narrate, type Phrase } from './narrate';

export interface Moment {
  index: number;
  snapshot: Snapshot;
  /** The verdict and figures as of event `index` (null: nothing judged yet). */
  judgement: Judgement | null;
  /** How many events had been logged when `judgement` was made: fewer than `index` when the run was judged less
   * often than it logged (a clock or parallel run is judged once per pull), so the page can say its figures lag. */
  judgedAt: number | null;
  narration: Phrase[];
}

/** Judgements in the order they were made, each with how many events had been logged. */
export class JudgementHistory {
  private readonly at: number[] = [];
  private readonly judgements: Judgement[] = [];

  add(logLength: number, j: Judgement): void {
    // Several judgements at one log length: the latest stands for it.
    if (this.at.length > 0 && this.at[this.at.length - 1] === logLength) this.judgements[this.judgements.length - 1] = j;
    else {
      this.at.push(logLength);
      this.judgements.push(j);
    }
  }

  /** The last judgement made with at most `index` events logged, or null. */
  asOf(index: number): Judgement | null {
    const k = this.find(index);
    return k >= 0 ? this.judgements[k]! : null;
  }

  /** The log length `asOf(index)` was made at, or null. */
  madeAt(index: number): number | null {
    const k = this.find(index);
    return k >= 0 ? this.at[k]! : null;
  }

  /** The position of the last judgement made with at most `index` events logged, or -1. */
  private find(index: number): number {
    let lo = 0;
    let hi = this.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at[mid]! <= index) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

/** The page as it was after the first `index` events of `live`'s log (in the view worker, where the log is written). */
export function momentAt(live: LiveRun, index: number, judgements: JudgementHistory): Moment {
  const end = Math.max(0, Math.min(index, live.log.length));
  // One pass over the log gives both the moment and the one before it (the narration compares them).
  const { before, after } = live.snapshotsAround(end);
  return { index, snapshot: after, judgement: judgements.asOf(index), judgedAt: judgements.madeAt(index), narration: narrationAt(live, end, before, after) };
}

/** The sentence for event `index - 1` (the one the cursor has just passed), as the live narration would say it. */
function narrationAt(live: LiveRun, index: number, before: Snapshot, after: Snapshot): Phrase[] {
  const { log } = live;
  if (index <= 0) return [];
  const e = index - 1;
  const pid = log.pid[e]!;
  // What that process was about to do then is the event itself.
  const lanes = before.lanes.map((l) => (l.pid === pid ? { ...l, next: live.opText(EVENT_KINDS[log.kind[e]!] ?? 'note', log.obj[e]!, log.result[e]!), nextLine: log.line[e]! } : l));
  return narrate({ ...before, lanes }, after);
}
