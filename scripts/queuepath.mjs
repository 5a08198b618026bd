// The Queue micro-bench (src/bench/testing/queuePath.ts), bundled first as scripts/hotpath.mjs
// explains. Prints one JSON line; figures on stderr.
// Run: node scripts/queuepath.mjs [--items N] [--samples N] [--count] [--log on|off|both]
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'node_modules', '.tmp', 'queuepath');
await build({
  entryPoints: { queuePath: join(root, 'src/bench/testing/queuePath.ts'), queuePathWorker: join(root, 'src/bench/testing/queuePathWorker.ts') },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir,
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
execFileSync(process.execPath, [join(outdir, 'queuePath.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
