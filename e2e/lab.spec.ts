import { expect, test } from './fixtures';
import { LabPage } from './labPage';

test.describe('process lab basics', () => {
  test('a tiny two-process program runs to its end by stepping (smoke)', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=lifecycle&mode=step');
    expect(await lab.stepToEnd()).toBe('ok');
    await expect(lab.status).toContainText('released the lock');
    expect(await lab.figure('Child exitcode')).toBe('0');
    const lines = await lab.consoleText();
    expect(lines[0]).toBe('parent: started Process-1 alive: True');
    expect(lines.at(-1)).toBe('parent: got the lock: True');
  });

  test('terminate leaves the lock held; Reset starts clean', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=lifecycle&end=terminate&mode=clock&seed=3');
    await page.getByLabel('Speed').selectOption('16');
    await lab.button('Run').click();
    expect(await lab.waitForVerdict()).toBe('violated');
    expect(await lab.figure('Child exitcode')).toBe('-15');
    await lab.button('Reset').click();
    await expect(lab.status).toHaveAttribute('data-verdict', 'idle');
    await expect(lab.console.locator('li')).toHaveCount(0);
  });

  test('keyboard: N steps, U undoes', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=lifecycle');
    // Round robin: MainProcess starts the child, the child takes the lock, MainProcess prints.
    for (let i = 0; i < 3; i++) await page.keyboard.press('n');
    await expect(lab.console.locator('li')).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Shared state' })).toContainText('held by Process-1');
    await page.keyboard.press('u');
    await expect(lab.console.locator('li')).toHaveCount(0);
    await expect(lab.button('Step')).toBeEnabled();
  });

  test('an invalid URL parameter is named in a notice and the default applies', async ({ page }) => {
    await page.goto('/?scenario=nope&mode=warp&seed=-4');
    const notices = page.getByRole('region', { name: 'Notices' });
    await expect(notices).toContainText('“scenario”');
    await expect(notices).toContainText('“mode”');
    await expect(notices).toContainText('“seed”');
    await expect(page.getByLabel('Mode')).toHaveValue('step');
    await expect(page).toHaveURL(/mode=step/);
  });

  test('no request leaves the origin (fonts, assets and workers are all bundled)', async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=3&mode=clock&turbo=on');
    await lab.button('Run').click();
    await lab.waitForVerdict();
    await page.getByRole('button', { name: 'CPU scheduling' }).click();
    await expect(page.getByRole('table', { name: 'Metrics' })).toBeVisible();
    expect(foreign).toEqual([]);
  });

  test('an out-of-range setting is explained and changes nothing', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=printer&users=3');
    const users = page.getByRole('spinbutton', { name: 'Users' });
    await users.fill('50');
    await expect(page.getByRole('alert')).toHaveText('Must be a whole number from 1 to 10; still using 3.');
    await expect(page).toHaveURL(/users=3/);
    await users.fill('4');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page).toHaveURL(/users=4/);
  });

  test('a typed count loads once, when typing settles; the invalid message and the URL stay right', async ({ page }) => {
    // Every clients= value the page writes to the address bar: each one is a run loaded.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __clientsSeen: string[] }).__clientsSeen = seen;
      for (const k of ['replaceState', 'pushState'] as const) {
        const write = history[k].bind(history);
        history[k] = (data: unknown, unused: string, url?: string | URL | null) => {
          const c = new URL(String(url ?? ''), location.href).searchParams.get('clients');
          if (c !== null && seen.at(-1) !== c) seen.push(c);
          write(data, unused, url);
        };
      }
    });
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=3&mode=step');
    const clients = page.getByRole('spinbutton', { name: 'Clients' });
    const seen = () => page.evaluate(() => (window as unknown as { __clientsSeen: string[] }).__clientsSeen.slice());
    await expect.poll(seen).toEqual(['3']);
    await clients.click();
    await clients.press('ControlOrMeta+a');
    // The page's timers stand still while the keys go in: at load ~50 Playwright's own keystrokes came more than the
    // field's SETTLE_MS apart (its "10" loaded; keydown timeStamps showed gaps of 266 ms at load 40), a typist that
    // slow is meant to load each count. Time flows again once typing is done, as it would for a quick typist.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    await clients.pressSequentially('1000', { delay: 30 });
    expect(await seen()).toEqual(['3']); // no keystroke applies a count by itself
    await page.clock.resume();
    await expect(page).toHaveURL(/clients=1000/);
    expect(await seen()).toEqual(['3', '1000']);
    // An arrow key is a step: it applies without waiting for Enter or blur.
    await clients.press('ArrowDown');
    await expect(page).toHaveURL(/clients=999/);
    // Invalid input is still explained at once and changes nothing; Enter applies a typed value.
    await clients.fill('5000');
    await expect(page.getByRole('alert')).toHaveText('Must be a whole number from 1 to 1,000; still using 999.');
    await clients.fill('7');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await clients.press('Enter');
    await expect(page).toHaveURL(/clients=7/);
    expect(await seen()).toEqual(['3', '1000', '999', '7']);
  });

  test('a killed worker is reported and Reset heals the pool', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=lifecycle&mode=step');
    await lab.button('Step').click();
    await lab.button('Step').click();
    await page.evaluate(() => (window as unknown as { __lockstep: { killWorker(pid: number): void } }).__lockstep.killWorker(1));
    await expect(page.getByRole('alert')).toContainText('stopped');
    await lab.button('Reset').click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(await lab.stepToEnd()).toBe('ok');
  });

  test('Chinese: every control is translated', async ({ page }) => {
    await page.goto('/?scenario=lifecycle&lang=zh');
    await expect(page.getByRole('button', { name: '单步', exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: '控制台' })).toBeVisible();
    await expect(page.getByRole('status')).toHaveText('准备就绪。单步或运行开始。');
  });
});
