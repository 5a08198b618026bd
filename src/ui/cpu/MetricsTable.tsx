import type { Metrics } from '../../cpu/metrics';
import { useT } from '../app/useT';
import { jobColor } from './fields';
import { ScrollX } from './ScrollX';
import { useFormat } from './useFormat';

/**
 * The "Metrics" table: per job and the averages (two decimals). With
 * `complete` off (reveal as it runs) a value shows only once the shown tick
 * has reached it: Start and Response from the job's first tick on the CPU,
 * the rest when it finishes, the averages at the end.
 */
export function MetricsTable({ m, cursor, complete }: { m: Metrics; cursor: number; complete: boolean }) {
  const t = useT();
  const f = useFormat();
  const cols = ['job', 'arrival', 'burst', 'start', 'finish', 'response', 'turnaround', 'waiting'] as const;
  const reached = (tick: number) => complete || tick <= cursor;
  const notYet = (
    <>
      <span className="sr-only">{t('cpu.notYet')}</span>
      <span aria-hidden="true">–</span>
    </>
  );
  const cell = (tick: number, v: number) => <td>{reached(tick) ? f.int(v) : notYet}</td>;
  const avg = (v: number) => <td>{complete ? f.dec2(v) : notYet}</td>;
  return (
    <section className="panel cpu-metrics" aria-labelledby="cpu-metrics-title">
      <h3 id="cpu-metrics-title">{t('cpu.metrics')}</h3>
      <ScrollX className="table-scroll" labelledBy="cpu-metrics-title">
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
                <td>{f.int(r.arrival)}</td>
                <td>{f.int(r.burst)}</td>
                {cell(r.start, r.start)}
                {cell(r.finish, r.finish)}
                {cell(r.start, r.response)}
                {cell(r.finish, r.turnaround)}
                {cell(r.finish, r.waiting)}
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
              {avg(m.average.response)}
              {avg(m.average.turnaround)}
              {avg(m.average.waiting)}
            </tr>
          </tfoot>
        </table>
      </ScrollX>
      <p className="muted small">
        {complete
          ? t('cpu.summary', {
              length: t(`cpu.ticks.${f.plural(m.length)}`, { n: f.int(m.length) }),
              idle: f.int(m.idle),
              util: f.percent(m.utilization),
              switches: f.int(m.switches),
            })
          : t('cpu.summaryLater')}
      </p>
      <p className="muted small">{t('cpu.metricsHelp')}</p>
    </section>
  );
}
