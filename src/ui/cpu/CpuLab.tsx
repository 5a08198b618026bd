import { MotionConfig } from 'motion/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { currentQuery, replaceUrlParams } from '../../app/url';
import { compareAll } from '../../cpu/compare';
import { metrics } from '../../cpu/metrics';
import { CPU_PARAMS, configFromQuery, configToQuery } from '../../cpu/params';
import { simulate } from '../../cpu/simulate';
import { useAppStore } from '../../app/appStore';
import type { ParamNotice } from '../../app/urlParams';
import { useT } from '../app/useT';
import { Compare } from './Compare';
import { useCpuStore } from './cpuStore';
import { Decision } from './Decision';
import { Help } from './Help';
import { JobTable } from './JobTable';
import { MetricsTable } from './MetricsTable';
import { Player, usePlayer, useShortcuts } from './Player';
import { PolicySettings } from './PolicySettings';
import { ReadyQueues } from './ReadyQueues';
import { Schedule } from './Schedule';
import './cpu.css';

/** The URL's settings, put in the store before the lab's first render (so the default workload never shows first). */
function readUrl(): ParamNotice[] {
  const q = currentQuery();
  // Coming back from the other lab (no parameters of ours), keep what was on screen.
  if (!CPU_PARAMS.some((p) => q.has(p))) return [];
  const { config, tick, notices } = configFromQuery(q);
  useCpuStore.setState({ config, cursor: tick, playing: false });
  return notices;
}

/** Read the lab's parameters on mount (notices for invalid ones), then mirror the settings into the URL. */
function useUrlSync(): void {
  const [notices] = useState(readUrl);
  const reported = useRef(false);
  useEffect(() => {
    if (reported.current) return;
    reported.current = true;
    useAppStore.getState().addNotices(notices);
  }, [notices]);
  const config = useCpuStore((s) => s.config);
  useEffect(() => {
    replaceUrlParams(configToQuery(config), ['lab', 'lang', ...CPU_PARAMS]);
  }, [config]);
}

/** The tick shown in the address bar (`tick=`, none at 0), so a link opens where it was copied; not while playing. */
function useTickInUrl(cursor: number): void {
  const playing = useCpuStore((s) => s.playing);
  useEffect(() => {
    if (!playing) replaceUrlParams({ tick: cursor > 0 ? String(cursor) : null });
  }, [cursor, playing]);
}

/**
 * The CPU scheduling lab: a pure simulation (src/cpu) run once per settings
 * change, then stepped through tick by tick. In the default "reveal" view the
 * chart, the timeline and the metrics show only the ticks reached so far.
 */
export function CpuLab() {
  const t = useT();
  useUrlSync();
  const jobs = useCpuStore((s) => s.config.jobs);
  const options = useCpuStore((s) => s.config.options);
  const full = useCpuStore((s) => s.config.view) === 'full';
  const result = useMemo(() => simulate(jobs, options, true), [jobs, options]);
  const m = useMemo(() => metrics(result), [result]);
  const comparison = useMemo(() => compareAll(jobs, options), [jobs, options]);
  const cursor = Math.min(useCpuStore((s) => s.cursor), result.length);
  // The ticks the page may show: all of them, or those up to and including the shown one.
  const shownUntil = full ? result.length : Math.min(result.length, cursor + 1);
  const ended = cursor >= result.length;
  usePlayer(result.length);
  useShortcuts(result.length);
  useTickInUrl(cursor);

  return (
    <MotionConfig reducedMotion="user">
      <div className="cpu-lab">
        <h2 className="sr-only">{t('cpu.title')}</h2>
        <div className="cpu-grid">
          <div className="cpu-side">
            <PolicySettings />
            <JobTable />
            <Help />
          </div>
          <div className="cpu-main">
            <Player length={result.length} />
            <div className="cpu-now">
              <Decision result={result} cursor={cursor} />
              <ReadyQueues result={result} cursor={cursor} />
            </div>
            <Schedule result={result} cursor={cursor} shownUntil={shownUntil} />
            <MetricsTable m={m} cursor={cursor} complete={full || ended} />
            <Compare rows={comparison} current={options.policy} hidden={!full && !ended} />
          </div>
        </div>
        <p className="muted small keys-help">{t('cpu.keys')}</p>
      </div>
    </MotionConfig>
  );
}
