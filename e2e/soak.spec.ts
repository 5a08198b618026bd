/**
 * Soak (issue 13): a class clicking Reset all afternoon. Many Reset/Run cycles
 * in one page must keep memory, the worker pool and the idle waits flat; before
 * the fix each run pinned one more shared buffer in every process worker and
 * the page died after about 300 runs with 20 processes.
 *
 * Counts chosen for CI time (0.2–1.2 s per run with 20 processes on 2 busy
 * cores, 4× that with 100): 60 and 10 runs still catch a per-run leak many
 * times over (the old code grew by a whole baseline every run).
 */
import { expect, test, type Page } from './fixtures';
import { LabPage, hook } from './labPage';
import { CHROMIUM_ARGS, resolveChromium } from '../scripts/browser-path.mjs';

// The browser's own measure of what each context keeps reachable, taken at once (no wait for a GC).
test.use({ launchOptions: { executablePath: resolveChromium(), args: [...CHROMIUM_ARGS, '--enable-blink-features=ForceEagerMeasureMemory'] } });

async function reachableBytes(page: Page): Promise<number> {
  return page.evaluate(async () => (await (performance as unknown as { measureUserAgentSpecificMemory(): Promise<{ bytes: number }> }).measureUserAgentSpecificMemory()).bytes);
}

async function soak(page: Page, query: string, runs: number, pool: number): Promise<void> {
  const lab = new LabPage(page);
  // The first load starts every worker (101 of them for 100 clients): allow for a busy machine.
  await lab.open(query, 30_000);
  let baseline = 0;
  for (let i = 0; i < runs; i++) {
    await lab.button('Run').click();
    await expect(lab.status).toHaveAttribute('data-verdict', 'ok', { timeout: 30_000 });
    if (i === 2) baseline = await reachableBytes(page);
    await lab.button('Reset').click();
    await expect(lab.status).toHaveText(LabPage.READY, { timeout: 20_000 });
  }
  // Before the fix every run added one buffer per worker (about 1 GB per 25 runs with 20 processes).
  const growth = (await reachableBytes(page)) - baseline;
  expect(growth).toBeLessThan(baseline * 0.25);
  expect(await hook(page, 'poolSize')).toBe(pool);
  // Each idle wait pins its run's buffer: one per worker, never one per run.
  expect(await hook(page, 'pendingWaits')).toBeLessThanOrEqual(pool);
}

test('60 Reset/Run cycles with 20 processes: memory, idle waits and the pool stay flat', async ({ page }) => {
  test.setTimeout(240_000);
  await soak(page, 'scenario=tickets&clients=20&mode=parallel&turbo=on', 60, 21);
});

test('10 Reset/Run cycles with 100 processes', async ({ page }) => {
  test.setTimeout(180_000);
  await soak(page, 'scenario=tickets&clients=100&mode=parallel&turbo=on', 10, 101);
});
