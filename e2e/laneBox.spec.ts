/**
 * A crowded grid's lanes have a fixed size, and a lane's contents are a box of their own (`contain: strict`): a
 * change of a lane's text (its state, its line, its locals: every snapshot) lays out that box alone, not the grid.
 * Text that does not fit is cut with an ellipsis, and all of it stays reachable: in the page (a screen reader
 * reads it whole) and in its title.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { LabPage, hook } from './labPage';

/**
 * The layout roots of the layouts `change` causes, from Chromium's trace. The page first lays out whatever is
 * already pending (a late commit of the run's last snapshot dirties the document), and only layouts between two
 * trace stamps around `change`, on the page's main thread, count: a frame the page draws later for its own reasons
 * is not the change's.
 */
async function layoutRoots(page: Page, change: () => Promise<unknown>): Promise<string[]> {
  type TraceEvent = { name: string; ts: number; pid: number; tid: number; args?: { data?: { message?: string }; endData?: { layoutRoots?: { nodeName: string }[] } } };
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await change();
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const stamp = (message: string) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === message);
  const [begin, end] = [stamp(CHANGE_BEGINS), stamp(CHANGE_ENDS)];
  if (!begin || !end) throw new Error('the trace holds no stamps around the change');
  return events
    .filter((e) => e.name === 'Layout' && e.pid === begin.pid && e.tid === begin.tid && e.ts >= begin.ts && e.ts <= end.ts)
    .flatMap((e) => (e.args?.endData?.layoutRoots ?? []).map((r) => r.nodeName));
}
const CHANGE_BEGINS = 'laneBox: change begins';
const CHANGE_ENDS = 'laneBox: change ends';

test('a crowded lane is a fixed box that lays out alone; a long line is cut but kept whole, a long local wraps', async ({ page }) => {
  test.setTimeout(120_000);
  const lab = new LabPage(page);
  // The width the lanes' heads were found cut at: four columns of lanes a little over the grid's 200 px minimum.
  await page.setViewportSize({ width: 1440, height: 900 });
  // 14 lanes: a compact grid (more than 12), all drawn (not virtual); parallel turbo ends at once.
  await lab.open('scenario=tickets&clients=13&tickets=13&lock=on&mode=parallel&turbo=on', 60_000);
  await lab.button('Run').click();
  expect(await lab.waitForVerdict(60_000)).toBe('ok');
  const lanes = page.getByRole('region', { name: 'Processes' }).getByRole('listitem');
  await expect(lanes).toHaveCount(14);

  // Every lane the same height, whatever it holds; each one's contents in a box of strict containment.
  const boxes = await lanes.evaluateAll((els) => els.map((el) => ({ height: el.getBoundingClientRect().height, contain: getComputedStyle(el.querySelector('.lane-box')!).contain })));
  expect(new Set(boxes.map((b) => b.height)).size).toBe(1);
  expect(boxes.map((b) => b.contain)).toEqual(boxes.map(() => 'strict'));

  // Each lane's head is one line: its name gives way (cut, whole in its title), never its pid or its state. Four-digit
  // pids were cut to "pid 1…" beside "MainProcess" and its state.
  const heads = await lanes.evaluateAll((els) =>
    els.map((el) => {
      const read = (part: Element) => ({ text: part.textContent, cut: part.scrollWidth > part.clientWidth });
      const name = el.querySelector<HTMLElement>('.lane-name')!;
      const whole = name.textContent === name.title && name.title === el.getAttribute('aria-label');
      return { pid: read(el.querySelector('.lane-pid')!), state: read(el.querySelector('.badge')!).cut, name: whole };
    }),
  );
  expect(heads).toEqual(Array.from({ length: 14 }, (_, i) => ({ pid: { text: `pid ${1000 + i}`, cut: false }, state: false, name: true })));

  // A lane's text grows far past its width: the lane keeps its height, only its box is laid out again, and the
  // text is cut with an ellipsis with all of it in its title.
  const lane = lanes.nth(3);
  const height = await lane.evaluate((el) => el.getBoundingClientRect().height);
  const long = `exitcode 0 ${'and a much longer line than a lane can show '.repeat(4)}`;
  const roots = await layoutRoots(page, () =>
    lane.evaluate(
      (el, { long, stamps }) => {
        document.documentElement.getBoundingClientRect(); // lay out what is already pending, outside the window
        console.timeStamp(stamps[0]);
        el.querySelector('.lane-exit')!.textContent = long;
        const laidOut = el.getBoundingClientRect().height;
        console.timeStamp(stamps[1]);
        return laidOut;
      },
      { long, stamps: [CHANGE_BEGINS, CHANGE_ENDS] },
    ),
  );
  expect(roots.length).toBeGreaterThan(0);
  for (const root of roots) expect(root).toContain('lane-box');
  expect(await lane.evaluate((el) => el.getBoundingClientRect().height)).toBe(height);

  // The real long text: MainProcess's local `open('tickets.json').read() = {...}`, wider than its lane, wraps to a
  // second line and reads whole (nothing cut sideways or below); its title holds it too.
  const main = page.getByRole('listitem', { name: 'MainProcess' });
  const locals = main.getByRole('definition').first();
  const fits = await main.locator('.lane-locals').evaluate((el) => ({ wide: el.scrollWidth > el.clientWidth, tall: el.scrollHeight > el.clientHeight, wrapped: el.getClientRects().length > 0 && el.clientHeight > 20 }));
  expect(fits).toEqual({ wide: false, tall: false, wrapped: true });
  const pair = main.locator('.lane-locals > div').first();
  await expect(pair).toHaveAttribute('title', new RegExp(`^open\\('tickets\\.json'\\)\\.read\\(\\) = ${(await locals.textContent())!.replace(/[{}()[\]'.]/g, '\\$&')}\\n`));
  await expect(main.getByRole('term').first()).toHaveText("open('tickets.json').read()");
});

