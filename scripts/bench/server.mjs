// `vite preview` of dist-bench/ (the app plus bench.html) with the cross-origin isolation headers.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './context.mjs';

/** `dir`: the tree whose dist-bench/ is served (an A/B script serves two). */
export async function startServer({ port, base, dir = root }) {
  const vite = join(dir, 'node_modules', '.bin', 'vite');
  const child = spawn(vite, ['preview', '-c', 'vite.bench.config.ts', '--port', String(port), '--strictPort'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}):\n${output}`);
    let headers = null;
    try {
      const r = await fetch(`${base}/bench.html`);
      if (r.ok) headers = r.headers;
    } catch {
      /* not up yet */
    }
    if (headers) {
      if (headers.get('cross-origin-embedder-policy') !== 'require-corp') {
        child.kill('SIGTERM');
        throw new Error('vite preview does not send COOP/COEP headers');
      }
      return child;
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`vite preview did not answer on ${base}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
