/**
 * The one SharedArrayBuffer every context (main thread, kernel worker, process
 * workers, Node worker_threads in tests) shares, and where each thing lives in it.
 *
 *   | header | process table | per-process strings | per-process event rings | object heap |
 *
 * All offsets are in 32-bit words unless named `...Byte`. A 64-bit float field
 * sits on an even word so the Float64Array view can read it.
 */

import type { Lang } from '../i18n/i18n';

/** Who opens the gate before each op. */
export const Mode = { step: 0, clock: 1, parallel: 2 } as const;
export type RunMode = keyof typeof Mode;

/** Process life cycle, as the tutorials draw it (plus the bookkeeping ends). */
export const State = { free: 0, new: 1, ready: 2, running: 3, blocked: 4, sleeping: 5, done: 6, terminated: 7 } as const;
export type StateName = keyof typeof State;
export const STATE_NAMES: readonly StateName[] = ['free', 'new', 'ready', 'running', 'blocked', 'sleeping', 'done', 'terminated'];

/** The gate word of a process slot. */
export const Gate = { running: 0, parked: 1, granted: 2 } as const;

export const H = {
  magic: 0,
  seq: 1,
  mode: 2,
  stop: 3,
  doorbell: 4,
  turbo: 5,
  speedMilli: 6,
  nextPid: 7,
  maxProcs: 8,
  ringEvents: 9,
  heapWords: 10,
  pause: 11,
  seed: 12,
  /** 1 = ops append no events (stress tests and the bare benchmark only). */
  quiet: 13,
  /** Monotonic ms at which a parallel run started (for event times). */
  epochLo: 14,
  /** Entries in the object table (claimed with Atomics.add; an entry is ready once its kind is stored). */
  objCount: 16,
  /** Next free heap word for objects created at run time (0 until the first one). */
  heapTop: 17,
  maxObjects: 18,
  /** Milliseconds a scheduled run waits for a process to reach its next step (0 = 10 s). */
  patienceMs: 19,
  /**
   * The clock word: whole ms since `epochLo`, stored by the event reader at each drain call
   * (`publishClockWord`). A parallel writer reuses its last clock reading while this word holds
   * the value it had at that reading (`Runtime.stamp`). On the header's second cache line, away
   * from `seq` (every emit) and from the slots' words.
   */
  tick: 20,
  /**
   * Scheduled modes: grants begun plus grants settled, so odd while one is under way (Scheduler.grant).
   * An observer (the view worker) reads it around its status scan: unchanged and even, the scan saw one
   * moment's table, not a step half done (`observedStatus`).
   */
  grants: 21,
  /**
   * The page's last animation frame (Date.now() | 0; 0 = no page watching), a count of its frames, how many
   * process threads are backing off for it now, and the run's back-offs and their ms so far (`pageFirst.ts`).
   */
  pageBeat: 22,
  pageDrawn: 23,
  pageYielding: 24,
  pageBackoffs: 25,
  pageBackoffMs: 26,
  /**
   * 1 while the event reader (the view worker) rests between batches waiting on this word (Atomics.waitAsync); a writer
   * whose ring is past half takes it back to 0 and notifies, so the reader drains now, not at its timer (`RingWriter`).
   */
  readerRest: 27,
  /** Waits of writers for ring room so far (each one a full ring: what `readerRest` is there to make rare). */
  ringWaits: 28,
  /** The learner's language (0 English, 1 Chinese): the run's own messages are printed in it (`writeLang`). */
  lang: 29,
  /**
   * The frame the page is drawing now: its beat while its rendering is under way (from its animation frame until a
   * task after it), 0 once drawn. A frame still open past PAGE_BUSY_MS gets the cores too (`pageFirst.ts`).
   */
  pageOpen: 30,
  /** Of `pageBackoffs`, those while the page's frame was still open past PAGE_BUSY_MS (a heavy frame). */
  pageBusyBackoffs: 31,
  /** Two 64-byte lines: the slots, name strings and rings after it start on a line (a record is one line, not two halves). */
  words: 32,
} as const;