test("a crowded lane's Step button shows its whole focus ring: the lane's box clips what it paints, and the ring fits inside", async ({ page }) => {
  // The ring (2 px, 2 px off the button) lost its left side: the button sat on the edge of the box that clips.
  await page.setViewportSize({ width: 1440, height: 900 });
  const lab = new LabPage(page);
  await lab.open('scenario=tickets&clients=13&tickets=13&lock=on&mode=step', 60_000);
  const step = page.getByRole('button', { name: 'Step MainProcess', exact: true });
  await expect(step).toBeVisible();
  expect(await step.evaluate((el) => getComputedStyle(el.closest('.lane-box')!).contain)).toBe('strict');
  // Focused from the keyboard, as a learner gets there: the ring is drawn (:focus-visible).
  await step.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(step).toBeFocused();
  const ring = await step.evaluate((el) => {
    const cs = getComputedStyle(el);
    const reach = parseFloat(cs.outlineOffset) + parseFloat(cs.outlineWidth);
    const r = el.getBoundingClientRect();
    // Every ancestor up to the lane list that clips its painting (paint containment or overflow): the ring inside it.
    const clippedBy: string[] = [];
    for (let a = el.parentElement; a && !a.classList.contains('lanes'); a = a.parentElement) {
      const s = getComputedStyle(a);
      if (!/paint|strict|content/.test(s.contain) && s.overflow === 'visible') continue;
      // Its padding box, where both clip.
      const left = a.getBoundingClientRect().left + a.clientLeft;
      const top = a.getBoundingClientRect().top + a.clientTop;
      const inside = r.left - reach >= left && r.top - reach >= top && r.right + reach <= left + a.clientWidth && r.bottom + reach <= top + a.clientHeight;
      if (!inside) clippedBy.push(a.className);
    }
    return { drawn: cs.outlineStyle !== 'none' && reach > 0, clippedBy };
  });
  expect(ring).toEqual({ drawn: true, clippedBy: [] });
});

test('at the 200 px minimum, a terminated lane that holds the key keeps room for its name, and its height', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('scenario=tickets&clients=13&tickets=13&lock=on&mode=step&turbo=on', 60_000);
  const processes = page.getByRole('region', { name: 'Processes' });
  const shared = page.getByRole('region', { name: 'Shared state' });
  // Step until a client holds the lock, then kill its worker: terminated, still holding the key.
  let holder = '';
  for (let i = 0; i < 60 && !holder; i++) {
    holder = /held by (Process-\d+)/.exec((await shared.textContent()) ?? '')?.[1] ?? '';
    if (holder) break;
    const before = page.url();
    await lab.button('Step').click();
    await expect.poll(() => page.url()).not.toBe(before);
  }
  expect(holder).not.toBe('');
  await hook(page, 'killWorker', Number(holder.slice('Process-'.length)));
  const dead = processes.getByRole('listitem', { name: holder, exact: true });
  await expect(dead.locator('.badge')).toHaveAttribute('data-state', 'terminated');
  await expect(dead.locator('.lock-key')).toHaveCount(1);
  // The grid at its minimum column (any window: this page's width decides how many columns, not how narrow).
  await processes.locator('.lanes.compact').evaluate((el) => (el.style.gridTemplateColumns = 'repeat(auto-fill, 200px)'));
  await expect.poll(() => dead.evaluate((el) => Math.round(el.getBoundingClientRect().width))).toBe(200);
  const read = await processes.getByRole('listitem').evaluateAll((els) =>
    els.map((el) => ({ dead: el.classList.contains('state-terminated'), name: el.querySelector('.lane-name')!.getBoundingClientRect().width, height: el.getBoundingClientRect().height })),
  );
  const live = read.filter((r) => !r.dead);
  // It left the name ~11 px ("P…") beside the key and "terminated"; a live lane's is 46 px here.
  expect(read.find((r) => r.dead)!.name).toBeGreaterThanOrEqual(36);
  expect(Math.min(...live.map((r) => r.name))).toBeGreaterThanOrEqual(36);
  expect(new Set(read.map((r) => r.height)).size).toBe(1);
});
