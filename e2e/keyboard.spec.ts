import { expect, test, type Locator, type Page } from './fixtures';

/**
 * The labs with the keyboard alone: Tab and Shift+Tab to a control (every stop
 * on the way shows a focus ring), Enter and Space to use it, Escape to close
 * what opened. No click, no focus() call: a learner without a mouse gets
 * through the main path.
 */

test.use({ locale: 'en-US' });

/** Press Tab (or Shift+Tab) until `target` has the focus; every element passed on the way shows a focus ring. */
async function tabTo(page: Page, target: Locator, back = false): Promise<void> {
  const noRing: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const seen = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      // The ring is the element's own outline or (a hidden file field, the code editor) its frame's.
      const ringed = [el, el.parentElement, el.closest('.code-editor')].some((e) => e && getComputedStyle(e).outlineStyle !== 'none' && parseFloat(getComputedStyle(e).outlineWidth) >= 2);
      return ringed ? null : `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 30)}`;
    });
    if (seen) noRing.push(seen);
    if (await target.evaluate((el) => el === document.activeElement)) {
      expect(noRing, 'focused without a visible ring').toEqual([]);
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const status = (page: Page) => page.getByRole('status');

test('process lab, keyboard only: pick a scenario, Step, Undo, toggle the lock, turbo, Run, Reset', async ({ page }) => {
  await page.goto('/?scenario=printer');
  await expect(button(page, 'Run')).toBeEnabled();

  // The scenario list: the arrow key picks the next one (tickets) and the lab loads it.
  const scenario = page.getByRole('combobox', { name: 'Scenario' });
  await tabTo(page, scenario);
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(/scenario=tickets/);
  await expect(button(page, 'Run')).toBeEnabled();

  // Step twice with Enter: MainProcess writes the file, then starts a client. Each press waits until its step
  // shows (the address carries the schedule, and Step is enabled again): the timeline's count read right after
  // the second press could still be the first step's, and Undo then brings back that very count.
  await tabTo(page, button(page, 'Step'));
  const step = async (): Promise<string> => {
    const before = page.url();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).not.toBe(before);
    await expect(button(page, 'Step')).toBeEnabled();
    return page.url();
  };
  const after1 = await step();
  await expect(button(page, 'Undo')).toHaveAttribute('aria-disabled', 'false');
  await step();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText(/\d+ events?/);
  const after2 = await timeline.locator('h2').textContent();

  // Undo goes one step back: the first step's schedule, and not the second step's timeline.
  await tabTo(page, button(page, 'Undo'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(after1);
  await expect(timeline.locator('h2')).not.toHaveText(after2!);
  await expect(button(page, 'Undo')).toBeFocused();

  // The lock switch: Space turns it off (a new run, the URL says so).
  const lock = page.getByRole('switch', { name: 'Lock' });
  await tabTo(page, lock);
  await page.keyboard.press('Space');
  await expect(lock).toHaveAttribute('aria-checked', 'false');
  await expect(page).toHaveURL(/lock=off/);

  // Turbo on, then Run back up in the controls: the run goes to its verdict.
  const turbo = page.getByRole('checkbox', { name: 'Turbo (no sleeps)' });
  await tabTo(page, turbo);
  await page.keyboard.press('Space');
  await expect(turbo).toBeChecked();
  await tabTo(page, button(page, 'Run'), true);
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveAttribute('data-verdict', /^(ok|violated)$/, { timeout: 60_000 });

  // Reset: a fresh run, ready again.
  await tabTo(page, button(page, 'Reset'));
  await page.keyboard.press('Enter');
  await expect(status(page)).toHaveAttribute('data-verdict', 'idle');
  await expect(status(page)).toHaveText('Ready. Step or run to start.');
});

test('the tour: opened from its button with Enter, closed with Escape, the focus goes back to the button', async ({ page }) => {
  await page.goto('/?scenario=lifecycle');
  await expect(button(page, 'Run')).toBeEnabled();
  const tourButton = button(page, 'Tour');
  await tabTo(page, tourButton);
  await page.keyboard.press('Enter');
  const tour = page.getByRole('dialog', { name: 'Tour' });
  await expect(tour).toBeVisible();
  await expect(tour).toBeFocused();
  // Modal: Tab goes round its buttons (it left from Next for the page behind). Back is disabled on step 1.
  const inTour = () => page.evaluate(() => document.activeElement?.closest('dialog, [role="dialog"]')?.getAttribute('aria-label') ?? document.activeElement?.tagName);
  const names: string[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await inTour()).toBe('Tour');
    names.push(await page.evaluate(() => document.activeElement?.textContent ?? ''));
  }
  expect(names).toEqual(['Skip the tour', 'Next', 'Skip the tour', 'Next']);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await inTour()).toBe('Tour');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Next');
  await page.keyboard.press('Escape');
  await expect(tour).toBeHidden();
  await expect(tourButton).toBeFocused();
});

