/**
 * One process's ring writer on its own thread (tests only): appends `count`
 * events numbered 0.. in `arg` through a RingWriter, as a Runtime does; every
 * 7th carries a payload. `kind` is an event kind code (default: note).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EK, RingWriter } from '../events';
import { Memory } from '../layout';

const { sab, pid, count, kind = EK.note } = workerData as { sab: SharedArrayBuffer; pid: number; count: number; kind?: number };
const writer = new RingWriter(Memory.attach(sab), pid);
for (let i = 0; i < count; i++) writer.append(kind, -1, i, 0, 0, 0, i % 7 === 0 ? `p${pid}:${i}` : undefined);
parentPort!.postMessage('done');
