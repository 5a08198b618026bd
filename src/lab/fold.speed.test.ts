/**
 * How fast the live fold goes: 1,000,000 synthetic events (a locked counter
 * loop and a queue, four processes) through RunFold, five rounds. Skipped in
 * the normal suite (timing on a shared machine is noise); run it with
 * `FOLD_SPEED=1 npx vitest run src/lab/fold.speed.test.ts`.
 */
import { expect, it } from 'vitest';
import { EK } from '../core/events';
import { World } from '../core/world';
import { Memory } from '../core/layout';
import { Lock } from '../core/sync';
import { Console, Value } from '../core/data';
import { Queue } from '../core/queue';
import { trackObjects } from '../kinds/registry';
import { RunFold } from './fold';

it.runIf(process.env['FOLD_SPEED'])('folds a million events', () => {
  const world = new World(Memory.create({ maxProcs: 4, ringEvents: 64, heapWords: 1 << 20 }), true);
  const objs = { num: new Value(world, 'i', 0, false, 'num'), lock: new Lock(world, 'lock'), q: new Queue(world, 0, 'q'), console: new Console(world, 16, 1024) };
  const { num, lock, q } = objs;
  const N = 1_000_000;
  const ev: number[][] = [];
  for (let i = 0; ev.length < N; i++) {
    const pid = i % 4;
    ev.push([pid, EK.acquire, lock.id, 1, 1], [pid, EK.load, num.id, 0, i], [pid, EK.compute, num.id, i + 1, i], [pid, EK.store, num.id, i + 1, 0], [pid, EK.release, lock.id, 0, 0], [pid, EK.put, q.id, i, 1], [pid, EK.get, q.id, i, 0]);
  }
  ev.length = N;
  for (let round = 0; round < 5; round++) {
    const f = new RunFold(trackObjects(objs));
    const t0 = performance.now();
    for (const e of ev) f.event(e[0]!, e[1]!, e[2]!, e[3]!, e[4]!, 3, e[1] === EK.put || e[1] === EK.get ? '7' : '');
    const ms = performance.now() - t0;
    console.log(`round ${round}: ${N} events in ${ms.toFixed(1)} ms = ${(N / ms / 1000).toFixed(2)} M events/s`);
    expect(f.seq).toBe(N);
  }
});
