/**
 * A writer whose ring fills wakes the resting view worker: its rest is not only a timer (browsers clamp it
 * to >= 4 ms, while a fast writer fills a ring in ~3.5 ms). Here every timer of the loop is made far longer
 * than the run may take, so the run can only finish if its writers wake the reader, again and again.
 */
import { describe, expect, it } from 'vitest';
import { EK } from '../core/events';
import { H } from '../core/layout';
import { runStatus, Scheduler } from '../kernel/scheduler';
import { benchEvents } from '../bench/scenarios';
import { messageLoopClock, ViewHost, type LoopClock } from './viewHost';
import { benchEventsMachine, RUNNING } from './testing/benchEventsMachine';

const PROCS = 2;
const EVENTS = 40_000;
/** Every rest of the loop lasts this many times longer: a 4 ms poll becomes 40 s, far past the bound below. */
const SLOW = 10_000;
/** The run's bound (it takes well under a second when the writers wake the reader; generous for a loaded machine). */
const BOUND_MS = 20_000;

const machine = benchEventsMachine(PROCS);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('waking the reader', () => {
  it('a writer with a full ring wakes the resting reader: a run of 80 rings of events ends with every timer 40 s+', async () => {
    // 1,024-event rings: 80,000 events fill each ring ~40 times over.
    const params = { procs: PROCS, events: EVENTS };
    const { mem } = await machine().attach('bench-events', params, { layout: { ringEvents: 1024 } });
    const base = messageLoopClock();
    const clock: LoopClock = {
      soon: (f) => base.soon(f),
      later: (f, ms) => base.later(f, ms * SLOW),
      rest: base.rest && ((f, ms, i32, index) => base.rest!(f, ms * SLOW, i32, index)),
    };
    const host = new ViewHost(new Map([[benchEvents.id, benchEvents]]), clock);
    host.open(1, { sab: mem.sab, scenarioId: benchEvents.id, params, mode: 'parallel', audit: true });
    try {
      const t0 = performance.now();
      new Scheduler(mem, { mode: 'parallel', seed: 1, mainProgram: Object.keys(benchEvents.programs).indexOf(benchEvents.main), turbo: true }).boot(Date.now());
      while (runStatus(mem) !== 'finished') {
        if (performance.now() - t0 > BOUND_MS) throw new Error(`the run did not finish in ${BOUND_MS} ms: its writers wait on full rings for a resting reader`);
        await sleep(5);
      }
      // Every event arrives, once and in order (the pull drains what is left).
      const issued = Atomics.load(mem.i32, H.seq);
      let d = host.snapshot(1, RUNNING);
      for (let i = 0; i < 100 && d?.audit?.drained !== issued; i++) d = host.snapshot(1, RUNNING) ?? d;
      expect(d!.audit!.drained).toBe(issued);
      expect(d!.audit!.seqBreaks).toBe(0);
      expect(d!.audit!.kinds[EK.note]).toBe(PROCS * EVENTS);
      // The bench's diagnostics say so too: no rest here can end on its timer before the run ends, so writers ended them.
      const a = d!.audit!;
      expect(a.rests).toBeGreaterThan(0);
      expect(a.restsWoken).toBeGreaterThan(0);
      expect(a.restsWoken).toBeLessThanOrEqual(a.rests);
      expect(a.batches).toBeGreaterThan(0);
      // Runs handed to the fold: at least one, and no more than the events.
      expect(a.runs).toBeGreaterThan(0);
      expect(a.runs).toBeLessThanOrEqual(a.drained);
      expect(a.busyMs).toBeGreaterThan(0);
      expect(a.firstAt).toBeGreaterThan(0);
      expect(a.lastAt).toBeGreaterThanOrEqual(a.firstAt);
    } finally {
      host.close();
      base.close();
    }
  }, 60_000);
});
