/**
 * Reading and writing the page's query string. Labs write their settings with
 * `replaceUrlParams` so the address bar always reproduces what is on screen.
 */
export function currentQuery(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/** Set (or, with null, delete) query parameters without adding history entries. */
export function replaceUrlParams(values: Record<string, string | null>, keepOnly?: readonly string[]): void {
  const q = currentQuery();
  if (keepOnly) for (const k of [...q.keys()]) if (!keepOnly.includes(k)) q.delete(k);
  for (const [k, v] of Object.entries(values)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  replaceQuery(q);
}

/** Make `q` the page's query string (no history entry). */
export function replaceQuery(q: URLSearchParams): void {
  // `:` and `,` are legal in a query; keeping them readable makes `jobs=A:0:3,B:1:2` links legible.
  const s = q.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  window.history.replaceState(null, '', s ? `?${s}` : window.location.pathname);
}
