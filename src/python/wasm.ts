/// <reference types="vite/client" />
import { SNAPSHOT_FILE } from './preload';
/**
 * The page's side of loading Python: where Pyodide's files are served (our
 * own origin, see vite.config.ts) and the one compile of its WebAssembly per
 * page, handed to every process worker (compiling 9.6 MB in each of eight
 * workers at once is what made a cold start take 15 s).
 */

/** Absolute URL of the folder holding pyodide.asm.mjs, .wasm and python_stdlib.zip. */
export function pyodideIndexURL(): string {
  return new URL(`${import.meta.env.BASE_URL}pyodide/`, location.href).href;
}

let compiled: Promise<WebAssembly.Module> | null = null;

/** Compile pyodide.asm.wasm once per page (streaming, while it downloads). */
export function compiledPython(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compileStreaming(fetch(`${pyodideIndexURL()}pyodide.asm.wasm`)).catch((e: unknown) => {
    compiled = null;
    throw e;
  });
  return compiled;
}

let prebuilt: Promise<Uint8Array | null> | null = null;

/**
 * The interpreter snapshot the build made (vite.config.ts), fetched once per
 * page into shared memory (one copy, read by every worker that starts from
 * it); null when this server has none (the page then makes one itself).
 */
export function prebuiltSnapshot(): Promise<Uint8Array | null> {
  prebuilt ??= fetch(`${pyodideIndexURL()}${SNAPSHOT_FILE}`)
    .then(async (r) => {
      if (!r.ok) return null;
      const bytes = await gunzipped(new Uint8Array(await r.arrayBuffer()));
      const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
      shared.set(bytes);
      return shared;
    })
    .catch(() => null);
  return prebuilt;
}

/**
 * The snapshot's bytes from the file (SNAPSHOT_FILE is gzipped). A host that labels `.gz` files
 * `Content-Encoding: gzip` has the browser inflate them already: bytes without gzip's magic number
 * are taken as they are (a snapshot starts with Pyodide's own header, never 1f 8b).
 */
export async function gunzipped(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}
