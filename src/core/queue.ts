/**
 * multiprocessing.Queue, JoinableQueue and Pipe on shared memory.
 *
 * Items are JSON-able values (numbers, strings, None, lists, dicts) encoded as
 * UTF-8 JSON into fixed-size slots of a ring. A longer item takes several
 * consecutive slots, written and taken whole in one op (so it keeps its place
 * in the order and goes to one reader); one longer than the whole ring is a
 * clear ValueError, never a silent truncation. Puts and gets take a short
 * internal lock; blocking waits for the other side's counter to move.
 *
 * @example
 *   const q = new Queue(world, 3, 'q');
 *   q.put('apple');           // blocks while the queue holds 3 items
 *   q.put_nowait('pear');     // raises queue.Full instead of blocking
 *   q.get(true, 2);           // raises queue.Empty after 2 seconds
 */
import { PyError, Unwind } from './errors';
import { rawLock, rawUnlock } from './rawlock';
import { EK } from './events';
import { S, State } from './layout';
import { WaitEnd } from './runtime';
import type { ObjectInfo, World } from './world';

/** A slot's bytes: the largest item that takes one slot (a longer one takes ceil(bytes / ITEM_BYTES) slots in a row). */
export const ITEM_BYTES = 248;
const SLOT_WORDS = 2 + ITEM_BYTES / 4; // serial, length, bytes
/** Capacity used for an "unbounded" Queue() — Python's has no bound; shared memory needs one. */
export const UNBOUNDED_CAPACITY = 1024;

/**
 * Ring words. `puts`/`gets` move when an item goes in/out and someone sleeps for it
 * (a sleeping getter waits on `puts`); `putSleepers`/`getSleepers` count who sleeps
 * on them under the parallel policy, and `putWoken`/`getWoken` how many of those an
 * Atomics.notify woke that have not run yet: an op wakes someone only when a sleeper
 * is left that no earlier op woke already (see `signal`). `wide` counts the putters
 * that sleep with an item of several slots: while one does, a get wakes every putter.
 * `head`/`tail` count slots, `count` items (see `used`).
 */
const Q = { guard: 0, head: 1, tail: 2, count: 3, puts: 4, gets: 5, serial: 6, unfinished: 7, joinVersion: 8, closed: 9, arrivals: 10, putSleepers: 11, getSleepers: 12, putWoken: 13, getWoken: 14, wide: 15, holders: 16, words: 17 } as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Slots an item of `bytes` UTF-8 bytes takes (null: one, a short item). */
const slotsOf = (bytes: Uint8Array | null) => (bytes ? Math.ceil(bytes.length / ITEM_BYTES) : 1);

export interface QueueItem {
  serial: number;
  json: string;
}

/** A bounded ring of JSON items; the storage behind Queue and each direction of a Pipe. */
class ItemRing {
  readonly info: ObjectInfo;
  protected readonly i32: Int32Array;
  private readonly slots: number;
  /** Slots the item `readAt` last read fills (a get that frees several may unblock several putters). No wrapper object: a put+get is ~500 ns. */
  private readSlots = 1;

  constructor(
    protected readonly world: World,
    kind: 'queue' | 'pipe' | 'manager',
    name: string,
    readonly capacity: number,
    internal = false,
  ) {
    this.info = world.allocate(kind, name, Q.words + capacity * SLOT_WORDS, internal);
    this.i32 = world.mem.i32;
    this.slots = this.info.base + Q.words;
  }

  get id(): number {
    return this.info.id;
  }

  protected w(offset: number): number {
    return this.info.base + offset;
  }

  /** JoinableQueue: every put is an unfinished task. */
  protected get countsTasks(): boolean {
    return false;
  }

  static encode(item: unknown): string {
    const json = JSON.stringify(item === undefined ? null : item);
    if (json === undefined) throw PyError.said('TypeError', 'runtime.notJsonable');
    return json;
  }

  /** An item's UTF-8 bytes when it needs several slots (null: it fits one); the ValueError when it is longer than the whole ring. */
  protected wideBytes(json: string): Uint8Array | null {
    if (json.length * 3 <= ITEM_BYTES) return null;
    const bytes = encoder.encode(json);
    if (bytes.length <= ITEM_BYTES) return null;
    const max = this.capacity * ITEM_BYTES;
    if (bytes.length > max) throw PyError.said('ValueError', 'runtime.itemTooBig', { size: bytes.length, max });
    return bytes;
  }

