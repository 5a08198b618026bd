/**
 * A lane's next op names the call the program makes: kill() and terminate() are one op kind (the Kill word
 * tells them apart), and the lane and its narration said "terminate Process-1" beside a line reading p.kill().
 */
import { describe, expect, it } from 'vitest';
import { EK } from '../core/events';
import { H, Memory, S } from '../core/layout';
import { Kill } from '../core/runtime';
import { World } from '../core/world';
import { scenarioById } from '../scenarios/registry';
import { withDefaults } from '../scenarios/testing/run';
import { LiveRun } from './liveRun';

function parentAbout(signal: number) {
  const mem = Memory.create({ maxProcs: 2, ringEvents: 64, heapWords: 1 << 14, maxObjects: 16 });
  const world = new World(mem, true);
  const sc = scenarioById.get('lifecycle')!;
  const params = withDefaults('lifecycle', { end: 'kill' });
  const objs = sc.setup(world, params) as Record<string, unknown> & { console: never };
  const live = new LiveRun(mem, world, objs, sc, params, 'step');
  Atomics.store(mem.i32, H.nextPid, 2);
  mem.setProcessName(0, 'MainProcess');
  mem.setProcessName(1, 'Process-1');
  // MainProcess announces its signal to Process-1 (object 1000 + pid).
  mem.store(0, S.opKind, EK.terminate);
  mem.store(0, S.opObj, 1001);
  mem.store(0, S.opArg, signal);
  mem.store(0, S.opLine, 31);
  return live.snapshot(() => true).lanes[0]!.next;
}

describe("a lane's next op", () => {
  it('is "kill Process-1" for kill() and "terminate Process-1" for terminate()', () => {
    expect(parentAbout(Kill.kill)).toMatchObject({ key: 'lab.op.kill', obj: 'Process-1' });
    expect(parentAbout(Kill.terminate)).toMatchObject({ key: 'lab.op.terminate', obj: 'Process-1' });
  });
});
