/**
 * One process's ring writer on its own thread (tests only): appends `count`
 * events numbered 0.. in `arg` through a RingWriter, as a Runtime does; every
 * `payloadEvery`th (default 7th) carries a payload. `kind` is an event kind code (default: note). With
 * `stamped`, every word of a record derives from its number (result, line,
 * time), so a reader can tell a record torn or mixed from two writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EK, RingWriter } from '../events';
import { Memory } from '../layout';

const { sab, pid, count, kind = EK.note, stamped = false, payloadEvery = 7 } = workerData as {
  sab: SharedArrayBuffer;
  pid: number;
  count: number;
  kind?: number;
  stamped?: boolean;
  payloadEvery?: number;
};
const writer = new RingWriter(Memory.attach(sab), pid);
for (let i = 0; i < count; i++) {
  const payload = i % payloadEvery === 0 ? `p${pid}:${i}` : undefined;
  if (stamped) writer.append(kind, -1, i, (i ^ 0x5a5a5a5a) | 0, i & 0x7fff, i + pid / 8, payload);
  else writer.append(kind, -1, i, 0, 0, 0, payload);
}
parentPort!.postMessage('done');