  /** Slots in use: `count` items from `head` to `tail` (a wide item fills several). */
  private used(head: number, tail: number, count: number): number {
    return count === 0 ? 0 : ((tail - head - 1 + this.capacity) % this.capacity) + 1;
  }

  /** The item whose first slot is `at`; `readSlots` says how many slots it fills (a wide one: its bytes, ITEM_BYTES a slot, in the slots after). */
  private readAt(at: number): QueueItem {
    const i32 = this.i32;
    const mem = this.world.mem;
    const slot = this.slots + at * SLOT_WORDS;
    const n = i32[slot + 1]!;
    if (n <= ITEM_BYTES) {
      this.readSlots = 1;
      return { serial: i32[slot]!, json: mem.readBytes((slot + 2) * 4, n) };
    }
    const bytes = new Uint8Array(n);
    const slots = Math.ceil(n / ITEM_BYTES);
    for (let j = 0; j < slots; j++) {
      const from = (this.slots + ((at + j) % this.capacity) * SLOT_WORDS + 2) * 4;
      bytes.set(mem.u8.subarray(from, from + Math.min(ITEM_BYTES, n - j * ITEM_BYTES)), j * ITEM_BYTES);
    }
    this.readSlots = slots;
    return { serial: i32[slot]!, json: decoder.decode(bytes) };
  }

  /**
   * Push under the internal lock; undefined when full. Emits `kind` inside the lock so the log orders puts before their gets.
   * `asleep`: the process is shown blocked (see `waitUntil`), so it looks at its kill word under the lock first.
   */
  protected tryPush(json: string, kind: number, wide: Uint8Array | null, asleep = false): QueueItem | undefined {
    const i32 = this.i32;
    rawLock(i32, this.w(Q.guard));
    try {
      if (asleep) this.world.rt.checkAlive();
      const count = i32[this.w(Q.count)]!;
      if (count >= this.capacity) return undefined;
      const tail = i32[this.w(Q.tail)]!;
      const need = slotsOf(wide);
      // Slots, not items, are the room: a wide item before may fill the ring with fewer items than slots.
      if (count > 0 && this.used(i32[this.w(Q.head)]!, tail, count) + need > this.capacity) return undefined;
      const serial = ++i32[this.w(Q.serial)]!;
      const slot = this.slots + tail * SLOT_WORDS;
      i32[slot] = serial;
      if (wide) {
        for (let j = 0; j < need; j++) {
          const to = (this.slots + ((tail + j) % this.capacity) * SLOT_WORDS + 2) * 4;
          this.world.mem.u8.set(wide.subarray(j * ITEM_BYTES, (j + 1) * ITEM_BYTES), to);
        }
        i32[slot + 1] = wide.length;
      } else {
        const n = this.world.mem.writeBytes((slot + 2) * 4, ITEM_BYTES, json);
        if (n < 0) throw new Error('a short item over a slot'); // wideBytes measured it
        i32[slot + 1] = n;
      }
      i32[this.w(Q.tail)] = (tail + need) % this.capacity;
      // A JoinableQueue counts the task before the item becomes visible: a consumer that takes
      // it and calls task_done() at once must find it counted (else a false ValueError).
      if (this.countsTasks) Atomics.add(i32, this.w(Q.unfinished), 1);
      Atomics.store(i32, this.w(Q.count), count + 1);
      const rt = this.world.rt;
      rt.emit(kind, this.id, rt.line, serial, count + 1, json);
      return { serial, json };
    } finally {
      rawUnlock(i32, this.w(Q.guard));
    }
  }

  protected tryPop(kind: number, asleep = false): QueueItem | undefined {
    const i32 = this.i32;
    rawLock(i32, this.w(Q.guard));
    try {
      if (asleep) this.world.rt.checkAlive();
      const count = i32[this.w(Q.count)]!;
      if (count <= 0) return undefined;
      const head = i32[this.w(Q.head)]!;
      const item = this.readAt(head);
      i32[this.w(Q.head)] = (head + this.readSlots) % this.capacity;
      Atomics.store(i32, this.w(Q.count), count - 1);
      const rt = this.world.rt;
      // No payload: the put with this serial logged the item's text (the fold takes it from there).
      rt.emit(kind, this.id, rt.line, item.serial, count - 1);
      return item;
    } finally {
      rawUnlock(i32, this.w(Q.guard));
    }
  }

