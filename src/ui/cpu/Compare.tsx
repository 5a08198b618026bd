import { motion } from 'motion/react';
import type { PolicySummary } from '../../cpu/compare';
import type { PolicyId } from '../../cpu/types';
import { useT } from '../app/useT';
import { useCpuStore } from './cpuStore';
import { ScrollX } from './ScrollX';
import { useFormat } from './useFormat';

const METRICS = ['response', 'turnaround', 'waiting'] as const;

/**
 * Every policy on the same workload: the three averages as horizontal bars,
 * side by side. It is a table (policies × averages) whose cells hold the bars,
 * so the chart reads the same to a screen reader. A policy name switches to it.
 */
export function Compare({ rows, current, hidden }: { rows: PolicySummary[]; current: PolicyId; hidden: boolean }) {
  const t = useT();
  const f = useFormat();
  // Reveal as it runs: the comparison holds this run's final averages, so it waits for the end.
  if (hidden)
    return (
      <section className="panel cpu-compare" aria-labelledby="cpu-compare-title">
        <h3 id="cpu-compare-title">{t('cpu.compare')}</h3>
        <p className="muted small">{t('cpu.compareLater')}</p>
      </section>
    );
  const max = Math.max(1e-9, ...rows.flatMap((r) => METRICS.map((k) => r[k])));
  const best = Object.fromEntries(METRICS.map((k) => [k, Math.min(...rows.map((r) => r[k]))])) as Record<(typeof METRICS)[number], number>;
  return (
    <section className="panel cpu-compare" aria-labelledby="cpu-compare-title">
      <h3 id="cpu-compare-title">{t('cpu.compare')}</h3>
      <ScrollX className="table-scroll" labelledBy="cpu-compare-title">
      <table className="cpu-bars" aria-labelledby="cpu-compare-title">
        <thead>
          <tr>
            <th scope="col">{t('cpu.policy')}</th>
            {METRICS.map((k) => (
              <th key={k} scope="col">
                <span className={`bar-key ${k}`} aria-hidden="true" /> {t(`cpu.avg.${k}`)}
              </th>
            ))}
            <th scope="col">{t('cpu.col.switches')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.policy} className={r.policy === current ? 'current' : undefined}>
              <th scope="row">
                <button type="button" className="link" aria-pressed={r.policy === current} onClick={() => useCpuStore.getState().setOptions({ policy: r.policy })}>
                  {t(`cpu.short.${r.policy}`)}
                </button>
              </th>
              {METRICS.map((k) => (
                <td key={k} className={r[k] === best[k] ? 'best' : undefined}>
                  <div className="bar-cell">
                    <span className="bar-track" aria-hidden="true">
                      <motion.span className={`bar ${k}`} initial={false} animate={{ width: `${(r[k] / max) * 100}%` }} transition={{ type: 'spring', stiffness: 300, damping: 34 }} />
                    </span>
                    <span className="bar-value">{f.dec2(r[k])}</span>
                  </div>
                </td>
              ))}
              <td className="num">{f.int(r.switches)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </ScrollX>
      <p className="muted small">{t('cpu.compareHelp')}</p>
    </section>
  );
}
