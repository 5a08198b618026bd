// Driving pages: bench.html's window.__bench (one call per sample) and the app itself through its
// public surface (URL, buttons by name, role=status's data-verdict, window.__lockstep), so the figures
// survive the app's internals moving (the view pipeline into a worker, the pool growing ahead of need).
// Callbacks passed to page.evaluate run in the page:
/* global window, document, requestAnimationFrame, MutationObserver */
import { log } from './context.mjs';

function watchErrors(page, label) {
  page.on('pageerror', (e) => log(`${label} page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') log(`${label} console error: ${m.text()}`);
  });
}

export async function openBench(context, base) {
  const page = await context.newPage();
  watchErrors(page, 'bench');
  await page.goto(`${base}/bench.html`);
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  if (!(await page.evaluate(() => globalThis.crossOriginIsolated))) throw new Error('bench.html is not cross-origin isolated');
  return page;
}

/** Call window.__bench[name](...args) in the page. */
export const call = (page, name, ...args) => page.evaluate(({ name, args }) => window.__bench[name](...args), { name, args });

/** Run `fn` `n` times after `warmup` discarded runs; returns the samples. */
export async function sample(label, n, fn, warmup = 1) {
  for (let i = 0; i < warmup; i++) await fn(-1);
  const out = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  log(`${label}: done`);
  return out;
}

/**
 * A per-process iteration count so one run takes about `targetMs`, from a short trial run. `passes` > 1: each
 * further trial is sized from the fastest so far at 1/4 of `targetMs`, so a run's fixed start (boot, children, the
 * frame that sees the end) no longer dominates the rate the count is scaled from, and a trial slowed by the
 * machine's load does not shorten the samples (the trials also warm the page up).
 */
export async function calibrate(page, name, argsOf, trialIters, targetMs, { min = 1000, round = 1000, passes = 1 } = {}) {
  let iters = trialIters;
  let rate = 0; // iterations per ms, the fastest trial's
  for (let k = 1; k <= passes; k++) {
    const trial = await call(page, name, ...argsOf(iters));
    rate = Math.max(rate, iters / trial.ms);
    iters = Math.max(min, Math.round((rate * (k === passes ? targetMs : targetMs / 4)) / round) * round);
  }
  return iters;
}

/** The verdicts that end a run (the process lab's and the Python lab's). */
export const FINAL = ['ok', 'violated', 'deadlock', 'error'];

/** Open the app at `path` in a new page of `context` and wait until the lab is idle (Run can be pressed). */
export async function openApp(context, base, path) {
  const page = await context.newPage();
  watchErrors(page, path.length > 60 ? `${path.slice(0, 57)}…` : path);
  await page.goto(`${base}${path}`);
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor({ state: 'visible', timeout: 60_000 });
  await labIdle(page, 60_000);
  return page;
}

/**
 * For the A/B scripts: a 1400 x 1000 page of `browser` at `base + url`, the lab idle and its pool grown as the bench
 * allows (its size still for a second). Returns the context (for a CDP session) and the page.
 */
export async function openSettledLab(browser, base, url, idleMs = 600_000) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${base}${url}`);
  await labIdle(page, idleMs);
  await settlePool(page, 1000, 600_000);
  return { context, page };
}

/** Wait until the lab says it is idle (a fresh run, Run can be pressed), at most `timeoutMs`. */
export function labIdle(page, timeoutMs) {
  return page.waitForFunction(() => document.querySelector('[role="status"]')?.getAttribute('data-verdict') === 'idle', null, { timeout: timeoutMs });
}

/**
 * Let the page grow its worker pool after load ("pool warming allowed"): wait until
 * window.__lockstep.poolSize() has not changed for `quietMs` (at most `maxMs`). Returns the pool size.
 */
export async function settlePool(page, quietMs = 1000, maxMs = 15_000) {
  const t0 = Date.now();
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = await page.evaluate(() => window.__lockstep?.poolSize() ?? 0);
    if (n !== last) {
      last = n;
      since = Date.now();
    }
    if (Date.now() - since >= quietMs || Date.now() - t0 >= maxMs) return n;
    await page.waitForTimeout(100);
  }
}

/**
 * Press the button named `button` (English page) in the page and time until role=status's data-verdict is one
 * of `until` (in the page: no round trip to this script in the figure). Optionally record the gaps between
 * animation frames from the press until then (`frames`; the first gap starts at the click, the last ends at the
 * verdict), or stop after `windowMs` whatever the verdict.
 */
