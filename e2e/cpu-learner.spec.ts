import { expect, test, type Page } from './fixtures';
import { axe, serious } from './a11yAxe';

/**
 * The CPU lab as a learner meets it (issues 12 and 13): what is typed is never
 * silently changed, bad URL values are named, no stale state is ever shown,
 * the run is revealed as it goes, and the page works on a phone and with
 * assistive technology.
 */

const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' }).getByRole('listitem');
const metrics = (page: Page) => page.getByRole('table', { name: 'Metrics' });
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const jobsParam = (page: Page) => new URL(page.url()).searchParams.get('jobs');

/** The cells of one Metrics row (by its header), as a sighted reader sees them. */
async function metricsRow(page: Page, name: string): Promise<string[]> {
  return metrics(page)
    .getByRole('row', { name: new RegExp(`^${name}\\b`) })
    .locator('th, td')
    .evaluateAll((cells) =>
      cells.map((c) => {
        const visible = c.cloneNode(true) as HTMLElement;
        visible.querySelectorAll('.sr-only').forEach((e) => e.remove());
        return (visible.textContent ?? '').trim();
      }),
    );
}

test.describe('CPU lab: the job editor never commits a different value than typed (issue 13, item 7)', () => {
  const url = '/?lab=cpu&view=full&policy=fcfs&jobs=A:3:4,B:0:2';

  for (const typed of ['1000', '2.5']) {
    test(`typing ${typed} in Arrival: the run keeps 3 and says why`, async ({ page }) => {
      await page.goto(url);
      const arrival = page.getByLabel('Arrival of A');
      await arrival.fill('');
      await arrival.pressSequentially(typed);
      await expect(arrival).toHaveValue(typed);
      await expect(arrival).toHaveAttribute('aria-invalid', 'true');
      const message = page.getByText('Arrival of A: Must be a whole number from 0 to 999; the run still uses 3.');
      await expect(message).toBeVisible();
      await expect(arrival).toHaveAttribute('aria-describedby', (await message.getAttribute('id'))!);
      expect(jobsParam(page)).toBe('A:3:4,B:0:2');
      await expect(timeline(page)).toHaveText(['B 0–2', 'idle 2–3', 'A 3–7']);
      // Leaving the field keeps the text and the explanation (no silent revert).
      await page.getByLabel('Burst of B').focus();
      await expect(arrival).toHaveValue(typed);
      await expect(message).toBeVisible();
      // A valid value commits and the message goes.
      await arrival.fill('1');
      await expect(message).toBeHidden();
      await expect(timeline(page)).toHaveText(['B 0–2', 'A 2–6']);
      expect(jobsParam(page)).toBe('A:1:4,B:0:2');
    });
  }

  test('Burst 10000000, Priority 100, name ABCDEFGHI and "a b": nothing partial is committed', async ({ page }) => {
    await page.goto(url);
    const cases: [string, string, string][] = [
      ['Burst of A', '10000000', 'Burst of A: Must be a whole number from 1 to 99; the run still uses 4.'],
      ['Priority of A', '100', 'Priority of A: Must be empty (none) or a whole number from 0 to 99; the run still uses none.'],
      ['Name of job A', 'ABCDEFGHI', 'Name of job A: Must be 1–8 letters, digits, _ or -; the run still uses A.'],
    ];
    for (const [label, typed, said] of cases) {
      const field = page.getByLabel(label);
      await field.fill('');
      await field.pressSequentially(typed);
      await expect(page.getByText(said)).toBeVisible();
      expect(jobsParam(page)).toBe('A:3:4,B:0:2');
      await field.press('Escape');
      await field.fill(label.startsWith('Priority') ? '' : label.startsWith('Name') ? 'A' : '4');
    }
    const name = page.getByLabel('Name of job A');
    await name.fill('');
    await name.pressSequentially('a b');
    await expect(page.getByText('Name of job A: Must be 1–8 letters, digits, _ or -; the run still uses A.')).toBeVisible();
    expect(jobsParam(page)).toBe('A:3:4,B:0:2');
    // A name another job has is refused too, and said so.
    await name.fill('B');
    await expect(page.getByText('Must be a name no other job has (B is taken); the run still uses A.')).toBeVisible();
  });

  test('pasting an invalid value is explained, not silently reverted', async ({ page }) => {
    await page.goto(url);
    const arrival = page.getByLabel('Arrival of A');
    await arrival.focus();
    await arrival.press('ControlOrMeta+a');
    // A paste arrives as one input event carrying the whole text.
    await page.keyboard.insertText('1000');
    await page.getByLabel('Burst of A').focus();
    await expect(arrival).toHaveValue('1000');
    await expect(page.getByText('Arrival of A: Must be a whole number from 0 to 999; the run still uses 3.')).toBeVisible();
    expect(jobsParam(page)).toBe('A:3:4,B:0:2');
  });

  test('a bad seed is explained and Random workload waits for a valid one', async ({ page }) => {
    await page.goto(url);
    const seed = page.getByLabel('Seed');
    await seed.fill('12x');
    await expect(page.getByText('Must be a whole number from 0 to 2,147,483,647; Random workload still uses seed 1.')).toBeVisible();
    await expect(button(page, 'Random workload')).toBeDisabled();
    await seed.fill('7');
    await expect(button(page, 'Random workload')).toBeEnabled();
  });

  test('settings fields explain too (quantum 0 keeps 2)', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=rr&quantum=2&jobs=A:0:3,B:1:2');
    await page.getByLabel('Quantum').fill('0');
    await expect(page.getByText('Must be a whole number from 1 to 50; the run still uses 2.')).toBeVisible();
    await expect(page).toHaveURL(/quantum=2/);
  });

  test('MLFQ slices: an invalid list goes back to the slices and levels from before the edit', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=mlfq&quantum=2&levels=3&jobs=A:0:3,B:1:2');
    const slices = page.getByLabel('Slices per level');
    await slices.pressSequentially('1,2'); // valid on the way: 1, then 1,2
    await expect(page).toHaveURL(/quanta=1%2C2|quanta=1,2/);
    await slices.pressSequentially(',x');
    await expect(page.getByText('Must be whole numbers from 1 to 100, comma-separated, at most 8; the run still uses 2,4,8.')).toBeVisible();
    await expect(page).toHaveURL(/levels=3/);
    await expect(page).not.toHaveURL(/quanta=/);
    await expect(page.getByRole('list', { name: 'Q2 (slice 8)' })).toBeAttached();
  });
});

