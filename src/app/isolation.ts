/** What the page lacks to run real workers on shared memory, or [] when nothing. */
export function missingIsolation(g: { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown; Atomics?: unknown } = globalThis): string[] {
  const missing: string[] = [];
  if (!g.crossOriginIsolated) missing.push('crossOriginIsolated');
  if (typeof g.SharedArrayBuffer !== 'function') missing.push('SharedArrayBuffer');
  if (typeof g.Atomics !== 'object') missing.push('Atomics');
  return missing;
}
