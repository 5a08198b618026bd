import { expect, test, type Locator } from './fixtures';
import { LabPage } from './labPage';

/**
 * Defects a learner or teacher met on screen (clipped text, a header that
 * wraps, a dialog that opened too early), each checked as it looks: where
 * the boxes are, what has the focus.
 */

test.use({ locale: 'en-US' });

async function box(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await l.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

test('a long local value in the compact lane grid shows whole, inside its card', async ({ page }) => {
  // 12 clients: 13 lanes, the compact grid, 5 columns at this width.
  await page.setViewportSize({ width: 1920, height: 1080 });
  const lab = new LabPage(page);
  await lab.runClock('scenario=tickets&clients=12&lock=off');
  const lanes = page.getByRole('region', { name: 'Processes' });
  const main = lanes.getByRole('listitem').filter({ hasText: 'MainProcess' });
  const locals = main.locator('dl[aria-label="Local values"]');
  await expect(locals.locator('dt')).toHaveText(["open('tickets.json').read()"]);
  await expect(locals.locator('dd')).toHaveText(["{'count': 0}"]);
  const card = await box(main);
  for (const part of [locals.locator('dt'), locals.locator('dd')]) {
    const b = await box(part);
    expect(b.width, 'drawn with some width').toBeGreaterThan(20);
    expect(b.x + b.width, 'its right edge inside the card').toBeLessThanOrEqual(card.x + card.width);
    expect(b.y + b.height, 'its bottom inside the card').toBeLessThanOrEqual(card.y + card.height);
  }
  // Nothing scrolls or clips sideways inside the card.
  expect(await locals.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});

for (const query of ['lab=python', 'scenario=printer']) {
  test(`at 1440 px the header is one row: Language and Theme beside the lab buttons (${query})`, async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/?${query}`);
    const tabs = await box(page.getByRole('navigation', { name: 'Lab' }));
    for (const name of ['Language', 'Theme']) {
      const select = await box(page.getByRole('combobox', { name }));
      expect(Math.abs(select.y + select.height / 2 - (tabs.y + tabs.height / 2)), `${name} on the tabs' row`).toBeLessThan(8);
    }
  });
}

test('on a first visit the tour waits until the lab has started, then takes the focus from nowhere', async ({ page }) => {
  // Whether the dialog ever shows while Run cannot be pressed yet (the lab still starting its workers).
  await page.addInitScript(() => {
    const w = window as unknown as { tourTooEarly: boolean };
    w.tourTooEarly = false;
    new MutationObserver(() => {
      const tour = document.querySelector('dialog[aria-label="Tour"]');
      const run = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Run');
      if (tour && (!run || run.disabled)) w.tourTooEarly = true;
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto('/');
  await page.getByRole('link', { name: 'One printer, many users' }).click();
  const tour = page.getByRole('dialog', { name: 'Tour' });
  await expect(tour).toBeVisible({ timeout: 30_000 });
  await expect(tour).toBeFocused();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  expect(await page.evaluate(() => (window as unknown as { tourTooEarly: boolean }).tourTooEarly)).toBe(false);
});

test('on a phone, in Chinese, the lab buttons and the title each stay on one line', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?scenario=printer&lang=zh');
  const tabs = page.getByRole('navigation', { name: '实验' }).getByRole('button');
  await expect(tabs).toHaveCount(4);
  for (const tab of await tabs.all()) {
    // One line of text in a 40 px target: two lines make it taller.
    expect((await box(tab)).height, (await tab.textContent()) ?? '').toBeLessThan(44);
  }
  const title = await box(page.getByRole('link', { name: 'Lockstep 同步' }));
  expect(title.height).toBeLessThan(40);
});

test('"Import trace" looks like the export buttons beside it', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('scenario=tickets&clients=3');
  const tools = page.getByRole('region', { name: 'Share and replay' });
  const exportJson = tools.getByRole('button', { name: 'Export JSON' });
  const importLabel = tools.locator('label', { hasText: 'Import trace' });
  const look = (l: Locator) => l.evaluate((el) => ({ fontSize: getComputedStyle(el).fontSize, height: Math.round(el.getBoundingClientRect().height) }));
  expect(await look(importLabel)).toEqual(await look(exportJson));
});

test.describe('a button that disables itself hands the keyboard focus on (it fell to the page body)', () => {
  test('process lab: Run gives it to Pause, Pause back to Run; the last Step to Undo', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&mode=clock&speed=0.25');
    await lab.button('Run').focus();
    await page.keyboard.press('Enter');
    await expect(lab.button('Pause')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(lab.button('Run')).toBeFocused();

    await lab.open('scenario=lifecycle&mode=step');
    await lab.button('Step').focus();
    // Enter on Step while it has the focus; the last step disables it (the verdict may land a moment later).
    for (let i = 0; i < 500 && !/^(ok|violated|deadlock)$/.test((await lab.verdict()) ?? ''); i++) {
      if (!(await lab.button('Step').evaluate((el) => el === document.activeElement))) break;
      await page.keyboard.press('Enter');
    }
    await lab.waitForVerdict();
    await expect(lab.button('Undo')).toBeFocused();
  });

  test("timeline: Live gives it to the timeline's slider", async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&mode=step');
    await lab.button('Step').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const slider = timeline.getByRole('slider');
    await expect(slider).toHaveAttribute('max', /^[1-9]\d*$/); // events to scrub back over
    await slider.focus();
    await page.keyboard.press('Home');
    const live = timeline.getByRole('button', { name: 'Live', exact: true });
    await expect(live).toBeEnabled();
    await live.focus();
    await page.keyboard.press('Enter');
    await expect(live).toBeDisabled();
    await expect(slider).toBeFocused();
  });

  test('CPU lab: End gives it to Reset, Reset to Play', async ({ page }) => {
    await page.goto('/?lab=cpu');
    const player = page.getByRole('group', { name: 'Playback' });
    const button = (name: string) => player.getByRole('button', { name, exact: true });
    await button('End').focus();
    await page.keyboard.press('Enter');
    await expect(button('End')).toBeDisabled();
    await expect(button('Reset')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(button('Reset')).toBeDisabled();
    await expect(button('Play')).toBeFocused();
  });
});

for (const width of [1024, 1440]) {
  test(`start page at ${width} px: every card's title and text stay inside the card`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    const cards = page.locator('.start-card');
    expect(await cards.count()).toBeGreaterThan(10);
    const outside = await cards.evaluateAll((els) =>
      els.flatMap((card) => {
        const right = card.getBoundingClientRect().right;
        return Array.from(card.querySelectorAll('h4, p')).filter((t) => t.getBoundingClientRect().right > right || t.scrollWidth > t.clientWidth).map((t) => t.textContent);
      }),
    );
    expect(outside).toEqual([]);
  });
}