  /** Put an item, waiting up to `timeout` seconds (0: not at all, null: forever) for room; undefined when it stayed full. */
  protected putBlocking(json: string, kind: number, timeout: number | null): QueueItem | undefined {
    const wide = this.wideBytes(json);
    const r = wide === null ? this.waitUntil(kind, Q.gets, Q.putSleepers, Q.putWoken, (asleep) => this.tryPush(json, kind, null, asleep), timeout) : this.putWide(json, kind, wide, timeout);
    if (r !== undefined) this.signal(Q.puts, Q.getSleepers, Q.getWoken, kind === EK.put ? EK.get : EK.recv);
    return r;
  }

  /** A wide putter may need more room than one get frees: while it waits (parallel), every get wakes every putter. */
  private putWide(json: string, kind: number, wide: Uint8Array, timeout: number | null): QueueItem | undefined {
    const counted = !this.world.rt.scheduled;
    if (counted) Atomics.add(this.i32, this.w(Q.wide), 1);
    try {
      return this.waitUntil(kind, Q.gets, Q.putSleepers, Q.putWoken, (asleep) => this.tryPush(json, kind, wide, asleep), timeout);
    } finally {
      if (counted) Atomics.sub(this.i32, this.w(Q.wide), 1);
    }
  }

  /** Take an item, waiting as `putBlocking` does; `orElse` may end the wait without one (a closed pipe). */
  protected getBlocking<T = never>(kind: number, timeout: number | null, orElse: () => T | undefined = () => undefined): QueueItem | T | undefined {
    const r = this.waitUntil(kind, Q.puts, Q.getSleepers, Q.getWoken, (asleep) => this.tryPop(kind, asleep) ?? orElse(), timeout);
    if (r !== undefined) {
      const putKind = kind === EK.get ? EK.put : EK.send;
      // Several slots freed, or a wide putter waits for room: one wake-up may not be enough (or may go to one that cannot move).
      if (r !== null && (this.readSlots > 1 || Atomics.load(this.i32, this.w(Q.wide)) > 0)) this.wakeAll(Q.gets, Q.putWoken, putKind);
      else this.signal(Q.gets, Q.putSleepers, Q.putWoken, putKind);
    }
    return r;
  }

  /**
   * Wait until `attempt` gives something; undefined when `timeout` passed first. Scheduled
   * modes: the runtime's waitFor on word `moved`. Parallel: sleep on `moved`, counted in
   * `sleepers`, so the other side calls Atomics.notify only when someone sleeps. It does
   * not spin first: with more threads than cores (4 + 4 on 2) a spin measured more CPU
   * per item and fewer items/s (scripts/queuepath.mjs), as the thread it waits for
   * is usually not running. One block and one wake event per sleep. A sleeper that an
   * Atomics.notify woke takes itself off `woken` first thing (see `signal`).
   * Once it is shown blocked, each attempt reads its kill word under the ring's lock (`asleep`): a
   * process terminated there takes nothing an op after the terminate put in (or made room for).
   * Its wait alone would not see it: a word that moved before the futex wait returns unchecked.
   */
  private waitUntil<T>(kind: number, moved: number, sleepers: number, woken: number, attempt: (asleep?: boolean) => T | undefined, timeout: number | null): T | undefined {
    const rt = this.world.rt;
    if (rt.scheduled) return rt.waitFor(this.id, kind, rt.line, this.w(moved), attempt, timeout);
    let r = attempt();
    if (r !== undefined || (timeout !== null && timeout <= 0)) return r;
    const i32 = this.i32;
    const word = this.w(moved);
    const count = this.w(sleepers);
    const wokenAt = this.w(woken);
    const deadline = timeout === null ? Infinity : rt.now() + rt.scaled(timeout);
    rt.beginBlock(this.id, rt.line, deadline);
    // Counted before the word is read: a put that reads no sleeper finished before our next attempt.
    Atomics.add(i32, count, 1);
    let seen = 0;
    try {
      for (;;) {
        seen = Atomics.load(i32, word);
        if ((r = attempt(true)) !== undefined) break;
        let end: WaitEnd;
        try {
          end = rt.waitWord(word, seen, deadline);
        } catch (e) {
          // Killed just as a notify woke it: leave `woken` all the same, else the next sleeper would never be woken.
          if (e instanceof Unwind && e.notified) Atomics.sub(i32, wokenAt, 1);
          throw e;
        }
        if (end === WaitEnd.notified) Atomics.sub(i32, wokenAt, 1);
        else if (end === WaitEnd.timedOut) {
          r = attempt(true); // a wake-up that raced the timeout still takes the item
          break;
        }
      }
    } finally {
      Atomics.sub(i32, count, 1);
      // Leaving empty-handed (timed out, killed) after a wake-up was meant for us: pass it on.
      if (r === undefined && Atomics.load(i32, word) !== seen) Atomics.add(i32, wokenAt, Atomics.notify(i32, word, 1));
    }
    rt.endBlock(this.id, rt.line, r === undefined);
    return r;
  }

