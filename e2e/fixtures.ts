/**
 * Playwright's `test` with one addition: when a test fails, the lab's own state at that moment (the controller's
 * phase, status, calls in flight, whether its frame loop rests, each process's state and gate, the focused
 * element) is added to the failure as an error, so a hang on a CI machine says where it stopped.
 */
import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';
export type { APIResponse, Locator, Page, Response } from '@playwright/test';

export const test = base.extend<{ labStateOnFailure: void }>({
  labStateOnFailure: [
    async ({ page }, use, testInfo) => {
      await use();
      if (testInfo.status === testInfo.expectedStatus || page.isClosed()) return;
      const state = await Promise.race([
        page.evaluate(() => window.__lockstep?.state() ?? 'no lab on this page').catch((e: unknown) => `unreadable: ${String(e)}`),
        new Promise<string>((resolve) => setTimeout(() => resolve('the page did not answer in 5 s'), 5_000)),
      ]);
      throw new Error(`The lab when the test failed (${page.url()}): ${JSON.stringify(state)}`);
    },
    { auto: true },
  ],
});
