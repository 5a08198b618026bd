import type { LaneView } from '../../lab/liveRun';

/** A ready lane with nothing to show (MainProcess at pid 0, Process-N after): the render tests' crowd. */
export function idleLane(pid: number): LaneView {
  return { pid, name: pid === 0 ? 'MainProcess' : `Process-${pid}`, state: 'ready', blockedOn: -1, blockedOnName: '', next: null, nextLine: 3, line: 3, exitcode: null, error: null, traceback: null, ppid: 0, daemon: false, steppable: false, ops: 0 };
}
