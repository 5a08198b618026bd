/**
 * The Python lab as a learner uses it: a program loaded by URL runs on real
 * Pyodide interpreters in the page's workers; console, files and verdict are
 * checked through roles and labels. Interpreters load the first time (several
 * seconds on a busy two-core machine), hence the generous timeouts.
 */
import { expect, test, type Page } from './fixtures';
import { EXAMPLES } from '../src/python/examples';
import { RUN_TIME_OBJECTS, TICKETS, TICKETS_FILE } from '../src/python/testing/programs';

const LOAD_MS = 120_000;
test.describe.configure({ timeout: 240_000 });

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

async function openProgram(page: Page, code: string, extra = ''): Promise<void> {
  await page.goto(`/?lab=python&code=${b64url(code)}${extra}`);
  await expect(page.getByRole('button', { name: 'Reset', exact: true })).toBeVisible();
}

const status = (page: Page) => page.getByRole('status');

/** Run, once the interpreters have loaded (the button is disabled while the run is being prepared). */
async function run(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'Run', exact: true });
  await expect(button).toBeEnabled({ timeout: LOAD_MS });
  await button.click();
}
const consoleLines = (page: Page) => page.getByRole('region', { name: 'Console' }).locator('li');

const FILE = `&file=${TICKETS_FILE[0]}:${b64url(TICKETS_FILE[1])}`;

test('a program and a file loaded by URL run to the ok verdict; the Files panel shows the file as the processes left it', async ({ page }) => {
  await openProgram(page, TICKETS(true), `${FILE}&mode=parallel&turbo=on`);
  const files = page.getByRole('region', { name: 'Files' });
  await expect(files.getByLabel('Content of tickets.json')).toHaveValue('{"count": 1}');
  // Every parameter of this link is one the Python lab reads: none is reported as ignored.
  await expect(page.getByText(/Ignored URL parameter/)).toHaveCount(0);
  await run(page);
  await expect(status(page)).toHaveAttribute('data-verdict', 'ok', { timeout: LOAD_MS });
  await expect(consoleLines(page).filter({ hasText: 'bought a ticket' })).toHaveCount(1);
  await expect(consoleLines(page).last()).toHaveText('left: {"count": 0}');
  await expect(files.getByLabel('Content of tickets.json')).toHaveValue('{"count": 0}');
});

test('the Files panel keeps its size as a run starts: "Add file" is disabled there, not removed, and nothing below moves', async ({ page }) => {
  await openProgram(page, TICKETS(true), `${FILE}&mode=step`);
  const files = page.getByRole('region', { name: 'Files' });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await expect(step).toBeEnabled({ timeout: LOAD_MS });
  const box = async () => {
    const b = (await files.boundingBox())!;
    return `${Math.round(b.width)}x${Math.round(b.height)}`;
  };
  const before = await box();
  await expect(files.getByRole('textbox', { name: 'New file name' })).toBeEditable();
  await step.click();
  // The first step makes the files the run's: the field and its button stay, disabled, and the content is read-only.
  await expect(files.getByRole('textbox', { name: 'New file name' })).toBeDisabled();
  await expect(files.getByRole('button', { name: 'Add file' })).toBeDisabled();
  await expect(files.getByRole('button', { name: 'Remove tickets.json' })).toBeDisabled();
  await expect(files.getByLabel('Content of tickets.json')).not.toBeEditable();
  expect(await box()).toBe(before);
});

