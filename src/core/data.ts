/**
 * Shared data: Value (multiprocessing.Value), a text File (the ticket
 * database), and the Console every process prints to.
 */
import { EK } from './events';
import { PyError } from './errors';
import { rawLock, rawUnlock } from './rawlock';
import { RLock } from './sync';
import type { ObjectInfo, World } from './world';

/** `guard` makes an op's effect and its event one step, so the log's order is the order memory saw. */
const V = { int: 0, guard: 1, float: 2, words: 4 } as const;

export type Typecode = 'i' | 'd';

/**
 * multiprocessing.Value(typecode, init, lock=True). Reading and writing are
 * separate ops, so `value += 1` (load, compute, store) is not atomic — that is
 * the race the lab shows. `get_lock()` returns the RLock that guards it.
 *
 * @example
 *   const num = new Value(world, 'i', 100, true, 'num');
 *   num.add(-1); // load, compute, store: three ops another process can cut into
 */
export class Value {
  readonly info: ObjectInfo;
  private readonly lock: RLock | null;

  constructor(
    private readonly world: World,
    readonly typecode: Typecode,
    /** The value it starts with (configuration: the view folds from it). */
    readonly initial: number,
    withLock = true,
    name = 'value',
  ) {
    this.info = world.allocate('value', name, V.words);
    this.lock = withLock ? new RLock(world, `${name}.get_lock()`) : null;
    if (world.init) this.poke(initial);
  }

  get id(): number {
    return this.info.id;
  }

  get_lock(): RLock {
    if (!this.lock) throw new PyError('AttributeError', "'c_int' object has no attribute 'get_lock'");
    return this.lock;
  }

  /*
   * load and store run their effect and its event under the value's guard (`V.guard`): racing
   * threads then log their loads and stores in the order memory saw them, which is what a
   * step-by-step replay of a parallel run relies on. Not Python's lock: the load and the store stay
   * separate ops, so the race remains. Written out in each op, not passed as a callback: a closure
   * per op was the bank program's only allocation (a young-generation GC every ~10,000 updates)
   * and made `add` ~25 % dearer. The finally matters: an emit unwinds on Reset while its ring is
   * full, and a guard left taken would hang the run's other threads in rawLock.
   */

  /** `x = num.value` — one op. */
  load(): number {
    const rt = this.world.rt;
    rt.op(EK.load, this.id, rt.line);
    const i32 = this.world.mem.i32;
    const guard = this.info.base + V.guard;
    rawLock(i32, guard);
    try {
      const v = this.peek();
      rt.emit(EK.load, this.id, rt.line, 0, this.typecode === 'i' ? v : Math.round(v));
      return v;
    } finally {
      rawUnlock(i32, guard);
    }
  }

  /** `num.value = x` — one op. A C int wraps around like ctypes does. */
  store(v: number): void {
    const rt = this.world.rt;
    const logged = this.typecode === 'i' ? v | 0 : Math.round(v);
    rt.op(EK.store, this.id, rt.line, logged);
    const i32 = this.world.mem.i32;
    const guard = this.info.base + V.guard;
    rawLock(i32, guard);
    try {
      this.poke(v);
      rt.emit(EK.store, this.id, rt.line, logged);
    } finally {
      rawUnlock(i32, guard);
    }
  }

  /** `num.value += delta`, expanded into its three steps: load, compute, store. */
  add(delta: number): number {
    const rt = this.world.rt;
    const old = this.load();
    const next = this.typecode === 'i' ? (old + delta) | 0 : old + delta;
    rt.op(EK.compute, this.id, rt.line, next);
    rt.emit(EK.compute, this.id, rt.line, next, old);
    this.store(next);
    return next;
  }

  /** Current value without an op (for the view and the tests). */
  peek(): number {
    const base = this.info.base;
    return this.typecode === 'i' ? Atomics.load(this.world.mem.i32, base + V.int) : this.world.mem.f64[(base + V.float) >> 1]!;
  }

  private poke(v: number): void {
    const base = this.info.base;
    if (this.typecode === 'i') Atomics.store(this.world.mem.i32, base + V.int, v | 0);
    else this.world.mem.f64[(base + V.float) >> 1] = v;
  }
}

