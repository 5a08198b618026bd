/**
 * One Pyodide interpreter per worker (a simulated process runs in it), loaded
 * once and reused by every later run: the first run pays for the load, a
 * re-run starts in milliseconds.
 *
 * The first interpreter of a page also makes a memory snapshot (Pyodide's
 * `_makeSnapshot`, after importing what our runner needs); every other worker
 * starts from that snapshot instead of initialising Python again, several
 * times faster (measured under Node on this machine: 3.4 s instead of 28 s
 * while it was heavily loaded).
 *
 * The WebAssembly is compiled once per page (`compilePython`, on the main
 * thread) and the compiled `WebAssembly.Module` is handed to each worker, which
 * only instantiates it: Pyodide's `createPyodideModule` hook lets us replace
 * Emscripten's `instantiateWasm`. The files come from our own origin
 * (`/pyodide/`, see vite.config.ts), never from a CDN.
 *
 * Runs in a browser worker and in a Node worker thread (the unit tests).
 */
import { loadPyodide, type PyodideInterface } from 'pyodide';
import { installPyFiles, PRELOAD, PY_FILES } from './preload';

export type Pyodide = PyodideInterface;

export interface InterpreterOptions {
  /** Where pyodide.asm.mjs, python_stdlib.zip and pyodide-lock.json are served (ends with '/'). */
  indexURL: string;
  /** The compiled pyodide.asm.wasm, when the page compiled it already. */
  wasm?: WebAssembly.Module;
  /** A memory snapshot made by another worker's interpreter: start from it. */
  snapshot?: Uint8Array;
  /** Make a snapshot after loading (the page's first interpreter), for `madeSnapshot`. */
  makeSnapshot?: boolean;
}


/** Our Python files, served beside the bundle. */
const PY_URLS: Record<(typeof PY_FILES)[number], URL> = {
  'multiprocessing/__init__.py': new URL('./py/multiprocessing/__init__.py', import.meta.url),
  'multiprocessing/pool.py': new URL('./py/multiprocessing/pool.py', import.meta.url),
  'multiprocessing/managers.py': new URL('./py/multiprocessing/managers.py', import.meta.url),
  'lockstep_runner.py': new URL('./py/lockstep_runner.py', import.meta.url),
};

const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

interface NodeFs {
  readFile(path: URL | string, encoding: 'utf8'): Promise<string>;
  readFile(path: URL | string): Promise<Uint8Array<ArrayBuffer>>;
}
/** node:fs/promises, only ever loaded under Node (the specifier is kept from the browser bundle). */
function nodeFs(): Promise<NodeFs> {
  const specifier = 'node:fs/promises';
  return import(/* @vite-ignore */ specifier) as Promise<NodeFs>;
}

async function readText(url: URL): Promise<string> {
  if (url.protocol === 'file:') return (await nodeFs()).readFile(url, 'utf8');
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url.pathname}: HTTP ${r.status}`);
  return r.text();
}

/** The pyodide package folder under Node (tests, bench). */
export function nodeIndexURL(): string {
  return new URL('../../node_modules/pyodide/', import.meta.url).pathname;
}

/** Compile pyodide.asm.wasm once (the page does this, then hands the module to every worker). */
export async function compilePython(indexURL: string): Promise<WebAssembly.Module> {
  if (indexURL.startsWith('/') && isNode) return WebAssembly.compile(await (await nodeFs()).readFile(`${indexURL}pyodide.asm.wasm`));
  return WebAssembly.compileStreaming(fetch(`${indexURL}pyodide.asm.wasm`));
}

/** Emscripten's instantiateWasm hook, fed with an already compiled module. */
function instantiateFrom(module: WebAssembly.Module) {
  // Pyodide's own hook adds these two imports (a faster wasm variant when it can); this is its portable form.
  const marker = Symbol('error marker');
  return (imports: { env: Record<string, unknown> }, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
    imports.env.Jsv_GetError_import = () => marker;
    imports.env.JsvError_Check = (x: unknown) => x === marker;
    void WebAssembly.instantiate(module, imports as WebAssembly.Imports).then((instance) => done(instance, module));
    return {};
  };
}

let options: InterpreterOptions | null = null;
let loading: Promise<Pyodide> | null = null;
let ready: Pyodide | null = null;
/** How long the load took (ms), for the benchmark. */
export let loadMs = 0;

/** Where to load from; call before the first `interpreter()` (a later call only adds a compiled module). */
export function configurePython(opts: InterpreterOptions): void {
  options = { ...options, ...opts, wasm: opts.wasm ?? options?.wasm, snapshot: opts.snapshot ?? options?.snapshot };
}

let snapshot: Uint8Array | null = null;

/** The snapshot this worker's interpreter made (once, when asked to), for the other workers. */
export function madeSnapshot(): Uint8Array | null {
  return snapshot;
}

/** The loaded interpreter, or null while it is not (yet) loaded. */
export function loadedInterpreter(): Pyodide | null {
  return ready;
}

/** Load (once) and return this worker's interpreter. */
export function interpreter(): Promise<Pyodide> {
  loading ??= load().then(
    (py) => (ready = py),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

async function load(): Promise<Pyodide> {
  const t0 = performance.now();
  const opts = options ?? { indexURL: isNode ? nodeIndexURL() : new URL('/pyodide/', location.origin).href };
  const wasm = opts.wasm;
  const py = await loadPyodide({
    indexURL: opts.indexURL,
    checkAPIVersion: true,
    // A copy: the page shares one snapshot in shared memory, and Pyodide reads it with a TextDecoder, which refuses shared views.
    ...(opts.snapshot ? { _loadSnapshot: opts.snapshot.slice() } : opts.makeSnapshot ? { _makeSnapshot: true } : {}),
    // Swap in our instantiation when the page compiled the module already; otherwise Pyodide's own.
    createPyodideModule: async (settings) => {
      if (wasm) (settings as unknown as { instantiateWasm: unknown }).instantiateWasm = instantiateFrom(wasm);
      const url = isNode && opts.indexURL.startsWith('/') ? `file://${opts.indexURL}pyodide.asm.mjs` : `${opts.indexURL}pyodide.asm.mjs`;
      const mod = (await import(/* @vite-ignore */ url)) as { default: (s: unknown) => Promise<unknown> };
      return mod.default(settings) as never;
    },
  });
  // The files live in Emscripten's JS-side file system, not in the snapshot: written by every interpreter.
  const sources = Object.fromEntries(await Promise.all(PY_FILES.map(async (name) => [name, await readText(PY_URLS[name])] as const)));
  installPyFiles(py, sources as Record<(typeof PY_FILES)[number], string>);
  if (opts.makeSnapshot && !opts.snapshot) {
    py.runPython(PRELOAD);
    snapshot = py.makeMemorySnapshot();
  }
  loadMs = performance.now() - t0;
  return py;
}
