/**
 * Runs the explorer, PCT, statistics and the guided replay for the page: it
 * takes the machine from the lab (`suspend`), builds a buffer for the job
 * (objects set up, process workers attached, nothing booted, small rings),
 * starts the job in the explorer worker and asks it to advance in slices,
 * publishing each report. Cancel stops asking. Afterwards the lab's own run is
 * rebuilt, unless something else (a Reset, a new scenario) already took over.
 */
import { EVENT_KINDS } from '../core/events';
import { wrap, type Remote } from 'comlink';
import type { ExplorerApi } from '../app/explorer.worker';
import type { JobReport, JobSpec } from '../explore/jobs';
import type { OpEvent } from '../explore/rewind';
import { scenarioById } from '../scenarios/registry';
import type { ScenarioParams } from '../scenarios/types';
import type { LabController } from './controller';
import { statsLocks, useExploreStore, type StatsColumn } from './exploreStore';
import { useLabStore } from './labStore';

/** One slice of work in the kernel per call: long enough to amortize the message, short enough to cancel at once. */
const SLICE_MS = 60;
const MAX_SCHEDULES = 50_000;
/** Each process's ring holds this many events; the job drains after every grant. */
const JOB_RING_EVENTS = 1024;
/** A parallel run longer than this is not replayed step by step (it would take minutes). */
export const MAX_REPLAY_EVENTS = 200_000;

export class JobRunner {
  private cancelled = false;
  /** The lab's token while a job holds the machine (see LabController.suspend). */
  private token = -1;

  private explorer: { worker: Worker; api: Remote<ExplorerApi> } | null = null;

  /** `spawnExplorer` comes from the entry point (it decides which scenarios the explorer knows). */
  constructor(
    private readonly lab: LabController,
    private readonly spawnExplorer: () => Worker,
  ) {}

  private get api(): Remote<ExplorerApi> {
    if (!this.explorer) {
      const worker = this.spawnExplorer();
      this.explorer = { worker, api: wrap<ExplorerApi>(worker) };
    }
    return this.explorer.api;
  }

  dispose(): void {
    this.explorer?.worker.terminate();
    this.explorer = null;
  }

  cancel(): void {
    this.cancelled = true;
  }

  /** Run one job to its end (or Cancel); `onReport` sees every report. Returns the last one, or null. */
  private async job(params: ScenarioParams, spec: JobSpec, onReport: (r: JobReport) => void): Promise<JobReport | null> {
    const s = useLabStore.getState().settings;
    const scenario = scenarioById.get(s.scenarioId);
    if (!scenario) return null;
    const machine = this.lab.machine;
    const prepared = await machine.prepare(scenario, params, { mode: 'step', seed: s.seed }, { ringEvents: JOB_RING_EVENTS, boot: false });
    const explorer = this.api;
    await explorer.start(prepared.mem.sab, scenario.id, params, spec);
    let last: JobReport | null = null;
    try {
      // A Reset or a new scenario takes the machine back: stop asking at once.
      while (!this.cancelled && this.lab.owns(this.token)) {
        last = await explorer.advance(SLICE_MS);
        onReport(last);
        if (last.done) break;
      }
    } finally {
      await explorer.end();
    }
    return last;
  }

  /** Take the machine, run `work`, give it back (a fresh lab run) if nobody else took it meanwhile. */
  private async exclusive<T>(busy: NonNullable<ReturnType<typeof useExploreStore.getState>['busy']>, work: () => Promise<T>, reload = true): Promise<T | null> {
    if (useExploreStore.getState().busy) return null;
    this.cancelled = false;
    useExploreStore.setState({ busy, error: null });
    const token = (this.token = this.lab.suspend());
    let out: T | null = null;
    try {
      out = await work();
    } catch (e) {
      // After a Reset took the machine, a failing last slice is expected, not news.
      if (this.lab.owns(token)) useExploreStore.setState({ error: { key: 'job.error', vars: { message: e instanceof Error ? e.message : String(e) } } });
    } finally {
      useExploreStore.setState({ busy: null });
      if (reload && this.lab.owns(token)) void this.lab.load();
    }
    return out;
  }

