/**
 * The recorded event list, columnar (typed arrays), so a run of millions of
 * events costs tens of bytes each and the timeline can fold any prefix.
 *
 * The columns live in growable SharedArrayBuffers: the view worker
 * (src/view) appends, the page reads the same memory synchronously (the
 * timeline's paint, one event's details, the trace export, the explorer's
 * replay). The writer grows a column before it publishes a length past its
 * end, and a reader re-maps its views when `length` goes past them (views of a
 * fixed length: V8 writes length-tracking ones ~50× slower). An event's fields
 * are written before the length that covers it is published (Atomics), so a
 * reader never sees half an event. Read `length` before taking a column.
 * Payload strings sit UTF-8 encoded in a shared byte arena and are decoded
 * only when someone asks for one.
 *
 * A run's log is written into the last run's memory when it may be (`LogStore`): fresh pages cost a
 * fault each on first touch (~6,200 per 1 M events, 15–20 % of the view worker's reader), kept pages
 * none. The last log is retired first, so a reader still attached to it reads it empty.
 */
import { EK, EVENT_KINDS } from '../core/events';
import { E } from '../core/layout';

/** Events kept for the timeline and scrubbing; later ones are still folded live. */
export const LOG_RETAIN = 1 << 20;

/** The payload arena's ceiling; a payload that does not fit is not kept (its event is). */
const ARENA_MAX_BYTES = 128 << 20;
const FIRST_EVENTS = 1024;
const FIRST_ARENA_BYTES = 1 << 16;

/**
 * What the next run may keep of the last one's memory (`LogStore`). The columns are kept whole (growable
 * buffers do not shrink): at most LOG_RETAIN events of 33 bytes, 35 MB of address, of which a bare event
 * touches 25 bytes (26 MB for a 1 M-event run). An arena grown past KEEP_ARENA_BYTES (payload text of a
 * long run; it may reach ARENA_MAX_BYTES) is dropped for a fresh one, so a short run never pins it.
 */
const KEEP_ARENA_BYTES = 16 << 20;
/**
 * Columns held for more than this many events are let go after SHORT_RUNS_BEFORE_RELEASE runs in a row used
 * under an eighth of them: one long run is not pinned for the rest of a page of short ones (a learner's runs
 * are mostly a few thousand events), and the bench's runs of one size keep their memory.
 */
const KEEP_SMALL_EVENTS = 1 << 16;
const SHORT_RUNS_BEFORE_RELEASE = 4;

/** Kinds whose text the fold needs (a get only needs the serial of what it took), as a table by kind code: asked once per drained event. */
// A store's payload is an Array element's index (a Value's store has none).
const PAYLOAD_KIND = new Uint8Array(EVENT_KINDS.length);
for (const k of [EK.read, EK.write, EK.put, EK.send, EK.raise, EK.store]) PAYLOAD_KIND[k] = 1;

/** '…' in UTF-8: what marks a payload cut short. */
const ELLIPSIS = [0xe2, 0x80, 0xa6];

/** The writer publishes its length every this many events (and at each `publish`, the end of a drain). */
const PUBLISH_SHIFT = 8;
const PUBLISH_EVERY = 1 << PUBLISH_SHIFT;

/**
 * Header words: published counts. The overflow count has no bound (a learner's endless loop passes 2^32 events
 * in minutes): its low and high 32 bits, written between two steps of a version word (odd while written).
 */
const LENGTH = 0;
const OVERFLOW = 1;
const OVERFLOW_HI = 2;
const OVERFLOW_VERSION = 3;
const HEADER_WORDS = 4;

/** The shared memory of one log, as posted from the worker to the page. */
export interface EventLogBuffers {
  header: SharedArrayBuffer;
  pid: SharedArrayBuffer;
  kind: SharedArrayBuffer;
  obj: SharedArrayBuffer;
  arg: SharedArrayBuffer;
  result: SharedArrayBuffer;
  line: SharedArrayBuffer;
  time: SharedArrayBuffer;
  /** Per event: 1 + its payload's first byte in the arena (0: none), and the byte after its last. */
  payFrom: SharedArrayBuffer;
  payTo: SharedArrayBuffer;
  arena: SharedArrayBuffer;
}

/** Bytes per event of each column. */
const WIDTH = { pid: 2, kind: 1, obj: 4, arg: 4, result: 4, line: 2, time: 8, payFrom: 4, payTo: 4 } as const;
type Column = keyof typeof WIDTH;
const COLUMNS = Object.keys(WIDTH) as Column[];

function growable(bytes: number, max: number): SharedArrayBuffer {
  return new SharedArrayBuffer(bytes, { maxByteLength: max });
}

