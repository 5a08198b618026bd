/**
 * What the lab says and shows while a run grows (the lane list's line, the
 * console's drawing, lifecycle-control's buttons, a pool.map's local): each
 * checked as a learner meets it.
 */
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { LabPage } from './labPage';

test.use({ locale: 'en-US' });

/** The Python lab with `code` in clock mode, Run pressed once its interpreters have loaded. */
async function runPython(page: Page, code: string): Promise<LabPage> {
  await page.goto(`/?lab=python&mode=clock&code=${Buffer.from(code, 'utf8').toString('base64url')}`);
  const lab = new LabPage(page);
  await expect(lab.button('Run')).toBeEnabled({ timeout: 120_000 });
  await lab.button('Run').click();
  return lab;
}

test('before Run, a crowded scenario counts its processes against the run size instead of claiming only those in view are drawn', async ({ page }) => {
  test.setTimeout(240_000);
  const lab = new LabPage(page);
  // 60 clients: laid out for 61 processes from the start (a virtual list), though only main exists before Run.
  await lab.open('scenario=tickets&clients=60&tickets=60&lock=on&mode=clock&turbo=on&seed=3', 150_000);
  const processes = page.getByRole('region', { name: 'Processes' });
  const tree = page.getByRole('region', { name: 'Process tree and states' });
  for (const region of [processes, tree]) {
    await expect(region.getByText('1 process so far, up to 61 in this run.')).toBeVisible();
    await expect(region.getByText(/only those in view are drawn/)).toHaveCount(0);
  }
  await lab.button('Run').click();
  expect(await lab.waitForVerdict(120_000)).toBe('ok');
  // Now the 61 lanes do not all fit: the line says so, and fewer are drawn.
  await expect(processes.getByText('61 processes; only those in view are drawn: scroll the list to see the others.')).toBeVisible();
  expect(await processes.getByRole('listitem').count()).toBeLessThan(61);
  await expect(tree.getByText(/^61 processes; only those in view are drawn/)).toBeVisible();
});

