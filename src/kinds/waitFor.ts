/**
 * The wait-for graph: an edge from each blocked process to what it waits for
 * (an object, or a child it joins) and from there to that object's holders
 * (each kind's `holders()`). A cycle among processes is a deadlock; a holder
 * that has ended can never release, so whoever waits on it waits forever.
 *
 * Pure: the page builds it from a Snapshot (lanes + object views), a judge from
 * a RunResult (procs + its own objects' owners). The sentences are Python-side
 * names only ("Process-1 holds lock_a and waits for lock_b"), in both languages.
 *
 * @example
 *   const g = waitForGraph(procs, [{ id: 0, ids: [0], name: 'lock_a', holders: [1] }, …]);
 *   if (g.cycle) explanation = deadlockSentence(g);
 */
import { pidLabel } from '../core/pid';
import { PROCESS_OBJ_BASE } from '../core/layout';
import type { Lang } from '../i18n/i18n';

type Localized = Record<Lang, string>;

/** A process as the graph needs it (a lane or a judge's ProcSummary fits). */
export interface GraphProc {
  pid: number;
  name: string;
  /** Lane/process state name: 'blocked', 'done', 'terminated'… */
  state: string;
  /** Object id it is blocked on (PROCESS_OBJ_BASE + pid for a join), or -1. */
  blockedOn: number;
}

/** A shared object and who holds it now. */
export interface GraphObject {
  id: number;
  ids: readonly number[];
  name: string;
  holders: readonly number[];
}

/** One blocked process: what it waits for and who holds that. */
export interface WaitEdge {
  pid: number;
  /** The object id it waits on (or PROCESS_OBJ_BASE + pid of the child it joins). */
  obj: number;
  /** `lock_a`, or `Process-2` for a join. */
  objName: string;
  join: boolean;
  holders: number[];
}

export interface WaitForGraph {
  edges: WaitEdge[];
  /** Pids around one cycle, each waiting for the next (the last for the first); null when there is none. */
  cycle: number[] | null;
  /** Edges whose every holder has ended: blocked forever. */
  orphaned: WaitEdge[];
  names: Map<number, string>;
  ended: Set<number>;
}

const ENDED = new Set(['done', 'terminated']);

export function waitForGraph(procs: readonly GraphProc[], objects: readonly GraphObject[]): WaitForGraph {
  const names = new Map(procs.map((p) => [p.pid, p.name]));
  const ended = new Set(procs.filter((p) => ENDED.has(p.state)).map((p) => p.pid));
  const edges: WaitEdge[] = [];
  // Per object once, not per waiter: a thousand clients may wait on one lock, every frame.
  const byId = new Map<number, { o: GraphObject; holders: number[] }>();
  for (const o of objects) {
    const entry = { o, holders: [...new Set(o.holders)] };
    for (const id of o.ids) if (!byId.has(id)) byId.set(id, entry);
  }
  for (const p of procs) {
    if (p.state !== 'blocked' || p.blockedOn < 0) continue;
    if (p.blockedOn >= PROCESS_OBJ_BASE) {
      const child = p.blockedOn - PROCESS_OBJ_BASE;
      edges.push({ pid: p.pid, obj: p.blockedOn, objName: names.get(child) ?? pidLabel(child), join: true, holders: [child] });
      continue;
    }
    const o = byId.get(p.blockedOn);
    edges.push({ pid: p.pid, obj: p.blockedOn, objName: o?.o.name ?? `object ${p.blockedOn}`, join: false, holders: o ? o.holders : [] });
  }
  const byPid = new Map(edges.map((e) => [e.pid, e]));
  const orphaned = edges.filter((e) => !e.join && e.holders.length > 0 && e.holders.every((h) => ended.has(h)));
  return { edges, cycle: findCycle(byPid), orphaned, names, ended };
}

/** The first cycle found walking from each blocked process in pid order (a self-loop counts). */
function findCycle(byPid: Map<number, WaitEdge>): number[] | null {
  const done = new Set<number>();
  for (const start of [...byPid.keys()].sort((a, b) => a - b)) {
    if (done.has(start)) continue;
    const stack: number[] = [];
    const onStack = new Set<number>();
    const visit = (pid: number): number[] | null => {
      if (onStack.has(pid)) return stack.slice(stack.indexOf(pid));
      if (done.has(pid)) return null;
      const e = byPid.get(pid);
      if (!e) return null;
      stack.push(pid);
      onStack.add(pid);
      for (const h of e.holders) {
        const c = visit(h);
        if (c) return c;
      }
      stack.pop();
      onStack.delete(pid);
      done.add(pid);
      return null;
    };
    const c = visit(start);
    if (c) return c;
  }
  return null;
}

