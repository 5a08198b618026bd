/** The rehearsal a pooled process worker runs before it reports ready (src/kernel/rehearsal.ts). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProcessApi, RunnableScenario } from '../core/process';
import { Console, SharedFile } from '../core/data';
import { Runtime } from '../core/runtime';
import { Lock } from '../core/sync';
import type { World } from '../core/world';
import { defaultParams } from '../lab/settings';
import { scenarios } from '../scenarios/registry';
import { rehearse, rehearseAll } from './rehearsal';

/** A lock and a file, like the ticket rush; `body` is the rehearsed program. */
function fake(body: (p: ProcessApi<{ lock: Lock; file: SharedFile; console: Console }, { word: string }>) => void, declared = true): RunnableScenario<unknown, unknown> {
  const sc: RunnableScenario<{ lock: Lock; file: SharedFile; console: Console }, { word: string }> = {
    id: 'fake',
    setup: (world: World) => ({ console: new Console(world, 16, 1024), lock: new Lock(world, 'lock'), file: new SharedFile(world, 'f.txt', '', 64) }),
    main: 'main',
    programs: { main: () => {}, worker: body },
    ...(declared ? { rehearsal: { program: 'worker', params: { word: 'hello' }, args: [7] } } : {}),
  };
  return sc as unknown as RunnableScenario<unknown, unknown>;
}

describe('rehearse', () => {
  it('runs the declared program to its end on a private buffer, with its parameters and arguments, under the parallel mode with turbo', () => {
    const seen: unknown[] = [];
    const code = rehearse(
      fake((p) => {
        p.objs.lock.acquire();
        p.objs.file.write(`${p.params.word} ${String(p.args[0])}`);
        seen.push(p.objs.file.read(), p.pid, p.name);
        p.sleep(1000); // turbo skips it: the rehearsal takes no time
        p.print('done');
        p.objs.lock.release();
      }),
    );
    expect(code).toBe(0);
    expect(seen).toEqual(['hello 7', 1, 'Rehearsal']);
  });

  afterEach(() => vi.restoreAllMocks());

  it("walks its locks' contended paths too (spin, doze, sleep on the word, time out, wake a waiter) and leaves them free", () => {
    // A crowd's run meets them in ~13 % of its workers: without this they were compiled there, mid-run.
    const spins = vi.spyOn(Runtime.prototype, 'lockSpinsNow');
    const blocks = vi.spyOn(Runtime.prototype, 'beginBlock');
    const waits = vi.spyOn(Runtime.prototype, 'waitWord');
    const wakes = vi.spyOn(Runtime.prototype, 'endBlock');
    const notify = vi.spyOn(Atomics, 'notify');
    let lock: Lock | null = null;
    const code = rehearse(
      fake((p) => {
        lock = p.objs.lock;
        p.objs.lock.acquire();
        p.objs.lock.release();
      }),
    );
    expect(code).toBe(0);
    // Looks before the doze and after it; waits in the doze and marked.
    expect([spins.mock.calls.length, blocks.mock.calls.length, waits.mock.calls.length]).toEqual([2, 1, 2]);
    expect(wakes.mock.calls).toEqual([[lock!.id, expect.any(Number), true]]);
    expect(notify).toHaveBeenCalledWith(expect.any(Int32Array), expect.any(Number), 1);
    expect(lock!.snapshot()).toEqual({ held: false, owner: -1, waiters: [] });
  });

  it("reports the program's exit code, and says why when there is nothing to rehearse", () => {
    expect(rehearse(fake(() => { throw new Error('boom'); }))).toBe(1);
    expect(() => rehearse(fake(() => {}, false))).toThrow(/declares no rehearsal/);
  });

  it('rehearseAll skips scenarios without one and reports a failing one without stopping', () => {
    const reports: string[] = [];
    const runs: number[] = [];
    rehearseAll([fake(() => runs.push(1), false), fake(() => { throw new Error('boom'); }), fake(() => runs.push(3))], (m) => reports.push(m));
    expect(runs).toEqual([3]);
    expect(reports).toEqual(['the rehearsal of fake exited with 1']);
  });
});

describe("the catalogue's rehearsals", () => {
  it('every scenario that can run more than 100 processes declares one, and each ends cleanly on its own', () => {
    const large = scenarios.filter((sc) => sc.maxProcesses({ ...defaultParams(sc), ...Object.fromEntries(sc.params.map((p) => [p.name, p.max])) }) > 100);
    expect(large.map((sc) => sc.id)).toEqual(expect.arrayContaining(['tickets', 'bank']));
    for (const sc of large) expect(sc.rehearsal, sc.id).toBeDefined();
    for (const sc of scenarios.filter((s) => s.rehearsal)) expect(rehearse(sc as RunnableScenario<unknown, unknown>), sc.id).toBe(0);
  });
});
