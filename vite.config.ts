import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { DEV_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers.ts';

/**
 * Every response of `vite dev` and `vite preview` (the page, module workers,
 * assets) carries the security headers (security-headers.ts): cross-origin
 * isolation, which SharedArrayBuffer needs, and a Content-Security-Policy.
 *
 * - LOCKSTEP_NO_ISOLATION=1 serves without the isolation headers (the e2e test
 *   of the "not isolated" page, and the service-worker test).
 * - LOCKSTEP_BASE=/lockstep/ builds for a sub-path (GitHub Pages project sites).
 * - LOCKSTEP_COI_SW=1 builds the fallback for hosts that cannot send headers:
 *   the page registers public/coi-sw.js, which adds them (docs/DEPLOY.md).
 */
const noIsolation = process.env.LOCKSTEP_NO_ISOLATION === '1';
const headers = (dev: boolean): Record<string, string> => {
  const all: Record<string, string> = { ...SECURITY_HEADERS };
  if (dev) all['Content-Security-Policy'] = DEV_CONTENT_SECURITY_POLICY;
  if (noIsolation) for (const k of ['Cross-Origin-Opener-Policy', 'Cross-Origin-Embedder-Policy', 'Cross-Origin-Resource-Policy']) delete all[k];
  return all;
};

export default defineConfig({
  base: process.env.LOCKSTEP_BASE ?? '/',
  define: { __LOCKSTEP_COI_SW__: JSON.stringify(process.env.LOCKSTEP_COI_SW === '1') },
  plugins: [react()],
  server: { headers: headers(true) },
  preview: { headers: headers(false) },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
