/**
 * ProcessHost in this thread (no worker needed: it idles with Atomics.waitAsync
 * and runs a started program synchronously): a slot's objects are set up when
 * the worker attaches, not when its process starts.
 */
import { describe, expect, it } from 'vitest';
import { H, Memory, Mode, S, State } from './layout';
import { Console } from './data';
import { ProcessHost, type RunnableScenario } from './process';
import { World } from './world';

interface Objs {
  console: Console;
  made: number;
}

function spyScenario() {
  let setups = 0;
  const seen: { made: number; scheduled: boolean }[] = [];
  const scenario: RunnableScenario<Objs, unknown> = {
    id: 'spy',
    setup: (world) => ({ console: new Console(world, 4, 256), made: ++setups }),
    main: 'main',
    programs: { main: (p) => void seen.push({ made: p.objs.made, scheduled: p.rt.scheduled }) },
  };
  return { scenario: scenario as RunnableScenario<unknown, unknown>, seen, setups: () => setups };
}

/** Start slot 0's process (as the kernel boots main) and let the host's idle wait wake and run it. */
async function start(mem: Memory): Promise<void> {
  mem.store(0, S.program, 0);
  mem.store(0, S.state, State.new);
  Atomics.store(mem.i32, H.nextPid, 1);
  const served = mem.load(0, S.served);
  Atomics.add(mem.i32, mem.at(0, S.start), 1);
  Atomics.notify(mem.i32, mem.at(0, S.start));
  for (let i = 0; i < 200 && mem.load(0, S.served) === served; i++) await new Promise((r) => setTimeout(r, 5));
  expect(mem.load(0, S.served)).not.toBe(served);
}

describe('ProcessHost', () => {
  it('sets up the objects at attach; the process gets them, with a runtime made as it starts', async () => {
    const spy = spyScenario();
    const host = new ProcessHost({ spy: spy.scenario });
    const mem = Memory.create({ maxProcs: 1, heapWords: 1024 });
    spy.scenario.setup(new World(mem, true), {});
    const before = spy.setups();
    host.attach(mem.sab, 'spy', {}, 0);
    expect(spy.setups()).toBe(before + 1); // set up while the run is prepared
    // The kernel writes the mode only when it loads the run, after every worker attached.
    Atomics.store(mem.i32, H.mode, Mode.parallel);
    await start(mem);
    expect(spy.seen).toEqual([{ made: before + 1, scheduled: false }]);
    expect(spy.setups()).toBe(before + 1);
    // Started again on the same buffer (a rewinding explorer): fresh objects.
    mem.store(0, S.state, State.free);
    await start(mem);
    expect(spy.seen[1]!.made).toBe(before + 2);
    host.detach();
  });
});
