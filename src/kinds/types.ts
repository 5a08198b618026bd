/**
 * The contract of an object kind: everything the app knows about one kind of
 * shared object (Lock, Semaphore, Queue, Pipe…), in one module. The pure part
 * (this interface: recognise, fold, view, holders, op texts, strings) lives in
 * `src/kinds/<kind>/index.ts` and imports no React; the card that draws it is
 * `src/kinds/<kind>/Card.tsx`. `registry.ts` lists the kinds, `cards.ts` their
 * cards. Nothing outside a kind's module switches on kinds.
 *
 * @example A new kind `barrier`:
 *   src/core/sync.ts           class Barrier (the primitive, with its events)
 *   src/kinds/barrier/index.ts  export const barrierKind: KindModule<Barrier, State, BarrierView> = { … }
 *   src/kinds/barrier/Card.tsx  export function BarrierCard({ view, lanes }: CardProps<BarrierView>) { … }
 *   src/kinds/registry.ts       + barrierKind            src/kinds/cards.ts   + barrier: BarrierCard
 *   tests: src/kinds/barrier/barrier.test.ts (fold) and src/lab/fold.test.ts (fold == memory at rest)
 */
import type { EventKind } from '../core/events';
import type { ObjectInfo, World } from '../core/world';
import type { Dictionary } from '../i18n/define';

/** What every object view carries. `kind` is the tag of the `ObjectView` union. */
export interface ObjectViewBase<K extends string = string> {
  kind: K;
  /** The object id the view is keyed by (events' `obj`; for a pipe, its first direction). */
  id: number;
  /** Every event object id it answers to (a duplex pipe has two). */
  ids: readonly number[];
  name: string;
}

/** What a view may ask of the run besides its own fold state. */
export interface ViewContext {
  /** Pids blocked on object `id`, in pid order; with `op`, only those whose pending op is `op` (a queue's putters vs getters). */
  waiters(id: number, op?: EventKind): number[];
}

/**
 * One kind of shared object.
 * - `Core`: what a scenario's setup returns for it (the core class; a Pipe's `PipeInfo`).
 * - `State`: its fold state, mutated in place by `fold` (the hot path: millions of events a second).
 * - `View`: the immutable picture its card draws, one member of the `ObjectView` union.
 */
export interface KindModule<Core, State, View extends ObjectViewBase, Key extends string = string> {
  readonly kind: View['kind'];
  /**
   * Claim a value found among a scenario's objects: the core object it stands for, or null.
   * Two values may claim the same core (a Pipe's two connections); it is tracked once.
   */
  claim(x: unknown): Core | null;
  /** The event object ids it answers to; the first is the view's `id`. */
  ids(core: Core): readonly number[];
  name(core: Core): string;
  /** Its state before any event, from its configuration (never from memory that ops change: scrubbing folds from here). */
  initial(core: Core): State;
  /**
   * Apply one event on one of its ids. Mutate `s`; allocate nothing on the common path.
   * Lane states (running, blocked, done…) are the process fold's business, not the kind's.
   */
  fold(s: State, pid: number, ev: number, obj: number, arg: number, result: number, payload: string): void;
  /** The view of `s` now. Called once per drawn frame per object, not per event. */
  view(core: Core, s: State, ctx: ViewContext): View;
  /**
   * Who holds it now: the pids a process blocked on it waits for (the wait-for graph's
   * object → holder edges). `[]` for what has no holder (Queue, Event, Condition).
   */
  holders(view: View): readonly number[];
  /** How its ops read in a lane ("enter {obj}"), by event kind; ops not listed read generically. */
  readonly ops: Partial<Record<EventKind, Key>>;
  /** Its user-visible strings (registered with i18n through the registry). */
  readonly strings: Dictionary<Key>;
  /** Plumbing the page does not draw (the console has its own panel, a mailbox carries the learner's clicks). */
  readonly hidden?: boolean;
  /**
   * An object a program created at run time (the Python lab), found in the object table:
   * rebuild its core from the row when the row's tag is this kind's (`world.adopt`), else null.
   * Its configuration (a semaphore's start value…) is read from memory as it is when found.
   * `NOT_READY` when the row is this kind's but its creator has not finished writing what the
   * page needs (a condition's lock id): the page asks again at its next drain.
   */
  adopt?(world: World, row: ObjectInfo): Core | typeof NOT_READY | null;
}

/** What `adopt` answers for a row of its kind whose object is still being built. */
export const NOT_READY = Symbol('not ready');

/** A kind module with its type parameters erased, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = KindModule<any, any, any, any>;

/**
 * A kind with no state and no card (plumbing drawn elsewhere, or not at all):
 * it only claims its objects and names its ops.
 */
export function plumbingKind<Core extends { id: number; info: { name: string } }, Tag extends string, Key extends string>(
  kind: Tag,
  claim: (x: unknown) => Core | null,
  ops: Partial<Record<EventKind, Key>>,
  strings: Dictionary<Key>,
): KindModule<Core, null, ObjectViewBase<Tag>, Key> {
  return {
    kind,
    claim,
    ids: (c) => [c.id],
    name: (c) => c.info.name,
    initial: () => null,
    fold() {},
    view: (c) => ({ kind, id: c.id, ids: [c.id], name: c.info.name }),
    holders: () => [],
    ops,
    strings,
    hidden: true,
  };
}