export const S = {
  state: 0,
  ppid: 1,
  gate: 2,
  opKind: 3,
  opObj: 4,
  opLine: 5,
  blockedOn: 6,
  exitcode: 7,
  error: 8,
  daemon: 9,
  program: 10,
  kill: 11,
  start: 12,
  flags: 13,
  nameLen: 14,
  argsLen: 15,
  join: 16,
  // 17 is free (it counted ops, which nobody read: the lanes count them from events).
  ringHead: 18,
  ringTail: 19,
  clock: 20, // f64
  deadline: 22, // f64
  blockSeq: 24,
  opArg: 25,
  /** The start word's value the slot's worker last finished serving: the worker is idle when it equals `start`. */
  served: 26,
  /** Pyodide's interrupt word: 2 (SIGINT) makes a running Python interpreter raise at its next bytecode check. */
  interrupt: 27,
  /**
   * Parallel policy: the word a blocked process futex-waits on (index + 1; 0 before its first wait)
   * and the value it waits to change. A blocked process whose word has changed has been woken and is
   * about to run, even if the OS has not scheduled it yet: not a deadlock.
   */
  waitAt: 28,
  waitSeen: 29,
  /** The start word's value the slot's worker last picked up (parallel; its parent may wait for it: startPace.ts). */
  picked: 30,
  words: 32,
} as const;

/** Flags in S.flags. */
/**
 * `awaitingInput`: blocked on a Mailbox, waiting for the learner — idle, not deadlocked.
 * `peeked`: the process has read another's state without an op (`is_alive()`, `exitcode`); the schedule
 * explorer counts each of its transitions from then on as reading every process (src/explore/footprint.ts).
 */
export const Flag = { timedOut: 1, awaitingInput: 2, peeked: 4 } as const;

/** Exit code meaning "still running" (Python's None). */
export const NO_EXITCODE = -9999;
/** Object ids at or above this stand for a process (join waits on it). */
export const PROCESS_OBJ_BASE = 1000;

export const NAME_BYTES = 48;
export const ARGS_BYTES = 464;
const SLOT_STRING_WORDS = (NAME_BYTES + ARGS_BYTES) / 4;

/**
 * One entry of the object table: what every context needs to find an object
 * created at run time (the Python lab), or to name one made by a setup.
 */
export const T = { kind: 0, creator: 1, base: 2, size: 3, nameLen: 4, name: 5, words: 16 } as const;
export const OBJECT_NAME_BYTES = (T.words - T.name) * 4;

/** One event: seq, kind, obj, arg, result, line, time (f64), payload length, 28 payload bytes. */
export const E = { seq: 0, kind: 1, obj: 2, arg: 3, result: 4, line: 5, time: 6, payloadLen: 8, payload: 9, words: 16 } as const;
export const PAYLOAD_BYTES = (E.words - E.payload) * 4;

const MAGIC = 0x4c4b5354; // "LKST"

export interface LayoutConfig {
  maxProcs: number;
  ringEvents: number;
  heapWords: number;
  /** Rows of the object table. */
  maxObjects: number;
}

export const DEFAULT_LAYOUT: LayoutConfig = { maxProcs: 16, ringEvents: 4096, heapWords: 1 << 16, maxObjects: 256 };

/** Bytes of event rings one run may use, whatever its number of processes. */
export const RING_BUDGET_BYTES = 16 * 1024 * 1024;
/** A ring holds at most this many events (1 MB): the reader drains every frame, so more only sits idle. */
export const MAX_RING_EVENTS = 16384;
/** And at least this many, so a process with a burst of ops between two frames rarely waits. */
export const MIN_RING_EVENTS = 256;

