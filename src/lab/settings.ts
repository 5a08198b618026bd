/**
 * The process lab's settings and their URL form: scenario, mode, seed, speed,
 * turbo, each scenario parameter and option. The address bar always holds a
 * link that reproduces the run.
 */
import { NOTICE_VALUE_CHARS, ParamReader, cutText, type ParamNotice } from '../app/urlParams';
import type { RunMode } from '../core/layout';
import { scenarios, scenarioById, urlScenarios } from '../scenarios/registry';
import type { ParamSpec, Scenario, ScenarioParams } from '../scenarios/types';

export const MODES: readonly RunMode[] = ['step', 'clock', 'parallel'];
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;
export const MAX_SEED = 0xffffffff;

export interface LabSettings {
  scenarioId: string;
  mode: RunMode;
  seed: number;
  speed: number;
  turbo: boolean;
  params: ScenarioParams;
}

export function defaultParams(sc: Scenario): ScenarioParams {
  const out: ScenarioParams = {};
  for (const p of sc.params) out[p.name] = p.default;
  for (const o of sc.options) out[o.name] = o.default;
  return out;
}

export function defaultSettings(sc: Scenario = scenarios[0]!): LabSettings {
  return { scenarioId: sc.id, mode: sc.onlyMode ?? sc.defaultMode ?? 'step', seed: 1, speed: 1, turbo: false, params: defaultParams(sc) };
}

/** Read settings from a query string; invalid values become notices and defaults apply. */
export function settingsFromQuery(query: URLSearchParams): { settings: LabSettings; notices: ParamNotice[] } {
  const r = new ParamReader(query);
  const ids = urlScenarios.map((s) => s.id);
  const scenarioId = ids.length ? r.oneOf('scenario', ids[0]!, ids) : '';
  const sc = scenarioById.get(scenarioId);
  if (!sc) return { settings: { scenarioId: '', mode: 'step', seed: 1, speed: 1, turbo: false, params: {} }, notices: r.notices };
  const params: ScenarioParams = {};
  // Options first: whether a parameter applies depends on them.
  for (const o of sc.options) params[o.name] = r.oneOf(o.name, o.default, o.values);
  for (const p of sc.params) params[p.name] = paramApplies(p, params) ? r.int(p.name, p.default, p.min, p.max) : p.default;
  return { settings: { scenarioId, ...readPace(r, sc), params }, notices: r.notices };
}

/** Whether parameter `p` does anything with these option values (see ParamSpec.when). */
export function paramApplies(p: ParamSpec, params: ScenarioParams): boolean {
  return !p.when || Object.entries(p.when).every(([option, value]) => params[option] === value);
}

/** Mode, seed, speed and turbo (every lab that runs on the machine reads them the same way). */
export function readPace(r: ParamReader, sc: Scenario): Pick<LabSettings, 'mode' | 'seed' | 'speed' | 'turbo'> {
  const mode = sc.onlyMode ?? r.oneOf('mode', defaultSettings(sc).mode, MODES);
  const seed = r.int('seed', 1, 0, MAX_SEED);
  const speed = r.custom('speed', 1, SPEEDS.join(' | '), (v) => (SPEEDS as readonly number[]).includes(Number(v)) ? Number(v) : undefined);
  const turbo = r.onOff('turbo', false);
  return { mode, seed, speed, turbo };
}

/**
 * The pace the threads run at. In step and clock mode: the learner's speed times the scenario's own
 * `pace`, which paces the auto-run so a Run at 1× lasts about 10–20 s (it only sets how fast the
 * learner watches; virtual time is the same). In parallel mode the speed alone: it divides real
 * sleeps (`time.sleep(0.1)` at 1× takes 0.1 s, as in Python) and scales `time.time()`, so a
 * scenario's pace must not quietly speed up its real-time program.
 */
export function effectivePace(s: Pick<LabSettings, 'scenarioId' | 'mode' | 'speed' | 'turbo'>): { speed: number; turbo: boolean } {
  const sc = scenarioById.get(s.scenarioId);
  const pace = s.mode === 'parallel' ? 1 : (sc?.pace ?? 1);
  // A scenario that does not offer turbo (its `noTurbo`) runs without it whatever the address says.
  return { speed: s.speed * pace, turbo: s.turbo && !sc?.noTurbo };
}

/** Their query form (speed 1 and turbo off left out). */
export function paceToQuery(s: Pick<LabSettings, 'mode' | 'seed' | 'speed' | 'turbo'>): Record<string, string | null> {
  return { mode: s.mode, seed: String(s.seed), speed: s.speed === 1 ? null : String(s.speed), turbo: s.turbo ? 'on' : null };
}

/** The query parameters for settings (defaults included, so a link is explicit). */
export function settingsToQuery(s: LabSettings): Record<string, string | null> {
  const out: Record<string, string | null> = { scenario: s.scenarioId, ...paceToQuery(s) };
  for (const [k, v] of Object.entries(s.params)) out[k] = String(v);
  return out;
}

/** The parameters every scenario has. */
const BASE_PARAMS = ['scenario', 'mode', 'seed', 'speed', 'turbo'] as const;

/** The parameters the lab reads for the scenario `query` names (the first one if it names none or an unknown one). */
export function paramNamesFor(query: URLSearchParams): string[] {
  const sc = scenarioById.get(query.get('scenario') ?? '') ?? scenarios[0];
  return [...BASE_PARAMS, ...(sc?.params.map((p) => p.name) ?? []), ...(sc?.options.map((o) => o.name) ?? [])];
}

/**
 * Notices for parameters no setting read, where one names a setting of some scenario but the URL's scenario is
 * unknown (the lab fell back to the first): its settings were not read because of the scenario, not because no
 * such setting exists.
 */
export function unreadBecauseScenario(query: URLSearchParams, notices: ParamNotice[]): ParamNotice[] {
  const named = query.get('scenario');
  if (named === null || urlScenarios.some((s) => s.id === named)) return notices;
  const names = allParamNames();
  const scenario = cutText(named, NOTICE_VALUE_CHARS);
  return notices.map((n) => (n.kind === 'unknown' && names.includes(n.name) ? { ...n, kind: 'unread', scenario } : n));
}

/** All parameter names any scenario uses (to clear them when switching scenario). */
export function allParamNames(): string[] {
  const names = new Set<string>(BASE_PARAMS);
  for (const sc of urlScenarios) {
    for (const p of sc.params) names.add(p.name);
    for (const o of sc.options) names.add(o.name);
  }
  return [...names];
}

/** A fresh 32-bit seed (the only randomness outside the engine: choosing a seed). */
export function drawSeed(): number {
  const a = new Uint32Array(1);
  crypto.getRandomValues(a);
  return a[0]!;
}
