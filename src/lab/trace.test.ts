import { describe, expect, it } from 'vitest';
import { withDefaults } from '../scenarios/testing/run';
import { useScenarioMachine } from '../scenarios/testing/expectations';
import { decodeSchedule, encodeSchedule } from '../explore/scheduleCode';
import { translate } from '../i18n/i18n';
import { defaultSettings } from './settings';
import { parseTrace, toChromeTrace, toCsv, traceLabSettings, TraceError, type LockstepTrace } from './trace';

const machine = useScenarioMachine(4);

async function traceOf(lock: 'on' | 'off', schedule?: number[]): Promise<LockstepTrace> {
  const params = withDefaults('tickets', { clients: 2, tickets: 1, lock });
  const r = await machine().run('tickets', params, { mode: 'step', seed: 4 }, { keepEvents: true, ...(schedule ? { schedule } : {}) });
  return {
    format: 'lockstep-trace',
    version: 1,
    settings: { scenario: 'tickets', mode: 'step', seed: 4, params },
    schedule: r.scheduler.schedule,
    processes: Array.from({ length: 3 }, (_, pid) => r.mem.processName(pid)),
    objects: r.world.objects.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    events: r.events.map((e) => ({ ...e })),
  };
}

describe('schedule in a URL', () => {
  it('round-trips and stays short', () => {
    const s = [0, 0, 0, 1, 2, 2, 1, 0];
    expect(encodeSchedule(s)).toBe('0_3.1.2_2.1.0');
    expect(decodeSchedule(encodeSchedule(s))).toEqual(s);
    const long = Array.from({ length: 2000 }, (_, i) => Math.floor(i / 100) % 3);
    expect(decodeSchedule(encodeSchedule(long))).toEqual(long);
    expect(encodeSchedule(long).length).toBeLessThan(200);
    expect(decodeSchedule('')).toEqual([]);
  });

  it('rejects what is not a schedule', () => {
    for (const bad of ['0..1', '0_', '-1', 'x y', '0_0']) expect(decodeSchedule(bad)).toBeNull();
    expect(decodeSchedule('z', 10)).toBeNull();
  });
});

describe('trace export and import', () => {
  it('the project JSON round-trips, and its schedule replays to the same events', async () => {
    const trace = await traceOf('off');
    const back = parseTrace(JSON.stringify(trace));
    expect(back).toEqual(trace);
    const again = await traceOf('off', back.schedule);
    expect(again.events.map((e) => [e.pid, e.kind, e.obj, e.arg, e.result, e.payload])).toEqual(trace.events.map((e) => [e.pid, e.kind, e.obj, e.arg, e.result, e.payload]));
  });

  it('says what is wrong with a bad file', () => {
    expect(() => parseTrace('{')).toThrow(new TraceError('trace.notJson'));
    expect(() => parseTrace('{"format":"x"}')).toThrow('not a lockstep-trace file');
    expect(() => parseTrace('{"format":"lockstep-trace","version":1,"settings":{"scenario":"tickets","mode":"warp","seed":1,"params":{}},"schedule":[],"events":[]}')).toThrow('settings');
    expect(() => parseTrace('{"format":"lockstep-trace","version":1,"settings":{"scenario":"tickets","mode":"step","seed":1,"params":{}},"schedule":[-1],"events":[]}')).toThrow('schedule');
  });

  it('says it in the learner\'s language', () => {
    let caught: unknown;
    try {
      parseTrace('{"format":"lockstep-trace","version":2}');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TraceError);
    const e = caught as TraceError;
    expect(e.message).toBe('version 2 is not supported');
    expect(translate('zh', e.key, e.vars)).toBe('不支持版本 2');
  });

  it('takes a file\'s settings only when the lab offers them, as a link would', async () => {
    const trace = await traceOf('on');
    const base = { ...defaultSettings(), speed: 2 };
    expect(traceLabSettings(trace, base)).toEqual({ ...base, scenarioId: 'tickets', mode: 'step', seed: 4, params: trace.settings.params });
    const withParams = (params: Record<string, unknown>) => ({ ...trace, settings: { ...trace.settings, params: { ...trace.settings.params, ...params } } }) as LockstepTrace;
    // Out of range, not a number, not an option: rejected, not clamped into a different run.
    expect(() => traceLabSettings(withParams({ clients: 5000 }), base)).toThrow(new TraceError('trace.badSetting', { name: 'clients', value: '5000' }));
    expect(() => traceLabSettings(withParams({ clients: 'x' }), base)).toThrow('clients=x is not a setting this lab offers');
    expect(() => traceLabSettings(withParams({ lock: 'maybe' }), base)).toThrow('lock=maybe');
    expect(() => traceLabSettings({ ...trace, settings: { ...trace.settings, seed: -1 } }, base)).toThrow('seed=-1');
    expect(() => traceLabSettings({ ...trace, settings: { ...trace.settings, scenario: 'nope' } }, base)).toThrow('unknown scenario “nope”');
    // A parameter its options switch off is ignored, as a link ignores it (the lab keeps what was typed).
    const abba = { ...trace, settings: { scenario: 'deadlock', mode: 'step', seed: 1, params: { case: 'abba', n: 7 } } } as LockstepTrace;
    expect(traceLabSettings(abba, base).params).toMatchObject({ case: 'abba' });
    expect(() => traceLabSettings({ ...abba, settings: { ...abba.settings, params: { case: 'philosophers', n: 9 } } }, base)).toThrow('n=9');
  });

  it('Chrome trace: a named track per process, a slice per lock hold, an instant per op', async () => {
    const trace = await traceOf('on');
    const chrome = toChromeTrace(trace);
    const threads = chrome.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args?.name);
    expect(threads).toEqual(['MainProcess', 'Process-1', 'Process-2']);
    const holds = chrome.traceEvents.filter((e) => e.ph === 'X');
    // Tracks are keyed by the pid the learner saw (the lanes', os.getpid()'s), not the slot.
    expect(holds.map((e) => e.tid).sort()).toEqual([1001, 1002]);
    expect(chrome.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.tid)).toEqual([1000, 1001, 1002]);
    expect(holds.every((e) => e.name === 'holds lock' && (e.dur ?? -1) >= 0)).toBe(true);
    expect(chrome.traceEvents.filter((e) => e.ph === 'i')).toHaveLength(trace.events.length);
    expect(JSON.parse(JSON.stringify(chrome))).toEqual(chrome);
  });

  it('CSV quotes what needs quoting', () => {
    expect(toCsv([['value', 'schedules'], ['a,b', 3], ['say "hi"', 1]])).toBe('value,schedules\n"a,b",3\n"say ""hi""",1\n');
  });
});