  /**
   * An item went in (out): wake one sleeper of the other side, if one sleeps that no earlier
   * op woke already. With more threads than cores a woken thread often waits a while for a
   * core; waking another for each item meanwhile (the sleeper still counts until it runs)
   * measured ~2 notifies per item, each through V8's one process-wide futex lock.
   * Nothing is lost: a woken sleeper not yet running retries (and takes this item) after
   * it leaves `woken`; one that left already counts as unwoken again, so this op wakes it.
   */
  private signal(moved: number, sleepers: number, woken: number, kind: number): void {
    const rt = this.world.rt;
    if (rt.scheduled) rt.wake(this.id, this.w(moved), 1, kind);
    else {
      const i32 = this.i32;
      if (Atomics.load(i32, this.w(sleepers)) <= Atomics.load(i32, this.w(woken))) return;
      Atomics.add(i32, this.w(moved), 1);
      // Counted only when someone really woke: a sleeper between its count and its wait sees `moved` change instead.
      if (Atomics.notify(i32, this.w(moved), 1) > 0) Atomics.add(i32, this.w(woken), 1);
    }
  }

  /** Wake every sleeper waiting on `moved` (a pipe's sender closed: each receiver gets EOFError), each wake counted in `woken` as `signal` counts its one. */
  protected wakeAll(moved: number, woken: number, kind: number): void {
    const rt = this.world.rt;
    if (rt.scheduled) rt.wake(this.id, this.w(moved), Infinity, kind);
    else {
      Atomics.add(this.i32, this.w(moved), 1);
      Atomics.add(this.i32, this.w(woken), Atomics.notify(this.i32, this.w(moved)));
    }
  }

  /** Items in FIFO order, without an op (for the view and the tests). */
  peekItems(): QueueItem[] {
    const i32 = this.i32;
    const count = Atomics.load(i32, this.w(Q.count));
    const head = Atomics.load(i32, this.w(Q.head));
    const out: QueueItem[] = [];
    for (let k = 0, at = head; k < count; k++) {
      out.push(this.readAt(at));
      at = (at + this.readSlots) % this.capacity;
    }
    return out;
  }

  get size(): number {
    return Atomics.load(this.i32, this.w(Q.count));
  }

  /** Parallel-policy wake bookkeeping (for the tests): at rest, nobody sleeps and no wake is pending. */
  get sleepers(): { putSleepers: number; getSleepers: number; putWoken: number; getWoken: number } {
    const at = (k: number) => Atomics.load(this.i32, this.w(k));
    return { putSleepers: at(Q.putSleepers), getSleepers: at(Q.getSleepers), putWoken: at(Q.putWoken), getWoken: at(Q.getWoken) };
  }
}

/** multiprocessing.Queue(maxsize). maxsize <= 0 means "unbounded" (1024 here). */
export class Queue extends ItemRing {
  constructor(
    world: World,
    readonly maxsize = 0,
    name = 'q',
    /** A manager's request and reply queues carry the manager's tag: the page shows them on its card, not as queues of their own. */
    tag: 'queue' | 'manager' = 'queue',
    /** A Pool's or a Manager's own channel (see ObjectInfo.internal). */
    internal = false,
  ) {
    super(world, tag, name, maxsize > 0 ? maxsize : UNBOUNDED_CAPACITY, internal);
  }

  /** A handle on the queue of object-table row `row` (call inside `world.adopt`); its bound comes from its size. */
  static at(world: World, row: ObjectInfo): Queue {
    return new Queue(world, Queue.capacityOf(row), row.name);
  }

  /** The maxsize a queue's object-table row was made with (0: unbounded). */
  static capacityOf(row: ObjectInfo): number {
    const capacity = Math.floor(((row.size ?? Q.words) - Q.words) / SLOT_WORDS);
    return capacity === UNBOUNDED_CAPACITY ? 0 : capacity;
  }

