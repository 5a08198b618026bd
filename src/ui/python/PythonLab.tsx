/**
 * The Python lab: the learner's own multiprocessing program, in an editor,
 * run on the same machine and drawn with the same views as the process lab
 * (lanes, shared-object cards, console, timeline, verdict), plus the files of
 * its working directory and the lock switch.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { currentQuery, replaceQuery } from '../../app/url';
import { useAppStore } from '../../app/appStore';
import { canStop, useLabStore } from '../../lab/labStore';
import type { LabSettings } from '../../lab/settings';
import type { ObjectView } from '../../kinds/registry';
import type { Snapshot } from '../../lab/liveRun';
import { EXAMPLES, exampleById } from '../../python/examples';
import { errorMarker } from '../../python/errorMarker';
import { pythonParams, pythonSettingsFromQuery, pythonSettingsToQuery, sourceOf } from '../../python/labSettings';
import { useT } from '../app/useT';
import { labController } from '../lab/controllerInstance';
import { ConsoleView } from '../lab/ConsoleView';
import { Controls } from '../lab/Controls';
import { Lanes } from '../lab/Lanes';
import { LabError } from '../lab/LabError';
import { useShortcuts } from '../lab/ProcessLab';
import { Settings } from '../lab/Settings';
import { SharedState } from '../lab/SharedState';
import { ShortcutsHelp } from '../lab/ShortcutsHelp';
import { Timeline } from '../lab/Timeline';
import { Verdict } from '../lab/Verdict';
import { useLocalized } from '../lab/useLang';
import { CodeEditor, type LineCursor } from './CodeEditor';
import { FilesPanel } from './FilesPanel';
import { LabColumns } from '../lab/LabColumns';
import '../lab/lab.css';
import './python.css';

const NO_OBJECTS: ObjectView[] = [];
/** Edits are applied (a fresh run, which also checks the syntax) once typing pauses this long. */
const EDIT_SETTLE_MS = 500;
/** Interpreters loaded while the learner reads, so the first Run does not wait for them. */
const PREWARM = 4;

/**
 * Start loading the interpreters (WebAssembly compile, snapshot download, four workers) now. The page
 * calls this before its first render when the URL opens the Python lab, so the downloads and the
 * loads overlap the page's own start instead of following it; the lab calls it again on every visit
 * (interpreters already loaded answer at once).
 */
export function prewarmPythonLab(): void {
  void labController().machine.prewarmPython(PREWARM).catch(() => undefined);
}

function apply(next: LabSettings, rerun: boolean): void {
  useLabStore.setState({ settings: next });
  replaceQuery(pythonSettingsToQuery(next, currentQuery()));
  const c = labController();
  if (rerun) void c.load();
  else c.applyPace();
}

const NO_LOCALS: Snapshot['locals'] = [];

