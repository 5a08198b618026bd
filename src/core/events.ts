/**
 * The event log: every op appends one record to its process's ring in shared
 * memory. Sequence numbers are global (Atomics.add), rings are per process (a
 * single writer each), and a full ring makes its writer wait for the reader:
 * no event is ever dropped. The reader merges the rings back into one stream
 * in sequence order.
 *
 * Sequence numbers, ring heads and tails are 32-bit words that wrap (past 2^31 they read negative, past 2^32
 * they start again): they are only ever compared by their difference as a 32-bit word, `(a - b) | 0`, which
 * is right while the two are less than 2^31 apart (a ring holds at most 2^16 events; a number given up on
 * is at most a ring's worth behind). A run may log any number of events.
 */
import { publishClockWord } from './clock';
import { E, H, Memory, PAYLOAD_BYTES, S, utf8 } from './layout';
import { Unwind } from './errors';

export const EVENT_KINDS = [
  'start', // process began running its program (arg = ppid)
  'exit', // program returned or raised (arg = exitcode, result = error code)
  'spawn', // parent started a child (arg = child pid)
  'join', // join returned (arg = child pid, result = 1 if it ended)
  'terminate', // arg = victim pid
  'killed', // this process was terminated (no cleanup)
  'acquire', // lock/semaphore taken (result 1) or not (result 0: non-blocking or timeout)
  'release',
  'block', // process blocked on obj
  'wake', // process woke from a wait on obj (result 1 = timed out)
  'load', // Value read (result = value)
  'store', // Value write (arg = value)
  'compute', // a local step between a load and a store (arg = new value)
  'read', // File read (payload = content)
  'write', // File write (payload = content)
  'put', // Queue put (arg = item serial, payload = item JSON)
  'get', // Queue get (arg = item serial, payload = item JSON)
  'qsize', // result = snapshot
  'empty', // result = 0/1
  'full', // result = 0/1
  'task_done', // result = unfinished tasks after
  'qjoin', // JoinableQueue.join returned
  'sleep', // arg = milliseconds
  'print', // arg = console line index, payload = start of text
  'raise', // result = error code (payload = message start)
  'set', // Event.set
  'clear',
  'wait', // Event/Condition wait returned (result = flag)
  'notify', // Condition.notify (arg = n)
  'send', // Pipe send (payload = item)
  'recv', // Pipe recv (payload = item)
  'poll', // result = 0/1
  'close',
  'note', // free annotation (payload)
  'line', // the learner's Python reached a line (the Python lab's "line steps": every line is a step)
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EK = Object.fromEntries(EVENT_KINDS.map((k, i) => [k, i])) as Record<EventKind, number>;

/** A decoded event, for tests and the UI (the fast path reads the ring directly). */
export interface LogEvent {
  seq: number;
  pid: number;
  kind: EventKind;
  obj: number;
  arg: number;
  result: number;
  line: number;
  time: number;
  payload: string;
}

/** Append one event to `pid`'s ring. Waits (never drops) while the ring is full. */
export function appendEvent(
  mem: Memory,
  pid: number,
  kind: number,
  obj: number,
  arg: number,
  result: number,
  line: number,
  time: number,
  payload?: string,
): number {
  return new RingWriter(mem, pid).append(kind, obj, arg, result, line, time, payload);
}

/**
 * Append on behalf of a process whose thread is gone (the main thread records
 * a killed worker's end): never waits, so -1 when the ring is full (try again
 * after the reader drained it).
 */
export function tryAppendEvent(mem: Memory, pid: number, kind: number, obj: number, arg: number, result: number, line: number, time: number): number {
  return new RingWriter(mem, pid).tryAppend(kind, obj, arg, result, line, time);
}

/**
 * The one writer of a process's ring (its own thread), with the ring's place
 * worked out once. It remembers the reader's tail as last seen: only when that
 * says the ring is full does it read the shared tail again (and wait if the
 * ring really is full), so a write with room costs no load of the reader's word.
 *
 * The hot path (`append` without a payload) is small enough for V8 to inline
 * into the op that emits: one `Atomics.add` for the sequence number, seven plain
 * stores of the record, one `Atomics.store` of the head that publishes them.
 */
export class RingWriter {
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  /** Word index of this ring's head in the process table (only this writer stores it). */
  private readonly headAt: number;
  private readonly tailAt: number;
  private readonly base: number;
  private readonly cap: number;
  private readonly mask: number;
  /** The reader's tail as last read: never ahead of the real one (a tail only grows). */
  private tail: number;
  /** Fill (head - cached tail) at which `look` reads the real tail again: half the ring, then every LOOK_STEP events past it. */
  private lookAt: number;

  constructor(
    private readonly mem: Memory,
    pid: number,
  ) {
    this.i32 = mem.i32;
    this.f64 = mem.f64;
    const slot = mem.layout.slot(pid);
    this.headAt = slot + S.ringHead;
    this.tailAt = slot + S.ringTail;
    this.base = mem.layout.ring(pid);
    this.cap = mem.layout.cfg.ringEvents;
    this.mask = this.cap - 1;
    this.lookAt = this.cap >> 1;
    this.tail = Atomics.load(this.i32, this.tailAt);
  }

  /** Append one event; waits (never drops) while the ring is full. Returns its sequence number (the 32-bit word). */
  append(kind: number, obj: number, arg: number, result: number, line: number, time: number, payload?: string): number {
    const head = this.i32[this.headAt]!; // only this thread writes it
    if (((head - this.tail) | 0) >= this.lookAt) this.look(head);
    return this.commit(head, kind, obj, arg, result, line, time, payload);
  }

  /** `append` that never waits: -1 when the ring is full, else the sequence number read unsigned (past 2^31 the word is negative). */
  tryAppend(kind: number, obj: number, arg: number, result: number, line: number, time: number): number {
    const head = Atomics.load(this.i32, this.headAt);
    if (((head - Atomics.load(this.i32, this.tailAt)) | 0) >= this.cap) return -1;
    return this.commit(head, kind, obj, arg, result, line, time) >>> 0;
  }

  /** Take a sequence number and commit the record at `head` (the caller checked there is room). */
  private commit(head: number, kind: number, obj: number, arg: number, result: number, line: number, time: number, payload?: string): number {
    const i32 = this.i32;
    const seq = Atomics.add(i32, H.seq, 1);
    const rec = this.base + (head & this.mask) * E.words;
    i32[rec + E.seq] = seq;
    i32[rec + E.kind] = kind;
    i32[rec + E.obj] = obj;
    i32[rec + E.arg] = arg;
    i32[rec + E.result] = result;
    i32[rec + E.line] = line;
    this.f64[(rec + E.time) >> 1] = time;
    i32[rec + E.payloadLen] = payload === undefined || payload === '' ? 0 : writePayload(this.mem, rec, payload);
    // Publishes the record: the reader loads the head (Atomics) before it reads the fields. The word wraps (ToInt32).
    Atomics.store(i32, this.headAt, head + 1);
    return seq;
  }

  /**
   * The ring looked past half full (by the cached tail): read the real tail; still past half, wake a resting
   * reader (one load when it is busy), and wait if full. A reader resting on its timer used to leave a fast
   * writer waiting on a full ring for most of the rest (ARCHITECTURE, "Waking the reader").
   */
  private look(head: number): void {
    const half = this.cap >> 1;
    const fill = (head - (this.tail = Atomics.load(this.i32, this.tailAt))) | 0;
    if (fill >= half) wakeReader(this.i32);
    if (fill >= this.cap) this.waitForRoom(head);
    const now = (head - this.tail) | 0;
    this.lookAt = now >= half ? Math.min(this.cap, now + LOOK_STEP) : half;
  }

  private waitForRoom(head: number): void {
    const i32 = this.i32;
    for (;;) {
      const tail = (this.tail = Atomics.load(i32, this.tailAt));
      if (((head - tail) | 0) < this.cap) return;
      if (Atomics.load(i32, H.stop)) throw new Unwind('reset');
      Atomics.add(i32, H.ringWaits, 1);
      wakeReader(i32);
      Atomics.wait(i32, this.tailAt, tail, 20);
    }
  }
}

/** Past half a ring, a writer looks at the real tail again every this many events (and wakes the reader if it rests). */
const LOOK_STEP = 256;

/** Wake the event reader if it rests on `H.readerRest` (one writer notifies; a busy reader costs one load). */
export function wakeReader(i32: Int32Array): void {
  if (Atomics.load(i32, H.readerRest) !== 0 && Atomics.compareExchange(i32, H.readerRest, 1, 0) === 1) Atomics.notify(i32, H.readerRest);
}

/** Write `payload` into the record at `rec`; its length word (negative: cut short, the full text lives in the object). */
function writePayload(mem: Memory, rec: number, payload: string): number {
  if (mem.writeShortAscii((rec + E.payload) * 4, PAYLOAD_BYTES, payload)) return payload.length;
  const full = utf8(payload);
  let n = Math.min(full.length, PAYLOAD_BYTES);
  // Cut on a character boundary (never inside a UTF-8 sequence).
  while (n < full.length && n > 0 && (full[n]! & 0xc0) === 0x80) n--;
  mem.u8.set(full.subarray(0, n), (rec + E.payload) * 4);
  return n === full.length ? n : -n;
}

/** The reader publishes freed ring slots at least this often while it stays on one ring. */
const PUBLISH_EVERY = 256;

/** Receives events in sequence order; `rec` is the record's word index in `mem.i32`. */
export type EventSink = (pid: number, rec: number) => void;

/**
 * Receives events in sequence order a run at a time: `count` records of ring `pid`, side by side from
 * word `rec` (`rec + k * E.words`), with consecutive sequence numbers (or one late record alone). If it
 * throws, it sets `RingReader.taken` to how many of the run it finished first (0 unless it sets it):
 * those are read, the rest come again.
 */
export type RunSink = (pid: number, rec: number, count: number) => void;

/**
 * Merges the per-process rings into one stream in global sequence order.
 * An event whose seq was taken but not yet committed holds back the ones after
 * it, so the stream has no gaps and no reordering.
 */
export class RingReader {
  /** The next sequence number to emit (a 32-bit word: it wraps as `H.seq` does; compare by `(a - b) | 0`). */
  next = 0;
  /** How many records of the run a throwing `RunSink` finished (see RunSink). */
  taken = 0;
  private lastPid = 0;
  /**
   * Per ring, during one drain: the read cursor, the writer's head as last loaded, and the tail
   * last published to the writer. A ring's words are read once when the drain first looks at it
   * (`marked`, listed in `touched`); moving between rings then costs no shared store and no
   * shared load while the cached head says there is more to read.
   */
  private readonly tails: Int32Array;
  private readonly heads: Int32Array;
  private readonly published: Int32Array;
  private readonly touched: Int32Array;
  private readonly marked: Uint8Array;
  private touchedCount = 0;
  /** Sequence numbers given up on (skipGap): their records may still come, late, from any ring. */
  private gaveUp = 0;
  /** Date.now() at the last store of the clock word. */
  private clockPublishedAt = 0;

  constructor(private readonly mem: Memory) {
    const n = mem.layout.cfg.maxProcs;
    this.tails = new Int32Array(n);
    this.heads = new Int32Array(n);
    this.published = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.marked = new Uint8Array(n);
  }

  /** `drainRuns` one event at a time (tests, the explorer): `sink` gets each record. */
  drain(sink: EventSink, limit = Infinity): number {
    return this.drainRuns((pid, rec, count) => {
      for (let k = 0; k < count; k++) {
        this.taken = k;
        sink(pid, rec + k * E.words);
      }
    }, limit);
  }

  /**
   * Emit every event that is ready, a run at a time (see RunSink); returns how many. `limit` bounds
   * one call. It stays on one ring while that ring holds the next number, keeping the ring's
   * tail and head in locals; a run ends where the next record's number does not follow, at the
   * cached head, at the ring's end (records side by side) and at the next publish. Freed slots
   * are published to the writer every `PUBLISH_EVERY` events on a ring (with a wake-up, so a long
   * run on one ring never stalls its writer) and at the end of the call, for every ring read — also
   * when the sink throws: what it read is freed (else it would come again, as late events).
   * Each call first stores the run's clock into the clock word (`publishClockWord`) when
   * Date.now() shows another millisecond than at the last store (the word holds whole ms;
   * Date.now() costs a fifth of Chromium's performance.now()): the writers' stamps are never
   * older than the word (`Runtime.stamp`).
   */
  drainRuns(sink: RunSink, limit = Infinity): number {
    const ms = Date.now();
    if (ms !== this.clockPublishedAt) {
      this.clockPublishedAt = ms;
      publishClockWord(this.mem);
    }
    const { i32, layout } = this.mem;
    const size = layout.cfg.ringEvents;
    const mask = size - 1;
    const publishEvery = Math.min(PUBLISH_EVERY, size >> 2 || 1);
    const { tails, heads, published } = this;
    let next = this.next;
    let emitted = 0;
    let pid = this.lastPid;
    this.open(pid);
    let slot = layout.slot(pid);
    let base = layout.ring(pid);
    let tail = tails[pid]!;
    let head = heads[pid]!;
    /** The run the sink holds (0: none), and whether it is a late record. */
    let handed = 0;
    let late = false;
    try {
      while (emitted < limit) {
        if (tail === head) head = heads[pid] = Atomics.load(i32, slot + S.ringHead);
        let rec = base + (tail & mask) * E.words;
        if (tail === head || ((i32[rec + E.seq]! - next) | 0) > 0) {
          tails[pid] = tail;
          // No number issued past `next`: no other ring can hold an event to emit, so none is looked at (the
          // scan read every ring's words, O(processes) per drain call: most calls at 1,000 processes end here).
          // Once a number was given up on (skipGap), its record may still come late from any ring: look.
          if (this.gaveUp === 0 && ((Atomics.load(i32, H.seq) - next) | 0) <= 0) break;
          const other = this.findOther(pid, next);
          if (other < 0) break;
          pid = other;
          slot = layout.slot(pid);
          base = layout.ring(pid);
          tail = tails[pid]!;
          head = heads[pid]!;
          rec = base + (tail & mask) * E.words;
        }
        // One older than `next` is a number given up on by `skipGap` and committed after all: it goes out at once
        // (late, never lost), alone.
        late = ((i32[rec + E.seq]! - next) | 0) < 0;
        let count = 1;
        if (!late) {
          let max = Math.min((head - tail) | 0, size - (tail & mask), publishEvery - ((tail - published[pid]!) | 0));
          if (max > limit - emitted) max = limit - emitted;
          for (let r = rec + E.words; count < max && i32[r + E.seq] === ((next + count) | 0); r += E.words) count++;
        }
        handed = count;
        this.taken = 0;
        sink(pid, rec, count);
        handed = 0;
        tail = (tail + count) | 0;
        if (!late) next = (next + count) | 0;
        emitted += count;
        if (((tail - published[pid]!) | 0) >= publishEvery) {
          // Only after the sink has read the records: then the writer may reuse their slots.
          Atomics.store(i32, slot + S.ringTail, tail);
          published[pid] = tail;
          Atomics.notify(i32, slot + S.ringTail);
        }
      }
    } finally {
      // A sink that threw: the records it finished are read (counted by `taken`), the rest come again.
      if (handed > 0) {
        const done = Math.min(this.taken, handed);
        tail = (tail + done) | 0;
        if (!late) next = (next + done) | 0;
      }
      tails[pid] = tail;
      this.next = next;
      this.lastPid = pid;
      this.publishAll();
    }
    return emitted;
  }

  /** Start reading ring `pid` in this drain: its cursor and head from shared memory (the reader alone writes the tail). */
  private open(pid: number): void {
    if (this.marked[pid] === 1) return;
    const slot = this.mem.layout.slot(pid);
    this.marked[pid] = 1;
    this.touched[this.touchedCount++] = pid;
    this.tails[pid] = this.published[pid] = this.mem.i32[slot + S.ringTail]!;
    this.heads[pid] = Atomics.load(this.mem.i32, slot + S.ringHead);
  }

  /** End of a drain: give every ring read its freed slots back and wake its writer (each once). */
  private publishAll(): void {
    const { i32, layout } = this.mem;
    for (let k = 0; k < this.touchedCount; k++) {
      const p = this.touched[k]!;
      this.marked[p] = 0;
      if (this.tails[p] === this.published[p]) continue;
      Atomics.store(i32, layout.slot(p) + S.ringTail, this.tails[p]!);
      Atomics.notify(i32, layout.slot(p) + S.ringTail);
    }
    this.touchedCount = 0;
  }

  /**
   * A ring other than `pid`'s whose oldest unread event may go out now (its seq is at most
   * `next`), or -1. It looks from the ring after `pid` on, round the table: writers that
   * take turns are found in a step or two.
   */
  private findOther(pid: number, next: number): number {
    const { i32, layout } = this.mem;
    const procs = layout.cfg.maxProcs;
    const mask = layout.cfg.ringEvents - 1;
    for (let k = 1; k < procs; k++) {
      let p = pid + k;
      if (p >= procs) p -= procs;
      if (this.marked[p] === 1) {
        if (this.tails[p] === this.heads[p] && this.tails[p] === (this.heads[p] = Atomics.load(i32, layout.slot(p) + S.ringHead))) continue;
      } else {
        // Not read in this drain yet: an empty ring costs its two words, and is not opened (no bookkeeping, nothing
        // for publishAll): with a thousand rings, most of them idle, opening each one passed was most of the scan.
        const slot = layout.slot(p);
        if (i32[slot + S.ringTail] === Atomics.load(i32, slot + S.ringHead)) continue;
        this.open(p);
      }
      if (((i32[layout.ring(p) + (this.tails[p]! & mask) * E.words + E.seq]! - next) | 0) <= 0) return p;
    }
    return -1;
  }

  /** Events whose seq was handed out but that no ring holds yet (a crashed writer). */
  get pendingGap(): boolean {
    return ((Atomics.load(this.mem.i32, H.seq) - this.next) | 0) > 0;
  }

  /** Give up on a sequence number whose writer died before committing it. */
  skipGap(): void {
    this.gaveUp++;
    this.next = (this.next + 1) | 0;
  }
}

/** What `auditDrain` counts: sequence numbers that did not follow the one before, and events by kind code. */
export interface DrainCheck {
  seqBreaks: number;
  kinds: number[];
  /** Runs handed to the sink (when present): events per run is how finely the writers' numbers interleave. */
  runs?: number;
}

/**
 * Count into `check` every record `reader` drains once its sink has read it: a seq that does not follow
 * the previous one is a break, and each kind is counted (the bench's and the tests' audit of a drain).
 * A sink that throws part-way has read only the first `reader.taken` of its run (the rest come again):
 * only those are counted, or the ones that come again would count twice (and as a break).
 */
export function auditDrain(reader: RingReader, i32: Int32Array, check: DrainCheck): void {
  const drainRuns = reader.drainRuns.bind(reader);
  let expect = reader.next;
  reader.drainRuns = (sink, limit) =>
    drainRuns((pid, rec, count) => {
      let read = count;
      try {
        sink(pid, rec, count);
      } catch (e) {
        read = Math.min(reader.taken, count);
        throw e;
      } finally {
        if (check.runs !== undefined) check.runs++;
        for (let r = rec, end = rec + read * E.words; r < end; r += E.words) {
          const seq = i32[r + E.seq]!;
          if (seq !== expect) check.seqBreaks++;
          expect = (seq + 1) | 0;
          const kind = i32[r + E.kind]!;
          check.kinds[kind] = (check.kinds[kind] ?? 0) + 1;
        }
      }
    }, limit);
}

/** The payload text of the record at `rec` ('' when none; '…' marks a cut). */
export function readPayload(mem: Memory, rec: number): string {
  const len = mem.i32[rec + E.payloadLen]!;
  return len === 0 ? '' : mem.readBytes((rec + E.payload) * 4, Math.abs(len)) + (len < 0 ? '…' : '');
}

/** Decode the record at `rec` (slow path: tests, UI details). */
export function decodeEvent(mem: Memory, pid: number, rec: number): LogEvent {
  const i32 = mem.i32;
  return {
    seq: i32[rec + E.seq]!,
    pid,
    kind: EVENT_KINDS[i32[rec + E.kind]!] ?? 'note',
    obj: i32[rec + E.obj]!,
    arg: i32[rec + E.arg]!,
    result: i32[rec + E.result]!,
    line: i32[rec + E.line]!,
    time: mem.f64[(rec + E.time) >> 1]!,
    payload: readPayload(mem, rec),
  };
}
