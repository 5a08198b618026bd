import { expect, test } from './fixtures';
import { LabPage } from './labPage';

/** Small enough to step by hand, big enough to race. */
const SCENARIOS = [
  { id: 'printer', query: 'scenario=printer&users=3&lines=2', figure: 'Interruptions' },
  { id: 'tickets', query: 'scenario=tickets&clients=4&tickets=1', figure: 'Tickets sold' },
  { id: 'bank', query: 'scenario=bank&n=5', figure: 'Balance' },
] as const;

for (const sc of SCENARIOS) {
  test.describe(sc.id, () => {
    test('step mode: lock off races, lock on holds', async ({ page }) => {
      // Two whole runs stepped by hand are a few hundred clicks: on a busy 2-core machine that nears the default 60 s.
      test.slow();
      const lab = new LabPage(page);
      await lab.open(`${sc.query}&mode=step&lock=off`);
      await expect(page.getByRole('switch', { name: 'Lock' })).toHaveAttribute('aria-checked', 'false');
      expect(await lab.stepToEnd()).toBe('violated');
      const brokenFigure = await lab.figure(sc.figure);

      // Switch the lock on, as a person would, and step again.
      await page.getByRole('switch', { name: 'Lock' }).click();
      await expect(page).toHaveURL(/lock=on/);
      await expect(lab.status).toHaveAttribute('data-verdict', 'idle');
      expect(await lab.stepToEnd()).toBe('ok');
      expect(await lab.figure(sc.figure)).not.toBe(brokenFigure);
    });

    test('clock mode replays identically for the same seed', async ({ page }) => {
      const lab = new LabPage(page);
      const runOnce = async () => {
        await lab.open(`${sc.query}&mode=clock&lock=off&seed=424242&turbo=on`);
        await lab.button('Run').click();
        const verdict = await lab.waitForVerdict();
        return { verdict, console: await lab.consoleText(), figure: await lab.figure(sc.figure) };
      };
      const first = await runOnce();
      const second = await runOnce();
      expect(second).toEqual(first);
      expect(first.console.length).toBeGreaterThan(0);
    });
  });
}

test.describe('parallel mode: real threads', () => {
  test.describe.configure({ timeout: 180_000 });

  for (const sc of SCENARIOS) {
    test(`${sc.id}: lock on is ok in 20 of 20 runs`, async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open(`${sc.query}&mode=parallel&lock=on&speed=16`);
      let ok = 0;
      for (let i = 0; i < 20; i++) {
        if (i > 0) {
          await lab.button('Reset').click();
          await expect(lab.status).toHaveAttribute('data-verdict', 'idle');
        }
        await lab.button('Run').click();
        if ((await lab.waitForVerdict()) === 'ok') ok++;
      }
      expect(ok).toBe(20);
    });
  }

  test('tickets with network delays and no lock: oversold', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=tickets&clients=10&tickets=1&mode=parallel&lock=off&speed=4');
    await lab.button('Run').click();
    expect(await lab.waitForVerdict()).toBe('violated');
    expect(Number(await lab.figure('Tickets sold'))).toBeGreaterThan(1);
  });

  test('bank with a large n in turbo and no lock: updates are lost', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=bank&n=200000&mode=parallel&lock=off&turbo=on');
    await lab.button('Run').click();
    expect(await lab.waitForVerdict(120_000)).toBe('violated');
    expect(await lab.figure('Balance')).not.toBe('100');
    expect(await lab.figure('Expected')).toBe('100');
  });
});