test('the shortcuts list: Tab stays inside, Escape closes it and the focus goes back (to its button from the page body)', async ({ page }) => {
  await page.goto('/?scenario=printer&mode=step');
  await expect(button(page, 'Run')).toBeEnabled();
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const inList = () => page.evaluate(() => document.activeElement?.closest('dialog')?.getAttribute('aria-labelledby') ?? document.activeElement?.tagName);
  // From a button: back to it.
  await tabTo(page, button(page, 'Step'));
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  for (const key of ['Tab', 'Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await inList()).toBe('keys-title'); // Tab from Close went to the page's body
  }
  // The page behind is inert: N read in the list stepped the run unseen.
  await page.keyboard.press('n');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button(page, 'Step')).toBeFocused();
  // One N outside the list: once every press is taken (they are taken in order), one step was made, not two.
  await page.keyboard.press('n');
  const lab = () => page.evaluate(() => window.__lockstep!.state() as { steps: number; inFlight: number; pressed: number });
  await expect.poll(async () => { const s = await lab(); return s.steps > 0 && s.inFlight === 0 && s.pressed === 0; }).toBe(true);
  expect((await lab()).steps).toBe(1);
  // From the page's body: to the list's own button, where Tab goes on from (it stayed on the body).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts (?)' })).toBeFocused();
});

test('Python lab: "?" lists the shortcuts and Escape closes the list; the editor is a tab stop with a ring', async ({ page }) => {
  await page.goto('/?lab=python');
  await expect(button(page, 'Reset')).toBeVisible();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The editor: reached by Tab, typing goes in, and "?" typed there is text, not the shortcut list.
  const editor = page.getByRole('textbox', { name: 'Python program' });
  await tabTo(page, editor);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# ?');
  await expect(editor).toContainText('# ?');
  await expect(dialog).toBeHidden();
});

test('N and 1 pressed while the lab is still starting its workers step the run once it is ready', async ({ page }) => {
  await page.goto('/?scenario=tickets', { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__lockstep !== undefined);
  // Pressed in the same task that saw the lab loading, so the press lands while it is (they were dropped without a word).
  const phase = await page.evaluate(() => {
    const seen = window.__lockstep!.state().phase;
    for (const key of ['n', '1']) window.dispatchEvent(new KeyboardEvent('keydown', { key }));
    return seen;
  });
  expect(phase).toBe('loading');
  await expect.poll(() => page.evaluate(() => window.__lockstep!.state().steps), { timeout: 30_000 }).toBe(2);
});

for (const mode of ['clock', 'parallel'] as const) {
  test(`${mode}: a run started with Enter on Run ends with the focus on Reset, and the status says the verdict once, straight after "Running…"`, async ({ page }) => {
    await page.goto(`/?scenario=tickets&clients=3&mode=${mode}&seed=3`);
    await expect(button(page, 'Run')).toBeEnabled();
    await tabTo(page, button(page, 'Run'));
    // Every text the status (a live region) takes from the press on, in order.
    await status(page).evaluate((el) => {
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      const note = () => {
        if (said[said.length - 1] !== el.textContent) said.push(el.textContent ?? '');
      };
      new MutationObserver(note).observe(el, { subtree: true, childList: true, characterData: true });
    });
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveAttribute('data-verdict', /^(ok|violated)$/, { timeout: 60_000 });
    const verdict = await status(page).textContent();
    const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
    // Before: "Your move: choose the process that goes next." for a frame between the run's end and its verdict.
    expect(said.filter((s) => s !== 'Ready. Step or run to start.' && s !== 'Running…')).toEqual([verdict]);
    // The run ended by itself: Pause (or, under parallel, Copy link) held the focus Run handed on; it goes on to Reset.
    await expect(button(page, 'Reset')).toBeFocused();
  });
}
