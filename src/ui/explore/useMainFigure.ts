import { useRef } from 'react';
import { useLabStore } from '../../lab/labStore';
import { useLocalized } from '../lab/useLang';

/**
 * The localized name of the scenario's main Outcome figure (its first), remembered while a job holds the machine.
 * The store is read as the localized string, not the label object: each judgement (several a second in a run)
 * brings a new label object with the same text, and selecting the object re-rendered every panel using this.
 */
export function useMainFigure(): string {
  const L = useLocalized();
  const scenarioId = useLabStore((s) => s.settings.scenarioId);
  const text = useLabStore((s) => {
    const label = s.judgement?.figures[0]?.label;
    return label ? L(label) : null;
  });
  const memo = useRef<{ id: string; text: string } | null>(null);
  if (text) memo.current = { id: scenarioId, text };
  return memo.current && memo.current.id === scenarioId ? memo.current.text : '';
}
