import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from './fixtures';
import { LabPage } from './labPage';

/** The dd after the dt named `term` inside `scope`. */
function dd(scope: Locator, term: string): Locator {
  return scope.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
}

async function number(l: Locator): Promise<number> {
  return Number((await l.textContent())?.replace(/,/g, ''));
}

async function downloadText(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return { name: dl.suggestedFilename(), text: await readFile((await dl.path())!, 'utf8') };
}

test.describe('explore every schedule', () => {
  test.describe.configure({ timeout: 180_000 });

  test('tickets, 2 clients, lock off: finds the double sale, loads its shortest schedule, Step follows it', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=2&tickets=1&lock=off&mode=clock&bound=none');
    await expect(page.getByLabel('Preemption bound')).toHaveValue('none');
    await lab.button('Explore schedules').click();
    const region = page.getByRole('region', { name: 'Exploration' });
    await expect(dd(region, 'Complete')).toHaveText('yes', { timeout: 120_000 });
    const outcomes = region.getByRole('list', { name: 'Outcomes' }).getByRole('listitem');
    await expect(outcomes).toHaveText([/^1: \d+$/, /^2: \d+$/]);
    const counts = (await outcomes.allTextContents()).map((s) => Number(s.split(': ')[1]));
    expect(await number(dd(region, 'Schedules explored'))).toBe(counts[0]! + counts[1]!);
    expect(await number(dd(region, 'Violating'))).toBe(counts[1]);
    expect(await number(dd(region, 'Deadlocked'))).toBe(0);

    // The lab is back, and the shortest violating schedule loads into step mode at step 0.
    await expect(lab.button('Run')).toBeEnabled();
    await lab.button('Load the shortest violating schedule').click();
    await expect(page).toHaveURL(/mode=step/);
    await expect(page.getByLabel('Mode')).toHaveValue('step');
    await expect(lab.status).toHaveAttribute('data-verdict', 'idle');
    await expect(lab.button('Undo')).toBeDisabled();
    await expect(page.getByText(/Following a loaded schedule: step 0 of \d+/)).toBeVisible();
    expect(await lab.stepToEnd()).toBe('violated');
    expect(await lab.figure('Tickets sold')).toBe('2');
    await expect(page).toHaveURL(/schedule=/);
  });

  test('a preemption bound of 0 finds no double sale; the bound is in the URL', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=2&tickets=1&lock=off&mode=step');
    await page.getByLabel('Preemption bound').selectOption('0');
    await expect(page).toHaveURL(/bound=0/);
    await lab.button('Explore schedules').click();
    const region = page.getByRole('region', { name: 'Exploration' });
    await expect(dd(region, 'Complete')).toHaveText('yes', { timeout: 120_000 });
    await expect(region.getByRole('list', { name: 'Outcomes' }).getByRole('listitem')).toHaveText([/^1: \d+$/]);
    await expect(region.getByText(/with at most 0 preemption/)).toBeVisible();
    await expect(lab.button('Load the shortest violating schedule')).toBeDisabled();
    // The statement is about the search that ran, not the bound chosen since.
    await page.getByLabel('Preemption bound').selectOption('none');
    await expect(region.getByText(/with at most 0 preemption/)).toBeVisible();
    await expect(region.getByText(/^All schedules, up to reduction/)).toHaveCount(0);
  });

  test('no bound: round robin with no delay first, then one, then all; Cancel keeps what was covered', async ({ page }) => {
    const lab = new LabPage(page);
    // Four clients: far more schedules than the cap, but every schedule with one delay in a second or two.
    await lab.open('scenario=tickets&clients=4&tickets=1&lock=off&mode=step');
    await lab.button('Explore schedules').click();
    const region = page.getByRole('region', { name: 'Exploration' });
    const coverage = region.locator('.coverage');
    await expect(coverage).toContainText('Every schedule with at most 1 delay from round robin is covered.', { timeout: 120_000 });
    // The double sale needs one delay (one preemption): found by then.
    expect(await number(dd(region, 'Violating'))).toBeGreaterThan(0);
    await expect(region.getByText(/^Shortest violating schedule: 1 preemption, /)).toBeVisible();
    await lab.button('Cancel').click();
    await expect(coverage).toHaveText(/^Cancelled after [\d,]+ schedules: not complete\. Every schedule with at most 1 delay from round robin is covered\.$/);
    await expect(dd(region, 'Complete')).toHaveText('no');
    await expect(lab.button('Run')).toBeEnabled();
  });

  test('a scenario too long to explore says so at once, and PCT counts no cut run as a deadlock', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=bank&n=1000&lock=off&mode=step');
    await lab.button('Explore schedules').click();
    const region = page.getByRole('region', { name: 'Exploration' });
    // Well before the 2-minute cap, which is what it used to take to say anything (with 0 schedules).
    await expect(region.locator('.coverage')).toHaveText(/^Stopped: a run went past 5,000 steps .*Make the settings smaller\.$/, { timeout: 60_000 });
    await expect(dd(region, 'Complete')).toHaveText('no');
    await expect(dd(region, 'Schedules explored')).toHaveText('0');
    await expect(lab.button('Run')).toBeEnabled();
    // PCT too: a run cut mid-way was judged as it stood and counted as a deadlock.
    await lab.button('Sample with PCT').click();
    await expect(region.locator('.coverage')).toHaveText(/^Stopped: a run went past 5,000 steps/, { timeout: 60_000 });
    await expect(dd(region, 'Deadlocked')).toHaveText('0');
    await expect(lab.button('Run')).toBeEnabled();
  });
});

