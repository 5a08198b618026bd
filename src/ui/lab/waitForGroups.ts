/**
 * The wait-for graph summarised: with many blocked processes (a thousand
 * clients on one lock), edges that wait for the same thing held by the same
 * processes are drawn as one line ("client-1, client-2, client-3 and 997 more
 * → lock → held by client-9"), and at most MAX_GROUPS_DRAWN lines are drawn.
 */
import type { WaitEdge } from '../../kinds/waitFor';

/** Up to this many edges are drawn one per line, as they are. */
export const MAX_EDGES_DRAWN = 12;
/** Past it, lines of grouped edges; beyond this many, the rest are counted. */
export const MAX_GROUPS_DRAWN = 12;
/** Waiters named in a grouped line; the others are counted. */
export const NAMES_PER_GROUP = 3;

export interface EdgeGroup {
  /** The edges, those on the cycle first: each waits for `edges[0].obj`, held by `edges[0].holders`. */
  edges: WaitEdge[];
  inCycle: boolean;
}

/**
 * Edges grouped by what they wait for and who holds it, in the order of their first edge; groups on the cycle
 * first (the cycle must stay visible). Each group's edges on the cycle come first.
 */
export function groupEdges(edges: readonly WaitEdge[], onCycle: ReadonlySet<number>): EdgeGroup[] {
  const byKey = new Map<string, WaitEdge[]>();
  for (const e of edges) {
    const key = `${e.join ? 'join' : 'obj'}:${e.obj}:${e.holders.join(',')}`;
    const group = byKey.get(key);
    if (group) group.push(e);
    else byKey.set(key, [e]);
  }
  const groups = [...byKey.values()].map((g) => {
    const cyc = g.filter((e) => onCycle.has(e.pid));
    return { edges: cyc.length ? [...cyc, ...g.filter((e) => !onCycle.has(e.pid))] : g, inCycle: cyc.length > 0 };
  });
  return [...groups.filter((g) => g.inCycle), ...groups.filter((g) => !g.inCycle)];
}
