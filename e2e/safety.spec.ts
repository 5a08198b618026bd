import { expect, test, type Page } from './fixtures';
import { CONTENT_SECURITY_POLICY } from '../security-headers';
import { scenarios } from '../src/scenarios/registry';

/**
 * Every page is served under the Content-Security-Policy, runs without a
 * console error (a CSP violation is one) and requests nothing from another
 * origin.
 */
test.use({ locale: 'en-US' });

const PAGES = ['/', '/?lang=zh', '/?lab=cpu', ...scenarios.map((s) => `/?scenario=${s.id}`)];

function watch(page: Page, origin: string) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`off-origin request: ${url}`);
  });
  return problems;
}

test('every page has the CSP, no console error and no off-origin request', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const problems = watch(page, new URL(baseURL!).origin);
  for (const path of PAGES) {
    const res = await page.goto(path);
    expect(res?.headers()['content-security-policy'], path).toBe(CONTENT_SECURITY_POLICY);
    // The page is up: the start page's intro, a lab's own controls.
    if (path === '/' || path === '/?lang=zh') await expect(page.getByRole('link').first()).toBeVisible();
    else if (path.includes('lab=cpu')) {
      await expect(page.getByRole('table', { name: 'Metrics' })).toBeVisible();
      // Ticks animate the ready queues (motion's popLayout inserts a <style>): the CSP must allow it.
      for (let i = 0; i < 4; i++) await page.keyboard.press('n');
    }
    else await expect(page.getByRole('button', { name: 'Reset', exact: true })).toBeEnabled();
    const sc = scenarios.find((s) => path.endsWith(`=${s.id}`));
    // Step exists in the scheduled modes; a scenario that opens in parallel (manager) or takes commands is run by other specs.
    if (path.startsWith('/?scenario=') && sc && !sc.commands && (sc.defaultMode ?? 'step') !== 'parallel') {
      await page.getByRole('button', { name: 'Step', exact: true }).click(); // workers really run under the policy
      await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
    }
    expect(problems, path).toEqual([]);
  }
});

test('the policy is enforced: an inline script is refused and reported', async ({ page }) => {
  await page.goto('/');
  const outcome = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violated: string }>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: 'inlineRan' in window, violated: e.effectiveDirective }));
        const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true';
        document.body.append(s);
      }),
  );
  expect(outcome).toEqual({ ran: false, violated: 'script-src-elem' });
});
