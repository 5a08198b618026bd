import { expect, test, type Page } from './fixtures';

/**
 * Layout at the sizes learners use (1440 × 900, 1024 × 768, a 390 × 844
 * phone), in English and Chinese (no CJK font on the test machine: the
 * glyphs are boxes, the widths still count): no page wider than the screen,
 * the Mode select shows its whole sentence, program text wraps instead of
 * scrolling sideways.
 */

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const;

/** Each page and what shows that it has mounted. */
const PAGES: { query: string; ready: (page: Page) => ReturnType<Page['locator']> }[] = [
  { query: 'scenario=deadlock&case=abba', ready: (p) => p.getByRole('status') },
  { query: 'scenario=joinable', ready: (p) => p.getByRole('status') },
  { query: 'lab=python', ready: (p) => p.getByRole('status') },
  { query: 'lab=cpu&view=full', ready: (p) => p.getByRole('table').first() },
  { query: '', ready: (p) => p.locator('a[href*="scenario="]').first() },
];

/** How much wider than its box the select's chosen text is (text, paddings and the arrow's ~16 px), in px. */
function selectOverflow(page: Page, name: string): Promise<number> {
  return page.getByRole('combobox', { name, exact: true }).evaluate((el) => {
    const select = el as HTMLSelectElement;
    const cs = getComputedStyle(select);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const text = ctx.measureText(select.selectedOptions[0]!.text).width;
    return Math.ceil(text + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + 16 - select.clientWidth);
  });
}

for (const size of SIZES) {
  for (const lang of ['en', 'zh'] as const) {
    test.describe(`${size.width} × ${size.height}, ${lang}`, () => {
      test.use({ viewport: size });

      test('no page is wider than the screen', async ({ page }) => {
        test.setTimeout(120_000);
        for (const { query, ready } of PAGES) {
          await page.goto(`/?${query ? `${query}&` : ''}lang=${lang}`);
          await expect(ready(page)).toBeVisible();
          expect(await page.evaluate(() => document.documentElement.scrollWidth), query || 'start page').toBeLessThanOrEqual(size.width);
        }
      });

      test('the Mode select shows its whole sentence; the program text does not scroll sideways', async ({ page }) => {
        await page.goto(`/?scenario=joinable&lang=${lang}`);
        const mode = lang === 'en' ? 'Mode' : '模式';
        for (const value of ['step', 'clock', 'parallel']) {
          await page.getByRole('combobox', { name: mode, exact: true }).selectOption(value);
          expect(await selectOverflow(page, mode), value).toBeLessThanOrEqual(0);
        }
        // joinable's longest line is 116 characters.
        const source = page.locator('.source');
        await expect(source.locator('.cm-line').first()).toBeVisible();
        expect(await source.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      });
    });
  }
}

test.describe('390 × 844 phone, targets', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('every control a finger presses is at least 24 × 24 px (a link inside a sentence and a box inside its label excepted)', async ({ page }) => {
    test.setTimeout(120_000);
    // The CPU lab's "The policies" disclosure was 16 px high.
    for (const { query, ready } of PAGES) {
      await page.goto(`/?${query ? `${query}&` : ''}lang=en`);
      await expect(ready(page)).toBeVisible();
      const small = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('button, select, input, summary, a[href]'))
          .filter((el) => {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || el.closest('.sr-only, [hidden]')) return false;
            if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') return false;
            // A box the whole label around it presses.
            const label = el.closest('label');
            const target = label && el.tagName === 'INPUT' ? label.getBoundingClientRect() : r;
            return target.width < 24 || target.height < 24;
          })
          .map((el) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`),
      );
      expect(small, query || 'start page').toEqual([]);
    }
  });
});