export function press(page, { button = 'Run', until = FINAL, timeoutMs = 120_000, frames = false, windowMs = 0 } = {}) {
  return page.evaluate(
    ({ button, until, timeoutMs, frames, windowMs }) =>
      new Promise((resolve, reject) => {
        const verdict = () => document.querySelector('[role="status"]')?.getAttribute('data-verdict') ?? '';
        const enabled = () => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === button && !b.disabled && b.getAttribute('aria-disabled') !== 'true');
        // The button may still be disabled while the lab loads (after Reset, or workers attaching): wait for it, untimed.
        const waitStart = performance.now();
        const start = () => {
          const target = enabled();
          if (target) return go(target);
          if (performance.now() - waitStart > timeoutMs) return reject(new Error(`no enabled button "${button}" within ${timeoutMs} ms (verdict ${verdict()})`));
          setTimeout(start, 5);
        };
        const go = (target) => {
          const waitedMs = performance.now() - waitStart;
          // Gaps run from the click to the first frame, between frames, and from the last frame to the end
          // (the verdict, or the window's end): a page frozen until the verdict has one long gap, not none.
          const gaps = [];
          const t0 = performance.now();
          let last = t0;
          let on = true;
          const tick = () => {
            if (!on) return;
            const now = performance.now();
            gaps.push(now - last);
            last = now;
            requestAnimationFrame(tick);
          };
          if (frames) requestAnimationFrame(tick);
          const finish = (v, timedOut) => {
            on = false;
            observer.disconnect();
            clearTimeout(timer);
            const end = performance.now();
            if (frames) gaps.push(end - last);
            const sorted = [...gaps].sort((a, b) => a - b);
            resolve({
              ms: end - t0,
              /** Before the click: the button was disabled (the lab loading) for this long. */
              waitedMs,
              verdict: v,
              timedOut,
              /** Frames drawn from the click to the end (the gaps count one more: the stretch after the last frame). */
              frames: Math.max(0, gaps.length - 1),
              maxGapMs: Math.max(0, ...gaps),
              p99GapMs: sorted[Math.floor(0.99 * sorted.length)] ?? 0,
              over50: gaps.filter((g) => g > 50).length,
            });
          };
          const check = () => {
            const v = verdict();
            if (until.includes(v)) finish(v, false);
          };
          // The whole document: the status element may be re-rendered rather than updated.
          const observer = new MutationObserver(check);
          observer.observe(document.body, { attributes: true, attributeFilter: ['data-verdict'], subtree: true, childList: true });
          const timer = setTimeout(() => {
            if (windowMs) finish(verdict(), false);
            else {
              on = false;
              observer.disconnect();
              reject(new Error(`"${button}": no verdict in ${until.join('/')} within ${timeoutMs} ms (verdict ${verdict()})`));
            }
          }, windowMs || timeoutMs);
          target.click();
          check();
        };
        start();
      }),
    { button, until, timeoutMs, frames, windowMs },
  );
}

/**
 * `n` cycles of Run → a final verdict → Reset → idle, in one call in the page (no round trip to this
 * script per press: a thousand cycles take minutes less). The buttons are the app's own, pressed as
 * `press` presses them. Resolves with the verdicts seen and the cycles' time in ms.
 */
export function cycles(page, n, { timeoutMs = 30_000 } = {}) {
  return page.evaluate(
    ({ n, timeoutMs, final }) => {
      const verdict = () => document.querySelector('[role="status"]')?.getAttribute('data-verdict') ?? '';
      const enabled = (name) => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === name && !b.disabled && b.getAttribute('aria-disabled') !== 'true');
      // Resolves once `ready()` holds, checked on every DOM change and every 5 ms (a button enabled, a verdict set).
      const until = (ready, what) =>
        new Promise((resolve, reject) => {
          const t0 = performance.now();
          const observer = new MutationObserver(check);
          const timer = setInterval(check, 5);
          function check() {
            const v = ready();
            if (!v && performance.now() - t0 < timeoutMs) return;
            observer.disconnect();
            clearInterval(timer);
            if (v) resolve(v);
            else reject(new Error(`${what} not within ${timeoutMs} ms (verdict ${verdict()})`));
          }
          observer.observe(document.body, { attributes: true, subtree: true, childList: true });
          check();
        });
      return (async () => {
        const seen = new Set();
        const t0 = performance.now();
        for (let i = 0; i < n; i++) {
          (await until(() => enabled('Run'), 'an enabled Run')).click();
          seen.add(await until(() => (final.includes(verdict()) ? verdict() : null), 'a final verdict'));
          (await until(() => enabled('Reset'), 'an enabled Reset')).click();
          await until(() => verdict() === 'idle', 'the idle verdict');
        }
        return { verdicts: [...seen], ms: performance.now() - t0 };
      })();
    },
    { n, timeoutMs, final: FINAL },
  );
}

/** Reset and wait until the lab is idle again. */
export const reset = (page) => press(page, { button: 'Reset', until: ['idle'], timeoutMs: 30_000 });

/**
 * Warm runs in one page: a first run (discarded: it loads what the later ones reuse), then `n` timed runs,
 * each Run → verdict followed by Reset. `after(result)` may read the page before the Reset.
 */
export async function warmRuns(page, n, options = {}, after = async () => undefined) {
  const out = [];
  for (let i = -1; i < n; i++) {
    const r = await press(page, options);
    // Long runs (the bank's million updates; anything on a busy machine) show progress.
    if (r.ms > 5000) log(`${page.url().slice(0, 60)}…: run ${i + 2} of ${n + 1}, ${Math.round(r.ms)} ms, ${r.verdict}`);
    const extra = await after(r);
    if (i >= 0) out.push(extra === undefined ? r : { ...r, ...extra });
    await reset(page);
  }
  return out;
}
