/**
 * Text about the current run that several views quote: its Python source by
 * line and its objects' names (the timeline's event details, the cards' locals).
 */
import type { LabSettings } from '../../lab/settings';
import { useLabStore } from '../../lab/labStore';
import { scenarioById } from '../../scenarios/registry';
import type { ObjectInfo } from '../../core/world';
import { labController } from './controllerInstance';

let cached: { settings: LabSettings; lines: string[] } | null = null;

/** The program's Python lines (line 1 is index 0) for the current settings. */
export function currentSourceLines(): string[] {
  const { settings } = useLabStore.getState();
  if (cached?.settings !== settings) cached = { settings, lines: scenarioById.get(settings.scenarioId)?.python(settings.params).split('\n') ?? [] };
  return cached.lines;
}

/** The current run's shared object `id` (undefined for none, e.g. -1, or a process id ≥ 1000). */
export function currentObject(id: number): ObjectInfo | undefined {
  return id < 0 ? undefined : labController().objects.find((o) => o.id === id);
}
