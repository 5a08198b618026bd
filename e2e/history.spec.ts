/**
 * Time and history in the process lab (issue 12): Redo after Undo, by mouse
 * and keyboard with focus kept; scrubbing the timeline rewinds every panel;
 * a Run shows its progress; the one Copy link carries the step schedule.
 */
import { expect, test, type Page } from './fixtures';
import { LabPage } from './labPage';

test.use({ locale: 'en-US' });

/** What the page shows of the run: processes, shared objects, console, Outcome. */
async function pageState(page: Page): Promise<string> {
  const parts = await Promise.all(['Processes', 'Shared state', 'Console', 'Outcome'].map((name) => page.getByRole('region', { name, exact: true }).first().innerText()));
  return parts.join('\n---\n');
}

/** One step, and the address (which carries the schedule) once it has it. */
async function step(page: Page, lab: LabPage): Promise<{ url: string; state: string }> {
  const before = page.url();
  await lab.button('Step').click();
  await expect.poll(() => page.url()).not.toBe(before);
  await expect(lab.button('Step')).toBeEnabled();
  return { url: page.url(), state: await pageState(page) };
}

async function expectAt(page: Page, at: { url: string; state: string }): Promise<void> {
  await expect(page).toHaveURL(at.url);
  await expect.poll(() => pageState(page)).toBe(at.state);
}

test.describe('Redo', () => {
  test('Undo twice, then Redo by mouse and by keyboard, gives the same steps back; focus stays on Redo', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&mode=step&seed=1');
    const redo = lab.button('Redo');
    await expect(redo).toBeDisabled();
    const s1 = await step(page, lab);
    const s2 = await step(page, lab);
    const s3 = await step(page, lab);

    await lab.button('Undo').click();
    await expectAt(page, s2);
    await expect(lab.button('Undo')).toBeFocused();
    await lab.button('Undo').click();
    await expectAt(page, s1);

    await redo.click();
    await expectAt(page, s2);
    await expect(redo).toBeFocused();
    await page.keyboard.press('Enter'); // the focused Redo, by keyboard
    await expectAt(page, s3);
    await expect(redo).toBeFocused();
    await expect(redo).toBeDisabled(); // nothing more to redo

    // The shortcuts: U undoes, Y redoes.
    await page.keyboard.press('u');
    await expectAt(page, s2);
    await expect(redo).toBeEnabled();
    await page.keyboard.press('y');
    await expectAt(page, s3);
  });

  test('a new step after Undo drops the redo future, as editors do', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&mode=step&seed=1');
    await step(page, lab);
    await step(page, lab);
    const s2 = await step(page, lab);
    await lab.button('Undo').click();
    await expect(lab.button('Redo')).toBeEnabled();
    await expect(lab.button('Undo')).toBeEnabled();
    await lab.button('Step').click();
    await expect(lab.button('Redo')).toBeDisabled();
    await expectAt(page, s2); // round robin grants the same op again
  });

  test('after Undo, Redo or a link the narration says where the replay left the learner (no step that was not taken), and the next step is said', async ({ page, context }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&mode=step&seed=1');
    const narration = page.getByRole('region', { name: 'Narration' });
    await step(page, lab);
    await step(page, lab);
    const s3 = await step(page, lab);
    await step(page, lab);
    await expect(narration).toHaveText('Process-1, line 11: print.');
    // The replay's snapshots were compared as if one step apart: "Process-2, line 9: acquire lock." (Process-2 had not moved).
    // After the replay it was silent: the learner did not hear where they stood.
    const back = 'Undone: back at step 3. MainProcess moved last; next, at line 19, it will start a process.';
    await lab.button('Undo').click();
    await expectAt(page, s3);
    await expect(narration).toHaveText(back);
    await lab.button('Redo').click();
    await expect(lab.button('Redo')).toBeDisabled();
    await expect(narration).toHaveText('Redone: at step 4 again. Process-1 moved last; next, at line 12, it will sleep.');
    await lab.button('Undo').click();
    await expect(narration).toHaveText(back);
    await expectAt(page, s3);
    await lab.button('Step').click(); // round robin grants the same op again, and says it
    await expect(narration).toHaveText('Process-1, line 11: print.');
    const other = await context.newPage();
    await other.goto(s3.url);
    await expect.poll(() => pageState(other)).toBe(s3.state);
    await expect(other.getByRole('region', { name: 'Narration' })).toHaveText('The link replayed 3 steps. MainProcess moved last; next, at line 19, it will start a process.');
    await other.keyboard.press('n'); // the next step, taken from the keyboard, is said again
    await expect(other.getByRole('region', { name: 'Narration' })).toHaveText('Process-1, line 11: print.');
    // Undone back to the start: said so, with no process named.
    for (let n = 3; n >= 0; n--) {
      await lab.button('Undo').click();
      await expect(narration).toHaveText(n > 0 ? new RegExp(`^Undone: back at step ${n}\\. `) : 'Undone: back at the start, before the first step.');
    }
  });

  test('"?" lists the Redo key', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&mode=step');
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toContainText('Redo the step just undone');
    await expect(lab.button('Redo')).toHaveAttribute('aria-keyshortcuts', 'Y');
  });
});

