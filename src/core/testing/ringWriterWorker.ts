/**
 * One process's ring writer on its own thread (tests only): appends `count`
 * events numbered 0.. in `arg` through a RingWriter, as a Runtime does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EK, RingWriter } from '../events';
import { Memory } from '../layout';

const { sab, pid, count } = workerData as { sab: SharedArrayBuffer; pid: number; count: number };
const writer = new RingWriter(Memory.attach(sab), pid);
for (let i = 0; i < count; i++) writer.append(EK.note, -1, i, 0, 0, 0, i % 7 === 0 ? `p${pid}:${i}` : undefined);
parentPort!.postMessage('done');