/** `log.payload.get(i)`: event i's text, decoded when asked (undefined when it has none). */
class PayloadReader {
  private readonly decoder = new TextDecoder();
  constructor(private readonly log: EventLog) {}

  get(i: number): string | undefined {
    const log = this.log;
    if (i < 0 || i >= log.length) return undefined;
    const from = log.payFrom[i]!;
    if (from === 0) return undefined;
    const to = log.payTo[i]!;
    if (to > log.arena.length) log.remap();
    // TextDecoder refuses shared memory: decode a private copy (slice copies).
    return this.decoder.decode(log.arena.slice(from - 1, to));
  }
}

export class EventLog {
  readonly buffers: EventLogBuffers;
  private readonly header: Int32Array;
  // The columns as far as they are mapped (re-mapped when the buffers grow; see the header).
  // 16 bits: a run has up to 1,024 processes (the worker pool's cap).
  pid!: Uint16Array;
  kind!: Uint8Array;
  obj!: Int32Array;
  arg!: Int32Array;
  result!: Int32Array;
  line!: Uint16Array;
  time!: Float64Array;
  payFrom!: Int32Array;
  payTo!: Int32Array;
  arena!: Uint8Array;
  readonly payload: PayloadReader;
  /** This side writes the log (it was made here, not attached). */
  private readonly writer: boolean;
  /** Writer side: events written (published every PUBLISH_EVERY and at `publish`), arena bytes used. */
  private n = 0;
  /** Writer side: events past LOG_RETAIN, published with the length (a shared add per event cost as much as the rest of `add`). */
  private over = 0;
  private overPublished = 0;
  private arenaUsed = 0;
  /** Writer side: past the last event given a payload (what `recycled` clears of `payFrom`). */
  private payEnd = 0;
  private readonly encoder = new TextEncoder();
  private scratch = new Uint8Array(256);

  /**
   * A new, empty log (the writer's side); `EventLog.attach(log.buffers)` reads it elsewhere. `writer`: this
   * side writes into `buffers` (memory of a retired log, `recycled`), not attached to another writer's.
   */
  constructor(buffers?: EventLogBuffers, writer = buffers === undefined) {
    this.writer = writer;
    this.buffers = buffers ?? EventLog.allocate();
    this.header = new Int32Array(this.buffers.header);
    this.remap();
    this.payload = new PayloadReader(this);
  }

  /**
   * Views over the buffers as they are now (after a grow, here or on the writer's side). The writer
   * grows its columns one after another, so a reader may come here between two of them: it maps
   * the events every column holds (mapping by the first column made a view past another's end).
   */
  remap(): void {
    const b = this.buffers;
    let n = Infinity;
    for (const c of COLUMNS) n = Math.min(n, b[c].byteLength / WIDTH[c]);
    this.pid = new Uint16Array(b.pid, 0, n);
    this.kind = new Uint8Array(b.kind, 0, n);
    this.obj = new Int32Array(b.obj, 0, n);
    this.arg = new Int32Array(b.arg, 0, n);
    this.result = new Int32Array(b.result, 0, n);
    this.line = new Uint16Array(b.line, 0, n);
    this.time = new Float64Array(b.time, 0, n);
    this.payFrom = new Int32Array(b.payFrom, 0, n);
    this.payTo = new Int32Array(b.payTo, 0, n);
    this.arena = new Uint8Array(b.arena, 0, b.arena.byteLength);
  }

  /** A reader of a log written elsewhere (its columns are shared, not copied). */
  static attach(buffers: EventLogBuffers): EventLog {
    return new EventLog(buffers);
  }

  private static allocate(): EventLogBuffers {
    const out: Partial<EventLogBuffers> = { header: new SharedArrayBuffer(HEADER_WORDS * 4), arena: growable(FIRST_ARENA_BYTES, ARENA_MAX_BYTES) };
    for (const c of COLUMNS) out[c] = growable(FIRST_EVENTS * WIDTH[c], LOG_RETAIN * WIDTH[c]);
    return out as EventLogBuffers;
  }

  /** Events the columns hold room for now (grown in place up to LOG_RETAIN). */
  get capacity(): number {
    return this.pid.length;
  }

  /**
   * This log is over: a new, empty writer's log on its memory (its columns, and its arena unless that grew past
   * KEEP_ARENA_BYTES), with a header of its own. Readers attached to this one read it empty from now on (its
   * published counts are set to 0 before any event is overwritten). The new log's pages are already touched.
   */
  recycled(): EventLog {
    if (!this.writer) throw new Error('EventLog.recycled: only the writer reuses its log');
    this.n = 0;
    this.over = 0;
    Atomics.store(this.header, LENGTH, 0);
    this.storeOverflow();
    // The one column not written for every event: 0 marks "no payload" (fresh memory reads 0). Every earlier
    // run cleared what its predecessor wrote, so only this run's payloads can have left another value (and a
    // run without any leaves its pages untouched).
    this.payFrom.fill(0, 0, this.payEnd);
    const b = this.buffers;
    const arena = b.arena.byteLength > KEEP_ARENA_BYTES ? growable(FIRST_ARENA_BYTES, ARENA_MAX_BYTES) : b.arena;
    return new EventLog({ ...b, header: new SharedArrayBuffer(HEADER_WORDS * 4), arena }, true);
  }

