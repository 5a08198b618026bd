import { expect, test, type Page } from './fixtures';
import { scenarios } from '../src/scenarios/registry';
import { hook, LabPage } from './labPage';

test.use({ locale: 'en-US' });

/** Elements whose text is cut off: an overflow-hiding box narrower than its content (scrolling panes excluded). */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.process-lab *'))
      .filter((el) => {
        const cs = getComputedStyle(el);
        if (!['hidden', 'clip'].includes(cs.overflowX) || el.closest('.source, .console, .timeline-panel')) return false;
        return el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
      })
      .map((el) => `${el.className}: “${el.textContent?.slice(0, 40)}”`),
  );
}

test.describe('phone, 390 × 844', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test('no scenario overflows horizontally or clips text, after a few steps', async ({ page }) => {
    test.setTimeout(120_000);
    for (const sc of scenarios) {
      await page.goto(`/?scenario=${sc.id}`);
      await expect(page.getByRole('button', { name: 'Reset', exact: true })).toBeEnabled();
      if (!sc.commands) for (let i = 0; i < 12; i++) await page.keyboard.press('n');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), sc.id).toBeLessThanOrEqual(390);
      expect(await clipped(page), sc.id).toEqual([]);
    }
  });

  test('a buyer waiting in get() is named in full', async ({ page }) => {
    const lab = new LabPage(page);
    // Two buyers, one ticket, the unsafe form: step until someone waits forever in get().
    await lab.open('scenario=queue-tickets&clients=2&tickets=1&safe=off');
    expect(await lab.stepToEnd(400)).toBe('deadlock');
    const waiting = page.getByText(/^waiting to get: buyer-\d$/);
    await expect(waiting).toBeVisible();
    const box = await waiting.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(box.scroll).toBeLessThanOrEqual(box.client);
  });

  test('the controls stay on screen while scrolling through the lanes; targets are at least 40 px', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=10');
    // MainProcess (key 1) writes the file, then starts the ten clients, one op each.
    // A key pressed while the previous step is still in flight is ignored, so press until all eleven are there.
    await expect
      .poll(
        async () => {
          await page.keyboard.press('1');
          return page.locator('.lane-step').count();
        },
        { timeout: 30_000, intervals: [200] },
      )
      .toBe(11);
    await page.locator('.lane-step').last().scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    await expect(lab.button('Run')).toBeInViewport();
    await expect(lab.button('Step')).toBeInViewport();
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.process-lab button, .process-lab select, .process-lab input, .process-lab label.checkbox'))
        .filter((el) => !(el instanceof HTMLInputElement && el.type === 'checkbox')) // its label is the target
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height < 40)
        .map(({ el, r }) => `${el.textContent || el.getAttribute('aria-label') || el.tagName} ${Math.round(r.height)} px`),
    );
    expect(small).toEqual([]);
  });
});

