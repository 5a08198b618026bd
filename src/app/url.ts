/**
 * Reading and writing the page's query string. Labs write their settings with
 * `replaceUrlParams` so the address bar always reproduces what is on screen;
 * a change of page (scenario, lab) uses `pushUrlParams` so Back returns to it.
 */
export function currentQuery(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/** `?a=1&b=2`, with `:` and `,` kept readable (legal in a query) so `jobs=A:0:3,B:1:2` links stay legible; '' for no query. */
export function searchString(q: URLSearchParams): string {
  const s = q.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  return s ? `?${s}` : '';
}

function withParams(values: Record<string, string | null>, keepOnly?: readonly string[]): string {
  const q = currentQuery();
  if (keepOnly) for (const k of [...q.keys()]) if (!keepOnly.includes(k)) q.delete(k);
  for (const [k, v] of Object.entries(values)) {
    if (v === null) q.delete(k);
    else q.set(k, v);
  }
  return searchString(q) || window.location.pathname;
}

/** Set (or, with null, delete) query parameters without adding history entries. */
export function replaceUrlParams(values: Record<string, string | null>, keepOnly?: readonly string[]): void {
  window.history.replaceState(null, '', withParams(values, keepOnly));
}

/** The same, as a new history entry (Back returns to the previous URL). */
export function pushUrlParams(values: Record<string, string | null>, keepOnly?: readonly string[]): void {
  const next = withParams(values, keepOnly);
  if (next !== (window.location.search || window.location.pathname)) window.history.pushState(null, '', next);
}

/** Make `q` the page's query string (no history entry). */
export function replaceQuery(q: URLSearchParams): void {
  window.history.replaceState(null, '', searchString(q) || window.location.pathname);
}
