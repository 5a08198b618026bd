/* global document */
// WHICH functions a run's process workers compile lazily (after their rehearsal): one page per sample with V8's
// function events logged (--js-flags=--log-function-events, a log per isolate), the pool warmed, then either
// closed at once (--run=0: what warming and the rehearsal compile) or after one Run -> verdict (--run=1).
// The workers are told apart by their logs naming `rehearse`. Prints, per build, the median number of lazy
// function parses (V8.ParseFunction) per process worker and, with both kinds, the functions only a run parses.
//
//   node scripts/lazyCompiles.mjs --port=4445 --url='/?scenario=tickets&clients=100&mode=parallel&turbo=on' new=dist old=../rehearse-base/dist
//
// --tier=opt counts optimised code instead (--log-code too: each Maglev `+` or TurboFan `*` code-creation, by function):
// what V8's compiler threads still optimise during the run, after the rehearsal.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './browser-path.mjs';
import { labIdle, settlePool } from './bench/page.mjs';
import { abArgs } from './abArgs.mjs';
import { serveDist } from './serveDist.mjs';

const { args, builds } = abArgs();
const port = Number(args.port ?? 4445);
const url = args.url ?? '/?scenario=tickets&clients=100&mode=parallel&turbo=on';
const top = Number(args.top ?? 60);
const optimised = args.tier === 'opt';

/** One page: warm, maybe run; returns per process-worker log the functions it parsed lazily (name -> count). */
async function sample(base, run) {
  const dir = await mkdtemp(join(tmpdir(), 'lazy-'));
  // V8 writes isolate-<addr>-<pid>-v8.log relative to the renderer's working directory (inherited).
  const cwd = process.cwd();
  process.chdir(dir);
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: [...CHROMIUM_ARGS, `--js-flags=--log-function-events${optimised ? ' --log-code' : ''} --logfile=v8.log`] });
  process.chdir(cwd);
  try {
    const page = await browser.newPage();
    await page.goto(`${base}${url}`);
    await labIdle(page, 600_000);
    await settlePool(page, 1000, 600_000);
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Run' && !b.disabled && b.getAttribute('aria-disabled') !== 'true'), null, { timeout: 600_000 });
    if (run) {
      await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run').click());
      await page.waitForFunction(() => ['ok', 'violated', 'deadlock', 'error'].includes(document.querySelector('[role="status"]')?.getAttribute('data-verdict')), null, { timeout: 600_000 });
    }
    // Leaving the page ends its workers: their isolates close (and flush) their logs.
    await page.goto('about:blank');
    await new Promise((ok) => setTimeout(ok, 3000));
  } finally {
    await browser.close();
  }
  const workers = [];
  for (const f of await readdir(dir)) {
    const text = await readFile(join(dir, f), 'utf8');
    // A process worker's isolate loads the process worker's entry.
    if (!/^script-details,\d+,[^,]*\/process\.worker-/m.test(text)) continue;
    const urls = new Map();
    const parsed = new Map();
    for (const line of text.split('\n')) {
      const f = line.split(',');
      if (f[0] === 'script-details') urls.set(f[1], f[2]);
      if (optimised) {
        // code-creation,JS,<kind>,<time>,<addr>,<size>,<name and place>,<sfi>,<tier: ~ ^ + * (' context-specialised, o OSR)>
        const tier = f[f.length - 1] ?? '';
        if (f[0] === 'code-creation' && f[1] === 'JS' && /[+*]/.test(tier)) {
          const name = `${tier.includes('+') ? 'maglev' : 'turbofan'}${tier.startsWith('o') ? ' OSR' : ''} ${f[6]?.trim().replace(/http:\/\/[^/]+\/assets\//, '')}`;
          parsed.set(name, (parsed.get(name) ?? 0) + 1);
        }
        continue;
      }
      if (f[0] !== 'function' || f[1] !== 'parse-function') continue;
      // The build is minified: a function is named by its file and offset (and shown by its first characters).
      const name = `${urls.get(f[2])?.replace(/^.*\//, '') ?? f[2]}@${f[3]}`;
      parsed.set(name, (parsed.get(name) ?? 0) + 1);
    }
    workers.push(parsed);
  }
  if (args.keep) console.error(dir, (await readdir(dir)).length); else await rm(dir, { recursive: true, force: true });
  return workers;
}

/** The first characters of the function at file@offset in a build. */
async function snippet(dist, key) {
  const [file, at] = key.split('@');
  const text = await readFile(join(dist, 'assets', file), 'utf8').catch(() => '');
  return text.slice(Number(at), Number(at) + 90).replace(/\s+/g, ' ');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const total = (m) => [...m.values()].reduce((a, b) => a + b, 0);
const servers = await Promise.all(builds.map(([, d], i) => serveDist(resolve(d), port + i)));
try {
  for (const [i, [label]] of builds.entries()) {
    const base = `http://127.0.0.1:${port + i}`;
    const warm = args.only === "run" ? [] : await sample(base, false);
    const ran = await sample(base, true);
    const wN = warm.map(total);
    const rN = ran.map(total);
    // In how many run workers each function was parsed, and in how many warm-only workers.
    const inWarm = new Map();
    for (const w of warm) for (const k of w.keys()) inWarm.set(k, (inWarm.get(k) ?? 0) + 1);
    const inRun = new Map();
    for (const w of ran) for (const k of w.keys()) inRun.set(k, (inRun.get(k) ?? 0) + 1);
    const extra = [...inRun].map(([k, n]) => [k, n / ran.length - (inWarm.get(k) ?? 0) / Math.max(1, warm.length)]).filter(([, d]) => d > 0.01).sort((a, b) => b[1] - a[1]);
    console.log(JSON.stringify({ label, warmWorkers: warm.length, runWorkers: ran.length, parsesPerWorkerWarm: median(wN), parsesPerWorkerRun: median(rN), runAll: rN.reduce((a, b) => a + b, 0) - median(wN) * rN.length }));
    for (const [k, d] of extra.slice(0, top)) console.log(`  ${d.toFixed(2)}  ${k}  ${optimised ? '' : await snippet(builds[i][1], k)}`);
  }
} finally {
  for (const s of servers) s.close();
}
