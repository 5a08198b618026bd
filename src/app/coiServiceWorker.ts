/**
 * For hosts that cannot send headers (GitHub Pages): register public/coi-sw.js,
 * which re-serves this origin's responses with the isolation and CSP headers,
 * and reload once so the page comes through it. Only builds made with
 * LOCKSTEP_COI_SW=1 do this (docs/DEPLOY.md); a host that sends the headers
 * needs none of it.
 */
const RELOADED = 'lockstep.coi-sw.reloaded';

/** Resolves true when the page is about to reload through the service worker (do not start the app). */
export async function isolateThroughServiceWorker(): Promise<boolean> {
  if (window.crossOriginIsolated || !window.isSecureContext || !('serviceWorker' in navigator)) {
    sessionStorage.removeItem(RELOADED);
    return false;
  }
  const base = import.meta.env.BASE_URL;
  try {
    await navigator.serviceWorker.register(`${base}coi-sw.js`, { scope: base });
  } catch {
    return false; // e.g. service workers disabled: the page explains what is missing
  }
  // Reloaded once already and still not isolated: the worker cannot help here; do not loop.
  if (sessionStorage.getItem(RELOADED) === '1') return false;
  await navigator.serviceWorker.ready;
  sessionStorage.setItem(RELOADED, '1');
  window.location.reload();
  return true;
}