/**
 * Events per ring for a run of `processes`: an equal share of the budget, a
 * power of two within [MIN, MAX]. The reader drains every ring each frame and
 * a full ring only makes its writer wait (nothing is dropped), so rings need to
 * cover about one frame of events, not a whole run: 16 MB at most for up to 256
 * processes, 256 events each beyond.
 */
export function ringEventsFor(processes: number): number {
  const share = RING_BUDGET_BYTES / (E.words * 4 * Math.max(1, processes));
  const pow2 = 2 ** Math.floor(Math.log2(Math.max(1, share)));
  return Math.min(MAX_RING_EVENTS, Math.max(MIN_RING_EVENTS, pow2));
}

/** Offsets derived from a config; identical in every context. */
export class Layout {
  readonly slots: number;
  readonly strings: number;
  readonly rings: number;
  readonly objects: number;
  readonly heap: number;
  readonly totalWords: number;

  constructor(readonly cfg: LayoutConfig) {
    if (cfg.ringEvents & (cfg.ringEvents - 1)) throw new Error('ringEvents must be a power of two');
    this.slots = H.words;
    this.strings = this.slots + cfg.maxProcs * S.words;
    this.rings = this.strings + cfg.maxProcs * SLOT_STRING_WORDS;
    if (this.rings % E.words !== 0) throw new Error('event rings must start on a record boundary (a 64-byte line)');
    this.objects = this.rings + cfg.maxProcs * cfg.ringEvents * E.words;
    this.heap = this.objects + cfg.maxObjects * T.words;
    this.heap += this.heap & 1; // keep f64 fields aligned
    this.totalWords = this.heap + cfg.heapWords;
  }

  slot(pid: number): number {
    return this.slots + pid * S.words;
  }
  nameByte(pid: number): number {
    return (this.strings + pid * SLOT_STRING_WORDS) * 4;
  }
  argsByte(pid: number): number {
    return this.nameByte(pid) + NAME_BYTES;
  }
  ring(pid: number): number {
    return this.rings + pid * this.cfg.ringEvents * E.words;
  }
  /** Word index of object table row `id`. */
  objectRow(id: number): number {
    return this.objects + id * T.words;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Views over the shared buffer plus string helpers. Browsers refuse to run
 * TextEncoder/TextDecoder on shared views, so strings are copied through a
 * private buffer.
 */
export class Memory {
  readonly i32: Int32Array;
  readonly f64: Float64Array;
  readonly u8: Uint8Array;
  readonly layout: Layout;

  private constructor(readonly sab: SharedArrayBuffer) {
    this.i32 = new Int32Array(sab);
    this.f64 = new Float64Array(sab);
    this.u8 = new Uint8Array(sab);
    if (this.i32[H.magic] !== MAGIC) throw new Error('Not a Lockstep shared buffer');
    this.layout = new Layout({
      maxProcs: this.i32[H.maxProcs]!,
      ringEvents: this.i32[H.ringEvents]!,
      heapWords: this.i32[H.heapWords]!,
      maxObjects: this.i32[H.maxObjects]!,
    });
  }

  /** A fresh, zeroed buffer for a run. */
  static create(cfg: Partial<LayoutConfig> = {}): Memory {
    const full = { ...DEFAULT_LAYOUT, ...cfg };
    const layout = new Layout(full);
    const sab = new SharedArrayBuffer(layout.totalWords * 4);
    const i32 = new Int32Array(sab);
    i32[H.magic] = MAGIC;
    i32[H.maxProcs] = full.maxProcs;
    i32[H.ringEvents] = full.ringEvents;
    i32[H.heapWords] = full.heapWords;
    i32[H.maxObjects] = full.maxObjects;
    i32[H.speedMilli] = 1000;
    const mem = new Memory(sab);
    for (let pid = 0; pid < full.maxProcs; pid++) {
      const b = layout.slot(pid);
      i32[b + S.exitcode] = NO_EXITCODE;
      i32[b + S.blockedOn] = -1;
      i32[b + S.program] = -1;
    }
    return mem;
  }

  static attach(sab: SharedArrayBuffer): Memory {
    return new Memory(sab);
  }

  get maxProcs(): number {
    return this.layout.cfg.maxProcs;
  }

  /** Word index of a field of a process slot. */
  at(pid: number, field: number): number {
    return this.layout.slot(pid) + field;
  }

  load(pid: number, field: number): number {
    return Atomics.load(this.i32, this.layout.slot(pid) + field);
  }

  store(pid: number, field: number, v: number): void {
    Atomics.store(this.i32, this.layout.slot(pid) + field, v);
  }

  /** f64 fields (clock, deadline): written only by the one thread that runs at a time. */
  loadF(pid: number, field: number): number {
    return this.f64[(this.layout.slot(pid) + field) >> 1]!;
  }

  storeF(pid: number, field: number, v: number): void {
    this.f64[(this.layout.slot(pid) + field) >> 1] = v;
  }

  writeBytes(byteOffset: number, capacity: number, text: string): number {
    if (this.writeShortAscii(byteOffset, capacity, text)) return text.length;
    const bytes = encoder.encode(text);
    if (bytes.length > capacity) return -bytes.length;
    this.u8.set(bytes, byteOffset);
    return bytes.length;
  }

  /**
   * Short ASCII (queue items, names, most payloads) is the common case: write it in place,
   * without the encoder and its allocation (as readBytes reads it). False when the text is
   * not short ASCII or over `capacity` bytes (then some bytes may have been written).
   */
  writeShortAscii(byteOffset: number, capacity: number, text: string): boolean {
    const n = text.length;
    if (n > 64 || n > capacity) return false;
    const u8 = this.u8;
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c >= 0x80) return false;
      u8[byteOffset + k] = c;
    }
    return true;
  }

