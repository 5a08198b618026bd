/**
 * joinable on real threads: with task_done() q.join() returns, main exits and
 * the daemon consumers are terminated (exitcode -15); without it q.join()
 * hangs and the judge names main in q.join() and the consumers in q.get().
 */
import { describe, expect, it } from 'vitest';
import { scenarioById } from '../registry';
import { runScenario, withDefaults } from '../testing/run';
import { expectFigures, expectReplay, figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';
import { joinable } from '.';

const machine = useScenarioMachine(4);


describe('joinable: task_done() on', () => {
  for (const mode of ['step', 'clock'] as const) {
    it(`${mode}: q.join() returns after the last task_done(), then the daemons are terminated`, async () => {
      const { result, judgement } = await runOk(machine(), 'joinable', {}, { mode, seed: 6 });
      expectFigures(judgement, { Produced: 5, Consumed: 5, Lost: 0, Duplicated: 0, 'Still blocked': 0 });
      const consumers = result.procs.filter((p) => p.pid > 0);
      expect(consumers.map((p) => [p.name, p.state, p.exitcode])).toEqual([
        ['consumer-0', 'terminated', -15],
        ['consumer-1', 'terminated', -15],
      ]);
      expect(result.procs[0]?.exitcode).toBe(0);
      expect(result.console.filter((l) => / works on task \d$/.test(l.text))).toHaveLength(5);
      expect(result.console.at(-1)?.text).toBe('main: all tasks done; exiting terminates the daemon consumers');
      expect(judgement.explanation.en).toContain('2 daemon consumers were terminated (exitcode -15)');
      // The Chinese texts say 退出码, as every other scenario's do.
      expect(judgement.explanation.zh).toContain('2 个守护进程消费者被终止（退出码 -15）');
      expect(scenarioById.get('joinable')!.summary.zh).toContain('守护进程被终止（退出码 -15）');
    });
  }

  it('the log shows main terminating each daemon after q.join() returned', async () => {
    const r = await machine().run('joinable', withDefaults('joinable', {}), { mode: 'step', seed: 1 });
    const kinds = r.events.map((e) => `${e.pid}:${e.kind}`);
    const qjoin = kinds.indexOf('0:qjoin');
    expect(qjoin).toBeGreaterThan(0);
    expect(kinds.lastIndexOf('1:task_done')).toBeLessThan(qjoin);
    const terminates = r.events.filter((e) => e.pid === 0 && e.kind === 'terminate');
    expect(terminates.map((e) => e.arg).sort()).toEqual([1, 2]);
    expect(kinds.indexOf('0:terminate')).toBeGreaterThan(qjoin);
    for (const pid of [1, 2]) expect(kinds.indexOf(`${pid}:killed`)).toBeGreaterThan(qjoin);
    expect(r.exitcodes).toEqual([0, -15, -15]);
  });

  it('clock: the same seed replays the same run', async () => {
    const a = await expectReplay(machine(), 'joinable', { items: 8, consumers: 3 }, { mode: 'clock', seed: 12 });
    expect(a.judgement.verdict).toBe('ok');
  });

  it('parallel: ok on real threads, the daemons terminated', async () => {
    for (const seed of [1, 2, 3]) {
      const { result } = await runOk(machine(), 'joinable', {}, { mode: 'parallel', seed, turbo: true });
      expect(result.procs.filter((p) => p.pid > 0).map((p) => p.exitcode)).toEqual([-15, -15]);
    }
  });
});

describe('joinable: task_done() forgotten', () => {
  for (const mode of ['step', 'clock'] as const) {
    it(`${mode}: q.join() never returns — deadlock naming main and the consumers`, async () => {
      const { result, judgement } = await runScenario(machine(), 'joinable', { taskdone: 'off' }, { mode, seed: 6 });
      expect(result.status).toBe('deadlock');
      expect(judgement.verdict).toBe('deadlock');
      expect(judgement.explanation.en).toContain('MainProcess waits in q.join()');
      expect(judgement.explanation.en).toContain('consumer-0 waits in q.get()');
      expect(judgement.explanation.en).toContain('consumer-1 waits in q.get()');
      expect(judgement.explanation.en).toContain('q.join() still counts 5 unfinished tasks');
      expect(judgement.explanation.zh).toContain('MainProcess 卡在 q.join()');
      expect(figure(judgement, 'Consumed')).toBe(5);
      expect(figure(judgement, 'Still blocked')).toBe(3);
      expect(result.console.some((l) => l.text.startsWith('main: all tasks done'))).toBe(false);
    });
  }
});

describe('joinable: Python source', () => {
  it('every event is tagged with a non-blank line that does what the op does', async () => {
    const pattern = {
      put: /q\.put\(/,
      get: /q\.get\(\)/,
      task_done: /q\.task_done\(\)/,
      qjoin: /q\.join\(\)/,
    };
    for (const taskdone of ['on', 'off']) {
      const { lines, kinds } = await expectTaggedLines(machine(), 'joinable', { taskdone }, { mode: 'step', seed: 1 }, pattern);
      expect(kinds.has('task_done')).toBe(taskdone === 'on');
      expect(lines.join('\n')).toContain(`TASK_DONE = ${taskdone === 'on' ? 'True' : 'False'}`);
    }
    expect(joinable.maxProcesses(withDefaults('joinable', { consumers: 4 }) as never)).toBe(5);
  });
});