  /** Events kept (published: every field of each is written). */
  get length(): number {
    if (this.writer) return this.n;
    const n = Atomics.load(this.header, LENGTH);
    // The writer grew the columns past what this side has mapped.
    if (n > this.pid.length) this.remap();
    return n;
  }

  /** Events seen beyond what is retained (published as the length is). */
  get overflow(): number {
    if (this.writer) return this.over;
    const h = this.header;
    for (;;) {
      const v = Atomics.load(h, OVERFLOW_VERSION);
      if ((v & 1) !== 0) continue; // the writer is between its stores (a few ns)
      const n = Atomics.load(h, OVERFLOW_HI) * 2 ** 32 + (Atomics.load(h, OVERFLOW) >>> 0);
      if (Atomics.load(h, OVERFLOW_VERSION) === v) return n;
    }
  }

  /** Publish the overflow count (both words, see OVERFLOW_VERSION). */
  private storeOverflow(): void {
    if (this.over === this.overPublished) return; // `publish` runs at the end of every drain
    this.overPublished = this.over;
    const h = this.header;
    const v = h[OVERFLOW_VERSION]!; // only this side writes it
    Atomics.store(h, OVERFLOW_VERSION, v + 1);
    Atomics.store(h, OVERFLOW, this.over);
    Atomics.store(h, OVERFLOW_HI, Math.floor(this.over / 2 ** 32));
    Atomics.store(h, OVERFLOW_VERSION, v + 2);
  }

  /** `needsPayload` as a table by kind code (for loops over runs of records). */
  static readonly PAYLOAD_KIND: Uint8Array = PAYLOAD_KIND;

  static needsPayload(kind: number): boolean {
    return PAYLOAD_KIND[kind] === 1; // as is: a code past the table reads undefined, never another kind's entry
  }

  push(pid: number, kind: number, obj: number, arg: number, result: number, line: number, time: number, payload: string | null): void {
    const i = this.add(pid, kind, obj, arg, result, line, time);
    if (i < 0) return;
    if (payload !== null) this.writePayload(i, payload);
    this.published();
  }

  /**
   * Event `i`'s payload as an event ring holds it: `len` UTF-8 bytes at `src[at]`, a negative `len`
   * marking a cut (kept with its '…', as `readPayload` reads it). The bytes are copied as they are:
   * decoding them only to encode them again was a third of the view worker's time in a run that
   * stores a Value on each update (the bank program; TextEncoder.encodeInto ~375 ns a call).
   */
  private copyBytes(i: number, src: Uint8Array, at: number, len: number): void {
    const n = Math.abs(len);
    if (!this.reserve(n + (len < 0 ? ELLIPSIS.length : 0))) return;
    const arena = this.arena;
    let w = this.arenaUsed;
    for (let k = 0; k < n; k++) arena[w++] = src[at + k]!;
    if (len < 0) for (const b of ELLIPSIS) arena[w++] = b;
    this.payFrom[i] = this.arenaUsed + 1;
    this.payEnd = i + 1;
    this.arenaUsed = w;
    this.payTo[i] = w;
  }

  /**
   * Keep `count` events of process `pid` as ring records hold them (`E.*` words of `i32` from `rec`, one
   * every `E.words`; `f64` and `u8` over the same memory): the same as `push` for each (a payload copied as bytes, `copyBytes`), in one
   * loop with the columns in locals (the live drain's path).
   */
  pushRecords(pid: number, i32: Int32Array, f64: Float64Array, u8: Uint8Array, rec: number, count: number): void {
    const kept = Math.min(count, LOG_RETAIN - this.n);
    if (kept < count) {
      const over = this.over;
      this.over += count - Math.max(kept, 0);
      // Published at the same points as one at a time: whenever a multiple of PUBLISH_EVERY is passed.
      if (Math.floor(this.over / PUBLISH_EVERY) !== Math.floor(over / PUBLISH_EVERY)) this.storeOverflow();
      if (kept <= 0) return;
    }
    while (this.n + kept > this.pid.length) this.grow();
    const start = this.n;
    const { pid: pids, kind: kinds, obj, arg, result, line, time } = this;
    let i = start;
    const end = rec + kept * E.words;
    for (let r = rec; r < end; r += E.words, i++) {
      const kind = i32[r + E.kind]!;
      pids[i] = pid;
      kinds[i] = kind;
      obj[i] = i32[r + E.obj]!;
      arg[i] = i32[r + E.arg]!;
      result[i] = i32[r + E.result]!;
      line[i] = i32[r + E.line]!;
      time[i] = f64[(r + E.time) >> 1]!;
      if (PAYLOAD_KIND[kind] === 1) this.copyBytes(i, u8, (r + E.payload) * 4, i32[r + E.payloadLen]!);
    }
    this.n = i;
    if (i >> PUBLISH_SHIFT !== start >> PUBLISH_SHIFT) Atomics.store(this.header, LENGTH, i);
  }

