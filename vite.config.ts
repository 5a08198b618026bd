import type { ServerResponse } from 'node:http';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { DEV_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers.ts';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { installPyFiles, PRELOAD, PY_FILES, SNAPSHOT_FILE } from './src/python/preload.ts';

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
 * An interpreter's memory snapshot, made once under Node with the very
 * pyodide.asm.wasm the page loads (it holds no reference to a JS object, so
 * it loads in a browser worker as well): every worker of a cold page starts
 * from it (~0.7 s) instead of initialising Python from scratch (5–10 s).
 * Stored gzipped (see SNAPSHOT_FILE).
 * Cached in node_modules/.cache by Pyodide's version, the preload and our Python files
 * (the snapshot holds them compiled and imported, see src/python/preload.ts).
 */
let snapshotMade: Promise<string> | null = null;
function pythonSnapshot(): Promise<string> {
  snapshotMade ??= (async () => {
    const { version } = JSON.parse(readFileSync(PYODIDE_DIR + 'package.json', 'utf8')) as { version: string };
    const sources = Object.fromEntries(PY_FILES.map((name) => [name, readFileSync(new URL(`./src/python/py/${name}`, import.meta.url), 'utf8')])) as Record<(typeof PY_FILES)[number], string>;
    const key = createHash('sha256').update(JSON.stringify([version, PRELOAD, sources])).digest('hex').slice(0, 16);
    const dir = fileURLToPath(new URL('./node_modules/.cache/lockstep/', import.meta.url));
    // Gzipped here once (SNAPSHOT_FILE, preload.ts), not by the server at every request.
    const file = `${dir}pyodide-${key}.snapshot.gz`;
    if (existsSync(file)) return file;
    const { loadPyodide } = (await import(/* @vite-ignore */ `${PYODIDE_DIR}pyodide.mjs`)) as typeof import('pyodide');
    const py = await loadPyodide({ indexURL: PYODIDE_DIR, _makeSnapshot: true } as Parameters<typeof loadPyodide>[0]);
    installPyFiles(py, sources);
    py.runPython(PRELOAD);
    mkdirSync(dir, { recursive: true });
    // Whole or not at all: parallel builds share the cache, so each writes its own temporary file (one
    // shared name let a second build truncate and rewrite the file the first had just renamed into place).
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, gzipSync(py.makeMemorySnapshot()));
    renameSync(tmp, file);
    return file;
  })();
  return snapshotMade;
}

/**
 * Pyodide from our own origin (never a CDN): served at /pyodide/ by the dev
 * server and copied into the build, straight from the npm package, with the
 * snapshot above.
 */
function pyodideFromOurOrigin(): Plugin {
  const send = (res: ServerResponse, path: string, type: string) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', statSync(path).size);
    for (const [k, v] of Object.entries(headers(true))) res.setHeader(k, v);
    createReadStream(path).pipe(res);
  };
  return {
    name: 'lockstep-pyodide',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.match(/^\/pyodide\/([^?]+)/)?.[1];
        if (name === SNAPSHOT_FILE) {
          pythonSnapshot().then((path) => send(res, path, 'application/gzip'), next);
          return;
        }
        if (!name || !PYODIDE_FILES.includes(name)) return next();
        send(res, PYODIDE_DIR + name, MIME[name.split('.').pop()!] ?? 'application/octet-stream');
      });
    },
    async generateBundle() {
      for (const name of PYODIDE_FILES) this.emitFile({ type: 'asset', fileName: `pyodide/${name}`, source: readFileSync(PYODIDE_DIR + name) });
      this.emitFile({ type: 'asset', fileName: `pyodide/${SNAPSHOT_FILE}`, source: readFileSync(await pythonSnapshot()) });
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
  worker: {
    format: 'es',
    // A process worker imports its scenario's chunk on demand (src/scenarios/catalogue.ts). Every module a worker
    // fetches costs it a request and a module record of its own, so the code shared by the scenarios (the runtime,
    // the kernel's worker side, the scenarios' helpers) is one chunk, not the six a default split made:
    // a worker loads 3 modules (measured: 14.8 vs 16.4 ms of CPU per worker start, docs/ARCHITECTURE.md).
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'process-core', test: /src[\\/](core|kernel|kinds|i18n|scenarios[\\/](common|challenges|result|types)\.ts)|node_modules[\\/]comlink/ }] } } },
  },
  build: { target: 'es2022', sourcemap: true },
});
