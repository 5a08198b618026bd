/**
 * A parallel process's event stamps on its own thread (tests only): a Runtime emits `bursts`
 * bursts of `burst` events, each burst followed by `pauseMs` of busy work without events (no
 * wait: a wait would make the next event read the clock anyway). Just before each event it
 * records, in `side` (two f64 per event), the wall clock and the clock word (H.tick) as it is,
 * both in ms since the run began, so the reader can check the event's stamp against them.
 * It also counts its Date.now() calls (what following the word saves) and its clock readings.
 * `spin`: instead, burn a core until the word at `side[0]` is non-zero (load for the test).
 * `publishEach`: store the clock word before each event, as a reader that is always running would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { defaultWallClock, publishClockWord } from '../clock';
import { EK } from '../events';
import { H, Memory } from '../layout';
import { Runtime } from '../runtime';

const { sab, side, pid, bursts, burst, pauseMs, spin, publishOnce, publishEach } = workerData as {
  sab: SharedArrayBuffer;
  side: SharedArrayBuffer;
  pid: number;
  bursts: number;
  burst: number;
  pauseMs: number;
  spin?: boolean;
  /** Store the clock word once before the first event, as a reader's last drain before it stalls. */
  publishOnce?: boolean;
  publishEach?: boolean;
};
if (spin) {
  const stop = new Int32Array(side);
  let x = 0;
  while (Atomics.load(stop, 0) === 0) for (let i = 0; i < 100_000; i++) x += i;
  parentPort!.postMessage(x);
} else {
  const mem = Memory.attach(sab);
  const epoch = mem.f64[H.epochLo >> 1]!;
  const at = new Float64Array(side);
  // Counts the Runtime's clock readings: the test checks the word was really followed (readings ≪ events).
  let readings = 0;
  const rt = new Runtime(mem, pid, () => {
    readings++;
    return defaultWallClock();
  });
  let dateCalls = 0;
  const dateNow = Date.now;
  Date.now = () => {
    dateCalls++;
    return dateNow();
  };
  if (publishOnce) publishClockWord(mem);
  let k = 0;
  for (let b = 0; b < bursts; b++) {
    for (let i = 0; i < burst; i++, k++) {
      if (publishEach) publishClockWord(mem);
      at[2 * k] = defaultWallClock() - epoch;
      at[2 * k + 1] = Atomics.load(mem.i32, H.tick);
      rt.emit(EK.note, -1, 1, k);
    }
    const until = defaultWallClock() + pauseMs;
    while (defaultWallClock() < until);
  }
  parentPort!.postMessage({ readings, dateCalls });
}