  /** Explore every schedule (up to reduction and the preemption bound). */
  async explore(): Promise<void> {
    const { bound, reduction } = useExploreStore.getState();
    const params = useLabStore.getState().settings.params;
    useExploreStore.setState({ explore: null });
    await this.exclusive('explore', () =>
      this.job(params, { kind: 'explore', reduction, bound, maxSchedules: MAX_SCHEDULES }, (r) => {
        if (r.kind === 'explore') useExploreStore.setState({ explore: r });
      }),
    );
  }

  /** A PCT sample of `runs` runs at the chosen depth. */
  async pct(runs: number): Promise<void> {
    const { pctDepth } = useExploreStore.getState();
    const { params, seed } = useLabStore.getState().settings;
    useExploreStore.setState({ explore: null });
    await this.exclusive('pct', () =>
      this.job(params, { kind: 'pct', depth: pctDepth, runs, seed }, (r) => {
        if (r.kind === 'pct') useExploreStore.setState({ explore: r });
      }),
    );
  }

  /**
   * Run many: fresh seeds in clock mode (or real threads in turbo when
   * the lab is in parallel mode); lock on and off side by side when the
   * scenario has a lock.
   */
  async stats(): Promise<void> {
    const { runs } = useExploreStore.getState();
    const s = useLabStore.getState().settings;
    const scenario = scenarioById.get(s.scenarioId);
    if (!scenario) return;
    const locks = statsLocks(scenario);
    const mode = s.mode === 'parallel' ? 'parallel' : 'clock';
    useExploreStore.setState({ stats: [] });
    await this.exclusive('stats', async () => {
      const columns: StatsColumn[] = [];
      for (const lock of locks) {
        if (this.cancelled) break;
        const params = lock === null ? s.params : { ...s.params, lock };
        const column: StatsColumn = { lock, report: { kind: 'stats', runs: 0, target: runs, violated: 0, deadlocked: 0, histogram: [], elapsedMs: 0, done: false } };
        columns.push(column);
        await this.job(params, { kind: 'stats', mode, runs, seed: s.seed }, (r) => {
          if (r.kind !== 'stats') return;
          column.report = r;
          useExploreStore.setState({ stats: columns.map((c) => ({ ...c })) });
        });
      }
    });
  }

  /** Follow `schedule` in step mode from step 0 (the lab's Step then grants it one op at a time). */
  async loadSchedule(schedule: number[], applyMode: (mode: 'step') => void): Promise<void> {
    if (useLabStore.getState().settings.mode !== 'step') applyMode('step');
    this.lab.setPlan(schedule);
    await this.lab.load();
  }

  /** The parallel run just watched, as a step schedule (guided by its event order), loaded at step 0. */
  async replayParallel(applyMode: (mode: 'step') => void): Promise<void> {
    const log = this.lab.log;
    if (!log || log.length === 0) return;
    if (log.length > MAX_REPLAY_EVENTS || log.overflow > 0) {
      useExploreStore.setState({ error: { key: 'job.tooLong', vars: { n: log.length + log.overflow, max: MAX_REPLAY_EVENTS } } });
      return;
    }
    const events: OpEvent[] = [];
    for (let i = 0; i < log.length; i++) events.push({ seq: i, pid: log.pid[i]!, kind: EVENT_KINDS[log.kind[i]!] ?? 'note', obj: log.obj[i]!, result: log.result[i]!, payload: log.payload.get(i) ?? '' });
    await this.replayEvents(events, applyMode);
  }

  /** Events of a parallel run (watched or imported) → a step schedule, loaded at step 0. */
  async replayEvents(events: OpEvent[], applyMode: (mode: 'step') => void): Promise<void> {
    const params = useLabStore.getState().settings.params;
    let schedule: number[] | null = null;
    await this.exclusive(
      'replay',
      async () => {
        const r = await this.job(params, { kind: 'replay', log: events }, () => {});
        if (r?.kind === 'replay') schedule = r.schedule;
      },
      false,
    );
    if (schedule) await this.loadSchedule(schedule, applyMode);
    else await this.lab.load();
  }
}
