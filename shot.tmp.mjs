import { chromium } from '@playwright/test';
const [,, url, out, w='390', h='844'] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: +w, height: +h }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
p.on('console', m => { if (m.type() === 'error') console.log('console', m.text()); });
await p.goto(url); await p.waitForTimeout(1000);
for (let i = 0; i < 12; i++) { await p.keyboard.press('n'); }
await p.waitForTimeout(800);
console.log('scrollWidth', await p.evaluate(() => document.documentElement.scrollWidth));
console.log(await p.evaluate(() => [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.right > innerWidth + 1 && r.width > 0; }).slice(0,8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))));
console.log(await p.evaluate(() => [...document.querySelectorAll('.process-lab button, .process-lab select, .process-lab input')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.height < 40 || r.width < 24); }).map(e => (e.textContent || e.getAttribute('aria-label') || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height))));
await p.screenshot({ path: out, fullPage: true });
await b.close();
