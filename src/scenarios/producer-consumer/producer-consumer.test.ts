/**
 * producer-consumer on real threads: with a 2 s timeout every item is
 * consumed once and queue.Empty ends the consumer; with a 0 s timeout the
 * consumer leaves at once and the items are lost.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, withDefaults } from '../testing/run';
import { expectFigures, expectReplay, figure, runOk, useScenarioMachine } from '../testing/expectations';
import { expectTaggedLines } from '../testing/lines';
import { producerConsumer } from '.';

const machine = useScenarioMachine(3);

const texts = (r: { console: { text: string }[] }) => r.console.map((l) => l.text);

describe('producer-consumer: the ok path', () => {
  for (const mode of ['step', 'clock'] as const) {
    it(`${mode}: five items consumed once, then queue.Empty sends the consumer home`, async () => {
      const { result, judgement, schedule } = await runOk(machine(), 'producer-consumer', {}, { mode, seed: 3 });
      expectFigures(judgement, { Produced: 5, Consumed: 5, Lost: 0, Duplicated: 0 });
      const out = texts(result);
      expect(out.filter((t) => t.startsWith('consumed item '))).toEqual([0, 1, 2, 3, 4].map((i) => `consumed item ${i}`));
      expect(out).toContain('nothing for 2 s: the consumer leaves');
      expect(out.at(-1)).toBe('main: done, items left in the queue: 0');
      expect(judgement.explanation.en).toContain('queue.Empty');
      expect(schedule.length).toBeGreaterThan(10);
    });
  }

  it('one item: the verdict says "1 item was consumed", not "1 item were"', async () => {
    const { judgement } = await runOk(machine(), 'producer-consumer', { items: 1 }, { mode: 'clock', seed: 3 });
    expect(judgement.explanation.en).toContain('All 1 item was consumed exactly once');
  });

  it('clock: the same seed replays the same run, another seed another timing', async () => {
    await expectReplay(machine(), 'producer-consumer', {}, { mode: 'clock', seed: 5 });
  });

  it('parallel: ok on real threads', async () => {
    for (const seed of [1, 2]) {
      const { judgement } = await runOk(machine(), 'producer-consumer', {}, { mode: 'parallel', seed, turbo: true, speed: 4 });
      expect(figure(judgement, 'Consumed')).toBe(5);
    }
  });
});

describe('producer-consumer: the failure path', () => {
  // Clock only: round robin (step) ignores the producer's delays, so an item is always there in time.
  for (const mode of ['clock'] as const) {
    it(`${mode}: timeout 0 — the consumer catches queue.Empty before the first item and every item is lost`, async () => {
      for (const seed of [3, 4]) {
        const { result, judgement } = await runScenario(machine(), 'producer-consumer', { timeout: 0 }, { mode, seed });
        expect(result.status).toBe('finished');
        expect(judgement.verdict).toBe('violated');
        expectFigures(judgement, { Produced: 5, Consumed: 0, Lost: 5 });
        expect(texts(result)).toContain('nothing for 0 s: the consumer leaves');
        expect(texts(result).at(-1)).toBe('main: done, items left in the queue: 5');
        expect(judgement.explanation.en).toContain('left 5 of 5 items unconsumed');
        // The consumer ended normally: the exception was caught, not raised.
        expect(result.procs.find((p) => p.name === 'consumer')?.exitcode).toBe(0);
      }
    });
  }
});

describe('producer-consumer: Python source', () => {
  it('every event is tagged with a non-blank line that does what the op does', async () => {
    const pattern = { put: /q\.put\(/, get: /q\.get\(timeout=TIMEOUT\)/, qsize: /q\.qsize\(\)/ };
    const { kinds } = await expectTaggedLines(machine(), 'producer-consumer', {}, { mode: 'step', seed: 1 }, pattern);
    for (const k of ['put', 'get', 'block', 'wake', 'print', 'sleep', 'spawn', 'join']) expect(kinds).toContain(k);
    expect(producerConsumer.python(withDefaults('producer-consumer', { items: 7, timeout: 3 }) as never)).toContain('ITEMS = 7\nTIMEOUT = 3  #');
  });
});

describe('producer-consumer: an item in the queue is in flight, not lost', () => {
  const judgeAt = (status: 'running' | 'finished') =>
    producerConsumer.judge({ status, procs: [], puts: new Map([[0, [1]]]), takes: new Map() } as never, withDefaults('producer-consumer', {}) as never);
  it('while running, a put not yet got counts In flight and Lost stays 0; at the end it is Lost', () => {
    expectFigures(judgeAt('running'), { Produced: 1, 'In flight': 1, Lost: 0 });
    expectFigures(judgeAt('finished'), { Produced: 1, 'In flight': 0, Lost: 1 });
  });
});
