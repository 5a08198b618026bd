/**
 * The app's explorer worker: explorations, PCT samples, statistics and guided
 * replays (src/explore/jobs.ts) run here, off the page and beside the kernel,
 * on a buffer whose process workers the Machine attached. It blocks freely
 * (Atomics.wait) while it drives the scheduler; the page asks it to advance a
 * job in slices through Comlink.
 */
import { expose } from 'comlink';
import { Job, type JobReport, type JobSpec } from '../explore/jobs';
import { scenarioById } from '../scenarios/registry';
import type { ScenarioParams } from '../scenarios/types';

let job: Job | null = null;

const api = {
  /** Take a job's buffer (set up, workers attached, not booted). */
  start(sab: SharedArrayBuffer, scenarioId: string, params: ScenarioParams, spec: JobSpec): void {
    const scenario = scenarioById.get(scenarioId);
    if (!scenario) throw new Error(`Unknown scenario "${scenarioId}"`);
    job = new Job(sab, scenario, params, spec);
  },

  /** Work on the job for about `budgetMs`, then report. */
  advance(budgetMs: number): JobReport {
    if (!job) throw new Error('no job');
    return job.advance(budgetMs);
  },

  end(): void {
    job = null;
  },
};

export type ExplorerApi = typeof api;
expose(api);
