/**
 * The shared objects of a run (locks, values, queues, files, consoles).
 *
 * Two ways to place an object in the heap:
 *
 * * **Setup (the curated scenarios).** `setup(world)` creates them in a fixed
 *   order, and every context runs the same setup: the allocation is
 *   deterministic, so each context finds each object at the same offset. Only
 *   the context that creates the buffer (`init = true`) writes initial values.
 * * **At run time (the Python lab).** After setup a world may turn `dynamic`:
 *   each new object claims heap words and a row of the shared object table
 *   (kind, name, creator, offset) with atomics, and its creator writes its
 *   initial values. Another process rebuilds a handle on it from its table ids
 *   (`adopt`); the page finds it through the same table (`refresh`).
 *
 * Setup objects get table rows too (written by the creating context), so ids
 * are unique across both kinds. Ops need a process Runtime; the main thread
 * builds a World without one, to read state for the view.
 */
import { PyError } from './errors';
import { H, OBJECT_NAME_BYTES, T, type Memory } from './layout';
import type { Runtime } from './runtime';

/** The allocation tags of shared objects (what `world.objects` lists; the app's kind modules live in src/kinds). Append only: the object table stores the index. */
export const OBJECT_TAGS = ['lock', 'rlock', 'semaphore', 'event', 'condition', 'value', 'queue', 'pipe', 'file', 'console', 'mailbox', 'array', 'blob', 'proxy', 'manager'] as const;
export type ObjectTag = (typeof OBJECT_TAGS)[number];

export interface ObjectInfo {
  id: number;
  kind: ObjectTag;
  name: string;
  /** Word offset of the object's state in the heap. */
  base: number;
  /** Pid of the process that created it at run time; -1 for a setup object. */
  creator: number;
  /** Heap words it occupies (known from the object table; absent on a setup's own list). */
  size?: number;
  /**
   * A channel the library made for its own use (a Pool's task and result queues, a Manager's
   * request and reply queues), not one the learner holds: what it carries is not a learner's value.
   */
  internal?: boolean;
}

/** The object table's kind word: the tag's index + 1, plus this bit for an internal channel. */
const INTERNAL_BIT = 1 << 8;

/** A setup's objects do not fit the heap it was given. */
export class SharedHeapFull extends Error {
  override name = 'SharedHeapFull';
}

export class World {
  /** Objects by id (sparse while another process's run-time objects are not known here yet). */
  readonly objects: ObjectInfo[] = [];
  private top: number;
  private readonly end: number;
  private fresh: boolean;
  /** Allocations from now on are run-time ones (see the header). */
  dynamic = false;
  /** While adopting: the ids the next allocations stand for. */
  private adopting: number[] | null = null;
  /** Ids allocated since `track` began. */
  private tracked: number[] | null = null;

  constructor(
    readonly mem: Memory,
    init: boolean,
    private runtime: Runtime | null = null,
  ) {
    this.top = mem.layout.heap;
    this.end = mem.layout.totalWords;
    this.fresh = init;
  }

  /** Whether the object being built is new (its constructor writes initial values) or already exists. */
  get init(): boolean {
    return this.fresh;
  }

  /** The running process's runtime; only processes may do ops. */
  get rt(): Runtime {
    if (!this.runtime) throw new Error('Only a process can operate on shared objects');
    return this.runtime;
  }

  get hasRuntime(): boolean {
    return this.runtime !== null;
  }

  /**
   * Give a world built ahead (a process worker sets up its slot's objects when it
   * attaches, before the run's mode is known) the runtime of the process that
   * now starts; its objects do ops through it from here on.
   */
  bind(runtime: Runtime): void {
    if (this.runtime) throw new Error('this world already belongs to a process');
    this.runtime = runtime;
  }

  /** Reserve `words` (kept 8-byte aligned) and register an object. */
  allocate(kind: ObjectTag, name: string, words: number, internal = false): ObjectInfo {
    if (this.adopting) return this.adoptNext(kind);
    const info = this.dynamic ? this.claim(kind, name, words, internal) : this.place(kind, name, words, internal);
    this.objects[info.id] = info;
    this.tracked?.push(info.id);
    return info;
  }

  /** Setup allocation: the same offsets in every context; the creating context records the table row. */
  private place(kind: ObjectTag, name: string, words: number, internal: boolean): ObjectInfo {
    const base = this.top;
    this.top += words + (words & 1);
    if (this.top > this.end) throw new SharedHeapFull(`Shared heap full allocating ${kind} "${name}"`);
    const info: ObjectInfo = { id: this.objects.length, kind, name, base, creator: -1 };
    if (internal) info.internal = true;
    if (this.fresh) {
      const i32 = this.mem.i32;
      if (info.id < this.mem.layout.cfg.maxObjects) writeRow(this.mem, info, words);
      Atomics.store(i32, H.objCount, Math.min(info.id + 1, this.mem.layout.cfg.maxObjects));
      Atomics.store(i32, H.heapTop, this.top);
    }
    return info;
  }

  /** Run-time allocation: claim heap words and a table row with atomics (any process, any time). */
  private claim(kind: ObjectTag, name: string, words: number, internal: boolean): ObjectInfo {
    const i32 = this.mem.i32;
    const size = words + (words & 1);
    let base: number;
    for (;;) {
      const top = Atomics.load(i32, H.heapTop);
      base = top || this.mem.layout.heap;
      if (base + size > this.end) throw PyError.said('MemoryError', 'runtime.memoryFull', { bytes: (this.end - this.mem.layout.heap) * 4 });
      if (Atomics.compareExchange(i32, H.heapTop, top, base + size) === top) break;
    }
    const max = this.mem.layout.cfg.maxObjects;
    const id = Atomics.add(i32, H.objCount, 1);
    if (id >= max) {
      Atomics.sub(i32, H.objCount, 1);
      throw PyError.said('RuntimeError', 'runtime.tooManyObjects', { max });
    }
    const info: ObjectInfo = { id, kind, name, base, creator: this.runtime?.pid ?? -1 };
    if (internal) info.internal = true;
    writeRow(this.mem, info, size);
    this.fresh = true;
    return info;
  }

