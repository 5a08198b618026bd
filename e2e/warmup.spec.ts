/**
 * The worker pool warms for the lab the learner has now, not the largest one they opened: a count
 * lowered while a 1,000-client lab still warms stops the growth (no 1,000 workers starting beside the
 * small run), and the run of the new count is the one the kernel serves.
 */
import { expect, test } from './fixtures';
import { LabPage, hook } from './labPage';

test('a smaller count chosen while 1,000 clients warm: warming stops and the small run steps to its end', async ({ page }) => {
  const lab = new LabPage(page);
  await page.goto('/?scenario=tickets&clients=1000&mode=step');
  await expect(lab.button('Reset')).toBeVisible();
  const clients = page.locator('input[name="clients"]');
  await clients.fill('2');
  await clients.press('Enter');
  await expect(lab.button('Run')).toBeEnabled();
  // Warming aims at the 3 workers of this lab: it resolves in seconds (it waited for all 1,001 before).
  await hook(page, 'whenWarm');
  expect(await hook(page, 'poolSize')).toBeLessThan(1001);
  expect(await lab.stepToEnd()).toMatch(/^(ok|violated)$/);
  await expect(page.getByRole('region', { name: 'Processes' }).getByRole('listitem')).toHaveCount(3);
});

test("a worker loads only the lab's scenario, and the next lab's while the pool warms for it (before its Run)", async ({ page }) => {
  const lab = new LabPage(page);
  // Parallel mode: nothing runs before Run, so every worker is free to answer (in step mode main's is parked in its program).
  await page.goto('/?scenario=tickets&clients=3&mode=parallel');
  await expect(lab.button('Run')).toBeEnabled();
  await hook(page, 'whenWarm');
  // Four workers (main and three clients), each with tickets' program alone: not the catalogue's 20.
  expect(await hook(page, 'loadedScenarios')).toEqual([['tickets'], ['tickets'], ['tickets'], ['tickets']]);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('bank');
  await expect(lab.button('Step')).toBeEnabled();
  // The switch told every worker to load bank, worker 3 too (bank's run of 3 never attached it). Bank opens in step
  // mode, where main's worker (0) is parked inside its program and cannot answer (the hook gives it [] after 3 s).
  expect((await hook(page, 'loadedScenarios')).slice(1)).toEqual(Array.from({ length: 3 }, () => ['tickets', 'bank']));
  // Bank's program runs on them: a step is taken (a whole run to its end would take tens of seconds of steps).
  await lab.button('Step').click();
  await expect(lab.button('Undo')).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
