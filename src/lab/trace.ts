/**
 * A run as a file. The project's format (`lockstep-trace`, version 1) holds
 * the settings, the schedule and every event, so importing it brings the run
 * back (a scheduled run replays its schedule; a parallel one is replayed step
 * by step from its events). Chrome's trace-event format (JSON object form)
 * opens in Perfetto and chrome://tracing: one track per process, a slice for
 * each time a process held a lock, an instant for every op. Tables export as
 * CSV.
 */
import { EVENT_KINDS, type LogEvent } from '../core/events';
import type { RunMode } from '../core/layout';
import { osPid, pidLabel } from '../core/pid';
import type { ScenarioParams } from '../scenarios/types';
import type { EventLog } from './eventLog';
import { translate, type StringKey } from '../i18n/i18n';
import { scenarioById, urlScenarios } from '../scenarios/registry';
import { defaultParams, paramApplies, settingsFromQuery, settingsToQuery, type LabSettings } from './settings';

/** An event as the file holds it: the decoded event, its payload only when it has one. */
export type TraceEvent = Omit<LogEvent, 'payload'> & { payload?: string };

export interface TraceSettings {
  scenario: string;
  mode: RunMode;
  seed: number;
  params: ScenarioParams;
}

export interface LockstepTrace {
  format: 'lockstep-trace';
  version: 1;
  settings: TraceSettings;
  /** Pids granted, in order (empty for a parallel run). Here and in `events`, a pid is the process's slot (0 = main). */
  schedule: number[];
  /** Process names by slot. */
  processes: string[];
  /** The pid each process showed the learner (os.getpid(), its lane), by slot (osPid); absent in older files. */
  pids?: number[];
  /** Shared object names by id. */
  objects: { id: number; name: string; kind: string }[];
  events: TraceEvent[];
}

export function logEvents(log: EventLog): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (let i = 0; i < log.length; i++) {
    const e: TraceEvent = { seq: i, pid: log.pid[i]!, kind: EVENT_KINDS[log.kind[i]!] ?? 'note', obj: log.obj[i]!, arg: log.arg[i]!, result: log.result[i]!, line: log.line[i]!, time: log.time[i]! };
    const payload = log.payload.get(i);
    if (payload !== undefined) e.payload = payload;
    out.push(e);
  }
  return out;
}

/** What is wrong with a file: `key` and `vars` say it in the learner's language; the message is the English. */
export class TraceError extends Error {
  constructor(
    readonly key: StringKey,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(translate('en', key, vars));
  }
}

const MODES: readonly string[] = ['step', 'clock', 'parallel'];
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Read a `lockstep-trace` file; throws a TraceError that says what is wrong. */
export function parseTrace(text: string): LockstepTrace {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new TraceError('trace.notJson');
  }
  const t = data as Partial<LockstepTrace> | null;
  if (!t || typeof t !== 'object' || t.format !== 'lockstep-trace') throw new TraceError('trace.notOurs');
  if (t.version !== 1) throw new TraceError('trace.version', { version: String(t.version) });
  const s = t.settings;
  if (!s || typeof s.scenario !== 'string' || !MODES.includes(s.mode) || !isInt(s.seed) || typeof s.params !== 'object' || s.params === null) throw new TraceError('trace.settings');
  if (!Array.isArray(t.schedule) || !t.schedule.every((p) => isInt(p) && p >= 0)) throw new TraceError('trace.schedule');
  if (!Array.isArray(t.events)) throw new TraceError('trace.events');
  for (const e of t.events) {
    if (!e || !isInt(e.seq) || !isInt(e.pid) || !(EVENT_KINDS as readonly string[]).includes(e.kind) || !isInt(e.obj) || typeof e.time !== 'number') throw new TraceError('trace.event');
  }
  return { format: 'lockstep-trace', version: 1, settings: s, schedule: t.schedule, processes: Array.isArray(t.processes) ? t.processes.map(String) : [], objects: Array.isArray(t.objects) ? t.objects : [], events: t.events };
}

/**
 * The lab settings a file asks for, read as a link's would be: a file is rejected, not quietly clamped,
 * when it names an unknown scenario or a value the lab does not offer (a parameter out of range, a mode
 * the scenario does not run in), since the run it replays would not be the one it recorded.
 */