test.describe('CPU lab: URL notices and names (issue 13, item 8)', () => {
  test('the jobs notice names the job and the field, shortened', async ({ page }) => {
    await page.goto(`/?lab=cpu&jobs=A:0:5,B:1:3,C:2:0,${'D'.repeat(5000)}:1:1`);
    const notices = page.getByRole('region', { name: 'Notices' });
    await expect(notices).toContainText('“jobs”: “C:2:0” is not valid (job 3, Burst “0”: must be a whole number from 1 to 99)');
    expect((await notices.innerText()).length).toBeLessThan(300);
  });

  test('a decomposed José is the composed one', async ({ page }) => {
    await page.goto(`/?lab=cpu&view=full&jobs=${encodeURIComponent('Jose\u0301')}:0:3,B:1:1`);
    await expect(timeline(page)).toHaveText(['Jos\u00e9 0–3', 'B 3–4']);
    await expect(page.getByRole('region', { name: 'Notices' })).toHaveCount(0);
  });
});

test.describe('CPU lab: never a state that is not the current one (issue 13, item 9)', () => {
  /** Record, from before the app starts, every Timeline item text and Metrics row header ever rendered, and the most jobs the CPU list held at once. */
  async function watch(page: Page) {
    await page.addInitScript(() => {
      const seen = { timeline: new Set<string>(), rows: new Set<string>(), maxOnCpu: 0 };
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      const look = () => {
        document.querySelectorAll('ol[aria-label="Timeline"] > li').forEach((li) => seen.timeline.add(li.textContent ?? ''));
        document.querySelectorAll('.cpu-metrics tbody th').forEach((th) => seen.rows.add(th.textContent ?? ''));
        const cpu = document.querySelector('ol[aria-label="CPU"]');
        if (cpu) seen.maxOnCpu = Math.max(seen.maxOnCpu, cpu.querySelectorAll('li:not([aria-hidden="true"])').length);
      };
      new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    return async () =>
      page.evaluate(() => {
        const s = (window as unknown as { __seen: { timeline: Set<string>; rows: Set<string>; maxOnCpu: number } }).__seen;
        return { timeline: [...s.timeline], rows: [...s.rows], maxOnCpu: s.maxOnCpu };
      });
  }

  test('on load the default workload never shows before the URL’s jobs', async ({ page }) => {
    const seen = await watch(page);
    await page.goto('/?lab=cpu&view=full&policy=fcfs&jobs=X:0:2,Y:1:1');
    await expect(timeline(page)).toHaveText(['X 0–2', 'Y 2–3']);
    const s = await seen();
    expect(s.timeline.sort()).toEqual(['X 0–2', 'Y 2–3']);
    expect(s.rows.sort()).toEqual(['X', 'Y']);
  });

  for (const motion of ['no-preference', 'reduce'] as const) {
    test(`stepping: the CPU list never holds two jobs (motion: ${motion})`, async ({ page }) => {
      await page.emulateMedia({ reducedMotion: motion });
      const seen = await watch(page);
      await page.goto('/?lab=cpu&policy=rr&quantum=1&jobs=A:0:3,B:0:3');
      const cpu = page.getByRole('list', { name: 'CPU' }).getByRole('listitem');
      for (const expected of ['B', 'A', 'B', 'A']) {
        await button(page, 'Step').click();
        await expect(cpu).toHaveText([expected]);
      }
      expect((await seen()).maxOnCpu).toBe(1);
    });
  }
});

test.describe('CPU lab: MLFQ boost as OSTEP’s mlfq.py (issue 13, item 10)', () => {
  const base = '/?lab=cpu&view=full&policy=mlfq&jobs=A:0:2,B:1:1&quanta=1,1&allotment=1&boost=1&preempted=head&ties=ended-first';

  test('boostorder=bottom-first gives mlfq.py’s A 0–2, B 2–3; the lab’s own order differs', async ({ page }) => {
    await page.goto(`${base}&boostorder=bottom-first`);
    await expect(timeline(page)).toHaveText(['A 0–2', 'B 2–3']);
    await page.getByLabel('Boost order').selectOption('top-first');
    await expect(timeline(page)).toHaveText(['A 0–1', 'B 1–2', 'A 2–3']);
    await expect(page).toHaveURL(/boostorder=top-first/);
  });

  test('the “OSTEP mlfq.py rules” switch includes the boost order', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=mlfq&jobs=A:0:2,B:1:1&quanta=1,1&allotment=1&boost=1');
    const rules = page.getByRole('button', { name: 'OSTEP mlfq.py rules' });
    await expect(rules).toHaveAttribute('aria-pressed', 'false');
    await rules.click();
    await expect(rules).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/boostorder=bottom-first/);
    await expect(timeline(page)).toHaveText(['A 0–2', 'B 2–3']);
  });
});

