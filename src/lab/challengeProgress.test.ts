/**
 * Which finished runs the page judges: the learner's, not a replay's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { scenarioById } from '../scenarios/registry';
import type { Judgement } from '../scenarios/types';
import { useChallengeStore, watchChallenges } from './challengeProgress';
import { useLabStore } from './labStore';
import { defaultSettings } from './settings';

const tickets = scenarioById.get('tickets')!;
const doubleSale: Judgement = {
  verdict: 'violated',
  explanation: { en: 'Two clients bought the last ticket.', zh: '两个客户买到了最后一张票。' },
  figures: [{ key: 'Tickets sold', label: { en: 'Tickets sold', zh: '已售出' }, value: 2 }],
};

/** A run of tickets (one ticket, lock off) that a load replayed `replayed` steps of and that ended after `steps`. */
function endRun(replayed: number, steps: number): void {
  const settings = { ...defaultSettings(tickets), params: { ...defaultSettings(tickets).params, tickets: 1, lock: 'off' } };
  useLabStore.setState({ settings, phase: 'ready', verdict: 'running', judgement: null, steps: replayed, replayedSteps: replayed });
  useLabStore.setState({ steps, verdict: 'violated', judgement: doubleSale });
}

describe('watchChallenges', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    useChallengeStore.setState({ progress: {}, news: null });
  });

  it('a verdict a link or Redo replayed to is not the learner’s: no challenge is met by it', () => {
    stop = watchChallenges();
    // A teacher's link with the whole schedule of a double sale: the page replays it and judges.
    endRun(14, 14);
    expect(useChallengeStore.getState().news).toBeNull();
    expect(useChallengeStore.getState().progress['tickets/double-sale']).toBeUndefined();
  });

  it('a verdict the learner stepped to after a replay (a link to step 10, or an Undo) meets it', () => {
    stop = watchChallenges();
    endRun(10, 14);
    expect(useChallengeStore.getState().news?.met.map((c) => c.id)).toEqual(['double-sale']);
    expect(useChallengeStore.getState().progress['tickets/double-sale']).toEqual({ done: true });
  });

  it('a run with no replay meets it as before', () => {
    stop = watchChallenges();
    endRun(0, 14);
    expect(useChallengeStore.getState().news?.met.map((c) => c.id)).toEqual(['double-sale']);
  });
});
