/**
 * A verdict judges every event: a run that has ended with a backlog bigger
 * than the final drain can fold (a busy machine, a fast queue) is reported
 * running until the rest is in, never "finished" on part of its log.
 */
import { describe, expect, it } from 'vitest';
import { EK } from '../core/events';
import { H } from '../core/layout';
import { runStatus, Scheduler } from '../kernel/scheduler';
import { benchEvents } from '../bench/scenarios';
import { messageLoopClock, ViewHost } from './viewHost';
import { benchEventsMachine, RUNNING } from './testing/benchEventsMachine';

const PROCS = 2;
const EVENTS = 100_000;

const machine = benchEventsMachine(PROCS);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the final drain', () => {
  it('says "finished" only once every event is drained, and judges them all', async () => {
    // Rings that hold the whole run, and a view that leaves them alone until pulled: the run ends with 200,000 events undrained.
    const params = { procs: PROCS, events: EVENTS };
    const { mem } = await machine().attach('bench-events', params, { layout: { ringEvents: 131_072 } });
    const clock = messageLoopClock();
    // No time for a final drain beyond one batch (as when the machine is busy): most of the backlog stays.
    const host = new ViewHost(new Map([[benchEvents.id, benchEvents]]), clock, 0);
    host.open(1, { sab: mem.sab, scenarioId: benchEvents.id, params, mode: 'parallel', hold: true, audit: true });
    new Scheduler(mem, { mode: 'parallel', seed: 1, mainProgram: Object.keys(benchEvents.programs).indexOf(benchEvents.main), turbo: true }).boot(Date.now());
    for (let i = 0; runStatus(mem) !== 'finished'; i++) {
      if (i > 6000) throw new Error('the run did not finish');
      await sleep(10);
    }
    const issued = Atomics.load(mem.i32, H.seq);
    expect(issued).toBeGreaterThan(PROCS * EVENTS);
    const statuses: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const d = host.snapshot(1, RUNNING);
      if (!d) continue;
      statuses.push(d.status);
      if (d.status !== 'finished') {
        expect(d.judgement).toBeNull();
        continue;
      }
      // The first "finished" comes with every event drained, and the judge saw them all.
      expect(d.audit!.drained).toBe(issued);
      expect(d.audit!.kinds[EK.note]).toBe(PROCS * EVENTS);
      expect(d.judgement?.verdict).toBe('ok');
      break;
    }
    expect(statuses.at(-1)).toBe('finished');
    // One batch could not take 200,000 events: the run was running before it was finished.
    expect(statuses[0]).toBe('running');
    host.close();
    clock.close();
  }, 120_000);
});