  put(item: unknown, block = true, timeout: number | null = null): void {
    const rt = this.world.rt;
    rt.op(EK.put, this.id, rt.line);
    this.push(ItemRing.encode(item), block, timeout);
  }

  /** put() of an item its caller encoded as JSON text already (the Python lab): no parse, no re-encoding. */
  putJson(json: string, block = true, timeout: number | null = null): void {
    const rt = this.world.rt;
    rt.op(EK.put, this.id, rt.line);
    this.push(json, block, timeout);
  }

  private push(json: string, block: boolean, timeout: number | null): void {
    if (this.putBlocking(json, EK.put, block ? timeout : 0) === undefined) throw new PyError('queue.Full');
  }

  put_nowait(item: unknown): void {
    this.put(item, false);
  }

  get(block = true, timeout: number | null = null): unknown {
    return JSON.parse(this.getJson(block, timeout)) as unknown;
  }

  /** get() as the item's JSON text (the Python lab decodes it itself). */
  getJson(block = true, timeout: number | null = null): string {
    const rt = this.world.rt;
    rt.op(EK.get, this.id, rt.line);
    const item = this.getBlocking(EK.get, block ? timeout : 0);
    if (item === undefined) throw new PyError('queue.Empty');
    return item.json;
  }

  get_nowait(): unknown {
    return this.get(false);
  }

  /** A snapshot: another process may change it before the caller acts on it. */
  qsize(): number {
    return this.snapshotOp('qsize');
  }

  empty(): boolean {
    return this.snapshotOp('empty') === 1;
  }

  full(): boolean {
    return this.snapshotOp('full') === 1;
  }

  private snapshotOp(kind: 'qsize' | 'empty' | 'full'): number {
    const rt = this.world.rt;
    rt.op(EK[kind], this.id, rt.line);
    // Read after the grant: the value is what the queue held at this op.
    const size = this.size;
    const v = kind === 'qsize' ? size : kind === 'empty' ? (size === 0 ? 1 : 0) : size >= this.capacity ? 1 : 0;
    rt.emit(EK[kind], this.id, rt.line, 0, v);
    return v;
  }


}

/** multiprocessing.JoinableQueue: task_done() and join(). */
export class JoinableQueue extends Queue {
  protected override get countsTasks(): boolean {
    return true;
  }

  task_done(): void {
    const rt = this.world.rt;
    rt.op(EK.task_done, this.id, rt.line);
    const at = this.w(Q.unfinished);
    for (;;) {
      const v = Atomics.load(this.i32, at);
      if (v <= 0) throw new PyError('ValueError', 'task_done() called too many times');
      if (Atomics.compareExchange(this.i32, at, v, v - 1) === v) {
        rt.emit(EK.task_done, this.id, rt.line, 0, v - 1);
        if (v === 1) rt.wake(this.id, this.w(Q.joinVersion), Infinity, EK.qjoin);
        return;
      }
    }
  }

  join(): void {
    const rt = this.world.rt;
    rt.op(EK.qjoin, this.id, rt.line);
    const at = this.w(Q.unfinished);
    rt.waitFor(this.id, EK.qjoin, rt.line, this.w(Q.joinVersion), () => (Atomics.load(this.i32, at) === 0 ? true : undefined), null);
    rt.emit(EK.qjoin, this.id, rt.line);
  }

  /** Tasks put but not yet marked done. */
  get unfinished(): number {
    return Atomics.load(this.i32, this.w(Q.unfinished));
  }
}

/** One direction of a pipe. */
class Channel extends ItemRing {
  constructor(world: World, name: string) {
    super(world, 'pipe', name, 64);
  }

  push(item: unknown): void {
    this.putBlocking(ItemRing.encode(item), EK.send, null);
    this.wakePollers();
  }

  /** recv() would not block: an item waits, or the sender closed (recv raises EOFError at once). */
  private get readable(): boolean {
    return this.size > 0 || this.senderClosed;
  }

  /**
   * Waits up to `timeout` seconds (null: forever) until recv() would not block; takes nothing.
   * Pollers watch their own word, so a send wakes every poller without stealing the one
   * wake-up a blocked recv() needs.
   */
  waitReadable(timeout: number | null): boolean {
    const rt = this.world.rt;
    return rt.waitFor(this.id, EK.poll, rt.line, this.w(Q.arrivals), () => (this.readable ? true : undefined), timeout) ?? false;
  }

