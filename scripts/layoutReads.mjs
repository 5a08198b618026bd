// WHICH script forces a layout during a run: every layout read (clientWidth/Height, offset*, scroll*, getBoundingClientRect,
// getClientRects, scrollTo, scrollIntoView, getComputedStyle) is timed in the page from Run to the verdict, and each
// over 1 ms is printed with its stack (a slow read is a forced layout or style). One fresh browser per sample.
// Build unminified for readable stacks:
//
//   npx vite build --minify false --outDir /tmp/dist-nomin
//   node scripts/layoutReads.mjs /tmp/dist-nomin --port=4416 --samples=3 [--url='/?scenario=…']
/* global document, window, Element, HTMLElement */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './browser-path.mjs';
import { labIdle, settlePool } from './bench/page.mjs';
import { serveDist } from './serveDist.mjs';
import { abArgs } from './abArgs.mjs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const { args } = abArgs();
const dir = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'dist');
const port = Number(args.port ?? 4416);
const n = Number(args.samples ?? 2);
const url = args.url ?? '/?scenario=tickets&clients=1000&mode=parallel&turbo=on';
const server = await serveDist(dir, port);
for (let s = 0; s < n; s++) {
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(() => {
    const reads = [];
    window.__reads = reads;
    const wrap = (proto, name, kind) => {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (!d) return;
      const f = kind === 'get' ? d.get : d.value;
      const w = function (...a) {
        const t = performance.now();
        const r = f.apply(this, a);
        const dt = performance.now() - t;
        if (window.__t0 && dt > 1) reads.push({ at: Math.round(t - window.__t0), dt: Math.round(dt * 10) / 10, name, el: (this.className || this.tagName || '').toString().slice(0, 40), stack: new Error().stack.split('\n').slice(2, 9).map((l) => l.trim().replace(/\(http.*\/assets\//, '(')).join(' | ') });
        return r;
      };
      Object.defineProperty(proto, name, kind === 'get' ? { ...d, get: w } : { ...d, value: w });
    };
    for (const p of ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight', 'offsetTop', 'scrollHeight', 'scrollTop', 'scrollWidth']) {
      wrap(Element.prototype, p, 'get');
      wrap(HTMLElement.prototype, p, 'get');
    }
    for (const p of ['getBoundingClientRect', 'getClientRects', 'scrollTo', 'scrollIntoView']) wrap(Element.prototype, p, 'value');
    wrap(window, 'getComputedStyle', 'value');
  });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}${url}`);
  await labIdle(page, 600_000);
  await settlePool(page, 1000, 600_000);
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Run' && !b.disabled && b.getAttribute('aria-disabled') !== 'true'), null, { timeout: 600_000 });
  const out = await page.evaluate(() => new Promise((ok) => {
    window.__t0 = performance.now();
    [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run').click();
    const iv = setInterval(() => {
      const v = document.querySelector('[role="status"]')?.getAttribute('data-verdict');
      if (['ok', 'violated', 'deadlock', 'error'].includes(v)) { clearInterval(iv); setTimeout(() => ok({ end: Math.round(performance.now() - window.__t0), reads: window.__reads }), 300); }
    }, 20);
  }));
  console.log(`sample ${s} end ${out.end} load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  for (const r of out.reads) console.log(JSON.stringify(r));
  await browser.close();
}
server.close();
