import { MotionConfig } from 'motion/react';
import { useEffect, useMemo, useRef } from 'react';
import { currentQuery, replaceUrlParams } from '../../app/url';
import { compareAll } from '../../cpu/compare';
import { metrics } from '../../cpu/metrics';
import { CPU_PARAMS, configFromQuery, configToQuery } from '../../cpu/params';
import { simulate } from '../../cpu/simulate';
import { useAppStore } from '../../app/appStore';
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

/** Read the lab's parameters once (notices for invalid ones), then mirror the settings into the URL. */
function useUrlSync(): void {
  const config = useCpuStore((s) => s.config);
  const read = useRef(false);
  useEffect(() => {
    if (read.current) return;
    read.current = true;
    const q = currentQuery();
    // Coming back from the other lab (no parameters of ours), keep what was on screen.
    if (!CPU_PARAMS.some((p) => q.has(p))) return;
    const { config: fromUrl, notices } = configFromQuery(q);
    useAppStore.getState().addNotices(notices);
    useCpuStore.getState().setConfig(fromUrl);
    useCpuStore.getState().setCursor(0);
  }, []);
  useEffect(() => {
    if (!read.current) return;
    replaceUrlParams(configToQuery(config), ['lab', 'lang', ...CPU_PARAMS]);
  }, [config]);
}

/**
 * The CPU scheduling lab: a pure simulation (src/cpu) run once per settings
 * change, then stepped through tick by tick.
 */
export function CpuLab() {
  const t = useT();
  useUrlSync();
  const config = useCpuStore((s) => s.config);
  const result = useMemo(() => simulate(config.jobs, config.options, true), [config]);
  const m = useMemo(() => metrics(result), [result]);
  const comparison = useMemo(() => compareAll(config.jobs, config.options), [config]);
  const cursor = Math.min(useCpuStore((s) => s.cursor), result.length);
  usePlayer(result.length);
  useShortcuts(result.length);

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
            <Schedule result={result} cursor={cursor} />
            <MetricsTable m={m} cursor={cursor} />
            <Compare rows={comparison} current={config.options.policy} />
          </div>
        </div>
        <p className="muted small keys-help">{t('cpu.keys')}</p>
      </div>
    </MotionConfig>
  );
}