test.describe('CPU lab: reveal as it runs (issue 12)', () => {
  test('by default only the ticks reached are drawn, listed and measured; one switch shows all', async ({ page }) => {
    await page.goto('/?lab=cpu&policy=rr&quantum=2&jobs=A:0:3,B:1:2');
    const bars = page.locator('.cpu-gantt .cpu-seg');
    // Tick 0: A runs. Nothing later is on the page.
    await expect(timeline(page)).toHaveText(['A 0–1']);
    await expect(bars).toHaveCount(1);
    expect(await metricsRow(page, 'A')).toEqual(['A', '0', '3', '0', '–', '0', '–', '–']);
    expect(await metricsRow(page, 'B')).toEqual(['B', '1', '2', '–', '–', '–', '–', '–']);
    await expect(metrics(page).getByRole('row', { name: /Average/ })).toContainText('not yet');
    await expect(page.getByRole('table', { name: 'Compare policies' })).toHaveCount(0);

    await button(page, 'Step').click();
    await button(page, 'Step').click();
    await expect(timeline(page)).toHaveText(['A 0–2', 'B 2–3']);
    await expect(bars).toHaveCount(2);
    expect(await metricsRow(page, 'B')).toEqual(['B', '1', '2', '2', '–', '1', '–', '–']);

    await button(page, 'End').click();
    await expect(timeline(page)).toHaveText(['A 0–2', 'B 2–4', 'A 4–5']);
    expect(await metricsRow(page, 'A')).toEqual(['A', '0', '3', '0', '5', '0', '5', '2']);
    await expect(page.getByRole('table', { name: 'Compare policies' })).toBeVisible();

    await button(page, 'Reset').click();
    await expect(timeline(page)).toHaveText(['A 0–1']);
    const full = page.getByRole('switch', { name: 'Show the whole run' });
    await expect(full).toHaveAttribute('aria-checked', 'false');
    await full.click();
    await expect(full).toHaveAttribute('aria-checked', 'true');
    await expect(timeline(page)).toHaveText(['A 0–2', 'B 2–4', 'A 4–5']);
    await expect(page).toHaveURL(/view=full/);
    await expect(page.getByRole('table', { name: 'Compare policies' })).toBeVisible();
  });
});

