import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { scenarios } from '../src/scenarios/registry';

/**
 * axe-core on the start page and every process-lab scenario, in English and
 * Chinese (and English in the dark theme): no serious or critical violation
 * (contrast, names, roles, target sizes…). Each lab page is checked idle and
 * after a few steps, so lanes in several states, the lock and the timeline
 * are on screen.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  // Judge what stays on screen, not a fade-in caught half way (a new file content fades in from 40 %).
  await expect.poll(() => page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length)).toBe(0);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

const VARIANTS = [
  { lang: 'en', scheme: 'light' },
  { lang: 'zh', scheme: 'light' },
  { lang: 'en', scheme: 'dark' },
] as const;

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