test.describe('statistics', () => {
  test.describe.configure({ timeout: 240_000 });

  test('1,000 clock runs each: lock on never oversells, lock off does', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=3&tickets=1&mode=clock');
    await page.getByLabel('Runs', { exact: true }).fill('1000');
    await lab.button('Run many').click();
    await expect(page).toHaveURL(/runs=1000/);
    const stats = page.getByRole('region', { name: 'Statistics' });
    const on = stats.getByRole('region', { name: 'Lock on' });
    const off = stats.getByRole('region', { name: 'Lock off' });
    await expect(dd(off, 'Runs')).toHaveText('1000', { timeout: 200_000 });
    await expect(dd(on, 'Runs')).toHaveText('1000');
    expect(await number(dd(on, 'Violated'))).toBe(0);
    expect(await number(dd(off, 'Violated'))).toBeGreaterThan(0);
    expect(await number(dd(off, 'Runs per second'))).toBeGreaterThan(0);
    await expect(on.getByRole('listitem')).toHaveText(['1: 1000']);
    const histogram = (await off.getByRole('listitem').allTextContents()).map((s) => Number(s.split(': ')[1]));
    expect(histogram.reduce((a, b) => a + b, 0)).toBe(1000);
    await expect(lab.button('Run')).toBeEnabled();
  });
});

test.describe('replay a parallel race', () => {
  test.describe.configure({ timeout: 240_000 });

  test('bank without the lock: the race the threads produced, walked in step mode, ends the same', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=bank&n=3000&lock=off&mode=parallel&turbo=on');
    let balance = '100';
    // Real threads race often, not always: take the first run that lost an update.
    for (let tries = 0; tries < 8 && balance === '100'; tries++) {
      if (tries > 0) {
        await lab.button('Reset').click();
        await expect(lab.status).toHaveAttribute('data-verdict', 'idle');
      }
      await lab.button('Run').click();
      await lab.waitForVerdict();
      balance = await lab.figure('Balance');
    }
    expect(balance).not.toBe('100');
    const console = await lab.consoleText();
    await lab.button('Replay step by step').click();
    await expect(page.getByLabel('Mode')).toHaveValue('step', { timeout: 60_000 });
    await expect(lab.status).toHaveAttribute('data-verdict', 'idle', { timeout: 60_000 });
    await expect(page.getByText(/Following a loaded schedule: step 0 of \d+/)).toBeVisible();
    await lab.button('Run').click();
    expect(await lab.waitForVerdict(120_000)).toBe('violated');
    expect(await lab.figure('Balance')).toBe(balance);
    expect(await lab.consoleText()).toEqual(console);
  });
});

