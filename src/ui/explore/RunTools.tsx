import { useEffect, useState, type ChangeEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../app/appStore';
import { osPid, pidLabel } from '../../core/pid';
import { currentQuery, replaceUrlParams } from '../../app/url';
import { noticeValue } from '../../app/urlParams';
import { useExploreStore } from '../../lab/exploreStore';
import { useLabStore } from '../../lab/labStore';
import type { LaneView } from '../../lab/liveRun';
import { settingsToQuery } from '../../lab/settings';
import { logEvents, parseTrace, toChromeTrace, traceLabSettings, TraceError, type LockstepTrace } from '../../lab/trace';
import { scenarioById, scenarios } from '../../scenarios/registry';
import { useT } from '../app/useT';
import { labController } from '../lab/controllerInstance';
import { download } from './download';
import { jobRunner } from './jobsInstance';
import { EXPLORE_PARAMS, readExploreQuery, writeScheduleParams } from './urlState';
import { useApplyStepMode } from './useApplyStepMode';

/** Build the project's trace of the run on screen. */
async function currentTrace(): Promise<LockstepTrace | null> {
  const c = labController();
  const { settings, snapshot } = useLabStore.getState();
  if (!c.log) return null;
  return {
    format: 'lockstep-trace',
    version: 1,
    settings: { scenario: settings.scenarioId, mode: settings.mode, seed: settings.seed, params: settings.params },
    schedule: await c.schedule(),
    processes: (snapshot?.lanes ?? []).map((l) => l.name),
    pids: (snapshot?.lanes ?? []).map((l) => osPid(l.pid)),
    objects: c.objects.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    events: logEvents(c.log),
  };
}

const URL_DELAY_MS = 250;

/** Whether the address bar carries the step schedule now (a built-in scenario, which a link reopens at its step; step mode, between steps). */
function scheduleBelongsInUrl(): boolean {
  const { phase, settings } = useLabStore.getState();
  return scenarios.some((sc) => sc.id === settings.scenarioId) && settings.mode === 'step' && phase !== 'loading' && phase !== 'running';
}

/** Write `schedule=` and `at=` for the steps taken (or the plan being followed and how far along). */
export async function writeScheduleNow(): Promise<void> {
  if (!scheduleBelongsInUrl()) return;
  const c = labController();
  const done = await c.schedule();
  if (!scheduleBelongsInUrl()) return;
  const plan = c.loadedPlan;
  writeScheduleParams(plan ?? done, plan ? Math.min(done.length, plan.length) : done.length);
}

/** Keep `schedule=` and `at=` in the address bar in step with the steps taken. */
function useScheduleInUrl(): void {
  const { steps, phase, mode } = useLabStore(useShallow((s) => ({ steps: s.steps, phase: s.phase, mode: s.settings.mode })));
  useEffect(() => {
    if (!scheduleBelongsInUrl()) return;
    // Once the learner pauses between steps: a burst of steps (a held key) asks the kernel once.
    const timer = setTimeout(() => void writeScheduleNow(), URL_DELAY_MS);
    return () => clearTimeout(timer);
  }, [steps, phase, mode]);
}

/** Open a link: the explorer's settings, and a schedule replayed to its step without a click. */
export function openFromUrl(): Promise<void> {
  const c = labController();
  const s = useLabStore.getState().settings;
  const maxPid = scenarioById.get(s.scenarioId)?.maxProcesses(s.params) ?? 1;
  const q = readExploreQuery(currentQuery(), maxPid);
  useAppStore.getState().addNotices(q.notices);
  useExploreStore.setState({ bound: q.bound, runs: q.runs });
  if (q.schedule && s.mode !== 'parallel') {
    c.setPlan(q.schedule);
    return c.load(q.schedule.slice(0, q.at));
  }
  // A parallel run is not granted step by step: say so rather than drop the link's schedule without a word.
  const given = currentQuery().get('schedule');
  if (q.schedule && given !== null) useAppStore.getState().addNotices([{ name: 'schedule', ...noticeValue(given), hint: { key: 'app.hint.scheduleMode' } }]);
  replaceUrlParams({ schedule: null, at: null });
  return c.load();
}

/** A stable empty list: a selector that returned a fresh [] would re-render forever. */
const NO_LANES: LaneView[] = [];

/** Where a loaded schedule stands, what it grants next, and whether that grant preempts the running process. */
function PlanNote({ plan, at }: { plan: number[]; at: number }) {
  const t = useT();
  const lanes = useLabStore((s) => s.snapshot?.lanes ?? NO_LANES);
  const name = (pid: number) => lanes.find((l) => l.pid === pid)?.name ?? pidLabel(pid);
  const next = plan[at];
  const prev = plan[at - 1];
  const preempts = next !== undefined && prev !== undefined && next !== prev && lanes.some((l) => l.pid === prev && l.steppable);
  // Followed to its end (an imported finished run): it no longer leads anything.
  if (at >= plan.length) return <p className="muted small plan-note">{t('explore.loadedDone', { n: plan.length })}</p>;
  return (
    <p className="muted small plan-note">
      {t('explore.loaded', { at: Math.min(at, plan.length), n: plan.length })}
      {next !== undefined && <> {t('explore.next', { name: name(next) })}</>}
      {preempts && <strong> {t('explore.preempts', { name: name(prev) })}</strong>}
    </p>
  );
}

/** Replay a parallel race, follow a loaded schedule, export and import (the link is the Copy link beside Undo). */
export function RunTools() {
  const t = useT();
  const applyStep = useApplyStepMode();
  const { mode, phase, steps } = useLabStore(useShallow((s) => ({ mode: s.settings.mode, phase: s.phase, steps: s.steps })));
  const busy = useExploreStore((s) => s.busy);
  const [importError, setImportError] = useState<string | null>(null);
  // The alert is about the file that failed: a new run on screen (Reset, a setting, a scenario) is not that file's.
  useEffect(() => useLabStore.subscribe((now, before) => now.phase === 'loading' && before.phase !== 'loading' && setImportError(null)), []);
  useScheduleInUrl();
  const c = labController();
  const plan = phase === 'loading' ? null : c.loadedPlan;

  const exportJson = async () => {
    const trace = await currentTrace();
    if (trace) download(`lockstep-${trace.settings.scenario}.json`, JSON.stringify(trace, null, 1));
  };
  const exportChrome = async () => {
    const trace = await currentTrace();
    if (trace) download(`lockstep-${trace.settings.scenario}.trace.json`, JSON.stringify(toChromeTrace(trace)));
  };
  const importTrace = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setImportError(null);
    try {
      const trace = parseTrace(await file.text());
      const settings = traceLabSettings(trace, useLabStore.getState().settings);
      useLabStore.setState({ settings });
      const query = settingsToQuery(settings);
      replaceUrlParams(query, ['lang', 'lab', ...EXPLORE_PARAMS, ...Object.keys(query)]);
      if (trace.settings.mode === 'parallel') {
        await jobRunner().replayEvents(
          trace.events.map((ev) => ({ seq: ev.seq, pid: ev.pid, kind: ev.kind, obj: ev.obj, result: ev.result, payload: ev.payload ?? '' })),
          applyStep,
        );
      } else {
        c.setPlan(trace.schedule);
        await c.load(trace.schedule, false, 'trace');
      }
    } catch (err) {
      const message = err instanceof TraceError ? t(err.key, err.vars) : err instanceof Error ? err.message : String(err);
      setImportError(t('tools.importError', { message }));
    }
  };

  return (
    <section className="panel run-tools" aria-label={t('tools.title')}>
      <div className="explore-controls">
        {mode === 'parallel' && phase === 'ended' && (
          <button type="button" className="primary" title={t('tools.replayAbout')} onClick={() => void jobRunner().replayParallel(applyStep)} disabled={!!busy}>
            {t('tools.replay')}
          </button>
        )}
        <button type="button" onClick={() => void exportJson()} disabled={!!busy || phase === 'loading'}>
          {t('tools.exportJson')}
        </button>
        <button type="button" onClick={() => void exportChrome()} disabled={!!busy || phase === 'loading'}>
          {t('tools.exportChrome')}
        </button>
        <label className="file-button">
          {t('tools.import')}
          <input type="file" accept="application/json,.json" onChange={(e) => void importTrace(e)} disabled={!!busy} />
        </label>
      </div>
      {plan && <PlanNote plan={plan} at={steps} />}
      {importError && (
        <p className="lab-error" role="alert">
          {importError}
        </p>
      )}
    </section>
  );
}
