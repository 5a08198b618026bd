/** Per-job metrics and averages, as the "Metrics" table shows them. */
import type { SimResult } from './simulate';

export interface MetricsRow {
  job: number;
  name: string;
  arrival: number;
  burst: number;
  /** First tick on the CPU. */
  start: number;
  finish: number;
  /** Start − Arrival. */
  response: number;
  /** Finish − Arrival. */
  turnaround: number;
  /** Ticks ready but neither running nor in I/O. */
  waiting: number;
  /** Ticks in I/O (not a column of the table, but part of the turnaround identity). */
  blocked: number;
}

export interface Averages {
  response: number;
  turnaround: number;
  waiting: number;
}

export interface Metrics {
  rows: MetricsRow[];
  average: Averages;
  /** Ticks until the last job finished. */
  length: number;
  idle: number;
  /** Busy ticks / length (0 when nothing ran). */
  utilization: number;
  switches: number;
}

export function metrics(r: SimResult): Metrics {
  const rows = r.jobs.map((job, i): MetricsRow => {
    const o = r.outcomes[i]!;
    return {
      job: i,
      name: job.name,
      arrival: job.arrival,
      burst: job.burst,
      start: o.start,
      finish: o.finish,
      response: o.start - job.arrival,
      turnaround: o.finish - job.arrival,
      waiting: o.waiting,
      blocked: o.blocked,
    };
  });
  const n = rows.length || 1;
  const sum = (f: (x: MetricsRow) => number) => rows.reduce((s, x) => s + f(x), 0);
  const idle = r.segments.reduce((s, g) => s + (g.job < 0 ? g.end - g.start : 0), 0);
  return {
    rows,
    average: { response: sum((x) => x.response) / n, turnaround: sum((x) => x.turnaround) / n, waiting: sum((x) => x.waiting) / n },
    length: r.length,
    idle,
    utilization: r.length > 0 ? (r.length - idle) / r.length : 0,
    switches: r.switches.length,
  };
}

/** Averages are shown with two decimals everywhere (table, compare chart, tests). */
export function fmt2(x: number): string {
  return x.toFixed(2);
}