test.describe('scrubbing', () => {
  test('moving the timeline cursor back shows verdict, Outcome, console, cards and narration of that moment; Live returns', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=2&tickets=1&lock=off&mode=step&seed=1');
    const final = await lab.stepToEnd(400);
    const endConsole = (await lab.consoleText()).length;
    const endSold = Number(await lab.figure('Tickets sold'));
    const endState = await pageState(page);
    const slider = page.getByRole('slider', { name: 'Timeline position' });
    const total = Number(await slider.getAttribute('max'));
    expect(total).toBeGreaterThan(4);
    const narration = page.getByRole('region', { name: 'Narration' });

    // At event 0 nothing has happened: no verdict, no figures, no console lines, no process cards.
    await slider.fill('0');
    await expect(lab.status).toHaveAttribute('data-verdict', 'idle');
    await expect(lab.outcome.locator('dt')).toHaveCount(0);
    await expect(lab.console.locator('li')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Processes' }).getByRole('listitem')).toHaveCount(0);

    // Half-way: the run was still going, with fewer lines and at most as many tickets sold.
    const mid = Math.floor(total / 2);
    await slider.fill(String(mid));
    await expect(lab.status).toHaveAttribute('data-verdict', 'running');
    // "At event 12:", or "At event 12 (verdict and figures as of event 10):" inside a step of several events.
    await expect(lab.status).toContainText(new RegExp(`^At event ${mid}[ :]`));
    expect((await lab.consoleText()).length).toBeLessThan(endConsole);
    expect(Number(await lab.figure('Tickets sold'))).toBeLessThanOrEqual(endSold);
    await expect(narration).not.toBeEmpty();
    const midState = await pageState(page);
    expect(midState).not.toBe(endState);

    // One event further: the narration says that event (a different moment, a different sentence or state).
    await slider.fill(String(mid + 1));
    await expect(lab.status).toContainText(new RegExp(`^At event ${mid + 1}[ :]`));

    await page.getByRole('button', { name: 'Live', exact: true }).click();
    await expect(lab.status).toHaveAttribute('data-verdict', final);
    await expect.poll(() => pageState(page)).toBe(endState);
  });
});

test.describe('progress', () => {
  test('a Run shows ops done and virtual time, and a bar once the run length is known', async ({ page }) => {
    const lab = new LabPage(page);
    // A first run in turbo learns the length (speed and turbo do not change the ops of a scheduled run).
    await lab.open('scenario=bank&mode=step&seed=2&turbo=on');
    await expect(page.getByRole('progressbar', { name: 'Run progress' })).toHaveCount(0);
    await lab.button('Run').click();
    await lab.waitForVerdict();
    await page.getByRole('checkbox', { name: 'Turbo' }).uncheck();
    await lab.button('Reset').click();
    await expect(lab.button('Run')).toBeEnabled();
    await lab.button('Run').click();
    const bar = page.getByRole('progressbar', { name: 'Run progress' });
    await expect(bar).toBeVisible();
    expect(Number(await bar.getAttribute('max'))).toBeGreaterThan(100);
    await expect(page.getByText(/^[\d,]+ ops? done, [\d.,]+ s of virtual time$/)).toBeVisible();
    await lab.button('Pause').click();
    await expect(lab.status).toContainText('Paused');
    await expect(bar).toBeVisible();
    const done = Number(await bar.getAttribute('value'));
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(Number(await bar.getAttribute('max')));
  });
});

test.describe('Copy link', () => {
  test('right after some steps, the one Copy link carries the schedule that reproduces them', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const lab = new LabPage(page);
    await lab.open('scenario=printer&mode=step&seed=1');
    for (let i = 0; i < 3; i++) {
      await lab.button('Step').click();
      await expect(lab.button('Step')).toBeEnabled();
    }
    await lab.button('Copy link').click(); // at once: before the address bar's own update
    await expect(page.getByText('Link copied')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/schedule=/);
    const state = await pageState(page);
    const other = await context.newPage();
    await other.goto(copied);
    await expect.poll(() => pageState(other)).toBe(state);
  });
});