export function traceLabSettings(trace: LockstepTrace, base: LabSettings): LabSettings {
  const s = trace.settings;
  const sc = scenarioById.get(s.scenario);
  if (!sc) throw new TraceError('tools.unknownScenario', { id: s.scenario });
  const wanted: LabSettings = { ...base, scenarioId: sc.id, mode: s.mode, seed: s.seed, params: { ...defaultParams(sc), ...s.params } };
  // The Python lab's settings are not a link's: nothing to read them against.
  if (!urlScenarios.includes(sc)) return wanted;
  const query = settingsToQuery(wanted);
  const read = settingsFromQuery(new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== null))).settings;
  const back = settingsToQuery({ ...read, speed: wanted.speed, turbo: wanted.turbo });
  // A parameter its options switch off is not read from a link (it takes its default): nothing to check.
  const unused = new Set(sc.params.filter((p) => !paramApplies(p, read.params)).map((p) => p.name));
  const bad = Object.keys(query).find((k) => !unused.has(k) && query[k] !== back[k]);
  if (bad) throw new TraceError('trace.badSetting', { name: bad, value: query[bad] ?? '' });
  return { ...wanted, params: read.params };
}

interface ChromeEvent {
  name: string;
  ph: 'X' | 'i' | 'M';
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  s?: 't';
  cat?: string;
  args?: Record<string, unknown>;
}

/** Chrome trace-event JSON: one thread per process (its tid the pid the learner saw), lock-holding slices, op instants. Times in µs. */
export function toChromeTrace(trace: LockstepTrace): { traceEvents: ChromeEvent[]; displayTimeUnit: 'ms' } {
  const objName = new Map(trace.objects.map((o) => [o.id, o.name]));
  const name = (pid: number) => trace.processes[pid] || pidLabel(pid);
  const us = (seconds: number) => Math.round(seconds * 1e6 * 1000) / 1000;
  const out: ChromeEvent[] = [{ name: 'process_name', ph: 'M', pid: 1, tid: 0, args: { name: `Lockstep: ${trace.settings.scenario}` } }];
  const pids = [...new Set(trace.events.map((e) => e.pid))].sort((a, b) => a - b);
  for (const pid of pids) {
    out.push({ name: 'thread_name', ph: 'M', pid: 1, tid: osPid(pid), args: { name: name(pid) } });
    out.push({ name: 'thread_sort_index', ph: 'M', pid: 1, tid: osPid(pid), args: { sort_index: pid } });
  }
  const held = new Map<string, TraceEvent>();
  for (const e of trace.events) {
    const what = e.obj >= 0 ? objName.get(e.obj) ?? (e.obj >= 1000 ? name(e.obj - 1000) : `#${e.obj}`) : '';
    out.push({ name: what ? `${e.kind} ${what}` : e.kind, ph: 'i', s: 't', pid: 1, tid: osPid(e.pid), ts: us(e.time), cat: 'op', args: { seq: e.seq, line: e.line, arg: e.arg, result: e.result, ...(e.payload ? { payload: e.payload } : {}) } });
    const key = `${e.pid}:${e.obj}`;
    if (e.kind === 'acquire' && e.result === 1 && !held.has(key)) held.set(key, e);
    else if (e.kind === 'release' && held.has(key)) {
      const from = held.get(key)!;
      held.delete(key);
      out.push({ name: `holds ${what}`, ph: 'X', pid: 1, tid: osPid(e.pid), ts: us(from.time), dur: Math.max(0, us(e.time) - us(from.time)), cat: 'lock' });
    }
  }
  // A lock still held at the end (a terminated holder, a deadlock): a slice to the last event.
  const end = trace.events.length ? trace.events[trace.events.length - 1]!.time : 0;
  for (const from of held.values()) {
    out.push({ name: `holds ${objName.get(from.obj) ?? `#${from.obj}`}`, ph: 'X', pid: 1, tid: osPid(from.pid), ts: us(from.time), dur: Math.max(0, us(end) - us(from.time)), cat: 'lock' });
  }
  return { traceEvents: out, displayTimeUnit: 'ms' };
}

/** Comma-separated values, quoted where needed. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