test.describe('CPU lab on a phone and for assistive technology (issue 12)', () => {
  const busy = '/?lab=cpu&policy=mlfq&boost=10&jobs=A:0:5,B:1:3,C:2:8:1:2:3,D:3:6,LONGNAME:4:9';

  for (const lang of ['en', 'zh']) {
    test(`390×844 (${lang}): nothing overflows sideways; every control is at least 40 px`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const view of ['reveal', 'full']) {
        await page.goto(`${busy}&lang=${lang}&view=${view}`);
        await button(page, lang === 'en' ? 'End' : '结尾').click();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      }
      const small = await page.locator('.cpu-lab').evaluate((lab) =>
        Array.from(lab.querySelectorAll('button, input, select'))
          .map((e) => ({ e, r: e.getBoundingClientRect() }))
          .filter(({ r }) => r.width > 0 && (r.width < 40 || r.height < 40))
          .map(({ e, r }) => `${e.tagName} ${e.getAttribute('aria-label') ?? e.textContent} ${r.width}×${r.height}`),
      );
      expect(small).toEqual([]);
    });

    test(`390×844 (${lang}): the jobs table fits without scrolling sideways and stays a table with headers`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${busy}&lang=${lang}`);
      const en = lang === 'en';
      const jobs = page.getByRole('table', { name: en ? 'Jobs' : '作业' });
      await expect(jobs.getByRole('row')).toHaveCount(6);
      await expect(jobs.getByRole('columnheader')).toHaveText(en ? ['Job', 'Arrival', 'Burst', 'Priority', 'I/O every', 'I/O time', 'Remove'] : ['作业', '到达', '区间', '优先级', 'I/O 间隔', 'I/O 时长', '删除']);
      await expect(jobs.getByRole('rowheader')).toHaveCount(5);
      // An invalid field's message, in its own row, fits as well.
      await page.getByLabel(en ? 'Arrival of LONGNAME' : 'LONGNAME 的到达时间').fill('1000');
      await expect(jobs.getByRole('row')).toHaveCount(7);
      const scroller = page.locator('.cpu-jobs .table-scroll');
      const fits = await scroller.evaluate((e) => e.scrollWidth <= e.clientWidth);
      expect(fits).toBe(true);
      // Every field of the last job lies inside the panel (none cut off at the right edge).
      const panel = (await page.locator('.cpu-jobs').boundingBox())!;
      for (const input of await jobs.getByRole('row').nth(5).locator('input').all()) {
        const box = (await input.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width);
      }
    });

    test(`axe (${lang}): no serious or critical violation, at the start and at the end`, async ({ page }) => {
      await page.goto(`${busy}&lang=${lang}`);
      await page.getByLabel(lang === 'en' ? 'Arrival of A' : 'A 的到达时间').fill('1000'); // an explained invalid field is part of the check
      for (const when of ['start', 'end']) {
        if (when === 'end') await page.keyboard.press('End');
        expect(serious(await axe(page).include('main').analyze()), when).toEqual([]);
      }
    });
  }

  test('390×844: a table cut off at the edge shows it scrolls (a fade), and → scrolls it when it is focused (the zh headers fit)', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(busy);
    const region = page.getByRole('group', { name: 'Metrics' });
    const frame = region.locator('xpath=..');
    const fade = (side: 'before' | 'after') => frame.evaluate((e, side) => getComputedStyle(e, `::${side}`).opacity, side);
    // Nothing showed that "Turnaround" was cut off and there to scroll to.
    expect(await region.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await expect.poll(() => fade('after')).toBe('1');
    expect(await fade('before')).toBe('0');
    // Focused, the arrows scroll it (the lab's → step shortcut had taken them: it did not scroll).
    await region.focus();
    const cursor = page.getByRole('slider').first();
    const at = await cursor.getAttribute('aria-valuenow');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    expect(await cursor.getAttribute('aria-valuenow')).toBe(at);
    await region.evaluate((e) => (e.scrollLeft = e.scrollWidth));
    await expect.poll(() => fade('before')).toBe('1');
    await expect.poll(() => fade('after')).toBe('0');
    // Wide enough to fit: no fade at either edge.
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(() => region.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(false);
    await expect.poll(() => fade('before')).toBe('0');
    await expect.poll(() => fade('after')).toBe('0');
  });

  test('plurals and numbers follow the language', async ({ page }) => {
    await page.goto('/?lab=cpu&view=full&policy=fcfs&jobs=A:998:1,B:999:1');
    await expect(page.getByLabel('Speed').locator('option[value="1"]')).toHaveText('1 tick/s');
    await expect(page.getByLabel('Speed').locator('option[value="2"]')).toHaveText('2 ticks/s');
    await expect(timeline(page)).toHaveText(['idle 0–998', 'A 998–999', 'B 999–1,000']);
    await expect(page.getByText(/^Length 1,000 ticks, idle 998, CPU utilization 0%/)).toBeVisible();
  });
});
