/**
 * Scenarios that bring their own panel (buttons that send commands to their
 * processes), by scenario id. A panel lives in its scenario's folder
 * (`src/scenarios/<id>/Panel.tsx`) and receives the run's typed command port;
 * the scenario's `commands` says which mailboxes the port reaches.
 */
import { createElement, type ComponentType } from 'react';
import type { CommandPort } from '../../lab/commandPort';
import type { Scenario } from '../../scenarios/types';
import { queueBasics } from '../../scenarios/queue-basics';
import { QueuePlayground } from '../../scenarios/queue-basics/Panel';
import { lifecycleControl } from '../../scenarios/lifecycle-control';
import { ChildControls } from '../../scenarios/lifecycle-control/Panel';

export interface ScenarioPanelProps<C> {
  port: CommandPort<C>;
}

type AnyPanel = ComponentType<ScenarioPanelProps<unknown>>;

/** Pair a scenario with its panel; the command type `C` must agree. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function panel<C>(scenario: Scenario<any, any, C>, Panel: ComponentType<ScenarioPanelProps<C>>): [string, AnyPanel] {
  return [scenario.id, Panel as AnyPanel];
}

const scenarioPanels = new Map<string, AnyPanel>([panel(queueBasics, QueuePlayground), panel(lifecycleControl, ChildControls)]);

/** The panel of scenario `id` with the run's port, or nothing when it has none. */
export function ScenarioPanel({ id, port }: { id: string; port: CommandPort<unknown> }) {
  const Panel = scenarioPanels.get(id);
  return Panel ? createElement(Panel, { port }) : null;
}