  private wakePollers(): void {
    this.world.rt.wake(this.id, this.w(Q.arrivals), Infinity, EK.poll);
  }

  /** Waits for an item; EOFError once the sending end is closed and nothing is left. */
  pop(): unknown {
    const closed = this.w(Q.closed);
    const r = this.getBlocking(EK.recv, null, () => (Atomics.load(this.i32, closed) ? null : undefined));
    if (!r) throw new PyError('EOFError');
    return JSON.parse(r.json) as unknown;
  }

  get senderClosed(): boolean {
    return Atomics.load(this.i32, this.w(Q.closed)) === 1;
  }

  /** Process `pid` holds an open copy of the sending end (the Python lab counts copies: see Connection.hold). */
  hold(pid: number): void {
    Atomics.or(this.i32, this.w(Q.holders), holderBit(pid));
  }

  /** Process `pid` no longer holds a copy; the stream ends (EOFError for the reader) once no holder that still runs is left. */
  letGo(pid: number): void {
    if (this.senderClosed) return;
    Atomics.and(this.i32, this.w(Q.holders), ~holderBit(pid));
    // Read after our own bit is gone: of two holders ending at once, the later reader sees neither and closes.
    const left = Atomics.load(this.i32, this.w(Q.holders));
    const mem = this.world.mem;
    for (let p = 0; p < HOLDER_BITS; p++) if (left & (1 << p) && mem.load(p, S.state) < State.done) return;
    this.closeSender();
  }

  closeSender(): void {
    Atomics.store(this.i32, this.w(Q.closed), 1);
    this.wakeAll(Q.puts, Q.getWoken, EK.recv);
    this.wakePollers();
  }
}

/** What a pipe is made of, for the view: its name and its one or two directions (each a ring of items). */
export interface PipeInfo {
  name: string;
  duplex: boolean;
  /** Each direction: its object id (the events' obj), its name, which end sends and which receives. */
  channels: readonly { id: number; name: string; from: 0 | 1; to: 0 | 1 }[];
}

/** Pids a channel's holder word can name (the Python lab runs at most 16 processes). */
const HOLDER_BITS = 31;
function holderBit(pid: number): number {
  if (pid < 0 || pid >= HOLDER_BITS) throw new Error(`pid ${pid} has no holder bit`);
  return 1 << pid;
}

/** One end of a Pipe: send / recv / poll / close. */
export class Connection {
  private closedHere = false;

  constructor(
    private readonly world: World,
    private readonly inbox: Channel | null,
    private readonly outbox: Channel | null,
    readonly name: string,
    /** The pipe it is an end of, and which end (0 or 1). */
    readonly pipe: PipeInfo,
    readonly end: 0 | 1,
  ) {}

  /** Messages waiting for this end, whether their sender closed its end, and the inbox's wake bookkeeping: without an op (for the tests). */
  peekInbox(): { items: QueueItem[]; senderClosed: boolean; sleepers: ItemRing['sleepers'] | null } {
    return { items: this.inbox?.peekItems() ?? [], senderClosed: this.inbox?.senderClosed ?? false, sleepers: this.inbox?.sleepers ?? null };
  }

  /** The object id the view draws this end's inbox as (or outbox for a send-only end). */
  get id(): number {
    return (this.inbox ?? this.outbox)!.id;
  }

  send(item: unknown): void {
    const rt = this.world.rt;
    rt.op(EK.send, this.outbox?.id ?? -1, rt.line);
    if (this.closedHere) throw new PyError('OSError', 'handle is closed');
    if (!this.outbox) throw new PyError('OSError', 'connection is read-only');
    this.outbox.push(item);
  }

  recv(): unknown {
    const rt = this.world.rt;
    rt.op(EK.recv, this.inbox?.id ?? -1, rt.line);
    if (this.closedHere) throw new PyError('OSError', 'handle is closed');
    if (!this.inbox) throw new PyError('OSError', 'connection is write-only');
    return this.inbox.pop();
  }

  /**
   * Python's poll(timeout): whether recv() would not block, waiting up to `timeout` seconds for it
   * (0: answer at once; null: wait forever). The wait blocks like any other (virtual time in clock mode).
   */
  poll(timeout: number | null = 0): boolean {
    const rt = this.world.rt;
    rt.op(EK.poll, this.inbox?.id ?? -1, rt.line);
    if (this.closedHere) throw new PyError('OSError', 'handle is closed');
    if (!this.inbox) throw new PyError('OSError', 'connection is write-only');
    const ready = this.inbox.waitReadable(timeout === null ? null : Math.max(0, timeout));
    rt.emit(EK.poll, this.inbox.id, rt.line, 0, ready ? 1 : 0);
    return ready;
  }