const A = { length: 0, items: 2 } as const;

/**
 * multiprocessing.Array(typecode, size_or_init, lock=True): a fixed row of
 * numbers, each element read and written by one op (the event's payload names
 * the index). Elements are f64 slots; a C int array wraps like ctypes.
 */
export class SharedArray {
  readonly info: ObjectInfo;
  private readonly lock: RLock | null;

  constructor(
    private readonly world: World,
    readonly typecode: Typecode,
    init: readonly number[],
    withLock = true,
    name = 'array',
  ) {
    this.info = world.allocate('array', name, A.items + 2 * init.length);
    this.lock = withLock ? new RLock(world, `${name}.get_lock()`) : null;
    if (world.init) {
      init.forEach((v, i) => this.poke(i, v));
      // The length last: a context that finds the array in the object table waits for it (see kinds/array).
      Atomics.store(world.mem.i32, this.info.base + A.length, init.length);
    }
  }

  get id(): number {
    return this.info.id;
  }

  get length(): number {
    return Atomics.load(this.world.mem.i32, this.info.base + A.length);
  }

  get_lock(): RLock {
    if (!this.lock) throw new PyError('AttributeError', "'c_int_Array' object has no attribute 'get_lock'");
    return this.lock;
  }

  /** `x = arr[i]` — one op. */
  load(i: number): number {
    const rt = this.world.rt;
    rt.op(EK.load, this.id, rt.line, i);
    const v = this.peek(i);
    rt.emit(EK.load, this.id, rt.line, i, Math.round(v), String(i));
    return v;
  }

  /** `arr[i] = x` — one op. */
  store(i: number, v: number): void {
    const rt = this.world.rt;
    const x = this.typecode === 'i' ? v | 0 : v;
    rt.op(EK.store, this.id, rt.line, Math.round(x));
    this.poke(i, x);
    rt.emit(EK.store, this.id, rt.line, Math.round(x), 0, String(i));
  }

  peek(i: number): number {
    return this.world.mem.f64[(this.info.base + A.items) / 2 + i]!;
  }

  /** Every element without an op (for the view and the tests). */
  peekAll(): number[] {
    return Array.from({ length: this.length }, (_, i) => this.peek(i));
  }

  private poke(i: number, v: number): void {
    this.world.mem.f64[(this.info.base + A.items) / 2 + i] = this.typecode === 'i' ? v | 0 : v;
  }
}

const F = { guard: 0, length: 1, version: 2, words: 4 } as const;

/**
 * A small shared text file, read and written whole (the tutorials' JSON ticket
 * database). Each read and each write is atomic, as a small write is on a real
 * disk; the race is between one process's read and its later write.
 */
export class SharedFile {
  readonly info: ObjectInfo;
  private readonly bytesAt: number;

  constructor(
    private readonly world: World,
    readonly path: string,
    /** The content it starts with (configuration: the view folds from it). */
    readonly initial: string,
    readonly capacity = 512,
  ) {
    this.info = world.allocate('file', path, F.words + Math.ceil(capacity / 4));
    this.bytesAt = (this.info.base + F.words) * 4;
    if (world.init) this.poke(initial);
  }

  /** A handle on the file of object-table row `row` (call inside `world.adopt`): its size and content as they are now. */
  static at(world: World, row: ObjectInfo): SharedFile {
    const content = world.mem.readBytes((row.base + F.words) * 4, Atomics.load(world.mem.i32, row.base + F.length));
    return new SharedFile(world, row.name, content, ((row.size ?? F.words) - F.words) * 4);
  }

  get id(): number {
    return this.info.id;
  }

  read(): string {
    const rt = this.world.rt;
    rt.op(EK.read, this.id, rt.line);
    const i32 = this.world.mem.i32;
    // The event is logged under the guard too: the log's order is the order the file saw.
    rawLock(i32, this.info.base + F.guard);
    try {
      const text = this.peek();
      rt.emit(EK.read, this.id, rt.line, 0, 0, text);
      return text;
    } finally {
      rawUnlock(i32, this.info.base + F.guard);
    }
  }

