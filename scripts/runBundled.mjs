// Run a micro-bench of src/bench/testing/ (its main and its worker) bundled first, as the page's code is:
// under tsx every imported constant (E.kind, S.ringHead, EK.acquire) is read through a module
// getter, which costs more than the code being measured. The command line is passed on.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundle src/bench/testing/<main>.ts and <worker>.ts into node_modules/.tmp/<main>/ and run <main>. */
export async function runBundled(main, worker) {
  const outdir = join(root, 'node_modules', '.tmp', main);
  const testing = join(root, 'src/bench/testing');
  await build({
    entryPoints: { [main]: join(testing, `${main}.ts`), [worker]: join(testing, `${worker}.ts`) },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  execFileSync(process.execPath, [join(outdir, `${main}.mjs`), ...process.argv.slice(2)], { stdio: 'inherit' });
}
