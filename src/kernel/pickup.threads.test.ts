/**
 * A child's start under a scheduled mode, on real threads: the kernel's settle after granting `p.start()`
 * waits for the child's worker to pick it up. A slow pickup (the worker's thread busy, as on a loaded
 * machine) is not the parent's fault: the kernel keeps waiting past its step patience and the run goes on.
 * A pickup that never comes is reported as such (NoPickup, naming the child), not as the parent's stall.
 */
import { describe, expect, it } from 'vitest';
import type { Console } from '../core/data';
import { Memory, S, State } from '../core/layout';
import { stopRun, pickupPatienceMs } from '../core/process';
import { NoPickup, Scheduler, Stalled } from './scheduler';
import { useNodeMachine } from './testing/useNodeMachine';

const registryModule = new URL('../core/testing/scenarios.ts', import.meta.url).href;
/** The step patience these runs get (the page's is 10 s): short, so the tests take seconds. */
const PATIENCE_MS = 1000;

const machine = useNodeMachine(registryModule, 3);

/** `tiny` in step mode, booted: MainProcess parked at its first op, `p.start()` of Process-1. */
async function booted(spinMs = 0) {
  const { mem, objs } = await machine().attach<{ console: Console }>('tiny', { locked: false, lines: 1, spinMs });
  const s = new Scheduler(mem, { mode: 'step', seed: 1, mainProgram: 0, patienceMs: PATIENCE_MS });
  s.boot(Date.now());
  return { mem, s, console: objs.console };
}

/** Wait (this thread may block: Node) until `pid` has ended, for at most `ms`. */
function awaitEnd(mem: Memory, pid: number, ms: number): void {
  for (const end = Date.now() + ms; mem.load(pid, S.state) < State.done && Date.now() < end; ) Atomics.wait(mem.i32, 0, -1, 10);
}

/** What `f` throws (undefined: nothing). */
function thrownBy(f: () => void): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('a child start the kernel waits for', () => {
  it('waits past the step patience for a slow pickup, and the run then goes on to its end', async () => {
    const { mem, s } = await booted();
    expect(pickupPatienceMs(mem)).toBe(3 * PATIENCE_MS);
    // Process-1's worker is busy for twice the step patience (and a full second under the pickup's).
    await machine().order(1, { type: 'busy', ms: 2 * PATIENCE_MS });
    const t0 = Date.now();
    expect(() => s.grant(0)).not.toThrow();
    expect(Date.now() - t0).toBeGreaterThan(PATIENCE_MS);
    expect(s.canStep(1)).toBe(true);
    for (let steps = 0; s.status() === 'running' && steps < 200; steps++) s.step();
    expect(s.status()).toBe('finished');
  });

  it('names the child that no worker picked up, once the pickup’s patience has run out', async () => {
    const { mem, s } = await booted();
    await machine().order(1, { type: 'detach' });
    const t0 = Date.now();
    const error = thrownBy(() => s.grant(0));
    expect(error).toBeInstanceOf(NoPickup);
    expect((error as NoPickup).child).toBe('Process-1');
    expect((error as Error).message).toBe('no worker picked up Process-1 within 3 s');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(pickupPatienceMs(mem));
    stopRun(mem);
  });

  it('does not blame the pickup for a child that was picked up and computes before its first op', async () => {
    // Process-1's worker picks it up at once; the child then spins past the pickup's patience (a Reset ends it).
    const { mem, s } = await booted(5 * PATIENCE_MS);
    const t0 = Date.now();
    const error = thrownBy(() => s.grant(0));
    stopRun(mem);
    expect(error).toBeInstanceOf(Stalled); // the page says it in the learner's language (lab.error.stalled)
    expect(error).not.toBeInstanceOf(NoPickup);
    expect((error as Stalled).process).toBe('Process-1');
    expect((error as Error).message).toBe('Process-1 did not reach its next step');
    // The step's patience, not the pickup's: a stuck program is said as soon as before the pickup's wait.
    expect(Date.now() - t0).toBeLessThan(pickupPatienceMs(mem));
  });

  it('the parent\'s own backstop does not say "no worker picked up" a child that was picked up late and then computed', async () => {
    // Process-1 is picked up at twice the step patience (late, under the pickup's), then spins past every wait.
    const { mem, s, console } = await booted(8 * PATIENCE_MS);
    await machine().order(1, { type: 'busy', ms: 2 * PATIENCE_MS });
    expect(thrownBy(() => s.grant(0))).toBeInstanceOf(Error); // the kernel's word on it comes first
    // MainProcess, still in p.start(), gives up on its own backstop: what it raises must be true.
    awaitEnd(mem, 0, 6 * PATIENCE_MS);
    stopRun(mem);
    const said = console.lines().map((l) => l.text);
    expect(said).toContain('MainProcess: RuntimeError: Process-1 did not reach its first step');
    expect(said.join('\n')).not.toContain('no worker picked up');
  });
});
