import { memo, useEffect, useLayoutEffect, useMemo } from 'react';
import { useLabStore } from '../../lab/labStore';
import type { LaneView, Snapshot } from '../../lab/liveRun';
import type { ObjectView } from '../../kinds/registry';
import type { Scenario } from '../../scenarios/types';
import { labController } from './controllerInstance';
import { ConsoleView } from './ConsoleView';
import { COMPACT_LANES, Lanes, useCrowd } from './Lanes';
import { ProcessTree } from './ProcessTree';
import { PythonSource } from './PythonSource';
import { SharedState } from './SharedState';
import { liveOf, shownOf, useHeldOutOfView, useLetGoNextFrame, useShownSnapshot } from './shownSnapshot';
import { Timeline } from './Timeline';
import { WaitForGraph } from './WaitForGraph';

const NO_LANES: LaneView[] = [];
const NO_OBJECTS: ObjectView[] = [];
const NO_CONSOLE: Snapshot['console'] = [];
const NO_LOCALS: Snapshot['locals'] = [];
const NO_LINES: number[] = [];
const onStep = (pid: number) => void labController().step(pid);

/**
 * In a crowded run (past the lanes' compact threshold) the source's cursors, the wait-for graph, the process tree and the cards
 * follow the run 5 times a second (in the transition of the snapshot that comes once the time has passed,
 * see useShownSnapshot), while the lanes, console and timeline follow every snapshot: at a hundred processes and more each of
 * the three rebuilt with every snapshot, which made every frame that received one too long.
 */
const CROWDED_PANELS_MS = 200;

/**
 * The panels that draw the run itself (lanes, source cursors, wait-for graph, tree, cards, console,
 * timeline): the only part of the process lab that subscribes to the per-frame snapshot. The rest of the
 * page (settings, outcome, challenges, the schedule explorer) renders when its own state changes, not
 * with every frame of a run. The panels are memoised and get the snapshot's parts, which the merge keeps
 * when unchanged (protocol.ts), so a snapshot that leaves a panel's inputs as they were skips it too.
 * In a crowded run some panels follow at a slower pace (CROWDED_PANELS_MS).
 */
export const RunPanels = memo(function RunPanels({ scenario, params }: { scenario: Scenario; params: unknown }) {
  const { shown: snap, slow, paced } = useShownSnapshot(shownOf, CROWDED_PANELS_MS);
  // The timeline counts the live run's events even while it shows a scrubbed moment.
  const live = useShownSnapshot(liveOf).shown;
  // The controller pulls the next snapshot once this one is drawn (a crowded run's render is a transition).
  useLayoutEffect(() => {
    labController().drawn(snap);
  }, [snap]);
  useEffect(
    () => () => {
      labController().drawn(undefined);
    },
    [],
  );
  const stepMode = useLabStore((s) => s.settings.mode !== 'parallel');
  const running = useLabStore((s) => s.verdict === 'running');
  // In a fast run the lane that moved last changes with every snapshot: its ring (a box-shadow transition,
  // restyled and repainted on the main thread each frame) would only flicker, re-rendering two lanes each time.
  const fast = useLabStore((s) => s.fast);
  const source = useMemo(() => scenario.python(params), [scenario, params]);
  const struck = useMemo(() => scenario.struckLines?.(params) ?? NO_LINES, [scenario, params]);
  const lanes = snap?.lanes ?? NO_LANES;
  const objects = snap?.objects ?? NO_OBJECTS;
  const slowLanes = slow?.lanes ?? NO_LANES;
  // While a crowded run plays (Run), the slow panels out of view keep what they drew: their
  // renders were most of the 5 Hz commits' script. Each catches up as it comes into view; all do on a pause,
  // a step by hand, and at the run's end, a frame after the commit that shows it. A run of a few processes draws
  // everything (a fast one is paced too, but its panels are small and what a learner reads while it plays).
  const playing = useLabStore((s) => s.phase === 'running');
  const crowded = useCrowd(lanes.length) > COMPACT_LANES;
  const holdAway = useLetGoNextFrame(paced && playing && crowded);
  const [graphSnap, graphBox] = useHeldOutOfView(slow, holdAway);
  const [treeLanes, treeBox] = useHeldOutOfView(slowLanes, holdAway);
  const [cardsSnap, cardsBox] = useHeldOutOfView(slow, holdAway);
  // So do the console and the timeline (below the cards): each snapshot re-set their texts and the slider's
  // attributes, a layout and paint of the page for panels no one sees.
  const [consoleSnap, consoleBox] = useHeldOutOfView(snap, holdAway);
  const [timelineView, timelineBox] = useHeldOutOfView({ live, lanes: lanes.length }, holdAway);
  return (
    <>
      <Lanes lanes={lanes} objects={objects} locals={snap?.locals ?? NO_LOCALS} stepMode={stepMode} lastPid={fast ? -1 : (snap?.lastPid ?? -1)} onStep={onStep} />
      {/* In the wide column: whole lines at 13 px (the left one is ~400 px, lines reach 116 characters). */}
      {/* Its cursors follow the slow copy: in a crowded run they move 5 times a second, the pace the eye can follow. */}
      <PythonSource source={source} lanes={slowLanes} struck={struck} />
      <WaitForGraph ref={graphBox} lanes={graphSnap?.lanes ?? NO_LANES} objects={graphSnap?.objects ?? NO_OBJECTS} printed={graphSnap?.console.length ?? 0} live={running} />
      <ProcessTree ref={treeBox} lanes={treeLanes} />
      <SharedState ref={cardsBox} objects={cardsSnap?.objects ?? NO_OBJECTS} lanes={cardsSnap?.lanes ?? NO_LANES} last={cardsSnap?.last ?? null} />
      <ConsoleView ref={consoleBox} lines={consoleSnap?.console ?? NO_CONSOLE} lanes={consoleSnap?.lanes ?? NO_LANES} />
      <Timeline ref={timelineBox} log={labController().log} lanes={timelineView.lanes} length={timelineView.live?.logLength ?? 0} overflow={timelineView.live?.logOverflow ?? 0} />
    </>
  );
});
