// The hot-path micro-bench (src/bench/testing/hotpath.ts), bundled first as the page's code is:
// under tsx every imported constant (E.kind, S.ringHead, EK.acquire) is read through a module
// getter, which costs more than the code being measured. Prints one JSON line; figures on stderr.
// Run: node scripts/hotpath.mjs [--quick] [--samples N]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'node_modules', '.tmp', 'hotpath');
await build({
  entryPoints: { hotpath: join(root, 'src/bench/testing/hotpath.ts'), hotpathWorker: join(root, 'src/bench/testing/hotpathWorker.ts') },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir,
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
execFileSync(process.execPath, [join(outdir, 'hotpath.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
