import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './scripts/browser-path.mjs';

/**
 * End-to-end tests in Chromium against the built app (`npm test` runs
 * `vite build` first; `npm run test:e2e` runs scripts/ensure-browser.mjs).
 *
 * - port 4173 (baseURL): `vite preview` with the cross-origin isolation headers;
 * - port 4174: the same dist/ without them (LOCKSTEP_NO_ISOLATION=1), for the
 *   "not isolated" page.
 *
 * LOCKSTEP_E2E_PORT moves both (isolated on it, not isolated on it + 1), for
 * running next to another `vite preview` on the same machine.
 *
 * The browser: $CHROMIUM_PATH, else a system Chromium, else Playwright's own
 * (executablePath undefined). See scripts/browser-path.mjs.
 */

const port = Number(process.env.LOCKSTEP_E2E_PORT ?? 4173);
const isolatedUrl = `http://localhost:${port}`;
const notIsolatedUrl = `http://localhost:${port + 1}`;
const executablePath = resolveChromium();

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // One retry: a test that fails and then passes is reported as "flaky", with its first failure printed in full
  // (e2e/fixtures.ts adds the lab's state to it). A flaky test is a bug to find, not noise: last session's CI failed
  // on two such tests, each a real defect (the console's End, a verdict held back by Step presses), caught only on
  // a slower machine. The retry keeps such a find from sinking a whole submission; the log keeps it visible.
  retries: 1,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL: isolatedUrl,
    // No trace by default: recording one for every test (kept only on failure) cost a fifth to a quarter of the
    // e2e CPU, most of it in the DOM snapshots around each action (history + locks specs, 1 worker: 93.8 and 86.7
    // CPU-s with the trace, 91.0 without its screencast, 69.6 without a trace). A failure still leaves a screenshot
    // and error-context.md (the page's accessibility tree); for a trace, rerun the spec with
    // `--trace retain-on-failure`.
    trace: 'off',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --port ${port} --strictPort`,
      url: isolatedUrl,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `npx vite preview --port ${port + 1} --strictPort`,
      env: { LOCKSTEP_NO_ISOLATION: '1' },
      url: notIsolatedUrl,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
