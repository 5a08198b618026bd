/**
 * queue-basics on real threads (parallel only: commands come from
 * mailboxes). Built-in scripts stand for the learner's clicks: the calls run
 * on the shared queue, queue.Full / queue.Empty are caught and shown, a
 * blocking get/put waits for the other process, and `exit` ends each loop.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, withDefaults } from '../testing/run';
import { figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';
import { CALLS, queueBasics, SCRIPTS } from '.';

const machine = useScenarioMachine(2);

const said = (r: { console: { pid: number; text: string }[] }, pid: number) => r.console.filter((l) => l.pid === pid).map((l) => l.text);

describe('queue-basics', () => {
  it('script 1: put_nowait past maxsize raises queue.Full, get_nowait past empty raises queue.Empty, and the loop goes on', async () => {
    const { result, judgement } = await runOk(machine(), 'queue-basics', { script: 1 }, { mode: 'parallel', seed: 1 });
    expect(said(result, 0)).toEqual([
      'main: put_nowait(1)',
      'main: put_nowait(2)',
      'main: put_nowait(3)',
      'main: put_nowait(4)',
      'main: put_nowait(x) raised queue.Full',
      'main: qsize() -> 4',
      'main: full() -> True',
      'main: put(x, timeout=t) raised queue.Full',
      'main: get_nowait() -> 1',
      'main: get_nowait() -> 2',
      'main: get_nowait() -> 3',
      'main: get_nowait() -> 4',
      'main: get_nowait() raised queue.Empty',
      'main: empty() -> True',
      'main: get(timeout=t) raised queue.Empty',
    ]);
    expect(said(result, 1)).toEqual([]);
    expect(figure(judgement, 'Produced')).toBe(4);
    expect(figure(judgement, 'Consumed')).toBe(4);
    expect(figure(judgement, 'In queue')).toBe(0);
    expect(result.procs.map((p) => p.exitcode)).toEqual([0, 0]);
  });

  it('script 1 with maxsize 6: no Full until the sixth item, then the drain leaves one in the queue', async () => {
    const { result, judgement } = await runScenario(machine(), 'queue-basics', { script: 1, maxsize: 6 }, { mode: 'parallel', seed: 1 });
    const out = said(result, 0);
    expect(out.filter((t) => t.includes('queue.Full'))).toEqual([]);
    expect(out).toContain('main: put(6, timeout=0.2)');
    expect(out).toContain('main: full() -> False');
    expect(out).toContain('main: empty() -> False');
    expect(out.at(-1)).toBe('main: get(timeout=0.2) -> 6');
    expect(judgement.verdict).toBe('ok');
    expect(figure(judgement, 'In queue')).toBe(0);
  });

  it('script 2: the helper blocks in get() until main puts, and main blocks in put() on a full queue until the helper gets', async () => {
    for (const seed of [1, 2, 3]) {
      const { result, judgement } = await runOk(machine(), 'queue-basics', { script: 2, maxsize: 1 }, { mode: 'parallel', seed });
      expect(said(result, 0)).toEqual(['main: put(7)', 'main: put(8)']);
      expect(said(result, 1)).toEqual(['helper: get() -> 7', 'helper: get() -> 8']);
      expect(figure(judgement, 'Consumed')).toBe(2);
    }
  });

  it('every event is tagged with a non-blank line that does what the op does', async () => {
    const pattern = { put: /q\.put(_nowait)?\(/, qsize: /q\.qsize\(\)/, full: /q\.full\(\)/, empty: /q\.empty\(\)/ };
    const { kinds } = await expectTaggedLines(machine(), 'queue-basics', { script: 1 }, { mode: 'parallel', seed: 1 }, pattern, (e, text) => {
      if (e.kind === 'get') expect(text).toMatch(/q\.get(_nowait)?\(|commands\.get\(\)/);
    });
    for (const k of ['put', 'get', 'qsize', 'full', 'empty', 'print']) expect(kinds).toContain(k);
    expect(queueBasics.python(withDefaults('queue-basics', { maxsize: 9 }) as never)).toContain('MAXSIZE = 9\n');
  });

  it('the scripts only use calls the buttons offer, and fit a mailbox slot', () => {
    for (const script of SCRIPTS)
      for (const cmd of script) {
        expect(CALLS).toContain(cmd.call);
        expect(JSON.stringify(cmd).length).toBeLessThanOrEqual(124);
      }
  });

  it('step and clock are refused (mailboxes need the parallel mode)', async () => {
    const { result } = await runScenario(machine(), 'queue-basics', { script: 1 }, { mode: 'step', seed: 1 });
    expect(result.status).toBe('finished');
    expect(result.procs[0]?.error).toBe('RuntimeError');
  });
});
