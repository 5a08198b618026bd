/**
 * LiveRun.drain takes the rings a run at a time (RingReader.drainRuns → RunFold.records and
 * EventLog.pushRecords). A property over seeded random streams of every kind, with payloads and
 * processes taking turns in runs of random length: what it folds, logs and tallies must equal
 * the one-event-at-a-time reference (RunFold.event, EventLog.push, ItemTally.add over the decoded
 * events in sequence order). An event dropped, repeated, reordered or given another's field fails it.
 */
import { describe, expect, it } from 'vitest';
import { appendEvent, decodeEvent, EK, EVENT_KINDS, type LogEvent } from '../core/events';
import { E, H, Memory, Mode, S } from '../core/layout';
import { Rng } from '../core/rng';
import { World } from '../core/world';
import { trackObjects } from '../kinds/registry';
import { benchEvents } from '../bench/scenarios';
import { ItemTally } from '../scenarios/result';
import { EventLog } from './eventLog';
import { RunFold } from './fold';
import { LiveRun } from './liveRun';
import { everyKind } from './testing/everyKind';
import { startWordsAt, wrapStarts } from '../core/testing/wrapWords';

const PROCS = 5;
const RING = 64;

describe('LiveRun.drain by runs equals folding and logging one event at a time (property)', () => {
  // Also with the event words started below 2^31 and 2^32 (they wrap inside the stream; each ring elsewhere).
  for (const { name, at } of wrapStarts(700))
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`${name}, seed ${seed}: same log columns and payloads, lanes, object views, last event and item tally`, () => {
      const rng = new Rng(seed);
      const pick = (k: number) => Math.floor(rng.next() * k);
      const mem = Memory.create({ maxProcs: PROCS, ringEvents: RING, heapWords: 1 << 16, maxObjects: 32 });
      Atomics.store(mem.i32, H.mode, Mode.parallel);
      const world = new World(mem, true);
      const objs = everyKind(world);
      const ids = trackObjects(objs).flatMap((t) => t.ids);
      const live = new LiveRun(mem, world, objs, benchEvents, { procs: PROCS, events: 0 }, 'parallel');
      const start = (live.reader.next = startWordsAt(mem, at, (pid) => (at === 0 ? 0 : at + 700 - 60 * (pid + 1))));
      const events: LogEvent[] = [];
      const texts = ['', 'x', '"héllo, 世界"', '票'.repeat(20), 'y'.repeat(40)];
      let pid = 0;
      for (let round = 0; round < 60; round++) {
        // Processes take turns in runs of random length, each within its ring's room.
        for (let k = 0; k < 3; k++) {
          if (pick(3) === 0) pid = pick(PROCS);
          const slot = mem.layout.slot(pid);
          const room = RING - ((Atomics.load(mem.i32, slot + S.ringHead) - Atomics.load(mem.i32, slot + S.ringTail)) | 0);
          for (let n = pick(Math.min(room, 40)); n > 0; n--) {
            const kind = pick(EVENT_KINDS.length);
            const obj = pick(5) === 0 ? -1 : ids[pick(ids.length)]!;
            const head = Atomics.load(mem.i32, slot + S.ringHead);
            appendEvent(mem, pid, kind, obj, pick(9) - 1, pick(3), pick(70_000), round + n / 100, EventLog.needsPayload(kind) || pick(4) === 0 ? texts[pick(texts.length)] : undefined);
            events.push(decodeEvent(mem, pid, mem.layout.ring(pid) + (head & (RING - 1)) * E.words));
          }
        }
        live.drain(pick(2) === 0 ? 0 : Infinity);
      }
      while (live.drain(Infinity) > 0);

      // The reference, one event at a time.
      const fold = new RunFold(trackObjects(objs));
      const log = new EventLog();
      const tally = new ItemTally();
      for (const e of events) {
        const kind = EK[e.kind];
        const payload = EventLog.needsPayload(kind) ? e.payload : '';
        fold.event(e.pid, kind, e.obj, e.arg, e.result, e.line, payload);
        log.push(e.pid, kind, e.obj, e.arg, e.result, e.line, e.time, EventLog.needsPayload(kind) ? e.payload : null);
        tally.add(kind, e.obj, e.arg);
      }
      const got = live.log;
      expect(got.length).toBe(events.length);
      expect(events.map((e) => (e.seq - start) | 0)).toEqual(events.map((_, i) => i));
      const columns = ['pid', 'kind', 'obj', 'arg', 'result', 'line', 'time'] as const;
      for (const c of columns) expect([...got[c].subarray(0, got.length)], c).toEqual([...log[c].subarray(0, log.length)]);
      expect(events.map((_, i) => got.payload.get(i))).toEqual(events.map((_, i) => log.payload.get(i)));
      expect(live.fold.seq).toBe(fold.seq);
      expect([...live.fold.lanes.entries()].sort((a, b) => a[0] - b[0])).toEqual([...fold.lanes.entries()].sort((a, b) => a[0] - b[0]));
      expect(live.fold.printed).toBe(fold.printed);
      expect(live.fold.lastEvent()).toEqual(fold.lastEvent());
      expect(live.fold.views({ waiters: () => [] })).toEqual(fold.views({ waiters: () => [] }));
      expect(live.tally.puts).toEqual(tally.puts);
      expect(live.tally.takes).toEqual(tally.takes);
    });
  }
});
