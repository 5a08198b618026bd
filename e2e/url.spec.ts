/**
 * URL contract edge cases (issue 13, item 6): every parameter the page does not
 * use is named, a repeated one too (the first wins), rejected `lang`/`lab`
 * values leave the address bar like any other bad value, and a notice never
 * repeats a huge value in full.
 */
import { expect, test } from './fixtures';
import { LabPage } from './labPage';

test('unknown and repeated parameters get a notice; the address bar keeps only what applies', async ({ page }) => {
  const lab = new LabPage(page);
  await page.goto('/?scenario=tickets&scenario=bank&clients=3&sceanrio=bank&lang=xx&lang=en');
  const notices = page.getByRole('region', { name: 'Notices' });
  await expect(notices).toContainText('URL parameter “scenario” is given 2 times: using the first, “tickets”.');
  await expect(notices).toContainText('Ignored URL parameter “sceanrio” (“bank”): this page has no such setting.');
  await expect(notices).toContainText('URL parameter “lang” is given 2 times');
  await expect(notices).toContainText('“lang”: “xx” is not valid');
  await expect(lab.outcome).toContainText('Tickets sold');
  await expect(page).toHaveURL(/scenario=tickets/);
  await expect(page).not.toHaveURL(/scenario=bank|sceanrio|lang=/);
  expect(new URL(page.url()).searchParams.getAll('scenario')).toEqual(['tickets']);
});

test('an unknown scenario: its settings are ignored because of the scenario, not as settings the page lacks', async ({ page }) => {
  await page.goto('/?scenario=nope&clients=abc');
  const notices = page.getByRole('region', { name: 'Notices' });
  await expect(notices).toContainText('“scenario”: “nope” is not valid');
  // It said "this page has no such setting", blaming clients (a setting of several scenarios) for the fallback's lack of it.
  await expect(notices).toContainText('Ignored URL parameter “clients” (“abc”): the scenario “nope” is unknown, so its settings were not read.');
  await expect(notices).not.toContainText('no such setting');
});

test('a rejected lab value is removed from the address bar', async ({ page }) => {
  await page.goto('/?lab=moon&scenario=printer');
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText('“lab”: “moon” is not valid');
  await expect(page.getByRole('button', { name: 'Reset', exact: true })).toBeVisible();
  await expect(page).not.toHaveURL(/lab=/);
});

test('a 10 KB value is shortened in its notice', async ({ page }) => {
  const huge = '7'.repeat(10_000);
  await page.goto(`/?scenario=printer&seed=${huge}`);
  const notice = page.getByRole('region', { name: 'Notices' }).getByRole('listitem');
  await expect(notice).toContainText('(10,000 characters)'); // numbers go through Intl.NumberFormat
  expect(((await notice.textContent()) ?? '').length).toBeLessThan(300);
  await expect(page).toHaveURL(/seed=1(&|$)/);
});

test('a shared step link opens at its step with its explorer settings, and no notice calls them ignored', async ({ page }) => {
  await page.goto('/?scenario=tickets&clients=3&lock=off&mode=step&seed=1&tickets=1&bound=2&runs=50&schedule=0_2.1.0.1&at=3');
  // The plan note shows once the link's schedule is read and replayed: every notice the link gets is in by then.
  await expect(page.getByText('Following a loaded schedule: step 3 of 5.')).toBeVisible();
  await expect(page.getByLabel('Preemption bound')).toHaveValue('2');
  await expect(page.getByLabel('Runs', { exact: true })).toHaveValue('50');
  // Each of schedule, at, bound and runs was announced as "Ignored …: this page has no such setting", though applied.
  await expect(page.getByRole('region', { name: 'Notices' })).toHaveCount(0);
  const kept = new URL(page.url()).searchParams;
  expect([kept.get('schedule'), kept.get('at'), kept.get('bound'), kept.get('runs')]).toEqual(['0_2.1.0.1', '3', '2', '50']);
});

test('a bad schedule is explained in the page’s language, and a parallel run says it does not follow one', async ({ page }) => {
  await page.goto('/?scenario=tickets&clients=3&mode=step&schedule=0_2.9&lang=zh');
  const notices = page.getByRole('region', { name: '提示' });
  await expect(notices).toContainText('已忽略 URL 参数“schedule”：“0_2.9”无效（形如 0_3.1.2 的单步调度，进程编号 0 到 3），使用默认值。');
  await page.goto('/?scenario=printer&mode=parallel&schedule=0_3');
  await expect(page.getByRole('region', { name: 'Notices' })).toContainText('“schedule”: “0_3” is not valid (a step schedule is followed in step and clock mode, not in parallel mode)');
  await expect(page).not.toHaveURL(/schedule=/);
});
