/**
 * A property of the live fold's dispatch (RunFold routes each event through
 * arrays indexed by pid and object id, not through a Map and `kind.fold`): for
 * seeded random event streams over every common kind, the fold ends with
 *   - each object's state equal to its kind's own fold applied to that
 *     object's events in order (the reference: nothing routed, nothing shared);
 *   - one lane per process seen, its op count the number of its events;
 *   - the same result when an object is added mid-stream (the Python lab's
 *     run-time objects) for the events after it is added.
 */
import { describe, expect, it } from 'vitest';
import { EK, EVENT_KINDS } from '../core/events';
import { Memory } from '../core/layout';
import { Rng } from '../core/rng';
import { World } from '../core/world';
import { trackObjects, type Tracked } from '../kinds/registry';
import { RunFold } from './fold';
import { everyKind } from './testing/everyKind';

type Ev = [pid: number, kind: number, obj: number, arg: number, result: number, line: number, payload: string];

function setup() {
  const world = new World(Memory.create({ maxProcs: 8, ringEvents: 64, heapWords: 1 << 16 }), true);
  const objs = everyKind(world);
  return trackObjects(objs);
}

/** A random stream: any kind code on any tracked id (or none), any pid, payloads where the log keeps them. */
function stream(seed: number, ids: number[], n: number): Ev[] {
  const rng = new Rng(seed);
  const pick = (k: number) => Math.floor(rng.next() * k);
  const out: Ev[] = [];
  for (let i = 0; i < n; i++) {
    const kind = pick(EVENT_KINDS.length);
    const obj = pick(5) === 0 ? -1 : ids[pick(ids.length)]!;
    out.push([pick(6), kind, obj, pick(9) - 1, pick(3), pick(20), kind === EK.put || kind === EK.send ? String(pick(100)) : '']);
  }
  return out;
}

/** The reference: each object's kind folds its own events, in order, into a fresh state. */
function reference(tracked: Tracked[], events: Ev[]): unknown[] {
  return tracked.map((t) => {
    const state: unknown = t.kind.initial(t.core);
    for (const [pid, kind, obj, arg, result, , payload] of events) {
      if (obj >= 0 && t.ids.includes(obj) && !isProcessKind(kind)) t.kind.fold(state, pid, kind, obj, arg, result, payload);
    }
    return state;
  });
}

const PROCESS_KINDS = new Set<number>(['start', 'exit', 'spawn', 'join', 'terminate', 'killed', 'block', 'wake', 'sleep', 'print', 'raise', 'note'].map((k) => EK[k as keyof typeof EK]));
const isProcessKind = (kind: number) => PROCESS_KINDS.has(kind);

describe('RunFold dispatch (property, seeded random streams)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: object states equal each kind's own fold; lanes count their events`, () => {
      const tracked = setup();
      const ids = tracked.flatMap((t) => [...t.ids]);
      const events = stream(seed, ids, 3000);
      const fold = new RunFold([...tracked]);
      for (const e of events) fold.event(...e);
      expect(fold.seq).toBe(events.length);
      expect(fold.states).toEqual(reference(tracked, events));
      const ops = new Map<number, number>();
      for (const [pid] of events) ops.set(pid, (ops.get(pid) ?? 0) + 1);
      for (const [pid, n] of ops) expect(fold.lanes.get(pid)?.ops).toBe(n);
      const spawned = events.filter(([, kind]) => kind === EK.spawn).map(([, , , arg]) => arg);
      expect(new Set(fold.lanes.keys())).toEqual(new Set([...ops.keys(), ...spawned]));
    });

    it(`seed ${seed}: an object added mid-stream folds exactly the events after it was added`, () => {
      const tracked = setup();
      const late = tracked.pop()!;
      const ids = [...tracked, late].flatMap((t) => [...t.ids]);
      const events = stream(seed + 100, ids, 2000);
      const fold = new RunFold([...tracked]);
      events.slice(0, 1000).forEach((e) => fold.event(...e));
      fold.add(late);
      events.slice(1000).forEach((e) => fold.event(...e));
      expect(fold.states.slice(0, -1)).toEqual(reference(tracked, events));
      expect(fold.states.at(-1)).toEqual(reference([late], events.slice(1000))[0]);
    });
  }
});
