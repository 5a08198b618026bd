// A static server for one build (a dist directory), with the isolation headers SharedArrayBuffer needs:
// the A/B scripts (layoutTrace.mjs, turboFrames.mjs) serve each build on its own port.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

export function serveDist(dir, at) {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    let file = resolve(dir, `.${path}`);
    let body = await readFile(file).catch(() => null);
    if (!body) body = await readFile((file = join(dir, 'index.html')));
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    res.end(body);
  });
  return new Promise((ok) => server.listen(at, '127.0.0.1', () => ok(server)));
}
