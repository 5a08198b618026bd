/**
 * "Each step explained": from two snapshots, the sentence for what just
 * happened. The process that moved did the op it was about to do (its `next`
 * in the earlier snapshot); its new state says how that ended (blocked on
 * something, finished, raised).
 */
import type { StringKey } from '../i18n/i18n';
import type { Snapshot } from './liveRun';

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
  if (now.state === 'blocked') out.push({ key: 'narrate.blocked', vars: { what: now.blockedOnName } });
  else if (now.error) out.push({ key: 'narrate.raised', vars: { error: now.error } });
  // A terminated (or killed) process did not finish: it was stopped where it was.
  else if (ended && now.exitcode !== null) out.push({ key: now.state === 'terminated' ? 'narrate.terminated' : 'narrate.ended', vars: { code: now.exitcode } });
  return out;
}