test('the lab stays put as its interpreters load: the loading note is on the run\'s progress line, not a line of its own', async ({ page }) => {
  // The note had its own line above the lab: when Run became ready it went, and everything moved up 32 px under the pointer.
  await page.addInitScript(() => {
    const seen = { tops: [] as number[], loading: false };
    (window as unknown as { pySeen: typeof seen }).pySeen = seen;
    const frame = () => {
      const editor = document.querySelector('.editor-panel');
      if (editor) {
        const top = editor.getBoundingClientRect().top;
        if (!seen.tops.includes(top)) seen.tops.push(top);
        if (document.body.textContent!.includes('Loading Python')) seen.loading = true;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await openProgram(page, TICKETS(true), `${FILE}&mode=step`);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: LOAD_MS });
  const seen = await page.evaluate(() => (window as unknown as { pySeen: { tops: number[]; loading: boolean } }).pySeen);
  expect(seen.loading, 'the watch saw the interpreters load').toBe(true);
  expect(seen.tops, JSON.stringify(seen)).toHaveLength(1);
});

test('one region is named Settings, and it holds the lab’s own switches', async ({ page }) => {
  await openProgram(page, TICKETS(true));
  // The switches had a region of their own, also named Settings: two landmarks of one name (axe's landmark-unique).
  const settings = page.getByRole('region', { name: 'Settings', exact: true });
  await expect(settings).toHaveCount(1);
  await expect(settings.getByRole('switch', { name: 'Ignore locks' })).toBeVisible();
  await expect(settings.getByRole('checkbox', { name: /^Line steps/ })).toBeVisible();
  await expect(settings.getByRole('combobox', { name: 'Mode' })).toBeVisible();
});

test('the ignore-locks switch lets every client buy the one ticket (clock mode)', async ({ page }) => {
  await openProgram(page, TICKETS(true), `${FILE}&mode=clock&turbo=on&locks=ignore`);
  await expect(page.getByRole('switch', { name: 'Ignore locks' })).toHaveAttribute('aria-checked', 'true');
  await run(page);
  await expect(status(page)).toHaveAttribute('data-verdict', 'ok', { timeout: LOAD_MS });
  await expect(consoleLines(page).filter({ hasText: 'bought a ticket' })).toHaveCount(3);
});

test('a syntax error is an error verdict before the run, marked at its line in the editor', async ({ page }) => {
  await openProgram(page, 'x = 1\nif x = 2:\n    pass\n', '&mode=step');
  await expect(status(page)).toHaveAttribute('data-verdict', 'error', { timeout: LOAD_MS });
  await expect(consoleLines(page).last()).toContainText('SyntaxError');
  await expect(page.locator('.code-editor')).toHaveAttribute('data-error-line', '2');
});

test('the error mark is a visible wavy line that the page\'s CSP allows (no data: image)', async ({ page }) => {
  // CodeMirror draws its error underline as a data: SVG background, which img-src 'self' refuses: the mark was invisible.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI.slice(0, 40)}`));
  });
  await openProgram(page, 'x = 1\nif x = 2:\n    pass\n', '&mode=step');
  await expect(status(page)).toHaveAttribute('data-verdict', 'error', { timeout: LOAD_MS });
  const mark = page.locator('.code-editor .cm-lintRange-error').first();
  await expect(mark).toBeVisible();
  expect(await mark.evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('underline');
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});

test('an exception prints its traceback into the learner code; an endless loop is stopped by Reset', async ({ page }) => {
  await openProgram(page, `from multiprocessing import Process

def bad():
    return 1 / 0

if __name__ == '__main__':
    p = Process(target=bad)
    p.start()
    p.join()
    while True:
        pass
`, '&mode=parallel');
  await run(page);
  await expect(consoleLines(page).filter({ hasText: 'ZeroDivisionError: division by zero' })).toHaveCount(1, { timeout: LOAD_MS });
  await expect(consoleLines(page).filter({ hasText: 'File "main.py", line 4, in bad' })).toHaveCount(1);
  await expect(status(page)).toHaveAttribute('data-verdict', 'running');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(status(page)).toHaveAttribute('data-verdict', 'idle', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: 30_000 });
});

/** A child that never ends, and a parent that joins it: only Stop (or Reset) ends the run. */
const SPIN = `from multiprocessing import Process

def spin():
    while True:
        pass

if __name__ == '__main__':
    p = Process(target=spin)
    p.start()
    p.join()
`;

test('Stop interrupts an endless loop and the status says the run stopped', async ({ page }) => {
  await openProgram(page, SPIN, '&mode=parallel');
  await run(page);
  const processes = page.getByRole('region', { name: 'Processes' });
  await expect(processes.getByText('waits for Process-1')).toBeVisible({ timeout: LOAD_MS });
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  // It said "Running…" for good: nothing told the learner that Stop had worked.
  await expect(status(page)).toContainText('Stopped: every process was interrupted');
  await expect(page.getByRole('button', { name: 'Reset', exact: true })).toBeEnabled();
  // The lanes still said blocked/ready: both processes were interrupted, so both are drawn terminated.
  await expect(processes.locator('.badge[data-state="terminated"]')).toHaveCount(2);
  await expect(processes.getByText('waits for Process-1')).toHaveCount(0);
});

