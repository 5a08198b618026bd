import { useRef } from 'react';
import { useLabStore } from '../../lab/labStore';
import { useLocalized } from '../lab/useLang';

/** The localized name of the scenario's main Outcome figure (its first), remembered while a job holds the machine. */
export function useMainFigure(): string {
  const L = useLocalized();
  const scenarioId = useLabStore((s) => s.settings.scenarioId);
  const label = useLabStore((s) => s.judgement?.figures[0]?.label ?? null);
  const memo = useRef<{ id: string; label: NonNullable<typeof label> } | null>(null);
  if (label) memo.current = { id: scenarioId, label };
  const known = memo.current && memo.current.id === scenarioId ? memo.current.label : null;
  return known ? L(known) : '';
}
