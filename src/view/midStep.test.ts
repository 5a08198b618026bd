/**
 * A step under a scheduled mode, seen by the view while it is under way: the page may pull a snapshot it
 * asked for just before the learner's Step click (its request says "not mid-step"), and the view reads the
 * status while the granted process has not parked again. That moment must read "running", never a verdict
 * (the old rule called it a deadlock: the one process moving was not parked, everyone else was blocked),
 * and a run that does end in a deadlock must still read "deadlock" once everyone has parked.
 *
 * Real threads: the scenario's processes run on worker_threads; this thread is the kernel (it grants) and
 * the view (ViewHost, the view worker's body). Each grant is held at its first instant, granted but not yet
 * woken (the process sleeps at its gate until notified), while the view takes its look.
 */
import { describe, expect, it } from 'vitest';
import { Gate, H, Memory, S, State } from '../core/layout';
import { Scheduler } from '../kernel/scheduler';
import { useNodeMachine } from '../kernel/testing/useNodeMachine';
import { scenarioById } from '../scenarios/registry';
import { registryModule, withDefaults, workerModule } from '../scenarios/testing/run';
import type { ScenarioParams } from '../scenarios/types';
import { messageLoopClock, ViewHost } from './viewHost';
import type { ViewRequest } from './protocol';

const machine = useNodeMachine(registryModule, 3, { workerModule });

/** A pull the page sent just before a Step click: nothing in flight yet, so not mid-step. */
const BEFORE_CLICK: ViewRequest = { booted: true, midStep: false, byHand: true, running: false, judgeDue: false, betweenSteps: true, changed: true, acceptDeadlock: false, dead: [] };

/** Wait (this thread may block: Node) until `pid` has parked at its gate again or ended. */
function settle(mem: Memory, pid: number): void {
  const end = Date.now() + 10_000;
  while (mem.load(pid, S.gate) !== Gate.parked && mem.load(pid, S.state) < State.done) {
    if (Date.now() > end) throw new Error(`pid ${pid} did not park`);
    Atomics.wait(mem.i32, 0, -1, 1);
  }
}

/** A scheduled run of scenario `id` on the node machine, its view open and its main process booted (step mode, seed 1). */
async function openStepRun(id: string, given: ScenarioParams) {
  const params = withDefaults(id, given);
  const scenario = scenarioById.get(id)!;
  const { mem } = await machine().attach(id, params);
  const clock = messageLoopClock();
  const host = new ViewHost(new Map([[id, scenario]]), clock);
  host.open(1, { sab: mem.sab, scenarioId: id, params, mode: 'step' });
  const scheduler = new Scheduler(mem, { mode: 'step', seed: 1, mainProgram: Object.keys(scenario.programs).indexOf(scenario.main) });
  scheduler.boot(Date.now());
  const close = () => {
    host.close();
    clock.close();
  };
  return { mem, host, scheduler, close };
}

/**
 * Step the run to its end by the step mode's choice; at each grant's first instant (the gate word says
 * granted, the process not yet notified) the view is asked for a snapshot. Returns those statuses and the
 * status and verdict after the last step.
 */
async function stepWithLooks(id: string, given: ScenarioParams): Promise<{ midStep: string[]; status: string; verdict: string | undefined; steps: number }> {
  const { mem, host, scheduler, close } = await openStepRun(id, given);
  const midStep: string[] = [];
  let steps = 0;
  try {
    for (let pid = scheduler.next(); pid >= 0; pid = scheduler.next(), steps++) {
      if (steps > 500) throw new Error('the run did not end');
      // What Scheduler.grant does, with the view's look between the grant's store and the process's wake;
      // without its grant count (H.grants, observedStatus's other guard), so the per-slot rule alone is checked.
      expect(mem.load(pid, S.state), `pid ${pid} granted without a timeout to fire`).not.toBe(State.blocked);
      mem.store(pid, S.gate, Gate.granted);
      midStep.push(host.snapshot(1, BEFORE_CLICK)?.status ?? 'none');
      Atomics.notify(mem.i32, mem.at(pid, S.gate));
      settle(mem, pid);
    }
    const last = host.snapshot(1, BEFORE_CLICK);
    return { midStep, status: last?.status ?? 'none', verdict: last?.judgement?.verdict, steps };
  } finally {
    close();
  }
}

