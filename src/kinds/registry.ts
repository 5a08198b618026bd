/**
 * Every object kind the app knows, in one list. Adding a kind is one line
 * here (and one in `cards.ts`, which the type checker demands); the rest lives
 * in the kind's own folder. Pure: no React (the Node tests and the fold use it).
 */
import type { Dictionary } from '../i18n/define';
import type { AnyKind } from './types';
import { lockKind } from './lock';
import { rlockKind } from './rlock';
import { semaphoreKind } from './semaphore';
import { eventKind } from './event';
import { conditionKind } from './condition';
import { valueKind } from './value';
import { arrayKind } from './array';
import { queueKind } from './queue';
import { pipeKind } from './pipe';
import { fileKind } from './file';
import { consoleKind } from './console';
import { mailboxKind } from './mailbox';
import { poolKind } from './pool';
import { managerKind } from './manager';

/** The kinds; a value found among a scenario's objects belongs to the first that claims it. */
export const KINDS = [lockKind, rlockKind, semaphoreKind, eventKind, conditionKind, valueKind, arrayKind, queueKind, pipeKind, fileKind, consoleKind, mailboxKind, poolKind, managerKind] as const;

type Kind = (typeof KINDS)[number];

/** The Snapshot's objects: a tagged union of every kind's view (`{ kind, id, ids, name, ...view }`). */
export type ObjectView = ReturnType<Kind['view']>;
export type KindTag = ObjectView['kind'];
/** The view of one kind, by tag. */
export type ViewOf<K extends KindTag> = Extract<ObjectView, { kind: K }>;

type KeysOf<T> = T extends { strings: Dictionary<infer K> } ? K : never;
/** Every kind's string keys (i18n registers them). */
export type KindStringKey = KeysOf<Kind>;
export const kindStrings: readonly Dictionary<KindStringKey>[] = KINDS.map((k) => k.strings as Dictionary<KindStringKey>);

const byTag = new Map<string, AnyKind>(KINDS.map((k) => [k.kind, k]));

/** The kind module of a tag (for code that holds a view and needs its kind's behaviour). */
export function kindOf(tag: KindTag): AnyKind {
  return byTag.get(tag)!;
}

/** One shared object of a run, as the app tracks it: its kind and its core object. */
export interface Tracked {
  kind: AnyKind;
  core: unknown;
  /** The event object ids it answers to (the first is its view id). */
  ids: readonly number[];
}

/**
 * The shared objects of a scenario's setup, each claimed by its kind, in id
 * order. Walks the setup's values and arrays; a core claimed twice (a Pipe's
 * two ends) is tracked once; values no kind claims are ignored.
 */
export function trackObjects(objs: Record<string, unknown>): Tracked[] {
  const seen = new Set<unknown>();
  const out: Tracked[] = [];
  const visit = (v: unknown) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    for (const kind of KINDS as readonly AnyKind[]) {
      const core: unknown = kind.claim(v);
      if (core === null) continue;
      if (!seen.has(core) || core === v) {
        seen.add(core);
        out.push({ kind, core, ids: kind.ids(core) });
      }
      return;
    }
  };
  Object.values(objs).forEach(visit);
  return out.sort((a, b) => a.ids[0]! - b.ids[0]!);
}

/** Who holds `view` now (the wait-for graph's object → holder edges); [] when nobody can. */
export function holdersOf(view: ObjectView): readonly number[] {
  return kindOf(view.kind).holders(view);
}

/** The object answering to event object id `id` (a pipe answers to both directions). */
export function objectWithId(objects: readonly ObjectView[], id: number): ObjectView | undefined {
  return objects.find((o) => o.ids.includes(id));
}
