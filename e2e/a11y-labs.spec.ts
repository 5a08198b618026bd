import { expect, test, type Page } from './fixtures';
import { seriousViolations, VARIANTS } from './a11yAxe';

/**
 * axe-core on the states a learner reaches, beyond the idle pages that
 * a11y.spec.ts checks: the process lab at its verdicts (a double sale, a
 * deadlock with its wait-for cycle, a traceback), scrubbed back in the
 * timeline, with the shortcuts list and the tour open; the explorer and the
 * statistics with their results; the CPU lab stepped and at its end; the
 * Python lab with its editor, files, console and an error. Every language and
 * theme: no serious or critical violation.
 */

/** The few names these tests press, per language (src/i18n). */
const NAMES = {
  en: { run: 'Run', tour: 'Tour', explore: 'Explore schedules', runMany: 'Run many', lockOff: 'Lock off', events: 'Events by process' },
  zh: { run: '运行', tour: '导览', explore: '穷举调度', runMany: '批量运行', lockOff: '不加锁', events: '按进程排列的事件' },
} as const;


const PYTHON = `from multiprocessing import Process, Lock, Queue

def work(lock, q, i):
    with lock:
        with open('log.txt', 'a') as f:
            f.write(f'worker {i}\\n')
    q.put(i * i)
    print('worker', i, 'done')

if __name__ == '__main__':
    lock, q = Lock(), Queue()
    ps = [Process(target=work, args=(lock, q, i)) for i in range(2)]
    for p in ps: p.start()
    print(sorted(q.get() for _ in ps))
    for p in ps: p.join()
    raise ValueError('the main process ends with an error')
`;

/** Open the process lab at `query` in `lang` and wait until it can run (LabPage.open knows the English names only). */
async function openLab(page: Page, query: string, lang: keyof typeof NAMES): Promise<void> {
  await page.goto(`/?${query}&lang=${lang}`);
  await expect(page.getByRole('status').first()).toHaveAttribute('data-verdict', 'idle');
  await expect(page.getByRole('button', { name: NAMES[lang].run, exact: true })).toBeEnabled();
}

/** Finished the run: the status holds one of the final verdicts. */
async function finished(page: Page): Promise<void> {
  await expect(page.getByRole('status').first()).toHaveAttribute('data-verdict', /^(ok|violated|deadlock|error)$/, { timeout: 120_000 });
}

for (const { lang, scheme } of VARIANTS) {
  const name = NAMES[lang];
  test.describe(`${lang}, ${scheme}`, () => {
    test.use({ colorScheme: scheme });
    test.describe.configure({ timeout: 180_000 });

    test('process lab: a double sale, then scrubbed back in the timeline', async ({ page }) => {
      await openLab(page, `scenario=tickets&clients=4&tickets=1&lock=off&mode=clock&seed=3&turbo=on`, lang);
      await page.keyboard.press('r');
      await finished(page);
      const found = (await seriousViolations(page)).map((v) => `ended: ${v}`);
      await page.getByRole('group', { name: name.events }).focus();
      await page.keyboard.press('Home');
      for (const v of await seriousViolations(page)) found.push(`scrubbed: ${v}`);
      expect(found).toEqual([]);
    });

    test('process lab: a deadlock with its cycle, a traceback, the shortcuts list and the tour', async ({ page }) => {
      await openLab(page, `scenario=deadlock&case=abba&mode=clock&turbo=on`, lang);
      await page.keyboard.press('r');
      await finished(page);
      const found = (await seriousViolations(page)).map((v) => `deadlock: ${v}`);

      await openLab(page, `scenario=lifecycle&end=raise&mode=clock&turbo=on`, lang);
      await page.keyboard.press('r');
      await finished(page);
      for (const v of await seriousViolations(page)) found.push(`traceback: ${v}`);

      await page.keyboard.press('?');
      await expect(page.getByRole('dialog')).toBeVisible();
      for (const v of await seriousViolations(page)) found.push(`shortcuts: ${v}`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();

      await page.getByRole('button', { name: name.tour, exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      for (const v of await seriousViolations(page)) found.push(`tour: ${v}`);
      expect(found).toEqual([]);
    });

    test('explorer and statistics with their results', async ({ page }) => {
      await openLab(page, `scenario=tickets&clients=2&tickets=1&lock=off&mode=clock&bound=1&runs=10`, lang);
      await page.getByRole('button', { name: name.explore, exact: true }).click();
      await expect(page.getByText(/^2: \d+$/).first()).toBeVisible({ timeout: 120_000 });
      await expect(page.getByRole('button', { name: name.run, exact: true })).toBeEnabled();
      const found = (await seriousViolations(page)).map((v) => `explored: ${v}`);
      await page.getByRole('button', { name: name.runMany, exact: true }).click();
      await expect(page.getByRole('region', { name: name.lockOff }).locator('.histogram li').first()).toBeVisible({ timeout: 120_000 });
      for (const v of await seriousViolations(page)) found.push(`statistics: ${v}`);
      expect(found).toEqual([]);
    });

    test('CPU lab: revealing, stepped, at the end, and Compare', async ({ page }) => {
      await page.goto(`/?lab=cpu&policy=mlfq&lang=${lang}`);
      await expect(page.getByRole('table').first()).toBeVisible();
      const found = (await seriousViolations(page)).map((v) => `start: ${v}`);
      await page.goto(`/?lab=cpu&view=full&policy=rr&quantum=2&jobs=A:0:3,B:1:2:0:1:2,C:9:1&lang=${lang}`);
      await expect(page.getByRole('table').first()).toBeVisible();
      for (const v of await seriousViolations(page)) found.push(`full: ${v}`);
      expect(found).toEqual([]);
    });

    test('Python lab: editor, files, console, an error', async ({ page }) => {
      await page.goto(`/?lab=python&code=${Buffer.from(PYTHON, 'utf8').toString('base64url')}&file=log.txt:${Buffer.from('start\n').toString('base64url')}&mode=clock&turbo=on&lang=${lang}`);
      const run = page.getByRole('button', { name: name.run, exact: true });
      await expect(run).toBeEnabled({ timeout: 120_000 });
      const found = (await seriousViolations(page)).map((v) => `idle: ${v}`);
      await run.click();
      await finished(page);
      for (const v of await seriousViolations(page)) found.push(`ended: ${v}`);
      expect(found).toEqual([]);
    });
  });
}