test.describe('links and files', () => {
  test('a shared link reopens the run at the same step, without a click', async ({ page, context }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=3&tickets=1&lock=off&mode=step');
    // Main writes the file and starts both clients, then a schedule no round robin would take.
    for (const name of ['Step MainProcess', 'Step MainProcess', 'Step MainProcess', 'Step Process-2', 'Step Process-2', 'Step Process-1', 'Step Process-2', 'Step']) {
      await lab.button(name).click();
    }
    await expect(lab.status).toHaveAttribute('data-verdict', 'running');
    await expect(page).toHaveURL(/schedule=/);
    // The clicks return before their steps reach the page: wait until the address and the lanes stop changing
    // (a link read mid-way holds fewer steps than the lanes then show).
    let url = '';
    let lanes: string | null = null;
    await expect
      .poll(async () => {
        const [u, l] = [page.url(), await page.getByRole('region', { name: 'Processes' }).textContent()];
        const settled = u === url && l === lanes;
        [url, lanes] = [u, l];
        return settled;
      }, { intervals: [300, 300, 500, 1000] })
      .toBe(true);
    const state = await page.getByRole('region', { name: 'Shared state' }).textContent();
    const other = await context.newPage();
    await other.goto(url);
    await expect(other.getByRole('region', { name: 'Processes' })).toHaveText(lanes!, { timeout: 30_000 });
    await expect(other.getByRole('region', { name: 'Shared state' })).toHaveText(state!);
    await expect(other.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
  });

  test('export the trace as JSON and as a Chrome trace, import the JSON back', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=2&tickets=1&lock=on&mode=clock&turbo=on&seed=9');
    await lab.button('Run').click();
    expect(await lab.waitForVerdict()).toBe('ok');
    const console = await lab.consoleText();

    const json = await downloadText(page, 'Export JSON');
    expect(json.name).toMatch(/\.json$/);
    const trace = JSON.parse(json.text) as { format: string; settings: { scenario: string; seed: number; params: Record<string, unknown> }; schedule: number[]; events: unknown[] };
    expect(trace).toMatchObject({ format: 'lockstep-trace', settings: { scenario: 'tickets', seed: 9 } });
    expect(trace.schedule.length).toBeGreaterThan(0);
    expect(trace.events.length).toBeGreaterThan(trace.schedule.length);

    const chrome = JSON.parse((await downloadText(page, 'Export Chrome trace')).text) as { traceEvents: { name: string; ph: string; args?: { name?: string } }[] };
    expect(chrome.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args?.name)).toEqual(['MainProcess', 'Process-1', 'Process-2']);
    expect(chrome.traceEvents.some((e) => e.ph === 'X' && e.name === 'holds lock')).toBe(true);

    // Somewhere else entirely, then import: the run comes back.
    await lab.open('scenario=bank&n=3&mode=step');
    await page.getByLabel('Import trace').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(json.text) });
    await expect(page).toHaveURL(/scenario=tickets/);
    expect(await lab.waitForVerdict()).toBe('ok');
    expect(await lab.consoleText()).toEqual(console);
    // A finished run's schedule no longer leads anything: the note says it was followed to its end.
    await expect(page.getByText(`The loaded schedule was followed to its end: all ${trace.schedule.length} steps.`)).toBeVisible();
    await expect(page.getByText(/Following a loaded schedule/)).toHaveCount(0);

    // The file's settings edited in range (one client, where the schedule grants Process-2, shown as pid 1002, which this run never starts): the replay stops
    // where it stops fitting, says so, and Step goes on by the mode.
    const edited = { ...trace, settings: { ...trace.settings, params: { ...trace.settings.params, clients: 1 } } };
    await page.getByLabel('Import trace').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited)) });
    await expect(page).toHaveURL(/clients=1/);
    await expect(page.getByRole('alert')).toContainText(/The loaded schedule does not fit this run: after \d+ of its \d+ steps it grants pid 1002, which cannot move here/);
    await expect(page.getByText(/loaded schedule (was followed|: step)|Following a loaded schedule/)).toHaveCount(0);
    await lab.button('Run').click();
    expect(await lab.waitForVerdict()).toBe('ok');
    // The run went on by the mode, as the alert said: it no longer stands over the run and its verdict.
    await expect(page.getByRole('alert')).toHaveCount(0);
    await lab.button('Reset').click();
    await expect(page.getByRole('alert')).toHaveCount(0);

    await page.getByLabel('Import trace').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"nope"}') });
    await expect(page.getByRole('alert')).toHaveText(/Could not import that file: not a lockstep-trace file/);
    // It is about that file: a new run (Reset) is not, and the alert goes with it.
    await lab.button('Reset').click();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('predict, then reveal', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=2&tickets=1&lock=off&mode=step');
    await page.getByLabel('Your prediction (Tickets sold)').fill('1');
    await lab.button('Explore schedules').click();
    await expect(page.getByText(/You predicted 1: it happens in \d+ schedules?; all outcomes: 1, 2\./)).toBeVisible({ timeout: 120_000 });
    // A screen reader hears the answer: it appears in a live region, not silently.
    await expect(page.locator('[aria-live="polite"]', { hasText: 'You predicted 1' })).toBeVisible();
  });
});
