import { LIMITS, validName } from '../../cpu/params';
import type { Job } from '../../cpu/types';
import { jobName, randomWorkload } from '../../cpu/workload';
import { useT } from '../app/useT';
import { useCpuStore } from './cpuStore';
import { DraftField, jobColor, parseIntIn, parseOptionalInt } from './fields';

const RANDOM_JOBS = 5;

function nextName(jobs: readonly Job[]): string {
  for (let i = 0; ; i++) {
    const n = jobName(i);
    if (!jobs.some((j) => j.name === n)) return n;
  }
}

/** The workload editor: one row per job, add/remove, and a seeded random workload. */
export function JobTable() {
  const t = useT();
  const jobs = useCpuStore((s) => s.config.jobs);
  const seed = useCpuStore((s) => s.seed);
  const { setJobs, setSeed } = useCpuStore.getState();

  const update = (i: number, patch: (j: Job) => Job) => setJobs(jobs.map((j, k) => (k === i ? patch(j) : j)));
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
      <div className="table-scroll">
        <table className="cpu-job-table" aria-labelledby="cpu-jobs-title">
          <thead>
            <tr>
              <th scope="col">{t('cpu.col.job')}</th>
              <th scope="col">{t('cpu.col.arrival')}</th>
              <th scope="col">{t('cpu.col.burst')}</th>
              <th scope="col" title={t('cpu.priorityHint')}>
                {t('cpu.col.priority')}
              </th>
              <th scope="col" title={t('cpu.ioHint')}>
                {t('cpu.col.ioEvery')}
              </th>
              <th scope="col" title={t('cpu.ioHint')}>
                {t('cpu.col.ioTime')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('cpu.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job, i) => (
              <JobRow key={i} job={job} index={i} jobs={jobs} onChange={(p) => update(i, p)} onRemove={jobs.length > 1 ? () => remove(i) : undefined} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="cpu-job-actions">
        <button type="button" onClick={add} disabled={jobs.length >= LIMITS.jobs}>
          {t('cpu.addJob')}
        </button>
        <span className="cpu-random">
          <button type="button" onClick={random}>
            {t('cpu.random')}
          </button>
          <label>
            {t('cpu.seed')}{' '}
            <DraftField label={t('cpu.seed')} value={seed} format={String} parse={parseIntIn(0, 2 ** 31 - 1)} onCommit={setSeed} width="7em" />
          </label>
        </span>
      </div>
      <p className="muted small">{t('cpu.jobsHelp')}</p>
    </section>
  );
}

function JobRow(props: { job: Job; index: number; jobs: readonly Job[]; onChange: (p: (j: Job) => Job) => void; onRemove?: () => void }) {
  const t = useT();
  const { job, index, jobs, onChange } = props;
  const name = job.name;
  const io = job.io;
  return (
    <tr>
      <th scope="row">
        <span className="swatch" style={{ background: jobColor(index) }} aria-hidden="true" />
        <DraftField
          label={t('cpu.field.name', { job: name })}
          value={name}
          format={(s) => s}
          inputMode="text"
          width="4.5em"
          parse={(s) => (validName(s) && !jobs.some((j, k) => k !== index && j.name === s) ? s : undefined)}
          onCommit={(v) => onChange((j) => ({ ...j, name: v }))}
        />
      </th>
      <td>
        <DraftField label={t('cpu.field.arrival', { job: name })} value={job.arrival} format={String} parse={parseIntIn(0, LIMITS.arrival)} onCommit={(v) => onChange((j) => ({ ...j, arrival: v }))} width="3.5em" />
      </td>
      <td>
        <DraftField label={t('cpu.field.burst', { job: name })} value={job.burst} format={String} parse={parseIntIn(1, LIMITS.burst)} onCommit={(v) => onChange((j) => ({ ...j, burst: v }))} width="3.5em" />
      </td>
      <td>
        <DraftField
          label={t('cpu.field.priority', { job: name })}
          value={job.priority ?? null}
          format={(v) => (v === null ? '' : String(v))}
          parse={parseOptionalInt(0, LIMITS.priority)}
          placeholder="–"
          width="3.5em"
          onCommit={(v) =>
            onChange((j) => {
              const { priority: _p, ...rest } = j;
              return v === null ? rest : { ...rest, priority: v };
            })
          }
        />
      </td>
      <td>
        <DraftField
          label={t('cpu.field.ioEvery', { job: name })}
          value={io?.every ?? null}
          format={(v) => (v === null ? '' : String(v))}
          parse={parseOptionalInt(1, LIMITS.ioEvery)}
          placeholder="–"
          width="3.5em"
          onCommit={(v) =>
            onChange((j) => {
              const { io: _io, ...rest } = j;
              return v === null ? rest : { ...rest, io: { every: v, time: j.io?.time ?? 2 } };
            })
          }
        />
      </td>
      <td>
        <DraftField
          label={t('cpu.field.ioTime', { job: name })}
          value={io?.time ?? null}
          format={(v) => (v === null ? '' : String(v))}
          parse={parseOptionalInt(1, LIMITS.ioTime)}
          placeholder="–"
          width="3.5em"
          onCommit={(v) =>
            onChange((j) => {
              const { io: _io, ...rest } = j;
              return v === null ? rest : { ...rest, io: { every: j.io?.every ?? 2, time: v } };
            })
          }
        />
      </td>
      <td>
        <button type="button" className="icon" onClick={props.onRemove} disabled={!props.onRemove} aria-label={t('cpu.removeJob', { job: name })} title={t('cpu.removeJob', { job: name })}>
          ×
        </button>
      </td>
    </tr>
  );
}
