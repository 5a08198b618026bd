import { expect, test, type Locator, type Page } from './fixtures';
import { LabPage } from './labPage';

/**
 * The second keyboard-only pass through the labs (en/zh, light/dark, 1440 and 390 px wide): each test is one
 * finding, asserted as a learner meets it.
 */

test.use({ locale: 'en-US' });

/** Replace a field's text from the keyboard, as a person does: focus, select all, type (nothing typed: emptied). */
async function retype(page: Page, field: Locator, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+a');
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(text);
}

/** Press Tab `n` times from `from`; each stop's top on the page (px from the page's top) and name. */
async function tabStops(page: Page, from: Locator, n: number): Promise<{ top: number; name: string }[]> {
  await from.focus();
  const stops: { top: number; name: string }[] = [];
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const region = el.closest('section[aria-label], [role=region]')?.getAttribute('aria-label') ?? '';
        return { top: Math.round(el.getBoundingClientRect().top + scrollY), name: `${region}: ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 30)}` };
      }),
    );
  }
  return stops;
}

test.describe('a settings field that lets go of an invalid number says what it kept', () => {
  test('a count typed out of range, then Tab: the field shows the kept value and a note says so', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&users=3');
    const users = page.getByRole('spinbutton', { name: 'Users' });
    await retype(page, users, '50');
    await expect(page.getByRole('alert')).toHaveText('Must be a whole number from 1 to 10; still using 3.');
    await page.keyboard.press('Tab');
    await expect(users).toHaveValue('3');
    await expect(users).toHaveAccessibleDescription('“50” was not used (it must be a whole number from 1 to 10): kept 3.');
    await expect(page.getByRole('status').filter({ hasText: 'was not used' })).toBeVisible();
    await expect(page).toHaveURL(/users=3/);
    // The note stays until the field is edited again; a valid edit clears it.
    await retype(page, users, '4');
    await page.keyboard.press('Enter');
    await expect(page.getByText('was not used')).toHaveCount(0);
    await expect(page).toHaveURL(/users=4/);
  });

  test('an emptied count and an out-of-range seed are explained, in Chinese too', async ({ page }) => {
    await page.goto('/?scenario=printer&users=3&seed=7&lang=zh');
    await expect(page.getByRole('button', { name: '运行', exact: true })).toBeEnabled();
    const users = page.getByRole('spinbutton', { name: '用户数' });
    await retype(page, users, '');
    await page.keyboard.press('Tab');
    await expect(users).toHaveValue('3');
    await expect(users).toHaveAccessibleDescription('输入框留空，未作更改，保留 3。');
    const seed = page.getByRole('spinbutton', { name: '种子' });
    await retype(page, seed, '99999999999');
    // What was typed stays on screen while it is being edited (it used to snap back at the first bad digit).
    await expect(seed).toHaveValue('99999999999');
    await expect(page.getByRole('alert')).toHaveText('必须是 0 到 4,294,967,295 之间的整数；仍使用 7。');
    await page.keyboard.press('Tab');
    await expect(seed).toHaveValue('7');
    await expect(seed).toHaveAccessibleDescription('“99999999999”未被采用（必须是 0 到 4,294,967,295 之间的整数），保留 7。');
    await expect(page).toHaveURL(/seed=7/);
  });
});

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('Tab goes down the page as it is drawn: from Reset into the run, the settings after it', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&mode=step');
    const stops = await tabStops(page, lab.button('Reset'), 12);
    // The first stop after Reset is in the run (the settings used to come first, 3,000 px further down).
    expect(stops[0]!.name).not.toMatch(/^Settings/);
    expect(stops.some((s) => s.name.startsWith('Settings'))).toBe(true);
    // Each stop is below the last (a few px up for a taller neighbour on the same row).
    const upward = stops.filter((s, i) => i > 0 && s.top < stops[i - 1]!.top - 8);
    expect(upward, JSON.stringify(stops)).toEqual([]);
  });

  test('the CPU lab’s Gantt axis shows its last label whole, with no sliver of scrolling', async ({ page }) => {
    // 10 ticks of 28 px and the row label: the chart just fits 390 px; a centred "10" stuck out by half.
    await page.goto('/?lab=cpu&jobs=A:0:5,B:1:5');
    await page.getByRole('button', { name: 'End', exact: true }).click();
    const chart = page.getByRole('group', { name: 'Gantt chart' });
    const last = chart.locator('.cpu-axis-tick').last();
    await expect(last).toHaveText('10');
    const fit = await chart.evaluate((box) => {
      const label = box.querySelector('.cpu-axis-tick:last-child')!.getBoundingClientRect();
      return { overflow: box.scrollWidth - box.clientWidth, labelPastEdge: label.right - box.getBoundingClientRect().right };
    });
    expect(fit.overflow).toBe(0);
    expect(fit.labelPastEdge).toBeLessThanOrEqual(0);
  });
});

test('on a wide screen Tab still goes from Reset to the settings, the left column', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const lab = new LabPage(page);
  await lab.open('scenario=printer&mode=step');
  const stops = await tabStops(page, lab.button('Reset'), 1);
  expect(stops[0]!.name).toMatch(/^Settings/);
});
