import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { DEV_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers.ts';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

/** What the Python lab loads from /pyodide/: the interpreter, its WebAssembly, the standard library, the lock file. */
const PYODIDE_FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];
const PYODIDE_DIR = fileURLToPath(new URL('./node_modules/pyodide/', import.meta.url));
const MIME: Record<string, string> = { mjs: 'text/javascript', wasm: 'application/wasm', zip: 'application/zip', json: 'application/json' };

/**
 * Pyodide from our own origin (never a CDN): served at /pyodide/ by the dev
 * server and copied into the build, straight from the npm package.
 */
function pyodideFromOurOrigin(): Plugin {
  return {
    name: 'lockstep-pyodide',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.match(/^\/pyodide\/([^?]+)/)?.[1];
        if (!name || !PYODIDE_FILES.includes(name)) return next();
        const path = PYODIDE_DIR + name;
        res.setHeader('Content-Type', MIME[name.split('.').pop()!] ?? 'application/octet-stream');
        res.setHeader('Content-Length', statSync(path).size);
        for (const [k, v] of Object.entries(headers(true))) res.setHeader(k, v);
        createReadStream(path).pipe(res);
      });
    },
    generateBundle() {
      for (const name of PYODIDE_FILES) this.emitFile({ type: 'asset', fileName: `pyodide/${name}`, source: readFileSync(PYODIDE_DIR + name) });
    },
  };
}

export default defineConfig({
  base: process.env.LOCKSTEP_BASE ?? '/',
  define: { __LOCKSTEP_COI_SW__: JSON.stringify(process.env.LOCKSTEP_COI_SW === '1') },
  plugins: [react(), pyodideFromOurOrigin()],
  // The loader is imported as is; its files come from /pyodide/ (above).
  optimizeDeps: { exclude: ['pyodide'] },
  server: { headers: headers(true) },
  preview: { headers: headers(false) },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
