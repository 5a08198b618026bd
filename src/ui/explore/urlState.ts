/**
 * The explorer's part of the URL: `bound` (0|1|2|3|none), `runs` (10–100,000),
 * and the step schedule: `schedule` (run-length, see scheduleCode.ts) with
 * `at`, the number of its steps already taken (all of them when absent).
 * Opening such a link replays the run to that step without a click.
 */
import { ParamReader, type ParamNotice } from '../../app/urlParams';
import { replaceUrlParams } from '../../app/url';
import { decodeSchedule, encodeSchedule } from '../../explore/scheduleCode';
import { BOUNDS, MAX_RUNS, MIN_RUNS, type BoundSetting } from '../../lab/exploreStore';

export const EXPLORE_PARAMS = ['bound', 'runs'] as const;
/** Every parameter this part reads: a shared link's schedule is as much the lab's as its settings. */
export const LINK_PARAMS = [...EXPLORE_PARAMS, 'schedule', 'at'] as const;

export const boundText = (b: BoundSetting): string => (b === null ? 'none' : String(b));

export function readExploreQuery(query: URLSearchParams, maxPid: number): { bound: BoundSetting; runs: number; schedule: number[] | null; at: number; notices: ParamNotice[] } {
  const r = new ParamReader(query);
  const bound = r.custom<BoundSetting>('bound', null, '0 | 1 | 2 | 3 | none', (v) => BOUNDS.find((b) => boundText(b) === v));
  const runs = r.int('runs', 1000, MIN_RUNS, MAX_RUNS);
  const schedule = r.custom<number[] | null>('schedule', null, { key: 'app.hint.schedule', vars: { max: maxPid - 1 } }, (v) => decodeSchedule(v, maxPid) ?? undefined);
  const at = r.int('at', schedule?.length ?? 0, 0, schedule?.length ?? 0);
  return { bound, runs, schedule, at, notices: r.notices };
}

export function writeExploreParams(values: { bound?: BoundSetting; runs?: number }): void {
  const out: Record<string, string | null> = {};
  if ('bound' in values) out.bound = values.bound === undefined ? null : boundText(values.bound);
  if (values.runs !== undefined) out.runs = String(values.runs);
  replaceUrlParams(out);
}

/** The schedule in the address bar: the plan being followed (or the steps taken) and how far along. */
export function writeScheduleParams(schedule: number[] | null, at: number): void {
  if (!schedule || schedule.length === 0) replaceUrlParams({ schedule: null, at: null });
  else replaceUrlParams({ schedule: encodeSchedule(schedule), at: at === schedule.length ? null : String(at) });
}
