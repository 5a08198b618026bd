/**
 * pipe on real threads: every message arrives once, acks come back over a
 * duplex pipe (picked up by poll() and recv()), and after the sender closes
 * its end the receiver's recv() raises EOFError, which it catches and shows.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, withDefaults } from '../testing/run';
import { expectFigures, expectReplay, figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';

const machine = useScenarioMachine(2);

const texts = (r: { console: { text: string }[] }) => r.console.map((l) => l.text);
const EOF_LINE = 'main: EOFError, the sender closed the pipe';

describe('pipe', () => {
  for (const mode of ['step', 'clock'] as const) {
    it(`${mode}, duplex: five messages and five acks, then EOFError ends the receiver`, async () => {
      const { result, judgement } = await runOk(machine(), 'pipe', {}, { mode, seed: 2 });
      expectFigures(judgement, { Produced: 10, Consumed: 10, Lost: 0, Duplicated: 0 });
      const out = texts(result);
      expect(out.filter((t) => t.startsWith('main: received'))).toEqual([0, 1, 2, 3, 4].map((i) => `main: received message ${i}`));
      expect(out.filter((t) => t.startsWith('sender: got'))).toEqual([0, 1, 2, 3, 4].map((i) => `sender: got ack message ${i}`));
      // EOF comes only after the sender closed its end, and is the receiver's last word before "done".
      expect(out.indexOf(EOF_LINE)).toBeGreaterThan(out.indexOf('sender: closed its end'));
      expect(out.slice(-2)).toEqual([EOF_LINE, 'main: done']);
      expect(result.procs.map((p) => p.exitcode)).toEqual([0, 0]);
      expect(judgement.explanation.en).toContain('recv() raised EOFError');
    });

    it(`${mode}, one-way: messages only, no acks, then EOFError`, async () => {
      const { result, judgement } = await runScenario(machine(), 'pipe', { duplex: 'off', messages: 3 }, { mode, seed: 2 });
      expect(judgement.verdict).toBe('ok');
      expect(figure(judgement, 'Produced')).toBe(3);
      expect(figure(judgement, 'Consumed')).toBe(3);
      const out = texts(result);
      expect(out.some((t) => t.startsWith('sender: got'))).toBe(false);
      expect(out).toContain(EOF_LINE);
      expect(result.world.objects.filter((o) => o.kind === 'pipe').map((o) => o.name)).toEqual(['pipe[1→0]']);
    });
  }

  it('the EOF is a recv() that finds the pipe closed and empty, and poll() reads acks without blocking', async () => {
    const r = await machine().run('pipe', withDefaults('pipe', {}), { mode: 'clock', seed: 4 });
    const close = r.events.findIndex((e) => e.kind === 'close' && e.pid === 1);
    const eofPrint = r.events.findIndex((e) => e.kind === 'print' && e.payload.startsWith('main: EOFError'));
    expect(close).toBeGreaterThan(0);
    expect(eofPrint).toBeGreaterThan(close);
    // Between them no message reached main: the recv that raised took nothing.
    expect(r.events.slice(close, eofPrint).some((e) => e.kind === 'recv' && e.pid === 0)).toBe(false);
    const polls = r.events.filter((e) => e.kind === 'poll');
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.every((e) => e.pid === 1)).toBe(true);
  });

  it('clock: the same seed replays the same run', async () => {
    await expectReplay(machine(), 'pipe', { messages: 8 }, { mode: 'clock', seed: 21 });
  });

  it('parallel: ok on real threads, both ways', async () => {
    for (const duplex of ['on', 'off']) {
      for (const seed of [1, 2]) {
        const { result } = await runOk(machine(), 'pipe', { duplex }, { mode: 'parallel', seed, turbo: true });
        // The sender's last print may race main's EOF print; main's own order is fixed.
        const mine = result.console.filter((l) => l.pid === 0).map((l) => l.text);
        expect(mine.slice(-2)).toEqual([EOF_LINE, 'main: done']);
      }
    }
  });
});

describe('pipe: Python source', () => {
  it('every event is tagged with a non-blank line that does what the op does', async () => {
    const pattern = {
      send: /conn\.send\(/,
      recv: /conn\.recv\(\)/,
      poll: /conn\.poll\(\)/,
      close: /conn\.close\(\)/,
    };
    for (const duplex of ['on', 'off']) {
      const { lines, kinds } = await expectTaggedLines(machine(), 'pipe', { duplex }, { mode: 'step', seed: 1 }, pattern);
      for (const k of ['send', 'recv', 'close', 'block', 'wake']) expect(kinds).toContain(k);
      expect(kinds.has('poll')).toBe(duplex === 'on');
      expect(lines.join('\n')).toContain(`DUPLEX = ${duplex === 'on' ? 'True' : 'False'}`);
    }
  });
});
