import { useCallback } from 'react';
import { replaceUrlParams } from '../../app/url';
import { useLabStore } from '../../lab/labStore';

/** Switch the lab to step mode (settings and URL) without starting a run: the caller loads one. */
export function useApplyStepMode(): (mode: 'step') => void {
  return useCallback((mode) => {
    const s = useLabStore.getState().settings;
    useLabStore.setState({ settings: { ...s, mode } });
    replaceUrlParams({ mode });
  }, []);
}
