import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from './fixtures';
import { LabPage } from './labPage';

/**
 * Issue 12's "each step explained" views, driven as a person would: the
 * timeline (legend, named rows, event details by pointer and keyboard, rows
 * past 40 reachable), the Python source (highlighted, read-only, a mark per
 * process, scrollable by keyboard, no page overflow on a phone) and the local
 * values on the process cards.
 */
test.use({ locale: 'en-US' });

const timeline = (page: Page) => page.getByRole('region', { name: 'Timeline' });
const events = (page: Page) => page.getByRole('group', { name: 'Events by process' });
const detail = (page: Page) => timeline(page).locator('.timeline-detail');
const card = (page: Page, name: string) => page.getByRole('region', { name: 'Processes' }).getByRole('listitem', { name, exact: true });

/**
 * Press `step` until `done` shows, one step at a time. A step's events reach the page a few frames after the click
 * (the cards and the event count in the same snapshot), so wait for the count to move before looking again: a
 * second click before that, on a slow machine, steps past the moment the test wants.
 */
async function stepUntil(page: Page, step: Locator, done: Locator): Promise<void> {
  const count = timeline(page).locator('h2');
  for (let i = 0; i < 6 && !(await done.isVisible()); i++) {
    const before = await count.textContent();
    await step.click();
    await expect(count).not.toHaveText(before!);
  }
  await expect(done).toBeVisible();
}

/** Step MainProcess until both workers exist (bank: it starts Process-1, then Process-2). */
async function startWorkers(page: Page): Promise<void> {
  await stepUntil(page, page.getByRole('button', { name: 'Step MainProcess' }), card(page, 'Process-2'));
}

