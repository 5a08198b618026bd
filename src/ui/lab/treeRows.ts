/**
 * The process tree as rows: each process after its parent, children in the
 * order they appear, with its depth. A tree too big to draw whole is drawn
 * from these rows, only those in view (ProcessTree, virtual).
 */
export interface TreeProc {
  pid: number;
  ppid: number;
}

export interface TreeRow<P extends TreeProc> {
  proc: P;
  /** 0 for a root (a process whose parent is not in the list, or itself). */
  depth: number;
}

/** Roots and each parent's children, in list order. */
export function treeOf<P extends TreeProc>(procs: readonly P[]): { roots: P[]; byParent: Map<number, P[]> } {
  const pids = new Set(procs.map((p) => p.pid));
  const byParent = new Map<number, P[]>();
  const roots: P[] = [];
  for (const p of procs) {
    if (!pids.has(p.ppid) || p.ppid === p.pid) roots.push(p);
    else {
      const kids = byParent.get(p.ppid);
      if (kids) kids.push(p);
      else byParent.set(p.ppid, [p]);
    }
  }
  return { roots, byParent };
}

/** Depth-first, parent before children: the order the nested tree shows them in. */
export function treeRows<P extends TreeProc>(procs: readonly P[]): TreeRow<P>[] {
  const { roots, byParent } = treeOf(procs);
  const rows: TreeRow<P>[] = [];
  const seen = new Set<number>();
  // An explicit stack: a chain of a thousand nested processes must not overflow the call stack.
  const stack: TreeRow<P>[] = roots.map((proc) => ({ proc, depth: 0 })).reverse();
  while (stack.length) {
    const row = stack.pop()!;
    if (seen.has(row.proc.pid)) continue;
    seen.add(row.proc.pid);
    rows.push(row);
    const kids = byParent.get(row.proc.pid) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ proc: kids[i]!, depth: row.depth + 1 });
  }
  return rows;
}
