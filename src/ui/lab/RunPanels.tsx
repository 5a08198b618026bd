import { memo, useMemo } from 'react';
import { useLabStore } from '../../lab/labStore';
import type { LaneView, Snapshot } from '../../lab/liveRun';
import type { ObjectView } from '../../kinds/registry';
import type { Scenario } from '../../scenarios/types';
import { labController } from './controllerInstance';
import { ConsoleView } from './ConsoleView';
import { Lanes } from './Lanes';
import { ProcessTree } from './ProcessTree';
import { PythonSource } from './PythonSource';
import { SharedState } from './SharedState';
import { Timeline } from './Timeline';
import { WaitForGraph } from './WaitForGraph';

const NO_LANES: LaneView[] = [];
const NO_OBJECTS: ObjectView[] = [];
const NO_CONSOLE: Snapshot['console'] = [];
const NO_LINES: number[] = [];
const onStep = (pid: number) => void labController().step(pid);

/**
 * The panels that draw the run itself (lanes, source cursors, wait-for graph, tree, cards, console,
 * timeline): the only part of the process lab that subscribes to the per-frame snapshot. The rest of the
 * page (settings, outcome, challenges, the schedule explorer) renders when its own state changes, not
 * with every frame of a run. The panels are memoised and get the snapshot's parts, which the merge keeps
 * when unchanged (protocol.ts), so a snapshot that leaves a panel's inputs as they were skips it too.
 */
export const RunPanels = memo(function RunPanels({ scenario, params }: { scenario: Scenario; params: unknown }) {
  const snap = useLabStore((s) => s.scrubSnapshot ?? s.snapshot);
  const stepMode = useLabStore((s) => s.settings.mode !== 'parallel');
  const live = useLabStore((s) => s.verdict === 'running');
  const source = useMemo(() => scenario.python(params), [scenario, params]);
  const struck = useMemo(() => scenario.struckLines?.(params) ?? NO_LINES, [scenario, params]);
  const lanes = snap?.lanes ?? NO_LANES;
  const objects = snap?.objects ?? NO_OBJECTS;
  return (
    <>
      <Lanes lanes={lanes} objects={objects} stepMode={stepMode} lastPid={snap?.lastPid ?? -1} onStep={onStep} />
      {/* In the wide column: whole lines at 13 px (the left one is ~400 px, lines reach 116 characters). */}
      <PythonSource source={source} lanes={lanes} struck={struck} />
      <WaitForGraph lanes={lanes} objects={objects} printed={snap?.console.length ?? 0} live={live} />
      <ProcessTree lanes={lanes} />
      <SharedState objects={objects} lanes={lanes} last={snap?.last ?? null} />
      <ConsoleView lines={snap?.console ?? NO_CONSOLE} lanes={lanes} />
      <Timeline log={labController().log} lanes={lanes.length} />
    </>
  );
});