describe('a snapshot taken mid-step (granted, not parked again)', () => {
  it('reads running at every step of a run that finishes, and the run then reads finished (ok)', async () => {
    const r = await stepWithLooks('deadlock', { case: 'self', fix: 'on' });
    expect(r.steps).toBeGreaterThan(3);
    // The last steps are the ones that flashed: main parked and blocked on its join, the child granted.
    expect(r.midStep).toEqual(r.midStep.map(() => 'running'));
    expect(r.status).toBe('finished');
    expect(r.verdict).toBe('ok');
  }, 60_000);

  it('a process granted that then blocks on a lock becomes blocked: once everyone has parked, the run reads deadlock', async () => {
    const r = await stepWithLooks('deadlock', { case: 'self', fix: 'off' });
    expect(r.midStep).toEqual(r.midStep.map(() => 'running'));
    expect(r.status).toBe('deadlock');
    expect(r.verdict).toBe('deadlock');
  }, 60_000);
});

describe('a pull made while a kernel call is in flight (midStep)', () => {
  it('reads the verdict of a run that has ended: pressing Step past the end does not hold it back', async () => {
    const { host, scheduler, close } = await openStepRun('deadlock', { case: 'self', fix: 'on' });
    try {
      while (scheduler.step() >= 0);
      // The learner's next press is on its way to the kernel (it will find nothing to step) when the page pulls.
      const pulled = host.snapshot(1, { ...BEFORE_CLICK, midStep: true, betweenSteps: false });
      expect(pulled?.status).toBe('finished');
      expect(pulled?.judgement?.verdict).toBe('ok');
    } finally {
      close();
    }
  }, 60_000);
});

describe('a lane\'s Step while its op runs (byHand)', () => {
  it('mid-step, the lane that moves still offers its Step (a press waits for the step), a blocked one does not, and none during a Run', async () => {
    const { mem, host, scheduler, close } = await openStepRun('deadlock', { case: 'self', fix: 'off' });
    // Each answer carries the lanes that changed: keep the whole picture, as the page's merge does.
    const offers = new Map<number, boolean>();
    const steppable = (req: ViewRequest) => {
      for (const l of host.snapshot(1, { ...req, changed: true })!.lanes) offers.set(l.pid, l.steppable);
      return offers;
    };
    try {
      // Step until some process is blocked with another still able to move.
      const blocked = () => Array.from({ length: Math.min(Atomics.load(mem.i32, H.nextPid), mem.maxProcs) }, (_, pid) => pid).find((pid) => mem.load(pid, S.state) === State.blocked && mem.load(pid, S.gate) === Gate.parked);
      let pid = scheduler.next();
      for (let n = 0; pid >= 0 && blocked() === undefined; n++, pid = scheduler.next()) {
        if (n > 100) throw new Error('nobody blocked');
        scheduler.grant(pid);
      }
      pid = scheduler.next();
      const stuck = blocked()!;
      expect(pid, 'someone can still move').toBeGreaterThanOrEqual(0);
      // Granted, not yet woken: the step is under way (the page's kernel call in flight).
      mem.store(pid, S.gate, Gate.granted);
      const mid = { ...BEFORE_CLICK, midStep: true, betweenSteps: false };
      expect(steppable(mid).get(pid)).toBe(true);
      expect(steppable(mid).get(stuck)).toBe(false);
      expect(steppable({ ...mid, byHand: false }).get(pid)).toBe(false);
      Atomics.notify(mem.i32, mem.at(pid, S.gate));
      settle(mem, pid);
    } finally {
      close();
    }
  }, 60_000);
});

