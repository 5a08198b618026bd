/**
 * "Each step explained": from two snapshots, the sentence for what just
 * happened. The process that moved did the op it was about to do (its `next`
 * in the earlier snapshot); its new state says how that ended (blocked on
 * something, finished, raised).
 */
import type { StringKey } from '../i18n/i18n';
import type { LaneView, Snapshot } from './liveRun';
import type { Replay } from './labStore';

export interface Phrase {
  key: StringKey;
  vars: Record<string, string | number>;
}

/** The phrases (translate each, join with a space) for the op between `before` and `after`, or [] when none. */
export function narrate(before: Snapshot | null, after: Snapshot): Phrase[] {
  if (!before || before.seq === after.seq) return [];
  // The process that was granted is the one whose op count grew (a child it started is new, not grown);
  // failing that, the author of the last event.
  // By pid, once: a lane looked up per lane was O(processes²) per snapshot (a million compares a frame at 1,000).
  const earlier = new Map(before.lanes.map((l) => [l.pid, l]));
  const grown = after.lanes.find((l) => {
    const b = earlier.get(l.pid);
    return b !== undefined && b !== l && l.ops > b.ops;
  });
  const pid = grown?.pid ?? after.last?.pid;
  if (pid === undefined) return [];
  const was = earlier.get(pid);
  const now = after.lanes.find((l) => l.pid === pid);
  // A child that only began running (its start event drained a frame after its parent's spawn) is not what the step did.
  if (!now || was?.state === 'new') return [];
  const out: Phrase[] = [];
  const ended = now.state === 'done' || now.state === 'terminated';
  // An op announced long ago is not what an ended process last did: under the parallel policy a lane announces
  // only the op it waits on (the child-control lab's "wait for your next click"), and the run may end far past it.
  const stale = ended && was?.next && now.line !== was.nextLine;
  if (was?.next && !stale) out.push({ key: 'narrate.did', vars: { name: now.name, line: was.nextLine, opKey: was.next.key, obj: was.next.obj, kind: was.next.kind } });
  else out.push({ key: 'narrate.moved', vars: { name: now.name } });
  const state = stateNow(now);
  if (state) out.push(state);
  return out;
}

/** How a process stands now, if that is news: waiting, raised, ended (null: it goes on). */
function stateNow(now: LaneView): Phrase | null {
  if (now.state === 'blocked') return { key: 'narrate.blocked', vars: { what: now.blockedOnName } };
  if (now.error) return { key: 'narrate.raised', vars: { error: now.error } };
  // A terminated (or killed) process did not finish: it was stopped where it was.
  if ((now.state === 'done' || now.state === 'terminated') && now.exitcode !== null) return { key: now.state === 'terminated' ? 'narrate.terminated' : 'narrate.ended', vars: { code: now.exitcode } };
  return null;
}

/**
 * Where a replay (Undo, Redo, a link, a trace) left the learner, from the first snapshot at its end: the step it
 * stands at, who moved last and what that process does next (or how it stands). Its steps are not narrated one by
 * one: the replay's snapshots can be several steps apart.
 */
export function narrateReplay(replay: Replay, snap: Snapshot): Phrase[] {
  const out: Phrase[] =
    replay.by === 'undo'
      ? [replay.steps === 0 ? { key: 'narrate.undoneStart', vars: {} } : { key: 'narrate.undone', vars: { n: replay.steps } }]
      : [{ key: replay.by === 'redo' ? 'narrate.redone' : replay.by === 'trace' ? 'narrate.traced' : 'narrate.linked', vars: { n: replay.steps } }];
  const lane = replay.last === null ? undefined : snap.lanes.find((l) => l.pid === replay.last);
  if (!lane) return out;
  const state = stateNow(lane);
  if (!state && lane.next) out.push({ key: 'narrate.lastNext', vars: { name: lane.name, line: lane.nextLine, opKey: lane.next.key, obj: lane.next.obj, kind: lane.next.kind } });
  else out.push({ key: 'narrate.lastMoved', vars: { name: lane.name } });
  if (state) out.push(state);
  return out;
}
