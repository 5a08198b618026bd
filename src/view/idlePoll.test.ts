/**
 * The view worker's loop rests when a run is idle: each empty look waits twice as long as the last, up to
 * IDLE_POLL_MAX_MS, and it is back at the quick pace as soon as events flow (a batch drains something, or a
 * pull from the page drains something or finds a parallel run going). Driven by a hand-run LoopClock.
 */
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../kernel/scheduler';
import { useNodeMachine } from '../kernel/testing/useNodeMachine';
import { scenarioById } from '../scenarios/registry';
import { registryModule, withDefaults, workerModule } from '../scenarios/testing/run';
import { IDLE_POLL_MAX_MS, IDLE_POLL_MS, ViewHost, type LoopClock } from './viewHost';
import type { ViewRequest } from './protocol';

const machine = useNodeMachine(registryModule, 3, { workerModule });

/** A LoopClock run by hand: `turn()` runs what is due next (a yield first, else the pending timer) and says which. */
class HandClock implements LoopClock {
  private soonQueue: (() => void)[] = [];
  private timer: { f: () => void; ms: number } | null = null;
  soon(f: () => void): void {
    this.soonQueue.push(f);
  }
  later(f: () => void, ms: number): () => void {
    const t = { f, ms };
    this.timer = t;
    return () => {
      if (this.timer === t) this.timer = null;
    };
  }
  /** Run the yields queued, then the timer: returns the timer's delay (or null if none was pending). */
  turn(): number | null {
    while (this.soonQueue.length > 0) this.soonQueue.shift()!();
    const t = this.timer;
    if (!t) return null;
    this.timer = null;
    t.f();
    return t.ms;
  }
  /** The delay of the timer now pending, after running the yields queued. */
  pending(): number | null {
    while (this.soonQueue.length > 0) this.soonQueue.shift()!();
    return this.timer?.ms ?? null;
  }
}

const PULL: ViewRequest = { booted: true, midStep: false, byHand: true, running: false, judgeDue: false, betweenSteps: true, changed: false, acceptDeadlock: false, dead: [] };

describe("the view worker's idle poll", () => {
  it('backs off while nothing comes, and is quick again once events flow or a parallel run is pulled', async () => {
    const id = 'deadlock';
    const params = withDefaults(id, { case: 'self', fix: 'on' });
    const scenario = scenarioById.get(id)!;
    const { mem } = await machine().attach(id, params);
    const clock = new HandClock();
    const host = new ViewHost(new Map([[id, scenario]]), clock);
    host.open(1, { sab: mem.sab, scenarioId: id, params, mode: 'step' });
    try {
      // Nothing runs yet: 4, 8, 16, 32, 64 ms, then 64 ms each time.
      const delays = Array.from({ length: 7 }, () => clock.turn());
      expect(delays).toEqual([IDLE_POLL_MS, 8, 16, 32, IDLE_POLL_MAX_MS, IDLE_POLL_MAX_MS, IDLE_POLL_MAX_MS]);

      // A pull that finds a parallel run going: the slow timer is dropped and the next look comes at once.
      host.snapshot(1, { ...PULL, running: true });
      expect(clock.pending()).toBe(IDLE_POLL_MS);

      // Slowed down again, then events: a step's events are drained by a batch, and the looks after it are quick.
      for (let i = 0; i < 6; i++) clock.turn();
      expect(clock.pending()).toBe(IDLE_POLL_MAX_MS);
      const scheduler = new Scheduler(mem, { mode: 'step', seed: 1, mainProgram: Object.keys(scenario.programs).indexOf(scenario.main) });
      scheduler.boot(Date.now());
      expect(scheduler.step()).toBeGreaterThanOrEqual(0);
      // The events are in the rings once the process has parked again (each look drains what is there).
      // Up to 30 s of wall time: the process parks on another thread, and 1,000 looks (5 s or more) ran out twice at
      // load 56-65 (session 16's full unit runs), 200 looks once at load 37; a count of looks is a time in disguise.
      // The loop ends at the first rest of 1 ms, so a quiet machine waits no longer.
      let rested = false;
      for (const deadline = Date.now() + 30_000; !rested && Date.now() < deadline; ) {
        rested = clock.turn() === 1;
        if (!rested) await new Promise((r) => setTimeout(r, 5));
      }
      expect(rested).toBe(true);
      expect(clock.pending()).toBe(IDLE_POLL_MS);
    } finally {
      host.close();
    }
  }, 60_000);
});
