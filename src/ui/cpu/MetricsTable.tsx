import { fmt2, type Metrics } from '../../cpu/metrics';
import { useT } from '../app/useT';
import { jobColor } from './fields';

/** The "Metrics" table: per job and the averages (two decimals), for the whole run. */
export function MetricsTable({ m, cursor }: { m: Metrics; cursor: number }) {
  const t = useT();
  const cols = ['job', 'arrival', 'burst', 'start', 'finish', 'response', 'turnaround', 'waiting'] as const;
  return (
    <section className="panel cpu-metrics" aria-labelledby="cpu-metrics-title">
      <h3 id="cpu-metrics-title">{t('cpu.metrics')}</h3>
      <div className="table-scroll">
        <table className="cpu-table" aria-labelledby="cpu-metrics-title">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c} scope="col" title={c === 'job' || c === 'arrival' || c === 'burst' ? undefined : t(`cpu.def.${c}`)}>
                  {t(`cpu.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.rows.map((r) => (
              // Rows of jobs that have finished by the shown tick are marked, so the table fills in as you step.
              <tr key={r.job} className={r.finish <= cursor ? 'finished' : undefined}>
                <th scope="row">
                  <span className="swatch" style={{ background: jobColor(r.job) }} aria-hidden="true" />
                  {r.name}
                </th>
                <td>{r.arrival}</td>
                <td>{r.burst}</td>
                <td>{r.start}</td>
                <td>{r.finish}</td>
                <td>{r.response}</td>
                <td>{r.turnaround}</td>
                <td>{r.waiting}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('cpu.average')}</th>
              <td />
              <td />
              <td />
              <td />
              <td>{fmt2(m.average.response)}</td>
              <td>{fmt2(m.average.turnaround)}</td>
              <td>{fmt2(m.average.waiting)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted small">
        {t('cpu.summary', { length: m.length, idle: m.idle, util: Math.round(m.utilization * 100), switches: m.switches })}
      </p>
      <p className="muted small">{t('cpu.metricsHelp')}</p>
    </section>
  );
}
