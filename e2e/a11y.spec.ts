import { expect, test } from './fixtures';
import { seriousViolations, VARIANTS } from './a11yAxe';
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
