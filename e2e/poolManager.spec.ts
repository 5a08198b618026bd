import { expect, test } from './fixtures';
import { LabPage } from './labPage';

test.describe('pool and manager', () => {
  test('pool: map prints the squares in order; the card shows the same workers reused and the task queue', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=pool&processes=2&tasks=5&call=map&mode=step');
    const card = page.getByLabel('Pool of 2 worker processes');
    await expect(card).toBeVisible();
    // Step until the parent has put every task: the task queue shows them, labelled as calls.
    for (let i = 0; i < 12; i++) await lab.button('Step').click();
    await expect(card).toContainText('Task queue');
    await expect(card.getByText(/square\(\d\)/).first()).toBeVisible();
    expect(await lab.stepToEnd()).toBe('ok');
    expect(await lab.figure('Results')).toBe('[0, 1, 4, 9, 16]');
    expect(await lab.figure('Workers used')).toBe('2');
    const workers = card.getByRole('list', { name: 'Workers' }).getByRole('listitem');
    await expect(workers).toHaveCount(2);
    const done = (await workers.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-done'))))).reduce((a, b) => a + b, 0);
    expect(done).toBe(5);
  });

  test('pool: imap_unordered and apply_async hand over every square', async ({ page }) => {
    const lab = new LabPage(page);
    for (const call of ['imap_unordered', 'apply_async']) {
      expect(await lab.runClock(`scenario=pool&processes=3&tasks=8&call=${call}`)).toBe('ok');
      const results = JSON.parse(await lab.figure('Results')) as number[];
      expect(results.sort((a, b) => a - b)).toEqual([0, 1, 4, 9, 16, 25, 36, 49]);
      expect(await lab.figure('Workers used')).toBe('3');
    }
  });

  test('manager: without the lock updates are lost; with it the counter is exact', async ({ page }) => {
    const lab = new LabPage(page);
    expect(await lab.runClock('scenario=manager&workers=4&n=20&lock=off')).toBe('violated');
    expect(Number(await lab.figure('Counter'))).toBeLessThan(80);
    expect(await lab.figure('Expected')).toBe('80');
    await expect(lab.status).toContainText('lost');
    const card = page.getByLabel('Manager “manager”');
    await expect(card).toContainText("d = {'count':");
    await expect(card).toContainText('l: list of 80 items');

    expect(await lab.runClock('scenario=manager&workers=3&n=5&lock=on')).toBe('ok');
    expect(await lab.figure('Counter')).toBe('15');
    await expect(page.getByLabel('Manager “manager”')).toContainText("d = {'count': 15}");
  });
});
