import { expect, test } from '@playwright/test';
import { seriousViolations, VARIANTS } from './a11yAxe';
import { scenarios } from '../src/scenarios/registry';

/**
 * axe-core on the start page and every process-lab scenario, in English and
 * Chinese (light and dark): no serious or critical violation
 * (contrast, names, roles, target sizes…). Each lab page is checked idle and
 * after a few steps, so lanes in several states, the lock and the timeline
 * are on screen.
 */

for (const { lang, scheme } of VARIANTS) {
  test.describe(`${lang}, ${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test('the start page', async ({ page }) => {
      await page.goto(`/?lang=${lang}`);
      await expect(page.getByRole('link').first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    for (const sc of scenarios) {
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