test.describe('keyboard', () => {
  test('a keyboard-only run: focus stays on a process\'s Step button while it is pressed', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=lifecycle&mode=step');
    const stepMain = page.getByRole('button', { name: 'Step MainProcess' });
    const narration = page.getByRole('region', { name: 'Narration' });
    await stepMain.focus();
    // Each press is one step; the next press comes once the page shows it, as a person's would (the step may
    // still be settling then: the next test).
    for (let i = 0; i < 2; i++) {
      const before = (await narration.textContent()) ?? '';
      await page.keyboard.press('Enter');
      await expect(stepMain).toBeFocused();
      await expect(narration).not.toHaveText(before);
    }
    await expect(lab.console.locator('li')).not.toHaveCount(0);
    // Tab on to the child's button and finish with Space, never leaving the keyboard.
    const stepChild = page.getByRole('button', { name: 'Step Process-1' });
    await stepChild.focus();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Enter');
      await expect(stepChild).toBeFocused();
    }
  });

  test('a press on a process\'s Step while its last step still settles is taken once it has', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=lifecycle&mode=step');
    const stepMain = page.getByRole('button', { name: 'Step MainProcess' });
    const narration = page.getByRole('region', { name: 'Narration' });
    await expect(stepMain).toHaveAttribute('aria-disabled', 'false');
    // A loaded machine's late pickup, held for as long as the test wants: each idle process worker blocks on a
    // synchronous request this route answers only when released, so MainProcess's p.start() cannot settle.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/__hold-pickup', async (route) => {
      await held;
      await route.fulfill({ body: '' });
    });
    for (const w of page.workers().filter((w) => w.url().includes('process.worker'))) {
      void w.evaluate(() => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', '/__hold-pickup', false);
        xhr.send();
      }).catch(() => undefined);
    }
    await stepMain.focus();
    await page.keyboard.press('Enter');
    // The page shows the step (MainProcess's start) while Process-1 is not picked up yet: a person presses again.
    await expect(narration).toHaveText('MainProcess, line 19: start a process.');
    await page.keyboard.press('Enter');
    expect((await hook(page, 'state')).procs).toContain('1:new'); // still held: the press came mid-step
    release();
    // Before, that press met a button still aria-disabled for the step and was dropped: the page stayed at step 1.
    await expect(narration).toHaveText('MainProcess, line 20: print.');
    await expect(stepMain).toBeFocused();
  });

  test('"?" lists every shortcut; Escape closes the list and focus returns', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=lifecycle');
    await lab.button('Step').focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    const kbd = await dialog.locator('kbd').allTextContents();
    for (const key of ['Space', 'N', '1', '9', 'U', 'R', '?', 'Esc']) expect(kbd).toContain(key);
    await expect(dialog).toContainText('Undo the last step');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(lab.button('Step')).toBeFocused();
  });
});

/**
 * Where the lock key is, frame by frame, from the Step that hands the lock to the child until the key has stood
 * still for 10 frames (it landed). A fixed 700 ms from the press was a window the step itself could outlast on a
 * loaded machine (the key not yet drawn, or drawn only at the window's end): it now waits for the key to land.
 */
async function keyPositions(page: Page): Promise<string[]> {
  const lab = new LabPage(page);
  await lab.open('scenario=lifecycle&mode=step');
  await lab.button('Step').click(); // MainProcess starts the child
  await expect(lab.button('Step')).toBeEnabled();
  return page.evaluate(async () => {
    const step = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Step')!;
    step.click(); // the child acquires the lock
    const seen: string[] = [];
    let still = 0;
    // 30 s only bounds a page that never draws the key (the test then fails on what it saw).
    for (const t0 = performance.now(); still < 10 && performance.now() - t0 < 30_000; ) {
      await new Promise(requestAnimationFrame);
      const key = document.querySelector('.lane .lock-key');
      if (key) {
        const r = key.getBoundingClientRect();
        const at = `${Math.round(r.x)},${Math.round(r.y)}`;
        still = seen.at(-1) === at ? still + 1 : 0;
        seen.push(at);
      }
    }
    return seen;
  });
}

test.describe('reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the lock key jumps to its holder instead of flying', async ({ page }) => {
    const positions = [...new Set(await keyPositions(page))];
    expect(positions.length).toBeGreaterThan(0);
    // At most the frame it appears and where it lands: nothing in between.
    expect(positions.length, `key positions: ${positions.join(' → ')}`).toBeLessThanOrEqual(2);
  });
});

test.describe('full motion (the control case)', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('the lock key flies through intermediate positions', async ({ page }) => {
    const positions = [...new Set(await keyPositions(page))];
    expect(positions.length, `key positions: ${positions.join(' → ')}`).toBeGreaterThan(3);
  });
});

test.describe('theme', () => {
  test.use({ colorScheme: 'light' });

  test('follows the system by default; the switch picks dark and is remembered', async ({ page }) => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.goto('/');
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(background).not.toBe(light);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(background).toBe(light);

    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const dark = await background();
    expect(dark).not.toBe(light);
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
    expect(await background()).toBe(dark);
  });
});