  readBytes(byteOffset: number, length: number): string {
    // Short ASCII (queue items, counts) is the common case: skip the copy and the decoder.
    if (length <= 64) {
      const u8 = this.u8;
      let ascii = '';
      let k = 0;
      for (; k < length; k++) {
        const b = u8[byteOffset + k]!;
        if (b >= 0x80) break;
        ascii += String.fromCharCode(b);
      }
      if (k === length) return ascii;
    }
    const copy = new Uint8Array(length);
    copy.set(this.u8.subarray(byteOffset, byteOffset + length));
    return decoder.decode(copy);
  }

  processName(pid: number): string {
    return this.readBytes(this.layout.nameByte(pid), this.load(pid, S.nameLen));
  }

  setProcessName(pid: number, name: string): void {
    const n = this.writeBytes(this.layout.nameByte(pid), NAME_BYTES, name);
    this.store(pid, S.nameLen, n < 0 ? 0 : n);
  }
}

/** Encode text to UTF-8 (a private copy, safe to write into shared memory). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The pace of a run: how fast time goes, and whether sleeps and pacing are skipped. Threads read it as they go. */
export interface Pace {
  speed: number;
  turbo: boolean;
}

/** The one writer of the pace words: at load (the kernel) and when the learner changes them mid-run (the page). */
export function writePace(i32: Int32Array, pace: Pace): void {
  Atomics.store(i32, H.speedMilli, Math.round(pace.speed * 1000));
  Atomics.store(i32, H.turbo, pace.turbo ? 1 : 0);
}

/** The language the run's own messages are printed in from now on (the page writes it at load and on a switch). */
export function writeLang(i32: Int32Array, lang: Lang): void {
  Atomics.store(i32, H.lang, lang === 'zh' ? 1 : 0);
}

export function readLang(i32: Int32Array): Lang {
  return Atomics.load(i32, H.lang) === 1 ? 'zh' : 'en';
}

/** The speed factor now (never below 0.001). */
export function paceSpeed(i32: Int32Array): number {
  return Math.max(1, Atomics.load(i32, H.speedMilli)) / 1000;
}

export function paceTurbo(i32: Int32Array): boolean {
  return Atomics.load(i32, H.turbo) === 1;
}
