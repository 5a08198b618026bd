import { describe, expect, it } from 'vitest';
import type { WaitEdge } from '../../kinds/waitFor';
import { groupEdges } from './waitForGroups';

const edge = (pid: number, obj: number, holders: number[], join = false): WaitEdge => ({ pid, obj, objName: `o${obj}`, join, holders });

describe('groupEdges', () => {
  it('puts edges waiting for the same object held by the same processes in one group, in first-seen order', () => {
    const edges = [edge(1, 10, [9]), edge(2, 11, []), edge(3, 10, [9]), edge(4, 10, [8]), edge(5, 11, [])];
    const groups = groupEdges(edges, new Set());
    expect(groups.map((g) => g.edges.map((e) => e.pid))).toEqual([[1, 3], [2, 5], [4]]);
    expect(groups.every((g) => !g.inCycle)).toBe(true);
  });

  it('keeps a join apart from an object with the same id, and a thousand waiters in one group', () => {
    const many = Array.from({ length: 1000 }, (_, i) => edge(i + 2, 10, [1]));
    const groups = groupEdges([...many, edge(0, 10, [1], true)], new Set());
    expect(groups).toHaveLength(2);
    expect(groups[0]!.edges).toHaveLength(1000);
  });

  it('puts the groups on the cycle first, and the cycle’s edges first in their group', () => {
    const edges = [edge(5, 20, [7]), edge(1, 10, [2]), edge(3, 10, [2]), edge(2, 11, [1])];
    const groups = groupEdges(edges, new Set([3, 2]));
    expect(groups.map((g) => [g.inCycle, g.edges.map((e) => e.pid)])).toEqual([
      [true, [3, 1]],
      [true, [2]],
      [false, [5]],
    ]);
  });
});
