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
