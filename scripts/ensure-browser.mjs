#!/usr/bin/env node
// Make sure a Chromium exists for the Playwright tests, getting one if needed.
//
// 1. $CHROMIUM_PATH, if it points to an executable;
// 2. a system Chromium (/usr/bin/chromium, chromium-browser);
// 3. as root with apt-get (Debian CI): apt-get update && apt-get install -y chromium;
// 4. otherwise `npx playwright install chromium` (a developer's laptop).
//
// playwright.config.ts resolves the path with the same checks
// (scripts/browser-path.mjs); the choice is also written to
// node_modules/.cache/lockstep/browser.json for anyone curious.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSystemChromium, isExecutable, resolveChromium } from './browser-path.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => console.log(`[ensure-browser] ${msg}`);

function fail(msg) {
  console.error(`\n[ensure-browser] ERROR: ${msg}\n`);
  process.exit(1);
}

/** Run a command with inherited output; returns true on exit code 0. */
function run(cmd, args, env = process.env) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, cwd: root });
  if (r.error) {
    log(`could not start ${cmd}: ${r.error.message}`);
    return false;
  }
  if (r.status !== 0) log(`${cmd} exited with ${r.status ?? r.signal}`);
  return r.status === 0;
}

/** `<browser> --version`, or null when it does not start. */
function versionOf(path) {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 ? r.stdout.trim() : null;
}

function record(result) {
  const dir = join(root, 'node_modules', '.cache', 'lockstep');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'browser.json'), JSON.stringify(result, null, 2) + '\n');
  } catch (e) {
    log(`(could not write browser.json: ${e.message})`);
  }
}

function done(source, path) {
  const version = versionOf(path);
  if (!version) fail(`${path} (${source}) exists but "${path} --version" fails. Set CHROMIUM_PATH to a working Chromium.`);
  log(`using ${source}: ${path} (${version})`);
  record({ source, path, version });
  process.exit(0);
}

// 1 and 2.
if (process.env.CHROMIUM_PATH && !isExecutable(process.env.CHROMIUM_PATH)) {
  log(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file; ignoring it`);
}
const found = resolveChromium();
if (found) done(found === process.env.CHROMIUM_PATH ? 'CHROMIUM_PATH' : 'system Chromium', found);

const problems = [];

// 3. Debian/Ubuntu as root (CI): install the distribution's Chromium.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = isExecutable('/usr/bin/apt-get');
if (isRoot && hasApt) {
  log('no Chromium found; installing the system package with apt-get (root, apt-get present)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok = run('apt-get', ['update'], env) && run('apt-get', ['install', '-y', 'chromium'], env);
  const installed = findSystemChromium();
  if (ok && installed) done('system Chromium (installed by apt-get)', installed);
  const why = ok
    ? 'apt-get install -y chromium succeeded but no chromium executable appeared in /usr/bin or on PATH'
    : 'apt-get update / apt-get install -y chromium failed (see its output above)';
  console.error(`\n[ensure-browser] !!! ${why}. Trying Playwright's own browser next.\n`);
  problems.push(why);
} else {
  log(`no Chromium found${isRoot ? '' : ' (not root: not using apt-get)'}; trying Playwright's own browser`);
}

// 4. Playwright's own Chromium (needs to download it).
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
if (run(npx, ['playwright', 'install', 'chromium'])) {
  const { chromium } = await import('@playwright/test');
  const path = chromium.executablePath();
  if (isExecutable(path)) done("Playwright's Chromium", path);
  problems.push(`npx playwright install chromium finished but ${path} is missing`);
} else {
  problems.push('npx playwright install chromium failed (see its output above)');
}

fail(
  `no usable Chromium for the e2e tests.\n  - ${problems.join('\n  - ')}\n` +
    'Fix: install Chromium (Debian: "apt-get install chromium") or set CHROMIUM_PATH=/path/to/chromium.',
);
