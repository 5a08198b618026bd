import { beforeEach, describe, expect, it } from 'vitest';
import type { ExploreReport } from '../explore/jobs';
import { useExploreStore } from './exploreStore';
import { useLabStore } from './labStore';
import { defaultParams, defaultSettings } from './settings';
import { scenarioById } from '../scenarios/registry';

const tickets = scenarioById.get('tickets')!;
const bank = scenarioById.get('bank')!;
const report = { kind: 'explore', done: true, outcomes: [{ value: '2', count: 36 }] } as unknown as ExploreReport;

describe('explore reports follow the lab settings', () => {
  beforeEach(() => {
    useLabStore.setState({ settings: defaultSettings(tickets) });
    useExploreStore.setState({ explore: report, stats: [{ lock: 'on', report: {} as never }], prediction: { value: '2' }, error: { key: 'job.busy' } });
  });

  it('another scenario clears the reports and the prediction', () => {
    useLabStore.setState({ settings: defaultSettings(bank) });
    expect(useExploreStore.getState()).toMatchObject({ explore: null, stats: [], error: null, prediction: null });
  });

  it('other parameters clear the reports but keep the prediction of the same figure', () => {
    const s = useLabStore.getState().settings;
    useLabStore.setState({ settings: { ...s, params: { ...s.params, clients: Number(s.params.clients) + 1 } } });
    expect(useExploreStore.getState()).toMatchObject({ explore: null, stats: [], prediction: { value: '2' } });
  });

  it('statistics belong to the kind of run they were gathered from: a switch to or from parallel clears them, step ↔ clock keeps them', () => {
    const s = useLabStore.getState().settings;
    useLabStore.setState({ settings: { ...s, mode: 'clock' } });
    expect(useExploreStore.getState().stats).toHaveLength(1);
    useLabStore.setState({ settings: { ...useLabStore.getState().settings, mode: 'parallel' } });
    expect(useExploreStore.getState()).toMatchObject({ stats: [], explore: report, prediction: { value: '2' } });
    useExploreStore.setState({ stats: [{ lock: 'on', report: {} as never }] });
    useLabStore.setState({ settings: { ...useLabStore.getState().settings, mode: 'step' } });
    expect(useExploreStore.getState().stats).toEqual([]);
  });

  it('a new seed, speed or equal parameters keep them', () => {
    const s = useLabStore.getState().settings;
    useLabStore.setState({ settings: { ...s, seed: 7, speed: 2, params: { ...defaultParams(tickets) } } });
    expect(useExploreStore.getState()).toMatchObject({ explore: report, prediction: { value: '2' } });
    expect(useExploreStore.getState().stats).toHaveLength(1);
  });
});
