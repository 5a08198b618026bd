import { expect, test } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { axe, serious, seriousViolations, VARIANTS } from './a11yAxe';
import { scenarios } from '../src/scenarios/registry';

/**
 * axe-core on the start page and every process-lab scenario, in English and
 * Chinese (light and dark): no serious or critical violation
 * (contrast, names, roles, target sizes…). Each lab page is checked idle and
 * after a few steps, so lanes in several states, the lock and the timeline
 * are on screen.
 *
 * Every scenario is checked in both themes (contrast depends on the theme),
 * once in each language: English in one theme and Chinese in the other,
 * alternating by scenario. All four pairs would double the suite's slowest
 * file (10 minutes of CI) for pages whose language changes only their text.
 */

test('the cheap axe run finds what the default one finds', async ({ page }) => {
  // seriousViolations runs axe in legacy mode with only the violations in full (a11yAxe.ts): on the start page
  // with four kinds of serious or critical fault added, it reports each, exactly as AxeBuilder's default does.
  await page.goto('/?lang=en');
  await expect(page.getByRole('link').first()).toBeVisible();
  await page.evaluate(() => {
    const bad = document.createElement('div');
    bad.innerHTML = '<p>faint text</p><button></button><img src="data:,"><a href="#x"></a>';
    // Set through the CSSOM: the page's content security policy drops style attributes.
    bad.style.background = '#aaa';
    bad.querySelector('p')!.style.color = '#999';
    document.querySelector('main')!.prepend(bad);
  });
  const cheap = await seriousViolations(page);
  expect(cheap.map((v) => v.split(' ')[0]).sort()).toEqual(['button-name', 'color-contrast', 'image-alt', 'link-name']);
  expect(cheap).toEqual(serious(await new AxeBuilder({ page }).analyze()));
  expect(serious(await axe(page).analyze())).toEqual(cheap);
});

for (const { lang, scheme } of VARIANTS) {
  test.describe(`${lang}, ${scheme}`, () => {
    test.use({ colorScheme: scheme });
    // Two axe-core passes over a whole lab page (each after up to 600 frames of waiting for the page to be still)
    // are seconds of CPU: 4-12 s on the clean-clone CI, 45 s with the machine loaded (load 25-50), near the default
    // 60 s. The same checks in a11y-labs.spec have this budget.
    test.describe.configure({ timeout: 180_000 });

    test('the start page', async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await expect(page.getByRole('link').first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    for (const [i, sc] of scenarios.entries()) {
      if ((i + (scheme === 'dark' ? 1 : 0)) % 2 !== (lang === 'en' ? 0 : 1)) continue;
      test(`${sc.id}, idle and after a few steps`, async ({ page }) => {
        await page.goto(`/?scenario=${sc.id}&lang=${lang}`);
        await expect(page.locator('.controls button').last()).toBeEnabled();
        const found = (await seriousViolations(page)).map((v) => `idle: ${v}`);
        if (!sc.commands) {
          for (let i = 0; i < 6; i++) await page.keyboard.press('n');
          for (const v of await seriousViolations(page)) found.push(`after steps: ${v}`);
        }
        expect(found).toEqual([]);
      });
    }
  });
}