  /**
   * The Python lab counts the copies of an end, as CPython's EOF counts file descriptors: each process that
   * holds one has its bit (`hold`: the maker, a child given the end, from the parent before the child runs);
   * `close(false)` and the process's end (`letGo`, also when terminated: the OS closes a dead process's
   * descriptors) drop it, and the reader meets EOFError once no holder that still runs is left.
   */
  hold(pid: number): void {
    this.outbox?.hold(pid);
  }

  /** Process `pid` ends (any way): its copy of this end is gone. No op: the process is past its last; an event when that ended the stream. */
  letGo(pid: number): void {
    const out = this.outbox;
    if (!out || out.senderClosed) return;
    out.letGo(pid);
    if (out.senderClosed) this.world.rt.emit(EK.close, out.id, this.world.rt.line, this.end);
  }

  /** This handle's close() ran (send/recv/poll on it raise OSError). */
  get closed(): boolean {
    return this.closedHere;
  }

  /**
   * `shared` false (the Python lab): this process's copy closes (`letGo`), and the stream goes on
   * while another holder of the end still runs (CPython: another copy of the
   * end is still open, as in a child the end was given to).
   */
  close(shared = true): void {
    const rt = this.world.rt;
    rt.op(EK.close, this.outbox?.id ?? this.inbox?.id ?? -1, rt.line);
    this.closedHere = true;
    if (shared) this.outbox?.closeSender();
    else this.outbox?.letGo(rt.pid);
    // arg = which end closed: on a one-way pipe both ends share one channel id. result 1: only this copy
    // closed, another holder's keeps the stream going (the card does not show the end closed).
    rt.emit(EK.close, this.outbox?.id ?? this.inbox?.id ?? -1, rt.line, this.end, this.outbox && !this.outbox.senderClosed ? 1 : 0);
  }
}

/**
 * Process `pid` has ended (any way): each pipe end it still holds a copy of closes, as the OS closes a dead
 * process's descriptors. Its own `atEnd` closes the ends it took up; this also closes those it was given and
 * never took up (killed while it still imported the main module, before it unpickled its Process object), which
 * would otherwise keep the stream open for ever. Run by the ending process, after its `atEnd`.
 */
export function releaseCopies(world: World, pid: number): void {
  if (pid >= HOLDER_BITS) return;
  const i32 = world.mem.i32;
  world.refresh();
  for (const row of world.objects) {
    if (row?.kind !== 'pipe' || !(Atomics.load(i32, row.base + Q.holders) & holderBit(pid))) continue;
    const channel = world.adopt([row.id], () => new Channel(world, row.name));
    if (channel.senderClosed) continue;
    channel.letGo(pid);
    // The end that sends on it (its name says `[from→to]`), as Connection.letGo logs it.
    if (channel.senderClosed) world.rt.emit(EK.close, row.id, world.rt.line, Number(/\[(\d)→\d\]$/.exec(row.name)?.[1] ?? 0));
  }
}

/**
 * multiprocessing.Pipe(duplex): two connections. One-way pipes give a
 * receive-only first end and a send-only second end, as Python does.
 */
export function Pipe(world: World, duplex = true, name = 'pipe'): [Connection, Connection] {
  if (!duplex) {
    const oneWay = new Channel(world, `${name}[1→0]`);
    const info: PipeInfo = { name, duplex, channels: [{ id: oneWay.id, name: oneWay.info.name, from: 1, to: 0 }] };
    return [new Connection(world, oneWay, null, `${name}[0]`, info, 0), new Connection(world, null, oneWay, `${name}[1]`, info, 1)];
  }
  const toSecond = new Channel(world, `${name}[0→1]`);
  const toFirst = new Channel(world, `${name}[1→0]`);
  const info: PipeInfo = {
    name,
    duplex,
    channels: [
      { id: toSecond.id, name: toSecond.info.name, from: 0, to: 1 },
      { id: toFirst.id, name: toFirst.info.name, from: 1, to: 0 },
    ],
  };
  return [new Connection(world, toFirst, toSecond, `${name}[0]`, info, 0), new Connection(world, toSecond, toFirst, `${name}[1]`, info, 1)];
}