test('a lone lane keeps its height as its process sleeps and wakes, so the console below it stays put', async ({ page }) => {
  test.setTimeout(180_000);
  // "MainProcess", pid 1000 and "sleeping" did not fit one line of a 262 px lane: the head wrapped at each sleep and
  // unwrapped at each wake, 21 px each time, and the console and everything below jumped with it.
  const code = ['import time', 'for i in range(8):', "    print('tick', i)", '    time.sleep(0.1)', ''].join('\n');
  await page.goto(`/?lab=python&mode=clock&code=${Buffer.from(code, 'utf8').toString('base64url')}`);
  const lab = new LabPage(page);
  await expect(lab.button('Run')).toBeEnabled({ timeout: 120_000 });
  // Each frame while the run goes on: the lane's height, its head's and its state.
  await page.evaluate(() => {
    const seen: { heights: number[]; heads: number[]; states: string[] } = { heights: [], heads: [], states: [] };
    (window as unknown as { laneSeen: typeof seen }).laneSeen = seen;
    const status = document.querySelector('[role="status"]')!;
    const add = (list: (string | number)[], v: string | number) => void (list.includes(v) || list.push(v));
    const frame = () => {
      if (status.getAttribute('data-verdict') === 'running') {
        const lane = document.querySelector<HTMLElement>('.lane');
        if (lane) {
          add(seen.heights, lane.getBoundingClientRect().height);
          add(seen.heads, lane.querySelector('.lane-head')!.getBoundingClientRect().height);
          add(seen.states, lane.querySelector('[data-state]')!.getAttribute('data-state')!);
        }
      } else if (seen.states.length > 0) return;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await lab.button('Run').click();
  expect(await lab.waitForVerdict(120_000)).toBe('ok');
  const seen = await page.evaluate(() => (window as unknown as { laneSeen: { heights: number[]; heads: number[]; states: string[] } }).laneSeen);
  expect(seen.states, 'the watch saw the process sleep and wake').toEqual(expect.arrayContaining(['sleeping', 'ready']));
  expect(seen.heights, JSON.stringify(seen)).toHaveLength(1);
  expect(seen.heads, JSON.stringify(seen)).toHaveLength(1);
  // The name is whole at this width (its title holds it whatever the width).
  const name = page.getByRole('listitem', { name: 'MainProcess' }).locator('.lane-name');
  expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

type LaneBoxes = Record<string, { heights: number[]; empty: boolean; local: boolean; key: boolean; free: boolean }>;

/**
 * Bank at 1440 px in step mode, stepped to its end while each frame records each lane's contents' height (the box
 * inside the lane: a grid row stretches the lane to its tallest), whether its locals were there yet, and whether it
 * held the lock's key.
 */
async function laneBoxesOverARun(page: Page, query: string): Promise<LaneBoxes> {
  await page.setViewportSize({ width: 1440, height: 900 });
  const lab = new LabPage(page);
  await lab.open(query);
  await page.evaluate(() => {
    const seen: LaneBoxes = {};
    (window as unknown as { laneBoxes: LaneBoxes }).laneBoxes = seen;
    const frame = () => {
      for (const lane of Array.from(document.querySelectorAll<HTMLElement>('.lane'))) {
        const s = (seen[lane.getAttribute('aria-label')!] ??= { heights: [], empty: false, local: false, key: false, free: false });
        const h = lane.querySelector('.lane-box')!.getBoundingClientRect().height;
        if (!s.heights.includes(h)) s.heights.push(h);
        if (lane.querySelector('.lane-locals > div')) s.local = true;
        else s.empty = true;
        if (lane.querySelector('.lane-head .lock-key')) s.key = true;
        else s.free = true;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  expect(await lab.stepToEnd()).toMatch(/ok|violated/);
  return page.evaluate(() => (window as unknown as { laneBoxes: LaneBoxes }).laneBoxes);
}

test('a lane keeps its height when its first local value comes: the line for it is there before', async ({ page }) => {
  // A worker's lane grew by a line at its first load (`num.value = 100`), and the page below moved with it.
  const seen = await laneBoxesOverARun(page, 'scenario=bank&lock=off&n=2&mode=step');
  for (const name of ['Process-1', 'Process-2']) {
    expect(seen[name], `${name}: the watch saw it before and after its first local (${JSON.stringify(seen)})`).toMatchObject({ empty: true, local: true });
    expect(seen[name]!.heights, JSON.stringify(seen)).toHaveLength(1);
  }
});

test('a lane keeps its height as it takes and gives back the lock\'s key', async ({ page }) => {
  // The key's icon stood 3 px taller than the lane's head: a row of lanes grew and shrank at each acquire and release.
  const seen = await laneBoxesOverARun(page, 'scenario=bank&lock=on&n=2&mode=step');
  for (const name of ['Process-1', 'Process-2']) {
    expect(seen[name], `${name}: the watch saw it with the key and without (${JSON.stringify(seen)})`).toMatchObject({ key: true, free: true });
    expect(seen[name]!.heights, JSON.stringify(seen)).toHaveLength(1);
  }
});

test('the console starts drawing only the lines in view mid-run without a visible jump: same box, same line height, scrolled to the end, focus kept', async ({ page }) => {
  test.setTimeout(240_000);
  // 285 lines, then 10 s without one: the pause lands before the 300th however slow the test's round trips are
  // (at a steady 7 lines a second it had to land within the ~2 s between seeing 280 lines and the 300th).
  const code = ['import time', 'for i in range(1, 286):', "    print('line', i)", '    time.sleep(0.01)', 'time.sleep(10)', 'for i in range(286, 341):', "    print('line', i)", '    time.sleep(0.15)', ''].join('\n');
  const lab = await runPython(page, code);
  const list = lab.console.getByRole('list', { name: 'Console' });
  await expect(list).toBeVisible({ timeout: 60_000 });
  // R pauses and resumes the run while the keyboard focus stays on the console.
  await list.focus();
  await expect.poll(() => list.getByRole('listitem').count(), { timeout: 120_000 }).toBe(285);
  await page.keyboard.press('r');
  await expect(lab.button('Run')).toBeVisible();
  const look = () =>
    list.evaluate((el) => {
      const drawn = el.querySelectorAll('li:not(.virtual-pad)');
      const last = drawn[drawn.length - 1]!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return {
        virtual: el.classList.contains('virtual'),
        marked: (el as HTMLElement & { marked?: boolean }).marked === true,
        focused: document.activeElement === el,
        top: box.top,
        height: box.height,
        lineHeight: last.height,
        toEnd: el.scrollHeight - el.scrollTop - el.clientHeight,
      };
    });
  const before = await look();
  expect(before.virtual, 'paused before the switch (300 lines)').toBe(false);
  await list.evaluate((el) => Object.assign(el, { marked: true }));
  await page.keyboard.press('r');
  await expect(list).toHaveClass(/virtual/, { timeout: 60_000 });
  await page.keyboard.press('r');
  await expect(lab.button('Run')).toBeVisible();
  await expect.poll(async () => (await look()).toEnd).toBeLessThan(2);
  const after = await look();
  expect(after).toEqual({ ...before, virtual: true, marked: true, toEnd: after.toEnd });
});

test('the console is at its newest line when the line that makes it draw only those in view is the last for a while; a learner who scrolled up stays there, and End follows again', async ({ page }) => {
  test.setTimeout(240_000);
  // 300 lines, then the 301st alone for 5 s (the switch is the last change: nothing later scrolls the list), then more.
  const code = [
    'import time',
    'for i in range(1, 301):',
    "    print('line', i)",
    '    time.sleep(0.01)',
    'time.sleep(1)',
    "print('line', 301)",
    'time.sleep(5)',
    'for i in range(302, 401):',
    "    print('line', i)",
    '    time.sleep(0.1)',
    '',
  ].join('\n');
  const lab = await runPython(page, code);
  const list = lab.console.getByRole('list', { name: 'Console' });
  const place = () =>
    list.evaluate((el) => ({
      lines: el.querySelector('li:not(.virtual-pad)')?.getAttribute('aria-setsize') ?? null,
      atEnd: el.scrollHeight - el.scrollTop - el.clientHeight < 2,
      atTop: el.scrollTop === 0,
    }));
  // The list was at its end before the 301st line; after the switch it is at its new end (it was left at its top).
  await expect.poll(place, { timeout: 120_000 }).toEqual({ lines: '301', atEnd: true, atTop: false });
  // The learner goes back to the first line: the lines still arriving leave them there.
  await list.focus();
  await page.keyboard.press('Home');
  await expect.poll(place).toMatchObject({ atTop: true });
  await expect.poll(async () => Number((await place()).lines), { timeout: 60_000 }).toBeGreaterThanOrEqual(320);
  expect(await place()).toMatchObject({ atTop: true });
  await expect(list.getByRole('listitem').first()).toHaveText('line 1');
  // End: at the newest line, and following it again as more arrive.
  await page.keyboard.press('End');
  await expect.poll(place).toMatchObject({ atEnd: true });
  const seen = Number((await place()).lines);
  await expect.poll(async () => Number((await place()).lines), { timeout: 60_000 }).toBeGreaterThan(seen);
  await expect.poll(place).toMatchObject({ atEnd: true });
});

test('a console whose first lines come all at once, past the count that draws only those in view, opens at its newest line', async ({ page }) => {
  test.setTimeout(240_000);
  // One print of 400 lines: the console appears with all of them in the same frame (as a fast run's lines do when
  // the page is slow to take its snapshots: the clean-clone CI's 1,000 clients). Its list had no box yet in that
  // render, so no line was drawn; the lines drawn a moment later must still be the newest.
  const code = ["print('\\n'.join('line %d' % i for i in range(1, 401)))", ''].join('\n');
  const lab = await runPython(page, code);
  await expect(lab.status).toHaveAttribute('data-verdict', 'ok', { timeout: 120_000 });
  const list = lab.console.getByRole('list', { name: 'Console' });
  await expect(list).toHaveClass(/virtual/);
  const lines = list.getByRole('listitem');
  await expect(lines.last()).toHaveText('line 400');
  await expect(lines.last()).toHaveAttribute('aria-posinset', '400');
  await expect.poll(() => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(2);
});

test('lifecycle-control does not offer turbo (the child would end before a button could be pressed): the switch is off with a note, and is_alive() finds the child alive', async ({ page }) => {
  await page.goto('/?scenario=lifecycle-control&turbo=on');
  const turbo = page.getByRole('checkbox', { name: 'Turbo (no sleeps)' });
  await expect(turbo).toBeDisabled();
  await expect(turbo).not.toBeChecked();
  await expect(turbo).toHaveAccessibleDescription(/would skip the child’s sleeps/);
  const panel = page.getByRole('region', { name: 'Call the child’s methods' });
  await expect(panel.getByRole('button', { name: 'p.is_alive()' })).toBeEnabled();
  // The child prints a line a second for 10 s: a second after its first line it is still working.
  const lab = new LabPage(page);
  await expect(lab.console).toContainText('child: working 1', { timeout: 30_000 });
  await panel.getByRole('button', { name: 'p.is_alive()' }).click();
  await expect(lab.console).toContainText('is_alive() -> True');
  await expect(lab.console).not.toContainText('child: done');
});

test("the console wraps a long unbroken token instead of scrolling sideways; scrubbing the timeline shows the console as it was then, and leaves following its end to the learner", async ({ page }) => {
  test.setTimeout(240_000);
  const code = ["print('x' * 500)", 'for i in range(1, 41):', "    print('line', i)", ''].join('\n');
  const lab = await runPython(page, code);
  await expect(lab.status).toHaveAttribute('data-verdict', 'ok', { timeout: 120_000 });
  const list = lab.console.getByRole('list', { name: 'Console' });
  const lines = list.getByRole('listitem');
  await expect(lines).toHaveCount(41);
  // Wrapped: nothing to scroll sideways, and the long line is several lines high.
  expect(await list.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  expect((await lines.first().boundingBox())!.height).toBeGreaterThan(3 * 16);
  // Read two frames on, after the console has followed (or not) the lines it got.
  const place = () =>
    list.evaluate(async (el) => {
      for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
      return { atEnd: el.scrollHeight - el.scrollTop - el.clientHeight < 2, atTop: el.scrollTop === 0 };
    });
  await expect.poll(place).toEqual({ atEnd: true, atTop: false });
  const slider = page.getByRole('slider', { name: 'Timeline position' });
  const middle = String(Math.floor(Number(await slider.getAttribute('max')) / 2));
  const live = page.getByRole('button', { name: 'Live', exact: true });
  // Following: the scrubbed moment's console at its end, and the live one's again after.
  await slider.fill(middle);
  await expect.poll(() => lines.count()).toBeLessThan(41);
  expect(await lines.count()).toBeGreaterThan(15); // still taller than the list: it could be left at its top
  await expect.poll(place).toEqual({ atEnd: true, atTop: false });
  await live.click();
  await expect(lines).toHaveCount(41);
  await expect.poll(place).toEqual({ atEnd: true, atTop: false });
  // Reading from the top: scrubbing back and to live again leaves the learner there.
  await list.focus();
  await page.keyboard.press('Home');
  await expect.poll(place).toEqual({ atEnd: false, atTop: true });
  await slider.fill(middle);
  await expect.poll(() => lines.count()).toBeLessThan(41);
  expect(await place()).toEqual({ atEnd: false, atTop: true });
  await live.click();
  await expect(lines).toHaveCount(41);
  expect(await place()).toEqual({ atEnd: false, atTop: true });
});

for (const size of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${size.width} px, a Run moves and resizes no control as its progress line counts up, and the narration's sentences move no panel`, async ({ page }) => {
    test.setTimeout(180_000);
    // The ops-done line sat in the buttons' row: at 1440 px its coming moved every button 180 px left and each new
    // digit a few px more; on a phone it shared Reset's row, and Reset went 265 -> 85 -> 71 px wide. The narration
    // went from one line to two and back at each step on a phone, and the lanes under it jumped 12 px.
    await page.setViewportSize(size);
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=3&mode=clock&speed=1&seed=4');
    await page.evaluate(() => {
      const seen = { boxes: {} as Record<string, string[]>, progress: 0, processesTop: [] as number[], narration: [] as number[] };
      (window as unknown as { runSeen: typeof seen }).runSeen = seen;
      const status = document.querySelector('[role="status"]')!;
      const controls = document.querySelector('[role="group"].controls')!;
      const add = <T,>(list: T[], v: T) => void (list.includes(v) || list.push(v));
      const frame = () => {
        if (status.getAttribute('data-verdict') === 'running') {
          for (const b of Array.from(controls.querySelectorAll('button'))) {
            const r = b.getBoundingClientRect();
            add((seen.boxes[b.textContent!] ??= []), `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`);
          }
          if (/ops? done/.test(controls.querySelector('.run-progress')?.textContent ?? '')) seen.progress++;
          add(seen.processesTop, Math.round(document.querySelector('[aria-label="Processes"]')!.getBoundingClientRect().top + scrollY));
          add(seen.narration, Math.round(document.querySelector('.narration')!.scrollHeight));
        } else if (seen.progress > 0) return;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await lab.button('Run').click();
    await lab.waitForVerdict(120_000);
    const seen = await page.evaluate(() => (window as unknown as { runSeen: { boxes: Record<string, string[]>; progress: number; processesTop: number[]; narration: number[] } }).runSeen);
    expect(seen.progress, 'frames that showed the progress line').toBeGreaterThan(0);
    expect(Object.keys(seen.boxes)).toEqual(['Run', 'Pause', 'Step', 'Undo', 'Redo', 'Copy link', 'Reset']);
    for (const [name, boxes] of Object.entries(seen.boxes)) expect(boxes, name).toHaveLength(1);
    expect(seen.processesTop, JSON.stringify(seen)).toHaveLength(1);
  });
}

test('on a phone the console says whole that it draws only the lines in view, in the same height as a short count', async ({ page }) => {
  test.setTimeout(240_000);
  // One line cut with an ellipsis: at 390 px it read "1,503 lines; only those in view are drawn: scroll the …".
  await page.setViewportSize({ width: 390, height: 844 });
  const code = ['import time', "print('first')", 'time.sleep(1)', "print('\\n'.join('line %d' % i for i in range(1, 401)))", ''].join('\n');
  await page.goto(`/?lab=python&mode=clock&code=${Buffer.from(code, 'utf8').toString('base64url')}`);
  const lab = new LabPage(page);
  await expect(lab.button('Run')).toBeEnabled({ timeout: 120_000 });
  // Each frame from Run to the verdict: the count line's text, height and whether it is cut.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { countSeen: string[] }).countSeen = seen;
    const status = document.querySelector('[role="status"]')!;
    const frame = () => {
      const el = document.querySelector<HTMLElement>('.console-count');
      if (el) {
        const cut = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
        const v = `${el.textContent} | ${el.getBoundingClientRect().height}${cut ? ' cut' : ''}`;
        if (!seen.includes(v)) seen.push(v);
      }
      if (status.getAttribute('data-verdict') !== 'ok') requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await lab.button('Run').click();
  await expect(lab.status).toHaveAttribute('data-verdict', 'ok', { timeout: 120_000 });
  const seen = await page.evaluate(() => (window as unknown as { countSeen: string[] }).countSeen);
  // (A frame of "401 lines" may come between, before the list switches.)
  const height = seen[0]?.split(' | ')[1];
  expect(seen, 'whole, one height').toEqual(seen.map((v) => `${v.split(' | ')[0]} | ${height}`));
  expect(seen.map((v) => v.split(' | ')[0])).toEqual(expect.arrayContaining(['1 line', '401 lines; only those in view are drawn: scroll the console to see the others.']));
});
