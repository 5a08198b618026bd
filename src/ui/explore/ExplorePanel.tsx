import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BOUNDS, useExploreStore, type BoundSetting } from '../../lab/exploreStore';
import { toCsv } from '../../lab/trace';
import { useLabStore } from '../../lab/labStore';
import { scenarioById } from '../../scenarios/registry';
import type { ExploreReport, PctReport } from '../../explore/jobs';
import { MAX_EXPLORE_STEPS } from '../../explore/search';
import { useT } from '../app/useT';
import { NumberField } from '../lab/NumberField';
import { download } from './download';
import { jobRunner } from './jobsInstance';
import { boundText, writeExploreParams } from './urlState';
import { useMainFigure } from './useMainFigure';
import { Prediction } from './Prediction';
import { Figures } from './Figures';
import { useApplyStepMode } from './useApplyStepMode';

const fmt = (n: number) => n.toLocaleString('en-US');

function Coverage({ report, cancelled }: { report: ExploreReport; cancelled: boolean }) {
  const t = useT();
  const n = fmt(report.explored);
  // What an unfinished search still proves (no bound chosen: delays 0, then 1, then all). The en strings bring their space.
  const delays = report.boundKind === 'delays';
  const covered = report.coveredUpTo >= 0 ? t(delays ? 'explore.coverage.coveredDelays' : 'explore.coverage.covered', { k: report.coveredUpTo }) : '';
  const level = report.bound === null && report.level !== null ? t(delays ? 'explore.coverage.levelDelays' : 'explore.coverage.level', { k: report.level }) : '';
  if (!report.done) return <p className="coverage">{(cancelled ? t('explore.coverage.cancelled', { n }) : t('explore.coverage.running', { n }) + level) + covered}</p>;
  if (report.stopped === 'long') return <p className="coverage">{t('explore.coverage.long', { max: fmt(MAX_EXPLORE_STEPS) }) + covered}</p>;
  if (!report.complete) return <p className="coverage">{t('explore.coverage.cap', { n }) + covered}</p>;
  return (
    <p className="coverage">
      {t('explore.coverage.complete', {
        n,
        bound: report.bound === null ? '' : t('explore.coverage.bound', { k: report.bound }),
        reduction: report.reduction ? t('explore.coverage.reduction') : '',
      })}
    </p>
  );
}

/** Explore schedules (DPOR, bound) or sample them (PCT); outcomes and the shortest violating schedule. */
export function ExplorePanel() {
  const t = useT();
  const figure = useMainFigure();
  const applyStep = useApplyStepMode();
  const depthId = useId();
  const { bound, reduction, busy, report, pctDepth, runs } = useExploreStore(
    useShallow((s) => ({ bound: s.bound, reduction: s.reduction, busy: s.busy, report: s.explore, pctDepth: s.pctDepth, runs: s.runs })),
  );
  const interactive = useLabStore((s) => !!scenarioById.get(s.settings.scenarioId)?.commands);
  const jobs = jobRunner();
  const running = busy === 'explore' || busy === 'pct';
  const explore = report?.kind === 'explore' ? report : null;
  const pct: PctReport | null = report?.kind === 'pct' ? report : null;
  const shown = explore ?? pct;
  const setBound = (b: BoundSetting) => {
    useExploreStore.setState({ bound: b });
    writeExploreParams({ bound: b });
  };
  const exportCsv = () => {
    if (!shown) return;
    download('outcomes.csv', toCsv([[figure || 'outcome', 'schedules', 'violated or deadlocked'], ...shown.outcomes.map((o) => [o.value, o.count, o.bad])]), 'text/csv');
  };
  return (
    <section className="panel explore-panel" aria-labelledby="exploration-title">
      <h2 id="exploration-title">{t('explore.title')}</h2>
      <p className="muted small">{t('explore.intro')}</p>
      <Prediction />
      <div className="explore-controls">
        <label>
          {t('explore.bound')}
          <select value={boundText(bound)} onChange={(e) => setBound(BOUNDS.find((b) => boundText(b) === e.target.value) ?? null)} disabled={!!busy}>
            {BOUNDS.map((b) => (
              <option key={boundText(b)} value={boundText(b)}>
                {b === null ? t('explore.bound.none') : b}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={reduction} onChange={(e) => useExploreStore.setState({ reduction: e.target.checked })} disabled={!!busy} />
          {t('explore.reduction')}
        </label>
        <button type="button" className="primary" onClick={() => void jobs.explore()} disabled={!!busy || interactive}>
          {t('explore.run')}
        </button>
        <label>
          <span id={depthId}>{t('explore.pctDepth')}</span>
          <NumberField labelledBy={depthId} min={1} max={5} value={pctDepth} onApply={(v) => useExploreStore.setState({ pctDepth: v })} disabled={!!busy} />
        </label>
        <button type="button" onClick={() => void jobs.pct(runs)} disabled={!!busy || interactive}>
          {t('explore.pct')}
        </button>
        {running && (
          <button type="button" onClick={() => jobs.cancel()}>
            {t('explore.cancel')}
          </button>
        )}
      </div>
      {running && <progress aria-label={t('explore.progress')} {...(pct ? { value: pct.explored, max: pct.target } : {})} />}
      {shown && (
        <>
          <Figures
            items={[
              [t('explore.explored'), shown.explored],
              explore && [t('explore.redundant'), explore.redundant],
              // Equivalent to a trace already counted (bounded search has no sleep sets), or a lower level's again.
              explore && (explore.reduction || explore.bound === null) && [t('explore.repeated'), explore.repeated],
              [t('explore.violating'), shown.violating],
              [t('explore.deadlocked'), shown.deadlocked],
              [t('explore.complete'), explore?.complete ? t('explore.yes') : t('explore.no')],
              [t('explore.time'), `${(shown.elapsedMs / 1000).toFixed(2)} s`],
            ]}
          />
          {explore && <Coverage report={explore} cancelled={!running && !explore.done} />}
          {pct?.stopped === 'long' && <p className="coverage">{t('explore.coverage.long', { max: fmt(MAX_EXPLORE_STEPS) })}</p>}
          {pct && !pct.stopped && (
            <p className="coverage">
              {t('explore.pctAbout', { n: fmt(pct.explored), target: fmt(pct.target), d: pctDepth, p: pct.probability.toPrecision(2), procs: pct.processes, k: pct.steps })}
            </p>
          )}
          <p className="muted small">{t('explore.outcomesOf', { figure })}</p>
          <ul className="outcomes" aria-label={t('explore.outcomes')}>
            {shown.outcomes.map((o) => (
              <li key={o.value} className={o.bad ? 'bad' : ''}>
                <button type="button" className="linkish" onClick={() => void jobs.loadSchedule(o.example, applyStep)} disabled={!!busy}>
                  {`${o.value}: ${o.count}`}
                </button>
              </li>
            ))}
          </ul>
          <div className="explore-controls">
            <button type="button" onClick={() => shown.shortest && void jobs.loadSchedule(shown.shortest.schedule, applyStep)} disabled={!shown.shortest || !!busy}>
              {t('explore.shortest')}
            </button>
            <button type="button" onClick={exportCsv}>
              {t('explore.csv')}
            </button>
          </div>
          <p className="muted small">
            {shown.shortest
              ? t('explore.shortestAbout', { p: shown.shortest.preemptions, steps: shown.shortest.schedule.length, value: shown.shortest.outcome.value })
              : shown.done
                ? t('explore.noViolation')
                : ''}
          </p>
        </>
      )}
    </section>
  );
}
