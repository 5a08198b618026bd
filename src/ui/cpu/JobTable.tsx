import { FIELD_RANGE, LIMITS, checkName } from '../../cpu/params';
import type { Job } from '../../cpu/types';
import { jobName, randomWorkload } from '../../cpu/workload';
import { useT } from '../app/useT';
import { useCpuStore } from './cpuStore';
import { FieldError, jobColor, useDraft, useIntCheck, type Check } from './fields';
import { ScrollX } from './ScrollX';

const RANDOM_JOBS = 5;
const SEED_MAX = 2 ** 31 - 1;

function nextName(jobs: readonly Job[]): string {
  for (let i = 0; ; i++) {
    const n = jobName(i);
    if (!jobs.some((j) => j.name === n)) return n;
  }
}

const optional = (v: number | null) => (v === null ? '' : String(v));

/** The workload editor: one row per job, add/remove, and a seeded random workload. */
export function JobTable() {
  const t = useT();
  const jobs = useCpuStore((s) => s.config.jobs);
  const seed = useCpuStore((s) => s.seed);
  const { setJobs, setSeed } = useCpuStore.getState();
  const { int } = useIntCheck();
  const seedDraft = useDraft({ value: seed, format: String, check: int(0, SEED_MAX), onCommit: setSeed, message: 'cpu.err.seed' });

  const update = (i: number, patch: (j: Job) => Job) => {
    const now = useCpuStore.getState().config.jobs;
    setJobs(now.map((j, k) => (k === i ? patch(j) : j)));
  };
  const remove = (i: number) => setJobs(jobs.filter((_, k) => k !== i));
  const add = () => {
    const last = jobs[jobs.length - 1];
    setJobs([...jobs, { name: nextName(jobs), arrival: last ? last.arrival : 0, burst: 3 }]);
  };
  const random = () => {
    setJobs(randomWorkload(seed, RANDOM_JOBS));
    useCpuStore.getState().setCursor(0);
  };

  return (
    <section className="panel cpu-jobs" aria-labelledby="cpu-jobs-title">
      <h3 id="cpu-jobs-title">{t('cpu.jobs')}</h3>
      {/* Not a tab stop of its own: its fields are, and a focused field is scrolled into view. */}
      <ScrollX className="table-scroll">
        {/* On a phone the rows stack (cpu.css): the explicit roles keep it a table for screen readers whatever its CSS display. */}
        <table className="cpu-job-table" role="table" aria-labelledby="cpu-jobs-title">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t('cpu.col.job')}
              </th>
              <th scope="col" role="columnheader">
                {t('cpu.col.arrival')}
              </th>
              <th scope="col" role="columnheader">
                {t('cpu.col.burst')}
              </th>
              <th scope="col" role="columnheader" title={t('cpu.priorityHint')}>
                {t('cpu.col.priority')}
              </th>
              <th scope="col" role="columnheader" title={t('cpu.ioHint')}>
                {t('cpu.col.ioEvery')}
              </th>
              <th scope="col" role="columnheader" title={t('cpu.ioHint')}>
                {t('cpu.col.ioTime')}
              </th>
              <th scope="col" role="columnheader">
                <span className="sr-only">{t('cpu.remove')}</span>
              </th>
            </tr>
          </thead>
          {jobs.map((job, i) => (
            <JobRow key={i} job={job} index={i} jobs={jobs} onChange={(p) => update(i, p)} onRemove={jobs.length > 1 ? () => remove(i) : undefined} />
          ))}
        </table>
      </ScrollX>
      <div className="cpu-job-actions">
        <button type="button" onClick={add} disabled={jobs.length >= LIMITS.jobs}>
          {t('cpu.addJob')}
        </button>
        <span className="cpu-random">
          <button type="button" onClick={random} disabled={seedDraft.error !== null} aria-describedby={seedDraft.error ? seedDraft.errorId : undefined}>
            {t('cpu.random')}
          </button>
          <label>
            {t('cpu.seed')} <input {...seedDraft.input} aria-label={t('cpu.seed')} inputMode="numeric" autoComplete="off" className="cpu-seed" />
          </label>
        </span>
      </div>
      <FieldError id={seedDraft.errorId} error={seedDraft.error} />
      <p className="muted small">{t('cpu.jobsHelp')}</p>
    </section>
  );
}

