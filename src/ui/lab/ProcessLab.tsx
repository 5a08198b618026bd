import { useCallback, useEffect, useMemo } from 'react';
import { currentQuery, pushUrlParams, replaceUrlParams } from '../../app/url';
import { scenarioById } from '../../scenarios/registry';
import { useAppStore } from '../../app/appStore';
import { canStop, useLabStore } from '../../lab/labStore';
import { allParamNames, defaultSettings, settingsFromQuery, settingsToQuery, type LabSettings } from '../../lab/settings';
import { useT } from '../app/useT';
import { labController } from './controllerInstance';
import { Challenges } from './Challenges';
import { Narration } from './Narration';
import { Controls } from './Controls';
import { RunSize } from './Lanes';
import { PacedSnapshots } from './shownSnapshot';
import { RunPanels } from './RunPanels';
import { ScenarioPanel } from './panels';
import { ScenarioPicker } from './ScenarioPicker';
import { Settings } from './Settings';
import { openShortcutsHelp, ShortcutsHelp } from './ShortcutsHelp';
import { Outcome, Verdict } from './Verdict';
import { LabError } from './LabError';
import { BeyondOneRun } from '../explore/BeyondOneRun';
import { ownsKey } from '../app/ownsKey';
import { LabColumns } from './LabColumns';
import { openFromUrl } from '../explore/RunTools';
import { EXPLORE_PARAMS } from '../explore/urlState';
import './lab.css';

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

/**
 * Keyboard: Space/N step, 1–9 step that lane (a held key's repeats step only when no step waits: LabController.step), U undo,
 * Y redo, R run/pause, S stop (`stop`: the Python lab, the one with a Stop button; only when there is something to stop,
 * as the button), ? the list (keep SHORTCUTS in step); not a key the focused control uses (ownsKey), e.g. typing in the
 * Python lab's editor.
 */
export function useShortcuts({ stop = false }: { stop?: boolean } = {}): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || ownsKey(e.target, e.key)) return;
      const c = labController();
      const s = useLabStore.getState();
      const key = e.key.toLowerCase();
      if (key === ' ' || key === 'n') {
        e.preventDefault();
        void c.step(null, e.repeat);
      } else if (/^[1-9]$/.test(key)) {
        const lane = s.snapshot?.lanes[Number(key) - 1];
        if (lane) void c.step(lane.pid, e.repeat);
        // Still starting its workers: no lanes yet, but lane k is pid k-1 (LiveRun.snapshot), so the press is kept.
        else if (s.phase === 'loading') void c.step(Number(key) - 1, e.repeat);
      } else if (key === 'u') void c.undo();
      else if (key === 'y') void c.redo();
      else if (e.key === '?') openShortcutsHelp();
      else if (key === 'r') {
        if (s.phase === 'running') c.pause();
        else void c.run();
      } else if (key === 's' && stop && canStop(s)) c.stop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stop]);
}

export function ProcessLab() {
  const t = useT();
  const settings = useLabStore((s) => s.settings);
  // Not the snapshot: the panels that draw it subscribe to it themselves (RunPanels), the rest of the page
  // renders only when the settings or the phase change, not with every frame of a run.
  const phase = useLabStore((s) => s.phase);
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

  // The page's body is kept across phase changes: Run and the run's end change only `data-phase` here. Each
  // part that follows the phase subscribes to it itself; re-rendering the whole page with them (settings,
  // challenges, the schedule explorer: 28 components at the click, 8 now) was most of the click's and the verdict's render.
  const body = useMemo(
    () =>
      scenario && (
        <>
          <div className="lab-top">
            <ScenarioPicker onChange={chooseScenario} />
            <Controls />
          </div>
          <Verdict />
          <Narration />
          <LabError />
          <LabColumns
            left={
              <>
                <Settings onChange={applySettings} />
                <Outcome />
                <Challenges />
              </>
            }
            main={
              <>
                <ScenarioPanel id={scenario.id} port={labController().port} />
                <RunPanels scenario={scenario} params={settings.params} />
              </>
            }
          />
          <div className="muted small keys-help">
            {t('lab.keys')} <ShortcutsHelp />
          </div>
          <BeyondOneRun />
        </>
      ),
    [scenario, settings.params, chooseScenario, t],
  );
  if (!scenario) return null;
  return (
    // The drawing modes (animated or compact lanes, all or only those in view, snapshots paced as transitions)
    // are chosen for the run's size.
    <RunSize.Provider value={scenario.maxProcesses(settings.params)}>
      <PacedSnapshots.Provider value={true}>
        <div className="process-lab" data-phase={phase}>
          {body}
        </div>
      </PacedSnapshots.Provider>
    </RunSize.Provider>
  );
}
