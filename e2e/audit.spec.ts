import { expect, test, type Page } from './fixtures';
import { LabPage } from './labPage';

/**
 * What a keyboard-only pass through the labs found (en/zh, light/dark, 1440 and 390 px wide): each test
 * is one finding, asserted as a learner meets it.
 */

/**
 * Whether the focused element shows its focus ring whole: the outline is on it or on a near ancestor
 * (`:has(:focus-visible)` frames), and no scrolling or clipping ancestor cuts it off. Returns what is wrong, or ''.
 */
function focusRingProblem(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing has the focus';
    let host: Element | null = el;
    for (let k = 0; host && k < 5; k++, host = host.parentElement) {
      const s = getComputedStyle(host);
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) break;
    }
    if (!host) return `no outline on ${el.tagName} or its frame`;
    const s = getComputedStyle(host);
    const reach = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
    const r = host.getBoundingClientRect();
    for (let p = host.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      const ps = getComputedStyle(p);
      if (!/hidden|auto|scroll|clip/.test(ps.overflowX + ps.overflowY)) continue;
      const pr = p.getBoundingClientRect();
      if (r.left - reach < pr.left || r.right + reach > pr.right || r.top - reach < pr.top || r.bottom + reach > pr.bottom) {
        return `the ring of ${host.className} is cut off by ${p.className}`;
      }
    }
    return '';
  });
}

test.use({ locale: 'en-US' });

test('a shared object is named as the program names it: the card reads “tickets.json”, not TICKETS.JSON', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('scenario=tickets&clients=2&tickets=1');
  const shared = page.getByRole('region', { name: 'Shared state' });
  // innerText is the text as drawn (after text-transform), which is what the learner reads.
  for (const name of ['Lock “lock”', 'File “tickets.json”']) {
    const heading = shared.getByRole('heading', { name, exact: true });
    await expect(heading).toBeVisible();
    expect(await heading.evaluate((h) => (h as HTMLElement).innerText)).toBe(name);
  }
});

test('the Python lab’s editor shows a whole focus ring when Tab reaches it', async ({ page }) => {
  await page.goto('/?lab=python');
  const editor = page.getByRole('textbox', { name: 'Python program' });
  await expect(editor).toBeVisible();
  // Stop, between Reset and the editor, is disabled with nothing to stop (an idle or loading lab): Tab goes from Reset to the editor.
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Reset', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  expect(await focusRingProblem(page)).toBe('');
});

test('after scrubbing the timeline or ticking Turbo, the one-key shortcuts still work', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('scenario=printer&mode=clock&turbo=on&seed=5');
  await lab.button('Run').click();
  await lab.waitForVerdict();
  // Scrub back with the keyboard: the slider keeps its arrows and Home/End, the page gets "?".
  const slider = page.getByRole('slider', { name: 'Timeline position' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(lab.status).toHaveAttribute('data-scrubbed', '');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(slider).toBeFocused();
  // A checkbox keeps Space (it ticks) but not R: R runs.
  await lab.button('Reset').click();
  await expect(lab.status).toHaveAttribute('data-verdict', 'idle');
  const turbo = page.getByRole('checkbox', { name: 'Turbo (no sleeps)' });
  await turbo.focus();
  await page.keyboard.press('r');
  expect(await lab.waitForVerdict()).toBe('ok');
  await expect(turbo).toBeChecked();
});
