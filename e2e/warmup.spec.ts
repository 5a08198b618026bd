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
