#!/usr/bin/env node
// Run a few npm scripts at the same time and fail if any fails: `node scripts/side-by-side.mjs typecheck lint`.
//
// `npm test` runs the typecheck and the lint this way: each is one thread (tsc -b, eslint .), so on two
// cores they take the time of the longer one instead of the sum. Each script's output is printed as one
// block when it ends, under its name, so the two never interleave.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('usage: node scripts/side-by-side.mjs <npm script>...');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Run `npm run <name>`, keeping its output; resolves with its exit code and output. */
function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(npm, ['run', name], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const out = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => out.push(b));
    child.on('error', (e) => out.push(Buffer.from(`${e.message}\n`)));
    child.on('close', (code, signal) => {
      const status = code === 0 ? 'ok' : `failed (${code ?? signal})`;
      const text = Buffer.concat(out).toString();
      process.stdout.write(`\n> ${name}: ${status} in ${((Date.now() - started) / 1000).toFixed(1)} s\n${text}`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(names.map(run));
if (results.some((ok) => !ok)) {
  console.error(`\nfailed: ${names.filter((_, i) => !results[i]).join(', ')}`);
  process.exit(1);
}
