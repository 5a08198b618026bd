import { expect, test } from './fixtures';
import { LabPage } from './labPage';

/**
 * The third keyboard-only pass through the labs (every lab and scenario, en/zh, light/dark, 1440 and 390 px
 * wide): each test is one finding, asserted as a learner meets it.
 */

test.use({ locale: 'en-US' });

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a wrapped line of the program keeps its indentation: no row of it starts left of its first character', async ({ page }) => {
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
      return { rows: tops.length, firstOnFirstRow: Math.round(first.top) === Math.round(lineTop), indent: first.left, leftmost: Math.min(...boxes.map((b) => b.left)) };
    });
    // The statement wraps (else this test shows nothing) ...
    expect(rows.rows).toBeGreaterThan(1);
    // ... its first row begins with it, after the 4 spaces (it used to begin on an empty row, at column 0) ...
    expect(rows.firstOnFirstRow).toBe(true);
    expect(rows.indent).toBeGreaterThan(20);
    // ... and no later row starts left of it.
    expect(rows.leftmost).toBeGreaterThanOrEqual(rows.indent - 0.5);
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
