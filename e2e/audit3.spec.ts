import { expect, test } from './fixtures';
import { LabPage } from './labPage';

/**
 * The third keyboard-only pass through the labs (every lab and scenario, en/zh, light/dark, 1440 and 390 px
 * wide): each test is one finding, asserted as a learner meets it.
 */

test.use({ locale: 'en-US' });

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a wrapped line of the program keeps its indentation: its later rows start further in than its first character', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=queue-tickets');
    const source = page.getByRole('region', { name: 'Program text (scrolls)' });
    // Line 10, inside `def buyer`: 4 spaces, then a statement longer than a phone's row.
    const line = source.locator('.cm-line', { hasText: 'time.sleep(random.uniform(0, 0.2))' });
    const rows = await line.evaluate((el) => {
      const lineLeft = el.getBoundingClientRect().left;
      const text = el.textContent!;
      const start = text.indexOf('time');
      // Each character's box, by a range over the text nodes in order.
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const boxes: { left: number; top: number }[] = [];
      let lineTop = NaN;
      let at = 0;
      while (walker.nextNode()) {
        const node = walker.currentNode as Text;
        for (let i = 0; i < node.length; i++, at++) {
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + 1);
          const b = r.getBoundingClientRect();
          // The first row's top: where the indentation's first space is.
          if (at === 0) lineTop = b.top;
          if (at >= start && b.width > 0) boxes.push({ left: b.left - lineLeft, top: b.top });
        }
      }
      const first = boxes[0]!;
      const tops = [...new Set(boxes.map((b) => Math.round(b.top)))];
      return { rows: tops.length, firstOnFirstRow: Math.round(first.top) === Math.round(lineTop), indent: first.left, later: Math.min(...boxes.filter((b) => Math.round(b.top) !== Math.round(first.top)).map((b) => b.left)) };
    });
    // The statement wraps (else this test shows nothing) ...
    expect(rows.rows).toBeGreaterThan(1);
    // ... its first row begins with it, after the 4 spaces (it used to begin on an empty row, at column 0) ...
    expect(rows.firstOnFirstRow).toBe(true);
    expect(rows.indent).toBeGreaterThan(20);
    // ... and its later rows start further in than it: a continuation, not a statement of the block.
    expect(rows.later).toBeGreaterThan(rows.indent);
  });
});

test('a run driven by call buttons says it waits for the learner, not "Running…", and goes on after a call', async ({ page }) => {
  await page.goto('/?scenario=queue-basics');
  const status = page.getByRole('status').first();
  // Both processes wait for a call from the page: only a button moves the run.
  await expect(status).toHaveText('Your move: every process is waiting; press one of the call buttons to go on.');
  // From the keyboard: MainProcess (checked) puts 1; after it, both wait again.
  await page.getByRole('button', { name: 'put(x)', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Console' })).toContainText('main: put(1)');
  await expect(status).toHaveText('Your move: every process is waiting; press one of the call buttons to go on.');
  await expect(status).toHaveAttribute('data-verdict', 'running');
});

test.describe('the exploration and statistics controls', () => {
  test('Explore schedules from the keyboard: the focus stays on the controls through the search, and comes back to the button', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&users=2&lines=1&mode=step');
    const explore = lab.button('Explore schedules');
    await explore.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Export CSV' }).first()).toBeVisible({ timeout: 60_000 });
    // It used to fall to the page's body when the button disabled itself (the Tab order then restarted there).
    await expect(explore).toBeEnabled();
    await expect(explore).toBeFocused();
  });

  test('an out-of-range bug depth or number of runs is explained, not clamped silently', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&users=2&lines=1&mode=step');
    const depth = page.getByRole('spinbutton', { name: 'Bug depth', exact: true });
    await depth.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('9');
    // It used to become 5 at once, with no word.
    await expect(depth).toHaveValue('9');
    await expect(page.getByRole('alert')).toHaveText('Must be a whole number from 1 to 5; still using 2.');
    await page.keyboard.press('Tab');
    await expect(depth).toHaveValue('2');
    await expect(depth).toHaveAccessibleDescription('“9” was not used (it must be a whole number from 1 to 5): kept 2.');
    // The note is in the field's label, but not in its name (it read "Bug depth “9” was not used …").
    await expect(depth).toHaveAccessibleName('Bug depth');

    const runs = page.getByRole('spinbutton', { name: 'Runs', exact: true });
    await runs.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('5');
    await page.keyboard.press('Tab');
    await expect(runs).toHaveValue('1000');
    await expect(runs).toHaveAccessibleDescription(/^“5” was not used \(it must be a whole number from 10 to [\d,]+\): kept 1,000\.$/);
    await expect(page).not.toHaveURL(/runs=10\b/);

    // The settings' counts too.
    const users = page.getByRole('spinbutton', { name: 'Users', exact: true });
    await users.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('50');
    await page.keyboard.press('Tab');
    await expect(users).toHaveAccessibleDescription(/^“50” was not used/);
    await expect(users).toHaveAccessibleName('Users');
  });
});

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the exploration and statistics fields are drawn like the settings’ fields (they were light grey boxes)', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&mode=step');
    const look = (name: string) =>
      page.getByRole(name === 'Your prediction (Interruptions)' ? 'textbox' : 'spinbutton', { name, exact: true }).evaluate((el) => {
        const s = getComputedStyle(el);
        return `${s.backgroundColor} ${s.color} ${s.borderTopColor}`;
      });
    const seed = await look('Seed');
    for (const name of ['Bug depth', 'Runs', 'Your prediction (Interruptions)']) expect(await look(name), name).toBe(seed);
  });
});
