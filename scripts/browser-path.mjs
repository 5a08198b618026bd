// Where to find a Chromium for Playwright, shared by scripts/ensure-browser.mjs
// and playwright.config.ts so both agree.
//
// Order: $CHROMIUM_PATH (if executable), then a system Chromium
// (/usr/bin/chromium, /usr/bin/chromium-browser, or either name on $PATH).
// `undefined` means "none found": Playwright then uses its own downloaded
// browser (`npx playwright install chromium`).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Flags every Chromium launch gets (see README, "Run every test"). */
export const CHROMIUM_ARGS = [
  // Root (CI, containers) cannot use the sandbox.
  '--no-sandbox',
  '--disable-gpu',
  // This network is closed: keep Chromium from phoning home and logging the failures.
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SYSTEM_CHROMIUM_NAMES = ['chromium', 'chromium-browser'];

/** @param {string | undefined} p */
export function isExecutable(p) {
  if (!p) return false;
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A system Chromium, or undefined.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined}
 */
export function findSystemChromium(env = process.env) {
  const dirs = ['/usr/bin', ...(env.PATH ?? '').split(delimiter).filter(Boolean)];
  for (const name of SYSTEM_CHROMIUM_NAMES) {
    for (const dir of dirs) {
      const p = join(dir, name);
      if (isExecutable(p)) return p;
    }
  }
  return undefined;
}

/**
 * The Chromium to launch: $CHROMIUM_PATH if it is executable, else a system
 * Chromium, else undefined (use Playwright's own browser).
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | undefined}
 */
export function resolveChromium(env = process.env) {
  if (isExecutable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
  return findSystemChromium(env);
}
