import { AnimatePresence, LayoutGroup, motion, useIsPresent, useReducedMotion } from 'motion/react';
import { mlfqQuanta } from '../../cpu/types';
import { ST } from '../../cpu/types';
import type { SimResult } from '../../cpu/simulate';
import { useT } from '../app/useT';
import { jobColor } from './fields';
import { useFormat } from './useFormat';

const spring = { type: 'spring', stiffness: 520, damping: 38 } as const;

function Chip({ job, name, note }: { job: number; name: string; note?: string }) {
  // A chip on its way out is no longer in the list: hidden from assistive tech at once,
  // and with reduced motion it leaves without an exit animation.
  const present = useIsPresent();
  const reduced = useReducedMotion();
  // One layoutId per job: the chip glides between the queues, the CPU and I/O.
  return (
    <motion.li
      layout
      layoutId={`cpu-job-${job}`}
      className="cpu-chip"
      aria-hidden={present ? undefined : true}
      style={{ ['--jc' as string]: jobColor(job) }}
      initial={reduced ? false : { opacity: 0, scale: 0.6 }}
      animate={{ opacity: 1, scale: 1 }}
      exit={reduced ? undefined : { opacity: 0, scale: 0.6 }}
      transition={spring}
    >
      {name}
      {note && <span className="cpu-chip-note">{` ${note}`}</span>}
    </motion.li>
  );
}

function JobList({ label, jobs, names, notes, className }: { label: string; jobs: number[]; names: string[]; notes?: (j: number) => string | undefined; className?: string }) {
  const t = useT();
  return (
    <div className={`cpu-queue ${className ?? ''}`}>
      <span className="cpu-queue-label" aria-hidden="true">
        {label}
      </span>
      <ol aria-label={label} className="cpu-queue-items">
        <AnimatePresence mode="popLayout" initial={false}>
          {jobs.map((j) => (
            <Chip key={j} job={j} name={names[j]!} note={notes?.(j)} />
          ))}
        </AnimatePresence>
      </ol>
      {jobs.length === 0 && <span className="cpu-empty">{t('cpu.empty')}</span>}
    </div>
  );
}

/** The CPU, the ready queue(s) in serving order, the jobs in I/O, those yet to arrive, and those done. */
export function ReadyQueues({ result, cursor }: { result: SimResult; cursor: number }) {
  const t = useT();
  const f = useFormat();
  const names = result.jobs.map((j) => j.name);
  const k = result.trace?.[cursor];
  const states = k?.states;
  const byState = (s: number) => (states ? [...states].flatMap((x, j) => (x === s ? [j] : [])) : s === ST.Done ? result.jobs.map((_, j) => j) : []);
  const mlfq = result.options.policy === 'mlfq';
  const quanta = mlfqQuanta(result.options);
  const queues = k?.queues ?? (mlfq ? quanta.map(() => []) : [[]]);
  const running = k && k.running >= 0 ? [k.running] : [];
  const ioEnd = (j: number) => {
    // The I/O end tick: the next tick at which the job is no longer blocked.
    const tr = result.trace;
    if (!tr) return undefined;
    for (let u = cursor + 1; u <= result.length; u++) if (tr[u]?.states[j] !== ST.Blocked) return t('cpu.until', { t: f.int(u) });
    return undefined;
  };
  const arrival = (j: number) => t('cpu.atShort', { t: f.int(result.jobs[j]!.arrival) });

  return (
    <section className="panel cpu-queues" aria-label={t('cpu.queues')}>
      <LayoutGroup id="cpu-queues">
        <div className="cpu-queues-grid">
          <JobList label={t('cpu.cpu')} jobs={running} names={names} className="cpu-slot" />
          <div className="cpu-ready">
            {queues.map((q, l) => (
              <JobList key={l} label={mlfq ? t('cpu.level', { level: l, slice: f.int(quanta[l] ?? 0) }) : t('cpu.readyQueue')} jobs={q} names={names} />
            ))}
          </div>
          <JobList label={t('cpu.io')} jobs={byState(ST.Blocked)} names={names} notes={ioEnd} className="cpu-io" />
          <JobList label={t('cpu.future')} jobs={byState(ST.Future)} names={names} notes={arrival} className="cpu-future" />
          <JobList label={t('cpu.done')} jobs={byState(ST.Done)} names={names} className="cpu-done" />
        </div>
      </LayoutGroup>
    </section>
  );
}