export function PythonLab() {
  const t = useT();
  const L = useLocalized();
  const settings = useLabStore((s) => s.settings);
  const phase = useLabStore((s) => s.phase);
  const steps = useLabStore((s) => s.steps);
  const verdict = useLabStore((s) => s.verdict);
  const stoppable = useLabStore(canStop);
  const snap = useLabStore((s) => s.scrubSnapshot ?? s.snapshot);
  // The timeline counts the live run's events, also while it shows a scrubbed moment.
  const logLength = useLabStore((s) => s.snapshot?.logLength ?? 0);
  const logOverflow = useLabStore((s) => s.snapshot?.logOverflow ?? 0);
  const source = sourceOf(settings.params);
  const [fromUrl] = useState(() => pythonSettingsFromQuery(currentQuery()));
  const [code, setCode] = useState(() => String(fromUrl.settings.params.code));
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    useAppStore.getState().addNotices(fromUrl.notices);
    apply(fromUrl.settings, true);
    prewarmPythonLab();
    return () => clearTimeout(pending.current);
  }, [fromUrl]);
  useShortcuts({ stop: true });

  const setSource = useCallback((patch: Partial<ReturnType<typeof sourceOf>>, delay = 0) => {
    const s = useLabStore.getState().settings;
    const next = { ...sourceOf(s.params), ...patch };
    const settingsNext: LabSettings = { ...s, params: pythonParams(next, next.lines) };
    clearTimeout(pending.current);
    if (delay === 0) apply(settingsNext, true);
    else {
      useLabStore.setState({ settings: settingsNext });
      replaceQuery(pythonSettingsToQuery(settingsNext, currentQuery()));
      pending.current = setTimeout(() => void labController().load(), delay);
    }
  }, []);

  const onEdit = useCallback(
    (text: string) => {
      setCode(text);
      setSource({ code: text }, EDIT_SETTLE_MS);
    },
    [setSource],
  );

  const chooseExample = (id: string) => {
    const ex = exampleById.get(id);
    if (!ex) return;
    setCode(ex.code);
    setSource({ code: ex.code, files: ex.files ?? [] });
  };

  const lanes = snap?.lanes;
  const cursors = useMemo<LineCursor[]>(() => (lanes ?? []).filter((l) => l.state !== 'done' && l.state !== 'terminated').map((l) => ({ pid: l.pid, line: l.nextLine || l.line, name: l.name })), [lanes]);
  const consoleLines = snap?.console;
  const marker = useMemo(() => errorMarker(consoleLines ?? [], source.code), [consoleLines, source.code]);
  const files = (snap?.objects ?? NO_OBJECTS).flatMap((o) => (o.kind === 'file' && !o.name.startsWith('<') ? [{ name: o.name, content: o.content }] : []));
  const untouched = phase !== 'running' && steps === 0 && verdict === 'idle';
  const example = EXAMPLES.find((e) => e.code === source.code)?.id ?? '';
  const c = labController();
  const onStep = (pid: number) => void c.step(pid);

  return (
    <div className="process-lab python-lab" data-phase={phase}>
      <div className="lab-top">
        <label className="example-picker">
          <span>{t('py.examples')}</span>
          <select value={example} onChange={(e) => chooseExample(e.target.value)}>
            <option value="" disabled>
              {t('py.examples.own')}
            </option>
            {EXAMPLES.map((ex) => (
              <option key={ex.id} value={ex.id}>
                {L(ex.title)}
              </option>
            ))}
          </select>
        </label>
        <Controls loading={t('py.loading')} />
        {/* Disabled with nothing to stop (idle, or loading with no press kept): it only ended the page's own load. */}
        <button type="button" className="stop" aria-keyshortcuts="S" onClick={() => c.stop()} disabled={!stoppable}>
          {t('py.stop')}
        </button>
      </div>
      <Verdict />
      <LabError />
      <LabColumns
        left={
          <>
            <section className="panel editor-panel" aria-label={t('py.editor')}>
              <h2>{t('py.editor')}</h2>
              <CodeEditor value={code} onChange={onEdit} readOnly={phase === 'running'} cursors={cursors} error={marker ? { line: marker.line, column: marker.column, message: marker.message } : null} label={t('py.editor')} />
              <p className="muted small">{t('py.share')}</p>
            </section>
            <Settings onChange={apply}>
              <div className="python-switches">
                <div className="lock-switch">
                  <button type="button" role="switch" aria-checked={source.locks === 'ignore'} aria-label={t('py.locks')} className={`switch ${source.locks === 'ignore' ? 'on' : 'off'}`} onClick={() => setSource({ locks: source.locks === 'ignore' ? 'on' : 'ignore' })}>
                    <span className="switch-knob" aria-hidden="true" />
                  </button>
                  <span className="switch-label">
                    <strong>{t('py.locks')}</strong> — {t('py.locks.help')}
                  </span>
                </div>
                <label className="line-steps">
                  <input type="checkbox" checked={source.lines} onChange={(e) => setSource({ lines: e.target.checked })} /> {t('py.lineSteps')}
                </label>
              </div>
            </Settings>
            <FilesPanel editable={untouched} draft={source.files} live={files} onChange={(f) => setSource({ files: f })} />
          </>
        }
        main={
          <>
            <Lanes lanes={snap?.lanes ?? []} objects={snap?.objects ?? NO_OBJECTS} locals={snap?.locals ?? NO_LOCALS} stepMode={settings.mode !== 'parallel'} lastPid={snap?.lastPid ?? -1} onStep={onStep} />
            <SharedState objects={snap?.objects ?? NO_OBJECTS} lanes={snap?.lanes ?? []} last={snap?.last ?? null} />
            <ConsoleView lines={snap?.console ?? []} lanes={snap?.lanes ?? []} />
            <Timeline log={c.log} lanes={snap?.lanes.length ?? 0} length={logLength} overflow={logOverflow} />
          </>
        }
      />
      {/* Its own list: "?" (useShortcuts) opens the one mounted here (without it, "?" did nothing in this lab). */}
      <div className="muted small keys-help">
        {t('py.keys')} <ShortcutsHelp stop />
      </div>
    </div>
  );
}
