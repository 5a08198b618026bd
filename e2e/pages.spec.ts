import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { LabPage } from './labPage';

/**
 * GitHub Pages: a sub-path (`/lockstep/`) and no way to send headers. The
 * spec builds that variant (LOCKSTEP_BASE=/lockstep/ LOCKSTEP_COI_SW=1) and
 * serves it from a plain static server that sends no header at all; the
 * service worker must make the page cross-origin isolated, and the app,
 * its workers and its links must all live under the sub-path.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'dist-pages');
const BASE = '/lockstep/';
const PORT = Number(process.env.LOCKSTEP_E2E_PORT ?? 4173) + 2;
const ORIGIN = `http://localhost:${PORT}`;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.map': 'application/json' };

let server: Server;
const served: string[] = [];

test.use({ locale: 'en-US' });
test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  execFileSync('npx', ['vite', 'build', '--outDir', OUT, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT,
    env: { ...process.env, LOCKSTEP_BASE: BASE, LOCKSTEP_COI_SW: '1' },
    stdio: 'inherit',
  });
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', ORIGIN).pathname);
    served.push(path);
    if (!path.startsWith(BASE)) return void res.writeHead(404).end();
    let file = normalize(join(OUT, path.slice(BASE.length)));
    if (!file.startsWith(OUT)) return void res.writeHead(403).end();
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(OUT, 'index.html');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise<void>((resolve) => server.listen(PORT, resolve));
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('under a sub-path without headers, the service worker isolates the page and the lab runs', async ({ page }) => {
  const first = await page.goto(`${ORIGIN}${BASE}?scenario=lifecycle&mode=step`);
  expect(first?.headers()['cross-origin-embedder-policy'], 'the host itself sends no headers').toBeUndefined();
  // The page registers the worker and reloads once through it.
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 20_000 }).toBe(true);
  const lab = new LabPage(page);
  await expect(lab.button('Run')).toBeEnabled();
  expect(await lab.stepToEnd()).toBe('ok');
  expect(served.filter((p) => !p.startsWith(BASE)), 'every request stays under the sub-path').toEqual([]);
  expect(served.some((p) => /worker/i.test(p)), 'module workers were loaded').toBe(true);
});

test('links of the start page stay under the sub-path', async ({ page }) => {
  await page.goto(`${ORIGIN}${BASE}`);
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 20_000 }).toBe(true);
  await page.getByRole('link', { name: 'CPU scheduling lab' }).click();
  await expect(page).toHaveURL(new RegExp(`^${ORIGIN}${BASE}\\?lab=cpu`));
  await expect(page.getByRole('table', { name: 'Metrics' })).toBeVisible();
  await page.getByRole('link', { name: 'Lockstep', exact: true }).click();
  await expect(page).toHaveURL(`${ORIGIN}${BASE}`);
  await expect(page.getByRole('heading', { name: 'You are the scheduler' })).toBeVisible();
});
