import { expect, test } from './fixtures';
import { LabPage } from './labPage';

/** The process scenarios (issue 8): daemon, join-order, lifecycle's ends, the child's buttons, and the process tree. */

async function runFast(lab: LabPage): Promise<string> {
  await lab.page.getByLabel('Speed').selectOption('16');
  await lab.button('Run').click();
  return lab.waitForVerdict();
}

test.describe('daemon', () => {
  test('a daemon child is terminated when main ends: two of its five lines, exitcode -15, shown in the tree', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=daemon&mode=clock');
    expect(await runFast(lab)).toBe('ok');
    expect(await lab.figure('Lines printed by the child')).toBe('2 / 5');
    const lines = await lab.consoleText();
    expect(lines).toContain('main: cannot change daemon after start(): process has already started');
    expect(lines).not.toContain('child: finished');
    const tree = page.getByRole('region', { name: 'Process tree and states' });
    const child = tree.getByRole('button', { name: /Process-1/ });
    await expect(child).toContainText('daemon');
    await expect(child).toContainText('exitcode -15');
  });

  test('a daemon child that starts a child: AssertionError, exitcode 1, its traceback in its lane', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=daemon&grandchild=on&mode=clock');
    expect(await runFast(lab)).toBe('violated');
    await expect(lab.status).toContainText('daemonic processes are not allowed to have children');
    const lane = page.getByRole('region', { name: 'Processes' }).getByRole('listitem', { name: 'Process-1' });
    await expect(lane).toContainText('raised AssertionError');
    await expect(lane.getByLabel('Traceback of Process-1')).toContainText('AssertionError: daemonic processes are not allowed to have children');
  });
});

test.describe('join-order', () => {
  test('join() after each start() keeps the written order', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=join-order&order=join&jobs=3&mode=clock');
    expect(await runFast(lab)).toBe('ok');
    expect(await lab.figure('Order')).toBe('0, 1, 2');
    expect(Number(await lab.figure('Virtual seconds'))).toBeGreaterThanOrEqual(2.1);
  });

  test('a Lock lets the race choose the order, and is sooner', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=join-order&order=lock&jobs=3&mode=clock&seed=1');
    expect(await runFast(lab)).toBe('violated');
    expect(await lab.figure('Order')).not.toBe('0, 1, 2');
    expect(Number(await lab.figure('Virtual seconds'))).toBeLessThan(2.1);
  });
});

test.describe('lifecycle', () => {
  test('kill() gives exitcode -9; the lock stays held', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=lifecycle&end=kill&mode=clock&seed=3');
    expect(await runFast(lab)).toBe('violated');
    expect(await lab.figure('Child exitcode')).toBe('-9');
    expect(await lab.consoleText()).toContain('parent: after join(timeout=0.5) alive: True exitcode None');
  });

  test('an exception in the child: exitcode 1 and the traceback in its lane', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=lifecycle&end=raise&mode=clock');
    expect(await runFast(lab)).toBe('violated');
    expect(await lab.figure('Child exitcode')).toBe('1');
    const traceback = page.getByRole('region', { name: 'Processes' }).getByLabel('Traceback of Process-1');
    await expect(traceback).toContainText('Traceback (most recent call last):');
    await expect(traceback).toContainText('line 12');
    await expect(traceback).toContainText('ValueError: the child gave up holding the lock');
  });

  test('the process tree nests the child under its parent and lights the picked process’s state', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=lifecycle&mode=step');
    await lab.button('Step').click(); // MainProcess starts the child
    const tree = page.getByRole('region', { name: 'Process tree and states' });
    const main = tree.getByRole('button', { name: /MainProcess/ });
    await expect(tree.getByRole('listitem').filter({ has: page.getByRole('button', { name: /MainProcess/ }) }).getByRole('button', { name: /Process-1/ })).toBeVisible();
    await main.click();
    await expect(main).toHaveAttribute('aria-pressed', 'true');
    await expect(tree.getByRole('img', { name: /^MainProcess is (ready|running)$/ })).toBeVisible();
    // Step until the parent blocks in join(timeout=0.5): the diagram lights "blocked".
    for (let i = 0; i < 10; i++) {
      if (await tree.getByRole('img', { name: 'MainProcess is blocked' }).isVisible()) break;
      await lab.button('Step').click();
    }
    await expect(tree.getByRole('img', { name: 'MainProcess is blocked' })).toBeVisible();
    await expect(tree.locator('.state-node.lit')).toHaveAttribute('data-state', 'blocked');
  });
});

test.describe('lifecycle-control', () => {
  test('the buttons work from the keyboard: is_alive(), join(timeout=1), terminate(), join()', async ({ page }) => {
    await page.goto('/?scenario=lifecycle-control');
    const panel = page.getByRole('region', { name: 'Call the child’s methods' });
    const lab = new LabPage(page);
    const press = async (name: string, key: string) => {
      await panel.getByRole('button', { name, exact: true }).focus();
      await page.keyboard.press(key);
    };
    await expect(panel.getByRole('button', { name: 'p.is_alive()' })).toBeEnabled();
    await press('p.is_alive()', 'Enter');
    await expect(lab.console).toContainText('is_alive() -> True');
    await press('p.join(timeout=1)', ' ');
    await expect(lab.console).toContainText('join(timeout=1) returned; alive: True');
    await press('p.terminate()', 'Enter');
    await expect(lab.console).toContainText('terminate() sent');
    await press('p.join()', 'Enter');
    expect(await lab.waitForVerdict()).toBe('ok');
    expect(await lab.figure('Child exitcode')).toBe('-15');
    await expect(panel.getByRole('button', { name: 'p.is_alive()' })).toBeDisabled();
  });
});