test.describe('timeline', () => {
  test('a legend of event kinds, a label per process row, details by pointer and by keyboard', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=bank&lock=off&n=2&mode=step');
    for (let i = 0; i < 10; i++) await page.keyboard.press('n');
    await expect(timeline(page).getByRole('heading')).toContainText(/\d+ events/);

    const legend = page.getByRole('list', { name: 'Event kinds (colours)' });
    await expect(legend.getByRole('listitem')).toHaveText(['acquire', 'release', 'blocked', 'read shared data', 'write shared data', 'put / send', 'get / recv', 'print', 'start, join, exit', 'other']);
    await expect(page.getByRole('list', { name: 'Process rows' }).getByRole('listitem')).toHaveText(['MainProcess', 'Process-1', 'Process-2']);

    // Pointer: the first mark of the first row is MainProcess's start.
    await events(page).scrollIntoViewIfNeeded();
    const box = (await events(page).boundingBox())!;
    await page.mouse.move(box.x + 106, box.y + 8);
    await expect(detail(page)).toHaveText(/^Event 1: MainProcess — start running \(start, join, exit\)/);
    await page.mouse.move(0, 0);
    await expect(detail(page)).toHaveText('');

    // Keyboard: focus the events; the first arrow picks the last event, ← → walk that process's events.
    await events(page).focus();
    await page.keyboard.press('ArrowLeft');
    const last = (await detail(page).textContent())!;
    expect(last).toMatch(/^Event \d+: (MainProcess|Process-\d) — \w+/);
    await page.keyboard.press('Home');
    const who = /: ([\w-]+) —/.exec(last)![1]!;
    await expect(detail(page)).toContainText(`: ${who} — start`);
    // ↓ / ↑ go to another process's row; a worker's load names its object, its line and the line's code.
    await page.keyboard.press(who === 'MainProcess' ? 'ArrowDown' : 'ArrowUp');
    await expect(detail(page)).not.toContainText(`: ${who} —`);
    await events(page).focus();
    await page.keyboard.press('End');
    const text = (await detail(page).textContent())!;
    const n = Number(/^Event (\d+)/.exec(text)![1]);
    // Enter shows the state after that event: the scrubber moves there.
    await page.keyboard.press('Enter');
    await expect(timeline(page)).toContainText(`Showing the state after event ${n} of`);
    await expect(page.getByRole('slider', { name: 'Timeline position' })).toHaveValue(String(n));
  });

  test('a worker\'s load says which process, which object and which Python line', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=bank&lock=off&n=2&mode=step');
    await startWorkers(page);
    const step1 = page.getByRole('button', { name: 'Step Process-1' });
    await stepUntil(page, step1, card(page, 'Process-1').getByText('num.value').first());
    await events(page).focus();
    await page.keyboard.press('ArrowLeft'); // the last event: Process-1's load
    await expect(detail(page)).toHaveText(/^Event \d+: Process-1 — read num \(read shared data\), line 8 num\.value -= 1$/);
  });

  test('on the zh page every event reads in Chinese, in the learner\'s words: no raw op name (start, put, get…)', async ({ page }) => {
    await page.goto('/?scenario=producer-consumer&items=2&mode=clock&turbo=on&seed=5&lang=zh');
    const run = page.getByRole('button', { name: '运行', exact: true });
    await expect(run).toBeEnabled();
    await run.click();
    await expect(page.getByRole('status')).toHaveAttribute('data-verdict', /^(ok|violated|deadlock)$/, { timeout: 60_000 });
    const group = page.getByRole('group', { name: '按进程排列的事件' });
    const said = page.getByRole('region', { name: '时间线' }).locator('.timeline-detail');
    // Every event by keyboard: each row from Home, → until it stops, then ↓ (a key's detail shows in its own commit).
    await group.focus();
    await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    const seen = new Set<string>();
    for (let row = 0; row < 3; row++) {
      await page.keyboard.press('Home');
      for (let k = 0; k < 300; k++) {
        const text = (await said.textContent())!;
        if (seen.has(text)) break;
        seen.add(text);
        await page.keyboard.press('ArrowRight');
      }
      await page.keyboard.press('ArrowDown');
    }
    const ops = [...seen].map((text) => /^事件 \d+：\S+ — (.+?)（[^（]+），第 (\d+|—) 行/.exec(text)?.[1] ?? `unparsed: ${text}`);
    expect(ops.length).toBeGreaterThan(10);
    // Only the names of the processes and of the queue q are Latin: no op is left in its event's English name.
    expect(ops.filter((op) => /[A-Za-z]/.test(op.replace(/MainProcess|producer|consumer|\bq\b/g, ''))), JSON.stringify(ops)).toEqual([]);
    expect(ops).toEqual(expect.arrayContaining(['开始运行', '放入 q', '从 q 取出']));
  });

  test('rows past 40 are reachable: by scrolling and by keyboard (60 clients)', async ({ page }) => {
    test.setTimeout(240_000); // the open below may take most of 150 s on a loaded machine
    const lab = new LabPage(page);
    // 61 workers to start: at load ~60 the lab's Run was still disabled after the default 10 s (lab-polish gives the
    // same 60-client lab 150 s).
    expect(await lab.runClock('scenario=tickets&clients=60', 150_000)).toMatch(/ok|violated/);
    const rows = page.getByRole('list', { name: 'Process rows' });
    await expect(rows.getByText('MainProcess', { exact: true })).toBeVisible();
    await expect(rows.getByText('Process-60', { exact: true })).toHaveCount(0);
    // Scroll the events to the bottom: the last rows are drawn and named.
    await events(page).hover();
    await page.mouse.wheel(0, 5000);
    await expect(rows.getByText('Process-60', { exact: true })).toBeVisible();
    await expect(rows.getByText('MainProcess', { exact: true })).toHaveCount(0);
    // And by keyboard alone from the top: Page Down moves ten rows at a time and scrolls them into view.
    await page.mouse.wheel(0, -5000);
    await events(page).focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 7; i++) await page.keyboard.press('PageDown');
    await expect(detail(page)).toContainText(/: Process-(5\d|60) —/);
    const name = /: (Process-\d+) —/.exec((await detail(page).textContent())!)![1]!;
    await expect(rows.getByText(name, { exact: true })).toBeVisible();
  });

  test('no colour means both a process and an event kind', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=bank');
    const clash = await page.evaluate(() => {
      const probe = document.createElement('span');
      document.body.append(probe);
      const processes = Array.from({ length: 10 }, (_, i) => {
        probe.style.background = `var(--p${i})`;
        return getComputedStyle(probe).backgroundColor;
      });
      probe.remove();
      const kinds = Array.from(document.querySelectorAll('.timeline-legend .ev-swatch')).map((el) => getComputedStyle(el).backgroundColor);
      return { kinds: kinds.length, distinctKinds: new Set(kinds).size, shared: kinds.filter((k) => processes.includes(k)) };
    });
    expect(clash).toEqual({ kinds: 10, distinctKinds: 10, shared: [] });
  });
});

