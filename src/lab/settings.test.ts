/**
 * The pace a run is given (effectivePace): a scenario's own `pace` speeds up
 * the auto-run of a scheduled run (watchability of Run at 1×), never a
 * parallel run's real sleeps, which take their time over the learner's speed.
 */
import { describe, expect, it } from 'vitest';
import { scenarioById } from '../scenarios/registry';
import { useScenarioMachine } from '../scenarios/testing/expectations';
import { defaultSettings, effectivePace, settingsFromQuery, type LabSettings } from './settings';

const tickets = defaultSettings(scenarioById.get('tickets'));
const machine = useScenarioMachine(3);

describe("a parameter that applies only to some options' values (ParamSpec.when)", () => {
  const read = (q: string) => settingsFromQuery(new URLSearchParams(q));
  it('deadlock: the philosophers count is read for the philosophers case only; elsewhere a URL value is ignored, not an error', () => {
    expect(read('scenario=deadlock&case=philosophers&n=3').settings.params.n).toBe(3);
    expect(read('scenario=deadlock&case=philosophers&n=99').notices).not.toEqual([]);
    const abba = read('scenario=deadlock&case=abba&n=99');
    expect(abba.notices).toEqual([]);
    expect(abba.settings.params).toMatchObject({ case: 'abba', n: 5 });
  });
});

describe('effectivePace', () => {
  it('step and clock: the learner speed times the scenario pace (tickets: 4×)', () => {
    expect(scenarioById.get('tickets')!.pace).toBe(4);
    for (const mode of ['step', 'clock'] as const) expect(effectivePace({ ...tickets, mode, speed: 2, turbo: false })).toEqual({ speed: 8, turbo: false });
  });

  it('parallel: the learner speed alone, so a sleep lasts its real time over that speed', () => {
    expect(effectivePace({ ...tickets, mode: 'parallel', speed: 1, turbo: false })).toEqual({ speed: 1, turbo: false });
    expect(effectivePace({ ...tickets, mode: 'parallel', speed: 4, turbo: true })).toEqual({ speed: 4, turbo: true });
  });

  it('a scenario that does not offer turbo (lifecycle-control: the learner must have time to press a button) runs without it', () => {
    const lc = defaultSettings(scenarioById.get('lifecycle-control')!);
    expect(effectivePace({ ...lc, turbo: true })).toEqual({ speed: 1, turbo: false });
  });

  it('parallel at 1×: each real sleep of a tickets client lasts what it asked for (measured from its sleep event to its next event)', async () => {
    const s: LabSettings = { ...tickets, mode: 'parallel', params: { ...tickets.params, clients: 1, tickets: 1 } };
    const r = await machine().run('tickets', s.params, { mode: 'parallel', seed: s.seed, ...effectivePace(s) });
    const client = r.events.filter((e) => e.pid === 1);
    const slept = client.flatMap((e, i) => (e.kind === 'sleep' && client[i + 1] ? [{ asked: e.arg / 1000, took: client[i + 1]!.time - e.time }] : []));
    expect(slept.length).toBeGreaterThanOrEqual(2); // search, buy (and pay)
    // A lower bound only: a loaded machine makes a sleep longer, never shorter (with the pace of 4 each took a quarter).
    for (const { asked, took } of slept) expect(took, `asked ${asked} s`).toBeGreaterThanOrEqual(asked * 0.99);
  });
});
