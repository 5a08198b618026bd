/**
 * Step latency measured where the kernel measures it: a Scheduler on the
 * run's buffer, in a worker (so it may block), timing each grant from the
 * notify to the moment the process has parked at its next op (or ended).
 *
 * The page prepares a scheduled run with the real Machine (the kernel boots
 * the main process, which parks at its first op) and hands the buffer here;
 * the kernel worker stays idle meanwhile, so exactly one scheduler grants.
 */
import { Memory } from '../core/layout';
import { Scheduler, type RunConfig } from '../kernel/scheduler';

export interface StepJob {
  sab: SharedArrayBuffer;
  config: RunConfig;
  steps: number;
}

export interface StepTimes {
  /** Microseconds per grant, in order. */
  us: number[];
  /** Grants that happened (fewer than asked when the run ended). */
  steps: number;
  totalMs: number;
}

self.onmessage = (e: MessageEvent<StepJob>) => {
  const { sab, config, steps } = e.data;
  const scheduler = new Scheduler(Memory.attach(sab), config);
  const us: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const a = performance.now();
    if (scheduler.step() < 0) break;
    us.push((performance.now() - a) * 1000);
  }
  const out: StepTimes = { us, steps: us.length, totalMs: performance.now() - t0 };
  postMessage(out);
};
