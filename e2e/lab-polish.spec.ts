/**
 * What the lab says and shows while a run grows (the lane list's line, the
 * console's drawing, lifecycle-control's buttons, a pool.map's local): each
 * checked as a learner meets it.
 */
import { expect, test } from '@playwright/test';
import { LabPage } from './labPage';

test.use({ locale: 'en-US' });

test('before Run, a crowded scenario counts its processes against the run size instead of claiming only those in view are drawn', async ({ page }) => {
  test.setTimeout(240_000);
  const lab = new LabPage(page);
  // 60 clients: laid out for 61 processes from the start (a virtual list), though only main exists before Run.
  await lab.open('scenario=tickets&clients=60&tickets=60&lock=on&mode=clock&turbo=on&seed=3', 150_000);
  const processes = page.getByRole('region', { name: 'Processes' });
  const tree = page.getByRole('region', { name: 'Process tree and states' });
  for (const region of [processes, tree]) {
    await expect(region.getByText('1 process so far, up to 61 in this run.')).toBeVisible();
    await expect(region.getByText(/only those in view are drawn/)).toHaveCount(0);
  }
  await lab.button('Run').click();
  expect(await lab.waitForVerdict(120_000)).toBe('ok');
  // Now the 61 lanes do not all fit: the line says so, and fewer are drawn.
  await expect(processes.getByText('61 processes; only those in view are drawn: scroll the list to see the others.')).toBeVisible();
  expect(await processes.getByRole('listitem').count()).toBeLessThan(61);
  await expect(tree.getByText(/^61 processes; only those in view are drawn/)).toBeVisible();
});