/**
 * "Process-1 holds lock_a and waits for lock_b; Process-2 holds lock_b and waits for lock_a":
 * each process of the cycle, what the one before it waits for (that it holds), and what it waits for.
 */
export function cycleSentence(g: WaitForGraph): Localized | null {
  const cycle = g.cycle;
  if (!cycle) return null;
  const edge = (pid: number) => g.edges.find((e) => e.pid === pid)!;
  const en: string[] = [];
  const zh: string[] = [];
  cycle.forEach((pid, i) => {
    const name = g.names.get(pid) ?? pidLabel(pid);
    const mine = edge(pid);
    const before = edge(cycle[(i - 1 + cycle.length) % cycle.length]!);
    const waitsEn = mine.join ? `waits for ${mine.objName} to end` : `waits for ${mine.objName}`;
    const waitsZh = mine.join ? `等待 ${mine.objName} 结束` : `等待 ${mine.objName}`;
    if (before.join) {
      en.push(`${name} ${waitsEn}`);
      zh.push(`${name} ${waitsZh}`);
    } else {
      en.push(`${name} holds ${before.objName} and ${waitsEn}`);
      zh.push(`${name} 持有 ${before.objName}，${waitsZh}`);
    }
  });
  return { en: en.join('; '), zh: zh.join('；') };
}

/** Up to this many processes blocked forever get a sentence each; past it, one per (object, holders), as the graph's lines. */
export const ORPHANS_ONE_BY_ONE = 12;
/** Sentences for groups of them at most; the processes of the other groups are counted. */
export const ORPHAN_GROUPS_SAID = 12;
/** Processes named in a group's sentence; the others are counted. */
export const NAMES_PER_ORPHAN_GROUP = 3;

/** "a, b, c" or, past `shown`, "a, b, c and 997 more" / "a, b, c 和另外 997 个进程". */
export function namesCounted(names: readonly string[], shown: number): Localized {
  const list = names.slice(0, shown).join(', ');
  const more = names.length - shown;
  return more > 0 ? { en: `${list} and ${more} more`, zh: `${list} 和另外 ${more} 个进程` } : { en: list, zh: list };
}

/**
 * "Process-2 is blocked forever on lock: its holder Process-1 was terminated and will never release it."
 * One sentence per blocked process up to ORPHANS_ONE_BY_ONE; past it (a thousand clients behind a
 * terminated holder) one per object and holders, three waiters named and the rest counted.
 */
export function orphanSentence(g: WaitForGraph, states: ReadonlyMap<number, string>): Localized | null {
  if (g.orphaned.length === 0) return null;
  const name = (pid: number) => g.names.get(pid) ?? pidLabel(pid);
  const en: string[] = [];
  const zh: string[] = [];
  const say = (waiters: readonly WaitEdge[], shown: number) => {
    const e = waiters[0]!;
    const who = namesCounted(waiters.map((w) => name(w.pid)), shown);
    const holders = namesCounted(e.holders.map(name), NAMES_PER_ORPHAN_GROUP);
    const killed = e.holders.some((h) => states.get(h) === 'terminated');
    en.push(`${who.en} ${waiters.length > 1 ? 'are' : 'is'} blocked forever on ${e.objName}: its holder ${holders.en} ${killed ? 'was terminated' : 'has ended'} and will never release it`);
    zh.push(`${who.zh} 永远阻塞在 ${e.objName} 上：持有者 ${holders.zh} ${killed ? '已被终止' : '已经结束'}，再也不会释放它`);
  };
  if (g.orphaned.length <= ORPHANS_ONE_BY_ONE) {
    for (const e of g.orphaned) say([e], 1);
    return { en: en.join('; '), zh: zh.join('；') };
  }
  const groups = new Map<string, WaitEdge[]>();
  for (const e of g.orphaned) {
    const key = `${e.obj}:${e.holders.join(',')}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const all = [...groups.values()];
  for (const group of all.slice(0, ORPHAN_GROUPS_SAID)) say(group, NAMES_PER_ORPHAN_GROUP);
  const rest = all.slice(ORPHAN_GROUPS_SAID).reduce((n, group) => n + group.length, 0);
  if (rest > 0) {
    en.push(`${rest} more ${rest > 1 ? 'processes are' : 'process is'} blocked forever on what ended processes held`);
    zh.push(`另有 ${rest} 个进程永远阻塞在已结束进程持有的对象上`);
  }
  return { en: en.join('; '), zh: zh.join('；') };
}

/** The one sentence that explains why nobody moves, when the graph can tell: the cycle first, else a dead holder. */
export function stuckSentence(procs: readonly GraphProc[], objects: readonly GraphObject[]): Localized | null {
  const g = waitForGraph(procs, objects);
  return cycleSentence(g) ?? orphanSentence(g, new Map(procs.map((p) => [p.pid, p.state])));
}