/** One job: its fields in a row, and the messages of its invalid fields in a row beneath. */
function JobRow(props: { job: Job; index: number; jobs: readonly Job[]; onChange: (p: (j: Job) => Job) => void; onRemove?: () => void }) {
  const t = useT();
  const { int, optionalInt } = useIntCheck();
  const { job, index, jobs, onChange } = props;
  const name = job.name;
  const io = job.io;
  const checkJobName = (s: string): Check<string> => {
    const n = checkName(s);
    if (n === undefined) return { rule: t('cpu.rule.name') };
    if (jobs.some((j, k) => k !== index && j.name === n)) return { rule: t('cpu.rule.nameTaken', { name: n }) };
    return { value: n };
  };
  const withoutPriority = ({ priority: _p, ...rest }: Job): Job => rest;
  const withoutIo = ({ io: _io, ...rest }: Job): Job => rest;
  const fields = [
    { key: 'name', column: t('cpu.col.job'), label: t('cpu.field.name', { job: name }), d: useDraft({ value: name, format: (s) => s, check: checkJobName, onCommit: (v) => onChange((j) => ({ ...j, name: v })) }), text: true },
    { key: 'arrival', column: t('cpu.col.arrival'), label: t('cpu.field.arrival', { job: name }), d: useDraft({ value: job.arrival, format: String, check: int(...FIELD_RANGE.arrival), onCommit: (v) => onChange((j) => ({ ...j, arrival: v })) }) },
    { key: 'burst', column: t('cpu.col.burst'), label: t('cpu.field.burst', { job: name }), d: useDraft({ value: job.burst, format: String, check: int(...FIELD_RANGE.burst), onCommit: (v) => onChange((j) => ({ ...j, burst: v })) }) },
    {
      key: 'priority',
      column: t('cpu.col.priority'),
      label: t('cpu.field.priority', { job: name }),
      d: useDraft({
        value: job.priority ?? null,
        format: optional,
        check: optionalInt(...FIELD_RANGE.priority),
        onCommit: (v) => onChange((j) => (v === null ? withoutPriority(j) : { ...j, priority: v })),
      }),
    },
    {
      key: 'ioEvery',
      column: t('cpu.col.ioEvery'),
      label: t('cpu.field.ioEvery', { job: name }),
      d: useDraft({
        value: io?.every ?? null,
        format: optional,
        check: optionalInt(...FIELD_RANGE.ioEvery),
        onCommit: (v) => onChange((j) => (v === null ? withoutIo(j) : { ...j, io: { every: v, time: j.io?.time ?? 2 } })),
      }),
    },
    {
      key: 'ioTime',
      column: t('cpu.col.ioTime'),
      label: t('cpu.field.ioTime', { job: name }),
      d: useDraft({
        value: io?.time ?? null,
        format: optional,
        check: optionalInt(...FIELD_RANGE.ioTime),
        onCommit: (v) => onChange((j) => (v === null ? withoutIo(j) : { ...j, io: { every: j.io?.every ?? 2, time: v } })),
      }),
    },
  ];
  const errors = fields.filter((f) => f.d.error);
  return (
    <tbody role="rowgroup">
      <tr role="row">
        {fields.map((f, k) => {
          const input = (
            <input
              {...f.d.input}
              aria-label={f.label}
              title={f.label}
              inputMode={f.text ? 'text' : 'numeric'}
              placeholder={k >= 3 ? '–' : undefined}
              autoComplete="off"
              className={f.text ? 'cpu-name' : 'cpu-num'}
            />
          );
          return k === 0 ? (
            <th key={f.key} scope="row" role="rowheader">
              <span className="swatch" style={{ background: jobColor(index) }} aria-hidden="true" />
              {input}
            </th>
          ) : (
            <td key={f.key} role="cell">
              {/* The column's name over the field when the rows stack (the header row is then hidden but read). */}
              <span className="cpu-cell-label" aria-hidden="true">
                {f.column}
              </span>
              {input}
            </td>
          );
        })}
        <td role="cell" className="cpu-job-remove">
          <button type="button" className="icon" onClick={props.onRemove} disabled={!props.onRemove} aria-label={t('cpu.removeJob', { job: name })} title={t('cpu.removeJob', { job: name })}>
            ×
          </button>
        </td>
      </tr>
      {errors.length > 0 && (
        <tr className="cpu-row-errors" role="row">
          <td colSpan={7} role="cell">
            <div className="cpu-row-errors-text">
              {errors.map((f) => (
                <FieldError key={f.key} id={f.d.errorId} error={`${f.label}: ${f.d.error}`} />
              ))}
            </div>
          </td>
        </tr>
      )}
    </tbody>
  );
}
