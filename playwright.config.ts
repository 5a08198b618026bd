import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './scripts/browser-path.mjs';

/**
 * End-to-end tests in Chromium against the built app (`npm test` runs
 * `vite build` first; `npm run test:e2e` runs scripts/ensure-browser.mjs).
 *
 * - port 4173: `vite preview` with the cross-origin isolation headers;
 * - port 4174: the same dist/ without them (LOCKSTEP_NO_ISOLATION=1), for the
 *   "not isolated" page.
 *
 * The browser: $CHROMIUM_PATH, else a system Chromium, else Playwright's own
 * (executablePath undefined). See scripts/browser-path.mjs.
 */

const executablePath = resolveChromium();

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL: 'http://localhost:4173',
    trace: 'retain-on-failure',
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
      command: 'npx vite preview --port 4173 --strictPort',
      url: 'http://localhost:4173',
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'npx vite preview --port 4174 --strictPort',
      env: { LOCKSTEP_NO_ISOLATION: '1' },
      url: 'http://localhost:4174',
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