  write(text: string): void {
    const rt = this.world.rt;
    rt.op(EK.write, this.id, rt.line);
    const i32 = this.world.mem.i32;
    rawLock(i32, this.info.base + F.guard);
    try {
      if (!this.poke(text)) throw PyError.said('ValueError', 'runtime.fileFull', { max: this.capacity });
      rt.emit(EK.write, this.id, rt.line, 0, 0, text);
    } finally {
      rawUnlock(i32, this.info.base + F.guard);
    }
  }

  /** Content without an op. */
  peek(): string {
    return this.world.mem.readBytes(this.bytesAt, Atomics.load(this.world.mem.i32, this.info.base + F.length));
  }

  private poke(text: string): boolean {
    const n = this.world.mem.writeBytes(this.bytesAt, this.capacity, text);
    if (n < 0) return false;
    Atomics.store(this.world.mem.i32, this.info.base + F.length, n);
    Atomics.add(this.world.mem.i32, this.info.base + F.version, 1);
    return true;
  }
}

const C = { guard: 0, count: 1, byteTop: 2, words: 4 } as const;
const LINE_WORDS = 3; // pid, byte offset, byte length

export interface ConsoleLine {
  pid: number;
  text: string;
}

/** The terminal every process prints to: lines in the order they were printed, each with its pid. */
export class Console {
  readonly info: ObjectInfo;
  private readonly table: number;
  private readonly bytesAt: number;

  constructor(
    private readonly world: World,
    readonly maxLines = 4096,
    readonly maxBytes = 256 * 1024,
    name = 'console',
  ) {
    this.info = world.allocate('console', name, C.words + maxLines * LINE_WORDS + Math.ceil(maxBytes / 4));
    this.table = this.info.base + C.words;
    this.bytesAt = (this.table + maxLines * LINE_WORDS) * 4;
  }

  get id(): number {
    return this.info.id;
  }

  /** print(...) — Python's separator is a space. */
  print(...parts: unknown[]): void {
    this.printLines([parts.map(pyStr).join(' ')]);
  }

  /** One print call that produced these lines: one op, one console line (and event) each. */
  printLines(lines: readonly string[]): void {
    const rt = this.world.rt;
    rt.op(EK.print, this.id, rt.line);
    this.appendLines(lines);
  }

  /** Lines the process writes without an op (a traceback as it dies); returns the last index. */
  appendLines(lines: readonly string[]): number {
    const rt = this.world.rt;
    let index = -1;
    for (const text of lines) {
      index = this.append(rt.pid, text);
      rt.emit(EK.print, this.id, rt.line, index, 0, text);
    }
    return index;
  }

  /** Append a line (also used by the host to print a traceback); returns its index. */
  append(pid: number, text: string): number {
    const i32 = this.world.mem.i32;
    rawLock(i32, this.info.base + C.guard);
    try {
      const count = i32[this.info.base + C.count]!;
      const top = i32[this.info.base + C.byteTop]!;
      if (count >= this.maxLines) throw PyError.said('RuntimeError', 'runtime.consoleLines', { max: this.maxLines });
      const n = this.world.mem.writeBytes(this.bytesAt + top, this.maxBytes - top, text);
      if (n < 0) throw PyError.said('RuntimeError', 'runtime.consoleBytes', { max: this.maxBytes });
      const row = this.table + count * LINE_WORDS;
      i32[row] = pid;
      i32[row + 1] = top;
      i32[row + 2] = n;
      i32[this.info.base + C.byteTop] = top + n;
      Atomics.store(i32, this.info.base + C.count, count + 1);
      return count;
    } finally {
      rawUnlock(i32, this.info.base + C.guard);
    }
  }

  get length(): number {
    return Atomics.load(this.world.mem.i32, this.info.base + C.count);
  }

  line(index: number): ConsoleLine {
    const i32 = this.world.mem.i32;
    const row = this.table + index * LINE_WORDS;
    return { pid: i32[row]!, text: this.world.mem.readBytes(this.bytesAt + i32[row + 1]!, i32[row + 2]!) };
  }

  lines(from = 0): ConsoleLine[] {
    const out: ConsoleLine[] = [];
    for (let i = from; i < this.length; i++) out.push(this.line(i));
    return out;
  }
}

/** Python's str() for the values programs print. */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return v;
  return pyRepr(v);
}

/** Python's repr() of JSON-able data. */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  return String(v);
}