  /** Write an event's columns; its index, or -1 past LOG_RETAIN (then only counted). */
  private add(pid: number, kind: number, obj: number, arg: number, result: number, line: number, time: number): number {
    if (this.n >= LOG_RETAIN) {
      if (++this.over % PUBLISH_EVERY === 0) this.storeOverflow();
      return -1;
    }
    if (this.n === this.pid.length) this.grow();
    const i = this.n++;
    this.pid[i] = pid;
    this.kind[i] = kind;
    this.obj[i] = obj;
    this.arg[i] = arg;
    this.result[i] = result;
    this.line[i] = line;
    this.time[i] = time;
    return i;
  }

  /** After an event is written whole: publish the length every PUBLISH_EVERY events. */
  private published(): void {
    if ((this.n & (PUBLISH_EVERY - 1)) === 0) Atomics.store(this.header, LENGTH, this.n);
  }

  /** Make every event pushed so far visible to readers (LiveRun.drain calls it at its end). */
  publish(): void {
    this.storeOverflow();
    Atomics.store(this.header, LENGTH, this.n);
  }

  /** Room for `bytes` more in the arena (grown if it can be); false when it is full. */
  private reserve(bytes: number): boolean {
    const need = this.arenaUsed + bytes;
    if (need <= this.arena.length) return true;
    const buf = this.buffers.arena;
    if (need > buf.maxByteLength) return false; // the arena is full: the event stays, its text is not kept
    buf.grow(Math.min(buf.maxByteLength, Math.max(need, buf.byteLength * 2)));
    this.remap();
    return true;
  }

  private writePayload(i: number, text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (!this.reserve(text.length * 3)) return;
    // encodeInto refuses shared memory in browsers: encode into a private scratch buffer, then copy.
    if (this.scratch.length < text.length * 3) this.scratch = new Uint8Array(Math.max(text.length * 3, this.scratch.length * 2));
    const { written } = this.encoder.encodeInto(text, this.scratch);
    this.arena.set(written === this.scratch.length ? this.scratch : this.scratch.subarray(0, written), this.arenaUsed);
    this.payFrom[i] = this.arenaUsed + 1;
    this.payEnd = i + 1;
    this.arenaUsed += written;
    this.payTo[i] = this.arenaUsed;
  }

  private grow(): void {
    const events = Math.min(this.pid.length * 2, LOG_RETAIN);
    for (const c of COLUMNS) this.buffers[c].grow(events * WIDTH[c]);
    this.remap();
  }
}

/**
 * The view worker's logs, one run after another: each new log is written into the last one's memory
 * (`EventLog.recycled`) unless that is held for a long run nobody repeats (KEEP_SMALL_EVENTS,
 * SHORT_RUNS_BEFORE_RELEASE); the arena is bounded by KEEP_ARENA_BYTES. The page lets go of the last
 * log before it asks for the next run (ViewClient.open), and a reader left attached reads it empty.
 */
export class LogStore {
  private last: EventLog | null = null;
  /** Runs in a row that used under an eighth of large kept columns. */
  private shortRuns = 0;

  /** The next run's log (the last one, if any, is over). */
  next(): EventLog {
    const prev = this.last;
    let log: EventLog;
    if (prev === null) log = new EventLog();
    else {
      const large = prev.capacity > KEEP_SMALL_EVENTS;
      this.shortRuns = large && prev.length * 8 < prev.capacity ? this.shortRuns + 1 : 0;
      if (this.shortRuns >= SHORT_RUNS_BEFORE_RELEASE) {
        this.shortRuns = 0;
        log = new EventLog(); // the held memory goes with the last log (nothing rewrites it)
      } else log = prev.recycled();
    }
    this.last = log;
    return log;
  }

  /** Bytes of shared memory the kept log holds (its columns and arena as grown; tests). */
  get heldBytes(): number {
    if (!this.last) return 0;
    const b = this.last.buffers;
    return COLUMNS.reduce((a, c) => a + b[c].byteLength, b.arena.byteLength + b.header.byteLength);
  }
}
