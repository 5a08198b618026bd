import { describe, expect, it } from 'vitest';
import { treeOf, treeRows } from './treeRows';

const p = (pid: number, ppid: number) => ({ pid, ppid });

describe('treeRows', () => {
  it('lists each process after its parent, children in list order, with their depth', () => {
    const procs = [p(0, 0), p(1, 0), p(2, 0), p(3, 1), p(4, 3), p(5, 2)];
    expect(treeRows(procs).map((r) => [r.proc.pid, r.depth])).toEqual([
      [0, 0],
      [1, 1],
      [3, 2],
      [4, 3],
      [2, 1],
      [5, 2],
    ]);
  });

  it('makes a root of a process whose parent is not listed', () => {
    expect(treeOf([p(7, 3), p(8, 7)]).roots.map((r) => r.pid)).toEqual([7]);
    expect(treeRows([p(7, 3), p(8, 7)]).map((r) => r.depth)).toEqual([0, 1]);
  });

  it('keeps every process of a flat thousand and of a deep chain (no recursion limit)', () => {
    const flat = [p(0, 0), ...Array.from({ length: 1000 }, (_, i) => p(i + 1, 0))];
    expect(treeRows(flat)).toHaveLength(1001);
    const chain = [p(0, 0), ...Array.from({ length: 20_000 }, (_, i) => p(i + 1, i))];
    const rows = treeRows(chain);
    expect(rows).toHaveLength(20_001);
    expect(rows.at(-1)).toEqual({ proc: p(20_000, 19_999), depth: 20_000 });
  });
});
