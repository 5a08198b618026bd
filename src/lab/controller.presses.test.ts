// @vitest-environment happy-dom
/**
 * Step presses kept while a step settles (LabController.pressed), with the kernel and the view worker stood in
 * for: each kernel call and each pull settles when the test says. A held key's auto-repeat is not kept, and
 * Undo takes over from the presses still waiting (as Run does): none is taken while it reads the schedule.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Memory } from '../core/layout';
import { LabController } from './controller';
import { useLabStore } from './labStore';

/** A promise and its resolver. */
function later<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A controller on a stood-in run: `steps` are the kernel's step calls, each settled by the test. */
function harness() {
  const { port1 } = new MessageChannel();
  const c = new LabController(() => undefined, () => port1 as unknown as Worker);
  const inner = c as unknown as Record<string, unknown> & { onFrame(): void; pressed: unknown[]; load: unknown; machine: Record<string, unknown>; view: unknown; live: unknown };
  const steps: { pid: number | null; done: () => void }[] = [];
  const schedule = later<number[]>();
  const kernel = {
    step: (pid: number | null) => {
      const d = later<{ steps: number }>();
      steps.push({ pid, done: () => d.resolve({ steps: steps.length }) });
      return d.promise;
    },
    schedule: () => schedule.promise,
  };
  inner.machine.callKernel = (call: (k: typeof kernel) => Promise<unknown>) => call(kernel);
  inner.view = { busy: false, dead: false, pull: () => Promise.resolve(null), close: () => undefined };
  inner.live = { mem: Memory.create({ maxProcs: 2, ringEvents: 16, heapWords: 1 << 10 }), world: null, objs: {}, scenario: null };
  const loads: (number[] | undefined)[] = [];
  inner.load = async (prefix?: number[]) => void loads.push(prefix);
  /** A frame's pull after what settled so far, itself settled (a snapshot in the store). */
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const frame = async () => {
    await flush();
    inner.onFrame();
    await flush();
  };
  return { c, inner, steps, loads, frame, schedule };
}

describe('Step presses while a step settles', () => {
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', () => 1);
    useLabStore.setState({ settings: { ...useLabStore.getState().settings, mode: 'step' } });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('a press is kept and taken once the page shows the step; a held key\'s repeat is not kept', async () => {
    const { c, inner, steps, frame } = harness();
    void c.step();
    expect(steps.length).toBe(1);
    void c.step(null, true); // auto-repeat while the step settles
    void c.step(1);
    void c.step(null, true);
    expect(inner.pressed).toEqual([1]);
    steps[0]!.done();
    await frame();
    expect(steps.map((s) => s.pid)).toEqual([null, 1]);
    steps[1]!.done();
    await frame();
    void c.step(null, true); // nothing waits: a repeat steps
    expect(steps.length).toBe(3);
  });

  it('Undo takes over from the presses waiting: none is taken while it reads the schedule', async () => {
    const { c, steps, loads, frame, schedule } = harness();
    void c.step();
    void c.step(); // kept
    steps[0]!.done();
    const undone = c.undo();
    await frame(); // the page shows step 1 while Undo waits for the schedule
    expect(steps.length).toBe(1);
    schedule.resolve([0]);
    await undone;
    expect(loads).toEqual([[]]);
    expect(steps.length).toBe(1);
  });

  it('a halted run keeps no presses: nothing would take them until Reset', async () => {
    const { c, inner, steps } = harness();
    (inner as unknown as { halted: boolean }).halted = true;
    for (let i = 0; i < 5; i++) void c.step();
    expect(steps.length).toBe(0);
    expect(inner.pressed).toEqual([]);
  });
});
