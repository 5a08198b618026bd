/** Every policy on the same workload, for the side-by-side comparison. */
import { metrics } from './metrics';
import { simulate } from './simulate';
import { POLICIES, type Job, type PolicyId, type SimOptions } from './types';

export interface PolicySummary {
  policy: PolicyId;
  response: number;
  turnaround: number;
  waiting: number;
  switches: number;
  length: number;
}

/** Run each policy with the same options otherwise (quantum, MLFQ settings, tie rule…). */
export function compareAll(jobs: readonly Job[], options: SimOptions): PolicySummary[] {
  return POLICIES.map((policy) => {
    const m = metrics(simulate(jobs, { ...options, policy }));
    return { policy, ...m.average, switches: m.switches, length: m.length };
  });
}
