/**
 * The shared objects of a run (locks, values, queues, files, consoles).
 *
 * A scenario's `setup(world)` creates them in a fixed order, and every context
 * runs the same setup: the allocation is deterministic, so each context finds
 * each object at the same offset. Only the context that creates the buffer
 * (`init = true`) writes initial values. Ops need a process Runtime; the main
 * thread builds a World without one, to read state for the view.
 */
import type { Memory } from './layout';
import type { Runtime } from './runtime';

/** The allocation tag of a shared object (what `world.objects` lists; the app's kind modules live in src/kinds). */
export type ObjectTag = 'lock' | 'rlock' | 'semaphore' | 'event' | 'condition' | 'value' | 'queue' | 'pipe' | 'file' | 'console' | 'mailbox' | 'proxy';

export interface ObjectInfo {
  id: number;
  kind: ObjectTag;
  name: string;
  /** Word offset of the object's state in the heap. */
  base: number;
}

export class World {
  readonly objects: ObjectInfo[] = [];
  private top: number;
  private readonly end: number;

  constructor(
    readonly mem: Memory,
    readonly init: boolean,
    private readonly runtime: Runtime | null = null,
  ) {
    this.top = mem.layout.heap;
    this.end = mem.layout.totalWords;
  }

  /** The running process's runtime; only processes may do ops. */
  get rt(): Runtime {
    if (!this.runtime) throw new Error('Only a process can operate on shared objects');
    return this.runtime;
  }

  get hasRuntime(): boolean {
    return this.runtime !== null;
  }

  /** Reserve `words` (kept 8-byte aligned) and register an object. */
  allocate(kind: ObjectTag, name: string, words: number): ObjectInfo {
    const base = this.top;
    this.top += words + (words & 1);
    if (this.top > this.end) throw new Error(`Shared heap full allocating ${kind} "${name}"`);
    const info: ObjectInfo = { id: this.objects.length, kind, name, base };
    this.objects.push(info);
    return info;
  }

  /** Words used so far (for sizing the heap). */
  get used(): number {
    return this.top - this.mem.layout.heap;
  }
}

/** Heap words a setup needs, found by a dry run on a throwaway buffer. */
export function heapWordsFor(setup: (world: World) => unknown, create: (heapWords: number) => Memory): number {
  const probe = new World(create(1 << 24), false);
  setup(probe);
  return probe.used + 64;
}
