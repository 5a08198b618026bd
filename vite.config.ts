import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * SharedArrayBuffer needs cross-origin isolation. These headers go on every
 * response (the page, module workers, assets) in `vite dev` and `vite preview`.
 * Set LOCKSTEP_NO_ISOLATION=1 to serve without them (used by the e2e test of
 * the "not isolated" page).
 */
const isolationHeaders: Record<string, string> =
  process.env.LOCKSTEP_NO_ISOLATION === '1'
    ? {}
    : {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
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
        for (const [k, v] of Object.entries(isolationHeaders)) res.setHeader(k, v);
        createReadStream(path).pipe(res);
      });
    },
    generateBundle() {
      for (const name of PYODIDE_FILES) this.emitFile({ type: 'asset', fileName: `pyodide/${name}`, source: readFileSync(PYODIDE_DIR + name) });
    },
  };
}

export default defineConfig({
  plugins: [react(), pyodideFromOurOrigin()],
  // The loader is imported as is; its files come from /pyodide/ (above).
  optimizeDeps: { exclude: ['pyodide'] },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