test.describe('Python source', () => {
  test('highlighted, read-only, a mark and a line per process, scrollable by keyboard', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=bank&lock=off&n=2&mode=step');
    const source = page.getByRole('region', { name: 'Python source' });
    const code = source.getByRole('textbox', { name: 'Python source' });
    await expect(code).toContainText('def withdraw(num, lock):');
    await expect(code).toHaveAttribute('contenteditable', 'false');
    // Highlighted: keywords are tokens of their own, in another colour than plain text.
    const colours = await code.evaluate((el) => {
      const kw = Array.from(el.querySelectorAll('span')).find((s) => s.textContent === 'def')!;
      return [getComputedStyle(kw).color, getComputedStyle(el).color, getComputedStyle(el).fontSize];
    });
    expect(colours[0]).not.toBe(colours[1]);
    expect(parseFloat(colours[2]!)).toBeGreaterThanOrEqual(13);
    // Typing into it changes nothing.
    await code.click();
    await page.keyboard.type('xyz');
    await expect(code).not.toContainText('xyz');

    await startWorkers(page);
    const where = source.getByRole('list', { name: 'Where each process is' });
    await expect(where).toContainText('Process-1: line');
    const line = Number(/Process-1: line (\d+)/.exec((await where.textContent())!)![1]);
    // The marked line is that line, named after the process(es) on it.
    // The marks are drawn in a layer beside the text (not in it), each naming its line.
    const procs = await source.locator('.cm-proc-line').evaluateAll((els) => els.map((e) => ({ procs: e.getAttribute('data-procs'), index: Number(e.getAttribute('data-line')) })));
    expect(procs).toContainEqual({ procs: expect.stringContaining('Process-1'), index: line });
    // Struck-through lines: the lock's, with the lock off.
    await expect(source).toContainText('struck-through lines are skipped');
    await expect(code.locator('.cm-struck-line')).not.toHaveCount(0);

    // The frame is focusable and the keyboard scrolls it (long programs).
    const frame = source.getByRole('region', { name: 'Program text (scrolls)' });
    await page.setViewportSize({ width: 1000, height: 500 });
    await frame.evaluate((el) => ((el as HTMLElement).style.maxHeight = '120px'));
    await frame.focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => frame.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  });

  test('whole lines at 13 px on a wide screen; no horizontal page overflow on a phone', async ({ page }) => {
    const lab = new LabPage(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await lab.open('scenario=tickets');
    const frame = page.getByRole('region', { name: 'Program text (scrolls)' });
    // Every line ends inside the frame: nothing to scroll sideways for (tickets' longest line is 85 characters).
    expect(await frame.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const sc of ['tickets', 'joinable']) {
      await lab.open(`scenario=${sc}`);
      await expect(page.getByRole('region', { name: 'Python source' })).toContainText('multiprocessing');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
  });
});

test.describe('local values on the process cards', () => {
  test('bank: a card shows the balance its process read and the value it computed; scrubbing back takes them away', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=bank&lock=off&n=2&mode=step');
    await startWorkers(page);
    const p1 = card(page, 'Process-1');
    const locals = p1.getByRole('definition');
    const step1 = page.getByRole('button', { name: 'Step Process-1' });
    await stepUntil(page, step1, p1.getByText('num.value', { exact: true }));
    // Nobody stored yet: it read the starting balance.
    await expect(p1.getByRole('term')).toHaveText(['num.value']);
    await expect(locals).toHaveText(['100']);
    await step1.click();
    await expect(p1.getByRole('term')).toHaveText(['num.value', 'new num.value']);
    await expect(locals).toHaveText(['100', '99']);
    // Process-2 has read nothing yet.
    await expect(card(page, 'Process-2').getByRole('term')).toHaveCount(0);
    // Scrub back to the start: no event, no value.
    await page.getByRole('slider', { name: 'Timeline position' }).fill('0');
    await expect(p1.getByRole('term')).toHaveCount(0);
    await page.getByRole('button', { name: 'Live', exact: true }).click();
    await expect(locals).toHaveText(['100', '99']);
  });

  test('a short run after a long one on the same page: the count, the details and the export are the new run\'s', async ({ page }) => {
    // The view worker writes each run's log into the last run's memory (LogStore): the page must read only the new run.
    const lab = new LabPage(page);
    await lab.open('scenario=bank&lock=on&n=1000&mode=parallel');
    await lab.button('Run').click();
    expect(await lab.waitForVerdict()).toBe('ok');
    const heading = timeline(page).getByRole('heading');
    const count = async () => Number(/([\d,]+) events?/.exec((await heading.textContent())!)![1]!.replace(/,/g, ''));
    expect(await count()).toBeGreaterThan(5_000); // past the 1,024 events a fresh log starts with

    await page.getByLabel('Mode').selectOption('step'); // a new run on the same page and view worker
    await expect(lab.button('Undo')).toBeDisabled();
    await expect(heading).toHaveText(/^Timeline \d{1,2} events?$/); // the new run is on the page
    for (let i = 0; i < 3; i++) {
      // A step's events reach the page a few frames after the key (as stepUntil): wait for each before the next.
      const before = await heading.textContent();
      await page.keyboard.press('n');
      await expect(heading).not.toHaveText(before!);
    }
    await expect(heading).toHaveText(/^Timeline \d{1,2} events$/);
    const n = await count();
    await events(page).scrollIntoViewIfNeeded();
    const box = (await events(page).boundingBox())!;
    await page.mouse.move(box.x + 106, box.y + 8);
    await expect(detail(page)).toHaveText(/^Event 1: MainProcess — start running \(start, join, exit\)/);
    await page.mouse.move(0, 0);

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON', exact: true }).click()]);
    const trace = JSON.parse(await readFile((await dl.path())!, 'utf8')) as { events: { seq: number; pid: number; kind: string }[] };
    expect(trace.events.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(trace.events[0]).toMatchObject({ pid: 0, kind: 'start' });
  });

  test('tickets: a client\'s card shows the data it loaded from the file', async ({ page }) => {
    const lab = new LabPage(page);
    expect(await lab.runClock('scenario=tickets&clients=3&tickets=1')).toMatch(/ok|violated/);
    const cards = page.getByRole('region', { name: 'Processes' }).getByRole('listitem').filter({ has: page.getByRole('term').filter({ hasText: /^data$/ }) });
    await expect(cards).not.toHaveCount(0);
    await expect(cards.first().getByRole('definition').first()).toHaveText(/^\{'count': \d\}$/);
  });
});
