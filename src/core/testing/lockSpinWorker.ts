/**
 * One process acquiring a Lock on its own thread (tests only), with `spins` looks before it sleeps
 * (`Runtime.lockSpins`) on a machine of `cores` cores (`Runtime.cores`), `dozes` dozes (`Runtime.lockDozes`, the
 * default unless given) and `timeout` (Lock.acquire's). It stores 1 into `ready` just before the acquire and
 * answers once it returns.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Memory } from '../layout';
import { Runtime } from '../runtime';
import { Lock } from '../sync';
import { World } from '../world';

const { sab, spins, cores, ready, dozes, timeout } = workerData as { sab: SharedArrayBuffer; spins: number; cores: number; ready: number; dozes?: number; timeout?: number };
const mem = Memory.attach(sab);
const rt = new Runtime(mem, 0);
rt.lockSpins = spins;
rt.cores = cores;
if (dozes !== undefined) rt.lockDozes = dozes;
const lock = new Lock(new World(mem, false, rt), 'lock');
Atomics.store(mem.i32, ready, 1);
parentPort!.postMessage({ got: lock.acquire(true, timeout ?? null) });