  /**
   * Rebuild a handle on objects another process created: `make` runs a
   * primitive's constructor, whose allocations take `ids` in order instead of
   * claiming new memory, and which writes no initial values.
   *
   * @example
   *   const lock = world.adopt([7], () => new Lock(world));
   */
  adopt<R>(ids: readonly number[], make: () => R): R {
    const wasFresh = this.fresh;
    this.adopting = [...ids];
    this.fresh = false;
    try {
      const r = make();
      if (this.adopting.length) throw new Error(`ids ${this.adopting.join(', ')} were not used`);
      return r;
    } finally {
      this.adopting = null;
      this.fresh = wasFresh;
    }
  }

  /** Run `make` and return what it built with the ids it allocated (to ship to another process). */
  track<R>(make: () => R): { value: R; ids: number[] } {
    const outer = this.tracked;
    const ids: number[] = [];
    this.tracked = ids;
    try {
      return { value: make(), ids };
    } finally {
      this.tracked = outer;
      outer?.push(...ids);
    }
  }

  private adoptNext(kind: ObjectTag): ObjectInfo {
    const id = this.adopting!.shift();
    const info = id === undefined ? null : readRow(this.mem, id);
    if (!info || info.kind !== kind) throw new Error(`shared object ${id} is not a ${kind}`);
    this.objects[info.id] = info;
    return info;
  }

  /** Learn the objects other processes created since (the page's view of a Python run); returns the new ones. */
  refresh(): ObjectInfo[] {
    const fresh: ObjectInfo[] = [];
    const n = Math.min(Atomics.load(this.mem.i32, H.objCount), this.mem.layout.cfg.maxObjects);
    for (let id = 0; id < n; id++) {
      if (this.objects[id]) continue;
      const info = readRow(this.mem, id);
      if (!info) continue; // claimed, not written yet: next time
      this.objects[id] = info;
      fresh.push(info);
    }
    return fresh;
  }

  /** Words used so far (for sizing the heap). */
  get used(): number {
    return this.top - this.mem.layout.heap;
  }
}

const encoder = new TextEncoder();

function writeRow(mem: Memory, info: ObjectInfo, size: number): void {
  const row = mem.layout.objectRow(info.id);
  const i32 = mem.i32;
  let bytes = encoder.encode(info.name);
  if (bytes.length > OBJECT_NAME_BYTES) bytes = bytes.subarray(0, OBJECT_NAME_BYTES);
  const copy = new Uint8Array(bytes); // never hand a shared view to the encoder's output
  mem.u8.set(copy, (row + T.name) * 4);
  i32[row + T.nameLen] = copy.length;
  i32[row + T.creator] = info.creator;
  i32[row + T.base] = info.base;
  i32[row + T.size] = size;
  // The kind goes last: a reader treats a row as ready once it is non-zero.
  Atomics.store(i32, row + T.kind, OBJECT_TAGS.indexOf(info.kind) + 1 + (info.internal ? INTERNAL_BIT : 0));
}

/** Row `id` of the object table, or null while it is not written yet. */
export function readRow(mem: Memory, id: number): ObjectInfo | null {
  if (id < 0 || id >= mem.layout.cfg.maxObjects) return null;
  const row = mem.layout.objectRow(id);
  const word = Atomics.load(mem.i32, row + T.kind);
  const kind = OBJECT_TAGS[(word & (INTERNAL_BIT - 1)) - 1];
  if (!kind) return null;
  const i32 = mem.i32;
  const info: ObjectInfo = { id, kind, name: mem.readBytes((row + T.name) * 4, i32[row + T.nameLen]!), base: i32[row + T.base]!, creator: i32[row + T.creator]!, size: i32[row + T.size]! };
  if (word & INTERNAL_BIT) info.internal = true;
  return info;
}

/** Every ready row of the object table from `from` on. */
export function objectTable(mem: Memory, from = 0): ObjectInfo[] {
  const out: ObjectInfo[] = [];
  const n = Math.min(Atomics.load(mem.i32, H.objCount), mem.layout.cfg.maxObjects);
  for (let id = from; id < n; id++) {
    const info = readRow(mem, id);
    if (info) out.push(info);
  }
  return out;
}

/**
 * Heap sizes (words) a dry run tries, smallest first: most setups fit the first (256 KB); none of the
 * catalogue needs more than the last (64 MB). Trying small first keeps a Reset from allocating (and
 * handing the garbage collector) a 64 MB buffer only to count words.
 */
const PROBE_HEAP_WORDS = [1 << 16, 1 << 20, 1 << 24];

/** Heap words a setup needs, found by a dry run on a throwaway buffer (a bigger one only if it did not fit). */
export function heapWordsFor(setup: (world: World) => unknown, create: (heapWords: number) => Memory): number {
  for (let i = 0; ; i++) {
    const probe = new World(create(PROBE_HEAP_WORDS[i]!), false);
    try {
      setup(probe);
    } catch (e) {
      if (e instanceof SharedHeapFull && i + 1 < PROBE_HEAP_WORDS.length) continue;
      throw e;
    }
    return probe.used + 64;
  }
}
