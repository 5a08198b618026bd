import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MAX_RUNS, MIN_RUNS, statsLocks, useExploreStore, type StatsColumn } from '../../lab/exploreStore';
import { useLabStore } from '../../lab/labStore';
import { toCsv } from '../../lab/trace';
import { scenarioById } from '../../scenarios/registry';
import { useT } from '../app/useT';
import { NumberField } from '../lab/NumberField';
import { download } from './download';
import { Figures } from './Figures';
import { jobRunner } from './jobsInstance';
import { writeExploreParams } from './urlState';
import { useMainFigure } from './useMainFigure';

function Column({ column, figure }: { column: StatsColumn; figure: string }) {
  const t = useT();
  const r = column.report;
  const name = column.lock === 'on' ? t('stats.lockOn') : column.lock === 'off' ? t('stats.lockOff') : t('stats.all');
  const perSecond = r.elapsedMs > 0 ? Math.round((r.runs * 1000) / r.elapsedMs) : 0;
  const max = Math.max(1, ...r.histogram.map((h) => h.count));
  return (
    <section className="stats-column" aria-label={name}>
      <h3>{name}</h3>
      <Figures
        items={[
          [t('stats.runs'), r.runs],
          [t('stats.violated'), r.violated],
          [t('stats.deadlocked'), r.deadlocked],
          [t('stats.perSecond'), perSecond],
        ]}
      />
      <p className="muted small">{r.runs > 0 ? t('stats.share', { pct: ((100 * r.violated) / r.runs).toFixed(1) }) : ''}</p>
      <ul className="histogram" aria-label={t('stats.histogram', { figure })}>
        {r.histogram.map((h) => (
          <li key={h.value}>
            <span className="bar-label">{`${h.value}: ${h.count}`}</span>
            <span className="bar" style={{ width: `${(100 * h.count) / max}%` }} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Run many: fresh seeds, lock on and off side by side, a histogram of the main figure. */
export function StatisticsPanel() {
  const t = useT();
  const figure = useMainFigure();
  const { busy, runs, columns } = useExploreStore(useShallow((s) => ({ busy: s.busy, runs: s.runs, columns: s.stats })));
  const mode = useLabStore((s) => s.settings.mode);
  const interactive = useLabStore((s) => !!scenarioById.get(s.settings.scenarioId)?.commands);
  // Only a scenario with a lock option gets two columns; the others run their one setting.
  const sideBySide = useLabStore((s) => {
    const sc = scenarioById.get(s.settings.scenarioId);
    return !!sc && statsLocks(sc).length > 1;
  });
  const jobs = jobRunner();
  const runsId = useId();
  const running = busy === 'stats';
  const current = columns[columns.length - 1]?.report;
  const setRuns = (n: number) => {
    useExploreStore.setState({ runs: n });
    writeExploreParams({ runs: n });
  };
  const exportCsv = () =>
    download('statistics.csv', toCsv([['lock', figure || 'outcome', 'runs'], ...columns.flatMap((c) => c.report.histogram.map((h) => [c.lock ?? '', h.value, h.count]))]), 'text/csv');
  return (
    <section className="panel stats-panel" aria-labelledby="statistics-title">
      <h2 id="statistics-title">{t('stats.title')}</h2>
      <p className="muted small">{t(sideBySide ? 'stats.intro' : 'stats.introOne', { mode: t(mode === 'parallel' ? 'stats.mode.parallel' : 'stats.mode.clock') })}</p>
      <div className="explore-controls">
        <label>
          <span id={runsId}>{t('stats.runs')}</span>
          <NumberField labelledBy={runsId} min={MIN_RUNS} max={MAX_RUNS} step={10} value={runs} onApply={setRuns} disabled={!!busy} />
        </label>
        <button
          type="button"
          className="primary"
          onClick={() => {
            // The address bar carries the count run, typed or not (a field left at its value applies nothing).
            writeExploreParams({ runs });
            void jobs.stats();
          }}
          disabled={!!busy || interactive}
        >
          {t('stats.run')}
        </button>
        {running && (
          <button type="button" onClick={() => jobs.cancel()}>
            {t('explore.cancel')}
          </button>
        )}
        {columns.length > 0 && (
          <button type="button" onClick={exportCsv}>
            {t('explore.csv')}
          </button>
        )}
      </div>
      {running && current && <progress aria-label={t('stats.progress')} value={current.runs} max={current.target} />}
      <div className="stats-columns">
        {columns.map((c) => (
          <Column key={c.lock ?? 'all'} column={c} figure={figure} />
        ))}
      </div>
    </section>
  );
}
