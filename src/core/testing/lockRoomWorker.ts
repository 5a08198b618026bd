/**
 * Process 0 of lockRoom.threads.test.ts on its own thread: acquires and releases the run's one Lock
 * (its ring is full when it starts), then says so.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Memory } from '../layout';
import { Runtime } from '../runtime';
import { Lock } from '../sync';
import { World } from '../world';

const { sab } = workerData as { sab: SharedArrayBuffer };
const mem = Memory.attach(sab);
const rt = new Runtime(mem, 0);
const lock = new Lock(new World(mem, false, rt), 'lock');
lock.acquire();
lock.release();
parentPort!.postMessage('done');
