import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type APIResponse, type Response } from './fixtures';

/**
 * Lockstep's processes are Web Workers sharing one SharedArrayBuffer, which
 * browsers only allow on a cross-origin isolated page. These tests check that
 * the served app is isolated (port 4173 by default, `vite preview` with the headers) and
 * that without the headers (port 4174) the page says so instead of breaking.
 */
// Same ports as playwright.config.ts.
const PORT = Number(process.env.LOCKSTEP_E2E_PORT ?? 4173);
const ISOLATED = `http://localhost:${PORT}`;
const NOT_ISOLATED = `http://localhost:${PORT + 1}`;
const ASSETS_DIR = fileURLToPath(new URL('../dist/assets/', import.meta.url));

test.use({ locale: 'en-US' });

function expectIsolationHeaders(res: Response | APIResponse, what: string) {
  const h = res.headers();
  expect(res.status(), `${what}: status`).toBeLessThan(400);
  expect(h['cross-origin-opener-policy'], `${what}: Cross-Origin-Opener-Policy`).toBe('same-origin');
  expect(h['cross-origin-embedder-policy'], `${what}: Cross-Origin-Embedder-Policy`).toBe('require-corp');
}

function builtAssets(): string[] {
  let files: string[];
  try {
    files = readdirSync(ASSETS_DIR);
  } catch {
    throw new Error(`No ${ASSETS_DIR}: run "npx vite build" before the e2e tests (npm test does).`);
  }
  return files.filter((f) => !f.endsWith('.map')).sort();
}

test('the app is cross-origin isolated and has SharedArrayBuffer', async ({ page }) => {
  const workerScripts: Response[] = [];
  page.on('response', (r) => {
    if (/worker/i.test(r.url())) workerScripts.push(r);
  });

  const res = await page.goto(`${ISOLATED}/`);
  expect(res, 'document response').not.toBeNull();
  expectIsolationHeaders(res!, 'document');

  // Fails loudly when the headers are missing or ignored.
  expect(await page.evaluate(() => crossOriginIsolated), 'crossOriginIsolated').toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer), 'typeof SharedArrayBuffer').toBe('function');
  await expect(page.getByRole('alert').filter({ hasText: 'cross-origin isolated' })).toHaveCount(0);

  // Worker scripts the page itself fetched (if it starts any on load).
  for (const r of workerScripts) expectIsolationHeaders(r, `worker script ${r.url()}`);
});

test('every built asset, worker scripts included, is served with both headers', async ({ request }) => {
  const assets = builtAssets();
  const workers = assets.filter((f) => /worker/i.test(f));
  const scripts = assets.filter((f) => f.endsWith('.js'));
  // Never pass vacuously: there must be something to check.
  expect(scripts.length, `built scripts in ${ASSETS_DIR}`).toBeGreaterThan(0);
  test.info().annotations.push({ type: 'assets', description: `${assets.length} assets, ${workers.length} worker scripts: ${workers.join(', ') || 'none'}` });

  let checked = 0;
  for (const file of assets) {
    const res = await request.get(`${ISOLATED}/assets/${file}`);
    expectIsolationHeaders(res, `/assets/${file}`);
    checked++;
  }
  expect(checked).toBe(assets.length);
  expect(checked).toBeGreaterThan(0);
});

test('without the headers the page explains what is missing', async ({ page }) => {
  const res = await page.goto(`${NOT_ISOLATED}/`);
  expect(res, 'document response').not.toBeNull();
  // The control server really sends no isolation headers.
  expect(res!.headers()['cross-origin-opener-policy']).toBeUndefined();
  expect(res!.headers()['cross-origin-embedder-policy']).toBeUndefined();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);

  const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'This page is not cross-origin isolated' }) });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('crossOriginIsolated');
});
