import { memo, startTransition, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useLabStore, type LabState } from '../../lab/labStore';
import type { LaneView, Snapshot } from '../../lab/liveRun';
import type { ObjectView } from '../../kinds/registry';
import type { Scenario } from '../../scenarios/types';
import { labController } from './controllerInstance';
import { ConsoleView } from './ConsoleView';
import { COMPACT_LANES, Lanes, useCrowd } from './Lanes';
import { ProcessTree } from './ProcessTree';
import { PythonSource } from './PythonSource';
import { SharedState } from './SharedState';
import { Timeline } from './Timeline';
import { useThrottled } from './useThrottled';
import { WaitForGraph } from './WaitForGraph';

const NO_LANES: LaneView[] = [];
const NO_OBJECTS: ObjectView[] = [];
const NO_CONSOLE: Snapshot['console'] = [];
const NO_LINES: number[] = [];
const onStep = (pid: number) => void labController().step(pid);

/**
 * In a crowded run (past the lanes' compact threshold) the wait-for graph, the process tree and the cards
 * follow the run 5 times a second, rendered as a transition (in slices, after the frame's urgent work),
 * while the lanes, console and timeline follow every snapshot: at a hundred processes and more each of
 * the three rebuilt with every snapshot, which made every frame that received one too long.
 */
const CROWDED_PANELS_MS = 200;

const shownOf = (s: LabState) => s.scrubSnapshot ?? s.snapshot;

/**
 * The snapshot the panels draw: the store's, at once while the run is small (a step shows in the same
 * frame, layout animations follow it); in a crowded run the same snapshot as a transition. A
 * store-driven render is synchronous, one task per snapshot: with a hundred lanes and more it held
 * every frame that got one (10–30 ms of the main thread at load 10+). A transition renders in
 * slices that yield to the browser's frames, and only its short commit holds one; the controller
 * pulls no new snapshot before this one is drawn (`LabController.drawn`), so none is rendered in
 * vain and a new one never restarts a render forever.
 */
function useRunSnapshot(): Snapshot | null {
  const crowded = useCrowd(useLabStore((s) => shownOf(s)?.lanes.length ?? 0)) > COMPACT_LANES;
  const urgent = useLabStore((s) => (crowded ? null : shownOf(s)));
  const [paced, setPaced] = useState<Snapshot | null>(null);
  useEffect(() => {
    if (!crowded) return;
    let last: Snapshot | null | undefined;
    const show = (s: LabState) => {
      const next = shownOf(s);
      if (next === last) return;
      last = next;
      startTransition(() => setPaced(next));
    };
    show(useLabStore.getState());
    return useLabStore.subscribe(show);
  }, [crowded]);
  // Until the first transition has rendered (the run just became crowded), the store's own snapshot.
  return crowded ? (paced ?? shownOf(useLabStore.getState())) : urgent;
}

/**
 * The panels that draw the run itself (lanes, source cursors, wait-for graph, tree, cards, console,
 * timeline): the only part of the process lab that subscribes to the per-frame snapshot. The rest of the
 * page (settings, outcome, challenges, the schedule explorer) renders when its own state changes, not
 * with every frame of a run. The panels are memoised and get the snapshot's parts, which the merge keeps
 * when unchanged (protocol.ts), so a snapshot that leaves a panel's inputs as they were skips it too.
 * In a crowded run some panels follow at a slower pace (CROWDED_PANELS_MS).
 */
export const RunPanels = memo(function RunPanels({ scenario, params }: { scenario: Scenario; params: unknown }) {
  const snap = useRunSnapshot();
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
  const live = useLabStore((s) => s.verdict === 'running');
  const source = useMemo(() => scenario.python(params), [scenario, params]);
  const struck = useMemo(() => scenario.struckLines?.(params) ?? NO_LINES, [scenario, params]);
  const lanes = snap?.lanes ?? NO_LANES;
  const objects = snap?.objects ?? NO_OBJECTS;
  const slow = useThrottled(snap, CROWDED_PANELS_MS, useCrowd(lanes.length) > COMPACT_LANES, true);
  const slowLanes = slow?.lanes ?? NO_LANES;
  const slowObjects = slow?.objects ?? NO_OBJECTS;
  return (
    <>
      <Lanes lanes={lanes} objects={objects} stepMode={stepMode} lastPid={snap?.lastPid ?? -1} onStep={onStep} />
      {/* In the wide column: whole lines at 13 px (the left one is ~400 px, lines reach 116 characters). */}
      <PythonSource source={source} lanes={lanes} struck={struck} />
      <WaitForGraph lanes={slowLanes} objects={slowObjects} printed={slow?.console.length ?? 0} live={live} />
      <ProcessTree lanes={slowLanes} />
      <SharedState objects={slowObjects} lanes={slowLanes} last={slow?.last ?? null} />
      <ConsoleView lines={snap?.console ?? NO_CONSOLE} lanes={lanes} />
      <Timeline log={labController().log} lanes={lanes.length} />
    </>
  );
});