test('Stop pressed from the keyboard hands the focus to Reset, with its ring, not to the page body', async ({ page }) => {
  await openProgram(page, SPIN, '&mode=parallel');
  await run(page);
  await expect(page.getByRole('region', { name: 'Processes' }).getByText('waits for Process-1')).toBeVisible({ timeout: LOAD_MS });
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  await stop.focus();
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('Stopped: every process was interrupted');
  await expect(stop).toBeDisabled();
  // It fell to the body: Tab then started again at the top of the page.
  const reset = page.getByRole('button', { name: 'Reset', exact: true });
  await expect(reset).toBeFocused();
  expect(await reset.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
});

test('keys after one Tab: R pressed while Python loads is kept and said, S drops it; Stop is disabled with nothing to stop; R runs, S stops', async ({ page }) => {
  // Python's WebAssembly is held back until the presses are made, so they land while the lab is loading, however fast the machine.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/pyodide/pyodide.asm.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await openProgram(page, SPIN, '&mode=parallel');
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  await expect(status(page)).toHaveText('Starting workers…');
  // Loading with nothing pressed: Stop would only end the page's own load.
  await expect(stop).toBeDisabled();
  await page.keyboard.press('Tab'); // the logo link: a link leaves R to the page
  await page.keyboard.press('r');
  // The R was kept in silence: it looked lost for the seconds Python takes to load.
  await expect(status(page)).toHaveText('Starting workers… Run is kept: the run starts as soon as they are ready.');
  await expect(stop).toBeEnabled();
  await page.keyboard.press('s');
  await expect(status(page)).toContainText('Stopped before the run started: nothing ran.');
  await expect(stop).toBeDisabled();
  release();
  // Reset: ready, nothing started, nothing to stop. R (the focus on Reset: a button keeps only Space and Enter) runs, S stops.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({ timeout: LOAD_MS });
  await expect(stop).toBeDisabled();
  await page.keyboard.press('r');
  const processes = page.getByRole('region', { name: 'Processes' });
  await expect(processes.getByText('waits for Process-1')).toBeVisible({ timeout: LOAD_MS });
  await expect(stop).toBeEnabled();
  await page.keyboard.press('s');
  await expect(status(page)).toContainText('Stopped: every process was interrupted');
  // The list says so: S is this lab's (the process lab has no Stop).
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Stop the run: every process is interrupted where it is');
  await expect(page.getByText('R runs or pauses, S stops, ? lists them all.')).toBeVisible();
});

test('the example menu loads an example into the editor and the address bar', async ({ page }) => {
  await openProgram(page, 'print(1)\n');
  await page.getByLabel('Example').selectOption({ label: 'AB/BA deadlock' });
  await expect(page.getByRole('textbox', { name: 'Python program' })).toContainText('def worker(first, second, name):');
  await expect.poll(() => Buffer.from(new URL(page.url()).searchParams.get('code') ?? '', 'base64url').toString('utf8')).toContain('def worker(first, second, name):');
});

test('objects the program makes at run time get cards: Condition, Pipe, Array', async ({ page }) => {
  await openProgram(page, RUN_TIME_OBJECTS, '&mode=parallel&turbo=on');
  await run(page);
  await expect(status(page)).toHaveAttribute('data-verdict', 'ok', { timeout: LOAD_MS });
  await expect(consoleLines(page).last()).toHaveText('hi [1, 7, 3]');
  await expect(page.getByLabel('Condition “cond”', { exact: true })).toContainText('with lock guard');
  await expect(page.getByLabel('Pipe “pipe”', { exact: true })).toHaveCount(2);
  const arr = page.getByLabel('Array “arr”', { exact: true }).first();
  await expect(arr.getByLabel('arr[1] = 7')).toBeVisible();
});

test('Manager(): its server is a process of its own (SyncManager-1) and its card shows what the server holds', async ({ page }) => {
  const example = EXAMPLES.find((e) => e.id === 'manager')!;
  await openProgram(page, example.code, '&mode=clock&turbo=on');
  await run(page);
  await expect(status(page)).toHaveAttribute('data-verdict', 'ok', { timeout: LOAD_MS });
  await expect(consoleLines(page).last()).toHaveText("{'team 0': 0, 'team 1': 10, 'team 2': 20}");
  const server = page.getByRole('region', { name: 'Processes' }).getByRole('listitem', { name: 'SyncManager-1', exact: true });
  await expect(server).toBeVisible();
  const card = page.getByLabel('Manager “manager”', { exact: true });
  await expect(card).toContainText('server process: SyncManager-1');
  await expect(card.getByRole('region', { name: 'What the server holds' })).toContainText('scores = {');
});

test('objects a manager makes on one line are named after their variables (d, l = m.dict(), m.list())', async ({ page }) => {
  await openProgram(
    page,
    `from multiprocessing import Manager

if __name__ == '__main__':
    with Manager() as m:
        d, l = m.dict(), m.list()
        d['k'] = 1
        l.append(2)
        print(dict(d), list(l))
`,
    '&mode=clock&turbo=on',
  );
  await run(page);
  await expect(status(page)).toHaveAttribute('data-verdict', 'ok', { timeout: LOAD_MS });
  await expect(consoleLines(page).last()).toHaveText("{'k': 1} [2]");
  const held = page.getByLabel('Manager “m”', { exact: true }).getByRole('region', { name: 'What the server holds' });
  await expect(held).toContainText("d = {'k': 1}");
  await expect(held).toContainText('l = [2]');
  await expect(held).not.toContainText('dict = ');
});
