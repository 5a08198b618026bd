import { useCallback, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { currentQuery, pushUrlParams, replaceUrlParams } from '../../app/url';
import { scenarioById } from '../../scenarios/registry';
import { useAppStore } from '../../app/appStore';
import { useLabStore } from '../../lab/labStore';
import { allParamNames, defaultSettings, settingsFromQuery, settingsToQuery, type LabSettings } from '../../lab/settings';
import { useT } from '../app/useT';
import type { ObjectView } from '../../kinds/registry';
import { labController } from './controllerInstance';
import { Challenges } from './Challenges';
import { ConsoleView } from './ConsoleView';
import { Narration } from './Narration';
import { Controls } from './Controls';
import { Lanes, RunSize } from './Lanes';
import { ProcessTree } from './ProcessTree';
import { PythonSource } from './PythonSource';
import { ScenarioPanel } from './panels';
import { ScenarioPicker } from './ScenarioPicker';
import { Settings } from './Settings';
import { SharedState } from './SharedState';
import { openShortcutsHelp, ShortcutsHelp } from './ShortcutsHelp';
import { Timeline } from './Timeline';
import { WaitForGraph } from './WaitForGraph';
import { Outcome, Verdict } from './Verdict';
import { LabError } from './LabError';
import { BeyondOneRun } from '../explore/BeyondOneRun';
import { openFromUrl } from '../explore/RunTools';
import { EXPLORE_PARAMS } from '../explore/urlState';
import './lab.css';

const NO_OBJECTS: ObjectView[] = [];

/** Mirror the settings in the URL; `push` makes a new history entry (another scenario is another page). */
function writeUrl(s: LabSettings, push = false): void {
  (push ? pushUrlParams : replaceUrlParams)(settingsToQuery(s), ['lang', 'lab', ...EXPLORE_PARAMS, ...allParamNames().filter((n) => n in settingsToQuery(s))]);
}

/** Apply new settings: keep the URL in step and, when needed, start a fresh run. */
function applySettings(next: LabSettings, rerun: boolean, push = false): void {
  useLabStore.setState({ settings: next });
  writeUrl(next, push);
  const c = labController();
  if (rerun) void c.load();
  else c.applyPace();
}

function isTyping(el: EventTarget | null): boolean {
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);
}

/** Keyboard: Space/N step, 1–9 step that lane, U undo, Y redo, R run/pause, ? the list (keep SHORTCUTS in step); not while typing, e.g. in the Python lab's editor. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const c = labController();
      const s = useLabStore.getState();
      const key = e.key.toLowerCase();
      if ((key === ' ' && !(e.target instanceof HTMLButtonElement)) || key === 'n') {
        e.preventDefault();
        void c.step();
      } else if (/^[1-9]$/.test(key)) {
        const lane = s.snapshot?.lanes[Number(key) - 1];
        if (lane) void c.step(lane.pid);
      } else if (key === 'u') void c.undo();
      else if (key === 'y') void c.redo();
      else if (e.key === '?') openShortcutsHelp();
      else if (key === 'r') {
        if (s.phase === 'running') c.pause();
        else void c.run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function ProcessLab() {
  const t = useT();
  const settings = useLabStore((s) => s.settings);
  const snap = useLabStore((s) => s.scrubSnapshot ?? s.snapshot);
  const { phase, verdict } = useLabStore(useShallow((s) => ({ phase: s.phase, verdict: s.verdict })));
  const scenario = scenarioById.get(settings.scenarioId);

  useEffect(() => {
    const { settings: fromUrl, notices } = settingsFromQuery(currentQuery());
    useAppStore.getState().addNotices(notices);
    useLabStore.setState({ settings: fromUrl });
    const link = currentQuery();
    writeUrl(fromUrl);
    // writeUrl keeps only settings: put the link's schedule back for openFromUrl to read.
    for (const k of ['schedule', 'at']) if (link.has(k)) replaceUrlParams({ [k]: link.get(k) });
    void openFromUrl();
  }, []);
  useShortcuts();

  const chooseScenario = useCallback((id: string) => {
    const sc = scenarioById.get(id);
    if (!sc) return;
    const prev = useLabStore.getState().settings;
    applySettings({ ...defaultSettings(sc), seed: prev.seed, speed: prev.speed }, true, true);
  }, []);
  const onStep = useCallback((pid: number) => void labController().step(pid), []);

  if (!scenario) return null;
  const struck = scenario.struckLines?.(settings.params) ?? [];
  const c = labController();
  return (
    <div className="process-lab" data-phase={phase}>
      <div className="lab-top">
        <ScenarioPicker onChange={chooseScenario} />
        <Controls />
      </div>
      <Verdict />
      <Narration />
      <LabError />
      {/* The drawing modes (animated or compact lanes, all or only those in view) are chosen for the run's size. */}
      <RunSize.Provider value={scenario.maxProcesses(settings.params)}>
        <div className="lab-grid">
          <div className="col-left">
            <Settings onChange={applySettings} />
            <Outcome />
            <Challenges />
          </div>
          <div className="col-main">
            <ScenarioPanel id={scenario.id} port={c.port} />
            <Lanes lanes={snap?.lanes ?? []} objects={snap?.objects ?? NO_OBJECTS} stepMode={settings.mode !== 'parallel'} lastPid={snap?.lastPid ?? -1} onStep={onStep} />
            {/* In the wide column: whole lines at 13 px (the left one is ~400 px, lines reach 116 characters). */}
            <PythonSource source={scenario.python(settings.params)} lanes={snap?.lanes ?? []} struck={struck} />
            <WaitForGraph lanes={snap?.lanes ?? []} objects={snap?.objects ?? NO_OBJECTS} printed={snap?.console.length ?? 0} live={verdict === 'running'} />
            <ProcessTree lanes={snap?.lanes ?? []} />
            <SharedState objects={snap?.objects ?? NO_OBJECTS} lanes={snap?.lanes ?? []} last={snap?.last ?? null} />
            <ConsoleView lines={snap?.console ?? []} lanes={snap?.lanes ?? []} />
            <Timeline log={c.log} lanes={snap?.lanes.length ?? 0} />
          </div>
        </div>
      </RunSize.Provider>
      <p className="muted small keys-help">
        {t('lab.keys')} <ShortcutsHelp />
      </p>
      <BeyondOneRun />
    </div>
  );
}
