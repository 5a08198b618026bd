import { expect, test, type Page } from './fixtures';

/** The CPU scheduling lab through its contract: URL, the "Metrics" table, the "Timeline" list, stepping. */

const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' }).getByRole('listitem');
const metrics = (page: Page) => page.getByRole('table', { name: 'Metrics' });
const decision = (page: Page) => page.getByRole('status', { name: 'Decision' });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** The text of each row of the Metrics table, cell by cell. */
async function metricRows(page: Page): Promise<string[][]> {
  return metrics(page)
    .getByRole('row')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => (c.textContent ?? '').trim())));
}

test.describe('CPU scheduling lab', () => {
  test('URL contract: round robin, Timeline and Metrics (hand-worked)', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=rr&quantum=2&jobs=A:0:3,B:1:2');
    // A runs 0–2; B arrived at 1, so it is ahead of A when A's slice ends at 2.
    await expect(timeline(page)).toHaveText(['A 0–2', 'B 2–4', 'A 4–5']);
    expect(await metricRows(page)).toEqual([
      ['Job', 'Arrival', 'Burst', 'Start', 'Finish', 'Response', 'Turnaround', 'Waiting'],
      ['A', '0', '3', '0', '5', '0', '5', '2'],
      ['B', '1', '2', '2', '4', '1', '3', '1'],
      ['Average', '', '', '', '', '0.50', '4.00', '1.50'],
    ]);
    await expect(page.getByLabel('Policy')).toHaveValue('rr');
    await expect(page.getByLabel('Quantum')).toHaveValue('2');
    await expect(page).toHaveURL(/lab=cpu/);
  });

  test('the tick shown is in the address bar: a copied link opens at it, and one past the end opens at the end', async ({ page }) => {
    await page.goto('/?lab=cpu&policy=rr&quantum=2&jobs=A:0:3,B:1:2&tick=2');
    // A teacher's link to a moment of the run opened at tick 0: the tick was not in the URL.
    await expect(page.getByText('Tick 2 / 5')).toBeVisible();
    await expect(timeline(page)).toHaveText(['A 0–2', 'B 2–3']);
    await button(page, 'Step').click();
    await expect(page).toHaveURL(/[?&]tick=3(&|$)/);
    await button(page, 'Reset').click();
    await expect(page.getByText('Tick 0 / 5')).toBeVisible();
    await expect(page).not.toHaveURL(/tick=/);
    await page.goto('/?lab=cpu&policy=rr&quantum=2&jobs=A:0:3,B:1:2&tick=99');
    await expect(page.getByText('Tick 5 / 5')).toBeVisible();
    await expect(page).toHaveURL(/[?&]tick=5(&|$)/);
    await page.goto('/?lab=cpu&policy=rr&tick=-1');
    await expect(page.getByRole('region', { name: 'Notices' })).toContainText('“tick”: “-1” is not valid');
  });

  test('Copy link: a teacher shares the lab as it is, at the tick shown, even mid-play; the link opens there', async ({ page, context, baseURL }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    await page.goto('/?lab=cpu&policy=rr&quantum=3&jobs=A:0:20,B:2:20');
    await page.getByLabel('Speed').selectOption('4');
    await button(page, 'Play').click();
    await expect(page.getByText(/^Tick ([2-9]|[1-4]\d) \/ 40$/)).toBeVisible();
    // While playing the address bar does not follow each tick: the link is brought up to date at the press.
    await button(page, 'Copy link').click();
    await expect(page.getByText('Link copied')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const tick = Number(/[?&]tick=(\d+)/.exec(copied)?.[1]);
    expect(tick, copied).toBeGreaterThanOrEqual(2);
    expect(copied).toMatch(/[?&]policy=rr(&|$)/);
    expect(copied).toMatch(/[?&]quantum=3(&|$)/);
    expect(copied).toMatch(/[?&]jobs=A:0:20,B:2:20(&|$)/);
    await page.goto(copied);
    await expect(page.getByText(`Tick ${tick} / 40`)).toBeVisible();
    await expect(page.getByLabel('Policy')).toHaveValue('rr');
    await expect(page.getByLabel('Quantum')).toHaveValue('3');
    await expect(page.getByRole('region', { name: 'Notices' })).toHaveCount(0);
  });

  test('idle gaps are Timeline items; ties=ended-first flips the same-tick order', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=rr&quantum=2&jobs=A:0:3,B:2:2,C:9:1');
    await expect(timeline(page)).toHaveText(['A 0–2', 'B 2–4', 'A 4–5', 'idle 5–9', 'C 9–10']);
    await page.getByLabel('Same-tick order').selectOption('ended-first');
    await expect(timeline(page)).toHaveText(['A 0–3', 'B 3–5', 'idle 5–9', 'C 9–10']);
    await expect(page).toHaveURL(/ties=ended-first/);
  });

  test('stepping forward and back explains each tick and draws the ready queue', async ({ page }) => {
    await page.goto('/?lab=cpu&policy=rr&quantum=2&jobs=A:0:3,B:1:2');
    const readyQueue = page.getByRole('list', { name: 'Ready queue' });
    await expect(decision(page)).toContainText('Tick 0');
    await expect(decision(page)).toContainText('A runs: head of the ready queue, slice of 2');
    await expect(readyQueue.getByRole('listitem')).toHaveCount(0);

    await button(page, 'Step').click();
    await expect(decision(page)).toContainText('B arrives');
    await expect(decision(page)).toContainText('A keeps running: 1 left in its slice');
    await expect(readyQueue.getByRole('listitem')).toHaveText(['B']);

    await button(page, 'Step').click();
    await expect(decision(page)).toContainText('A’s slice ends');
    await expect(decision(page)).toContainText('B runs: head of the ready queue, slice of 2');
    await expect(readyQueue.getByRole('listitem')).toHaveText(['A']);
    await expect(page.getByRole('list', { name: 'CPU' }).getByRole('listitem')).toHaveText(['B']);

    await button(page, 'Back').click();
    await expect(decision(page)).toContainText('Tick 1');
    await expect(decision(page)).toContainText('A keeps running');

    // Keyboard: arrows step, End and Home jump.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(decision(page)).toContainText('Tick 3');
    await page.keyboard.press('ArrowLeft');
    await expect(decision(page)).toContainText('Tick 2');
    await page.keyboard.press('End');
    await expect(decision(page)).toContainText('All jobs are done at tick 5.');
    await expect(button(page, 'Step')).toBeDisabled();
    await page.keyboard.press('Home');
    await expect(decision(page)).toContainText('Tick 0');
    await expect(button(page, 'Back')).toBeDisabled();
  });

  test('Play runs to the end; Pause stops', async ({ page }) => {
    await page.goto('/?lab=cpu&policy=fcfs&jobs=A:0:2,B:0:2');
    await page.getByLabel('Speed').selectOption('16');
    await button(page, 'Play').click();
    await expect(decision(page)).toContainText('All jobs are done at tick 4.');
    await expect(button(page, 'Play')).toBeVisible();
    // Replay slowly, so Pause is there to press before the 4 ticks are over.
    await page.getByLabel('Speed').selectOption('1');
    await button(page, 'Play').click();
    await expect(button(page, 'Pause')).toBeVisible();
    await button(page, 'Pause').click();
    await expect(button(page, 'Play')).toBeVisible();
    await expect(decision(page)).not.toContainText('All jobs are done');
  });

  test('Play and Pause take one width, so the controls after them stay put', async ({ page }) => {
    // "Pause" is 12 px wider than "Play" at 1440 px: Reset, End, the speed and the tick slider moved at each press.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/?lab=cpu&view=full&policy=fcfs&jobs=A:0:20,B:0:20');
    await page.getByLabel('Speed').selectOption('1');
    const boxes = () =>
      page.getByRole('group', { name: 'Playback' }).evaluate((g) => ({
        play: g.querySelectorAll('button')[2]!.textContent,
        boxes: Array.from(g.querySelectorAll('button, select, input'), (el) => {
          const r = el.getBoundingClientRect();
          return `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`;
        }),
      }));
    const before = await boxes();
    expect(before.play).toBe('Play');
    await button(page, 'Play').click();
    // The name is the word shown, not the width it keeps.
    await expect(button(page, 'Pause')).toBeVisible();
    const playing = await boxes();
    expect(playing.play, '40 ticks at 1 a second: still playing').toBe('Pause');
    expect(playing.boxes).toEqual(before.boxes);
    await button(page, 'Pause').click();
  });

  test('invalid values: a notice names each parameter and the defaults apply', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=lottery&jobs=A:0&quantum=0&ties=sometimes&preemptive=maybe');
    const notices = page.getByRole('region', { name: 'Notices' });
    for (const name of ['policy', 'jobs', 'quantum', 'ties', 'preemptive']) await expect(notices).toContainText(`“${name}”`);
    await expect(page.getByLabel('Policy')).toHaveValue('fcfs');
    await expect(timeline(page)).toHaveText(['A 0–5', 'B 5–8', 'C 8–16', 'D 16–22']);
    await expect(page).toHaveURL(/policy=fcfs/);
    await expect(page).toHaveURL(/jobs=A:0:5,B:1:3,C:2:8,D:3:6/);
  });

  test('MLFQ with mlfq.py rules (preempted=head, ties=ended-first) matches OSTEP’s simulator', async ({ page }) => {
    // mlfq.py -n 3 -q 2 -l 0,5,0:1,3,0:2,8,0:3,6,0 -c: turnarounds 16, 10, 20, 17.
    await page.goto('/?lab=cpu&view=full&policy=mlfq&quanta=2,2,2&preempted=head&ties=ended-first&boostorder=bottom-first&jobs=A:0:5,B:1:3,C:2:8,D:3:6');
    const rows = await metricRows(page);
    expect(rows.slice(1, 5).map((r) => r[6])).toEqual(['16', '10', '20', '17']);
    expect(rows.slice(1, 5).map((r) => r[5])).toEqual(['0', '1', '2', '3']);
    await expect(page.getByRole('list', { name: 'Q0 (slice 2)' })).toBeAttached();
    await expect(page.getByRole('list', { name: 'Q2 (slice 2)' })).toBeAttached();
    await expect(page.getByRole('button', { name: 'OSTEP mlfq.py rules' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('MLFQ defaults: slices double, a job that used its slice moves down', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=mlfq&quantum=2&levels=3&jobs=A:0:5,B:1:3,C:2:8,D:3:6');
    await expect(timeline(page)).toHaveText(['A 0–2', 'B 2–4', 'C 4–6', 'D 6–8', 'A 8–11', 'B 11–12', 'C 12–16', 'D 16–20', 'C 20–22']);
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight');
    await expect(decision(page)).toContainText('A moves down to Q1');
    await expect(page.getByRole('list', { name: 'Q1 (slice 4)' }).getByRole('listitem')).toHaveText(['A']);
  });

  test('I/O: the job is blocked, then ready again', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=fcfs&jobs=A:0:4:2:3,B:0:4');
    await expect(timeline(page)).toHaveText(['A 0–2', 'B 2–6', 'A 6–8']);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(decision(page)).toContainText('A starts I/O until 5');
    await expect(page.getByRole('list', { name: 'I/O (blocked)' }).getByRole('listitem')).toHaveText(['A until 5']);
    await expect(page.getByRole('img', { name: /^A: running 0–2, blocked 2–5, ready 5–6, running 6–8$/ })).toBeVisible();
  });

  test('editing the workload and the policy updates the run and the URL', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=fcfs&jobs=A:0:3,B:0:1');
    await page.getByLabel('Policy').selectOption('sjf');
    await expect(timeline(page)).toHaveText(['B 0–1', 'A 1–4']);
    await expect(page).toHaveURL(/policy=sjf/);

    const burst = page.getByLabel('Burst of B');
    await burst.fill('5');
    await expect(timeline(page)).toHaveText(['A 0–3', 'B 3–8']);
    await expect(page).toHaveURL(/jobs=A:0:3,B:0:5/);

    await burst.blur();
    await burst.fill('0'); // invalid: marked and explained, the run keeps the value it had before the edit
    await expect(burst).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Burst of B: Must be a whole number from 1 to 99; the run still uses 5.')).toBeVisible();
    await expect(timeline(page)).toHaveText(['A 0–3', 'B 3–8']);

    await button(page, 'Add job').click();
    await expect(page.getByLabel('Name of job C')).toHaveValue('C');
    await page.getByLabel('Arrival of C').fill('1');
    await expect(timeline(page)).toHaveText(['A 0–3', 'C 3–6', 'B 6–11']);
    await page.getByRole('button', { name: 'Remove job A' }).click();
    await expect(metrics(page).getByRole('row')).toHaveCount(4);

    await page.getByLabel('Priority of B').fill('1');
    await page.getByLabel('Policy').selectOption('priority');
    await expect(page).toHaveURL(/jobs=B:0:5:1,C:1:3&/);
    await expect(page).toHaveURL(/preemptive=on/);
  });

  test('a random workload is a function of its seed', async ({ page }) => {
    await page.goto('/?lab=cpu');
    await page.getByLabel('Seed').fill('42');
    await button(page, 'Random workload').click();
    const first = new URL(page.url()).searchParams.get('jobs');
    await page.getByLabel('Seed').fill('43');
    await button(page, 'Random workload').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('jobs')).not.toBe(first);
    await page.getByLabel('Seed').fill('42');
    await button(page, 'Random workload').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('jobs')).toBe(first);
    expect(first?.split(',')).toHaveLength(5);
  });

  test('Compare: every policy side by side; a name switches to it', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=fcfs&jobs=P1:0:8,P2:1:4,P3:2:9,P4:3:5');
    const table = page.getByRole('table', { name: 'Compare policies' });
    await expect(table.getByRole('row')).toHaveCount(7);
    await expect(table.getByRole('row', { name: /SRTF/ })).toContainText('6.50');
    await table.getByRole('button', { name: 'SRTF' }).click();
    await expect(page.getByLabel('Policy')).toHaveValue('srtf');
    await expect(timeline(page)).toHaveText(['P1 0–1', 'P2 1–5', 'P4 5–10', 'P1 10–17', 'P3 17–26']);
    await page.keyboard.press('ArrowRight');
    await expect(decision(page)).toContainText('P2 preempts P1: remaining time 4 < 7');
  });

  test('leaving for the other lab and coming back keeps the workload and restores the URL', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=rr&quantum=3&jobs=A:0:4,B:1:2');
    await expect(timeline(page)).toHaveText(['A 0–3', 'B 3–5', 'A 5–6']);
    const tabs = page.getByRole('navigation', { name: 'Lab' });
    await tabs.getByRole('button').first().click();
    await expect(page).not.toHaveURL(/policy=/);
    await tabs.getByRole('button', { name: 'CPU scheduling' }).click();
    await expect(timeline(page)).toHaveText(['A 0–3', 'B 3–5', 'A 5–6']);
    await expect(page).toHaveURL(/lab=cpu.*policy=rr.*quantum=3/);
    await expect(page).toHaveURL(/view=full/);
  });

  test('Chinese: the decision is explained in Chinese', async ({ page }) => {
    await page.goto('/?lab=cpu&lang=zh&policy=srtf&jobs=A:0:5,B:1:2');
    const status = page.getByRole('status', { name: '调度决策' });
    // A learner presses a key once the lab is on screen (a key pressed before the page has mounted goes nowhere).
    await expect(status).toContainText('第 0 个周期');
    await page.keyboard.press('ArrowRight');
    await expect(status).toContainText('B 抢占 A：剩余时间 2 < 4');
    await expect(page.getByRole('table', { name: '指标' })).toBeVisible();
  });
});
