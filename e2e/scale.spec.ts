/**
 * A thousand processes (issue 9): tickets with 1,000 clients and bank with
 * 500 withdraw/deposit pairs finish in parallel turbo with the right verdict,
 * each process on its own worker thread; the lanes and the console draw only
 * what is in view yet say how many there are, and every line stays reachable.
 *
 * Starting 1,000 workers takes about a minute on two busy cores (each loads and
 * parses its module): the first open gets that budget, not the runs.
 */
import { expect, test } from './fixtures';
import { LabPage, hook } from './labPage';

const OPEN_1000 = 240_000;

test('tickets: 1,000 clients buy 1,000 tickets with the lock on, in parallel turbo', async ({ page }) => {
  test.setTimeout(420_000);
  const lab = new LabPage(page);
  await lab.open('scenario=tickets&clients=1000&tickets=1000&lock=on&mode=parallel&turbo=on', OPEN_1000);
  expect(await hook(page, 'poolSize')).toBe(1001);
  await lab.button('Run').click();
  expect(await lab.waitForVerdict(120_000)).toBe('ok');
  expect(await lab.figure('Tickets sold')).toBe('1,000');
  expect(await lab.figure('Tickets left')).toBe('0');

  // The lanes: all 1,001 processes are counted, a few rows are drawn, each knows its place in the list.
  const processes = page.getByRole('region', { name: 'Processes' });
  await expect(processes.getByText('1,001 processes; only those in view are drawn')).toBeVisible();
  const drawn = processes.getByRole('listitem');
  expect(await drawn.count()).toBeLessThan(200);
  await expect(drawn.first()).toHaveAttribute('aria-setsize', '1001');
  await expect(processes.getByRole('listitem', { name: 'MainProcess' })).toBeVisible();

  // The console: 2,001 lines, the last in view; scrolled to the top (by keyboard), the first is drawn.
  await expect(lab.console.getByText('2,001 lines; only those in view are drawn')).toBeVisible();
  const lines = lab.console.getByRole('listitem');
  expect(await lines.count()).toBeLessThan(200);
  await expect(lines.last()).toHaveText('tickets left: 0');
  await expect(lines.last()).toHaveAttribute('aria-posinset', '2001');
  await lab.console.getByRole('list', { name: 'Console' }).focus();
  await page.keyboard.press('Home');
  await expect(lines.first()).toHaveAttribute('aria-posinset', '1');
  await expect(lines.first()).toHaveText(/^client \d+ sees \d+ left$/);

  // Reset attaches the same workers: none is started again.
  const spawned = await hook(page, 'workersSpawned');
  await lab.button('Reset').click();
  await expect(lab.status).toHaveText(LabPage.READY, { timeout: 60_000 });
  await lab.button('Run').click();
  expect(await lab.waitForVerdict(120_000)).toBe('ok');
  expect(await hook(page, 'workersSpawned')).toBe(spawned);
});

test('100 clients: the lanes are drawn for the run\'s size from its first process on, not redrawn as the others appear', async ({ page }) => {
  test.setTimeout(240_000);
  const lab = new LabPage(page);
  // Clock at speed 1: the clients start one op at a time, so the first lanes are on the page seconds before the hundredth.
  await lab.open('scenario=tickets&clients=100&mode=clock&speed=1', 120_000);
  await lab.button('Run').click();
  const processes = page.getByRole('region', { name: 'Processes' });
  const main = processes.getByRole('listitem', { name: 'MainProcess' });
  await expect(main).toBeVisible();
  const first = Number(await main.getAttribute('aria-setsize'));
  expect(first).toBeLessThan(49);
  await main.evaluate((el) => el.setAttribute('data-probe', 'first lane'));
  // Past the counts where the drawing used to switch (12: compact, 48: only rows in view)…
  await expect.poll(async () => Number(await main.getAttribute('aria-setsize')), { timeout: 120_000 }).toBeGreaterThan(60);
  // …the lane drawn first is still the same element: chosen for 101 processes, the list never remounted.
  await expect(processes.locator('[data-probe="first lane"]')).toHaveCount(1);
  await lab.button('Pause').click();
});

test('bank: 500 withdrawers and 500 depositors end at 100 with the lock around each update, in parallel turbo', async ({ page }) => {
  test.setTimeout(420_000);
  const lab = new LabPage(page);
  await lab.open('scenario=bank&pairs=500&n=20&lock=on&scope=update&mode=parallel&turbo=on', OPEN_1000);
  expect(await hook(page, 'poolSize')).toBe(1001);
  await lab.button('Run').click();
  expect(await lab.waitForVerdict(120_000)).toBe('ok');
  expect(await lab.figure('Balance')).toBe('100');
  await expect(lab.status).toContainText('After 10,000 withdrawals and 10,000 deposits');
});
