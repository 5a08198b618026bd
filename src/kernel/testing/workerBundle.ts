/**
 * The unit tests' process threads, bundled once per registry instead of compiled under tsx in every thread.
 *
 * A thread that registers tsx and imports the TypeScript sources costs 330-390 ms of CPU to start (8 threads of
 * src/core/testing/scenarios.ts, load 33); the same code bundled by esbuild starts in 40-49 ms. A test file starts
 * 3-10 threads, so the bundle (built once per file and registry, ~0.1 s) is the cheaper way. The bundle holds the
 * thread's entry (nodeWorker.ts) and the registry with everything they import from src/; packages stay imports.
 */
import { build, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const outDir = join(root, 'node_modules', '.tmp', 'test-workers');

/** Each module's `import.meta.url` stays its own file's (the Python interpreter finds its .py files by it), not the bundle's. */
const ownUrls: Plugin = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.tsx?$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

const built = new Map<string, Promise<string>>();

/** The path of a bundle that serves `registryModule` (a module URL) as src/kernel/testing/nodeWorker.ts does. */
export function workerBundle(registryModule: string): Promise<string> {
  let path = built.get(registryModule);
  if (!path) {
    path = bundle(registryModule);
    built.set(registryModule, path);
  }
  return path;
}

async function bundle(registryModule: string): Promise<string> {
  const worker = fileURLToPath(new URL('./nodeWorker.ts', import.meta.url));
  // The registry first, handed over on globalThis (nodeWorker.ts takes it from there), then the entry.
  const entry = `import * as registry from ${JSON.stringify(fileURLToPath(registryModule))};
globalThis.__lockstepTestRegistry = registry;
await import(${JSON.stringify(worker)});`;
  const out = await build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'test-worker-entry.ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'warning',
    plugins: [ownUrls],
  });
  const code = out.outputFiles[0]!.contents;
  // Named by content: files with the same tests running side by side write the same bytes, and a rename is atomic.
  const file = join(outDir, `${createHash('sha1').update(code).digest('hex')}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return file;
}
