/**
 * The response headers Lockstep needs, in one place. `vite dev` and
 * `vite preview` send them (vite.config.ts); `public/_headers`,
 * `vercel.json` and `public/coi-sw.js` repeat them for hosts, and a unit
 * test (src/app/deploy.test.ts) checks they say the same thing.
 *
 * - COOP + COEP make the page cross-origin isolated, which SharedArrayBuffer needs;
 *   CORP lets our own resources load under COEP.
 * - The CSP allows nothing but this origin: scripts and workers from self,
 *   WebAssembly compiled from self ('wasm-unsafe-eval': the Python lab runs Pyodide
 *   from our origin), no eval, no inline script or style, no framing.
 */

export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  // The one inline style allowed is an empty <style> element (this is the SHA-256 of ''): motion's
  // AnimatePresence mode="popLayout" creates one and fills it through CSSOM (insertRule), which CSP
  // does not govern. Style attributes set by script (element.style) are CSSOM too.
  "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `vite dev` only: its React Fast Refresh preamble is an inline script, its CSS arrives as
 * inline <style> elements and hot reload talks over a WebSocket. Never deployed.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace(/style-src 'self'[^;]*/, "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws: wss:");

export const SECURITY_HEADERS: Record<string, string> = {
  ...ISOLATION_HEADERS,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
