/**
 * The Python lab's settings and their URL form: the pace every lab shares
 * (mode, seed, speed, turbo) plus the program, its files, the lock switch and
 * line steps. The address bar always reproduces the program and the run.
 */
import { ParamReader, type ParamNotice } from '../app/urlParams';
import { paceToQuery, readPace, type LabSettings } from '../lab/settings';
import { EXAMPLES } from './examples';
import type { PythonParams } from './program';
import { pythonScenario } from './scenario';
import { readPythonSource, writePythonSource, type PythonSource } from './url';

export function pythonParams(src: PythonSource, lines: boolean): PythonParams {
  return { code: src.code, files: JSON.stringify(src.files), locks: src.locks, lines: lines ? 'on' : 'off' };
}

/** The program and files a run's params stand for. */
export function sourceOf(params: LabSettings['params']): PythonSource & { lines: boolean } {
  let files: [string, string][] = [];
  try {
    files = JSON.parse(String(params.files ?? '[]')) as [string, string][];
  } catch {
    /* keep none */
  }
  return { code: String(params.code ?? ''), files, locks: params.locks === 'ignore' ? 'ignore' : 'on', lines: params.lines === 'on' };
}

export function pythonSettingsFromQuery(query: URLSearchParams): { settings: LabSettings; notices: ParamNotice[] } {
  const r = new ParamReader(query);
  const first = EXAMPLES[0]!;
  const src = readPythonSource(r, query, { code: first.code, files: first.files ?? [] });
  const lines = r.onOff('lines', false);
  return { settings: { scenarioId: pythonScenario.id, ...readPace(r, pythonScenario), params: pythonParams(src, lines) }, notices: r.notices };
}

/** The full query of the Python lab for `s` (keeping `lang`). */
export function pythonSettingsToQuery(s: LabSettings, current: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams();
  const lang = current.get('lang');
  if (lang) q.set('lang', lang);
  q.set('lab', 'python');
  for (const [k, v] of Object.entries(paceToQuery(s))) if (v !== null) q.set(k, v);
  const src = sourceOf(s.params);
  writePythonSource(q, src);
  if (src.lines) q.set('lines', 'on');
  return q;
}
