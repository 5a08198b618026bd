import { expect, test } from './fixtures';
import { LabPage } from './labPage';

test.describe('queues and IPC', () => {
  test('queue-tickets: the qsize() check races into a deadlock; the safe form does not', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=queue-tickets&tickets=3&buyers=5&safe=off&mode=step');
    expect(await lab.stepToEnd()).toBe('deadlock');
    await expect(lab.status).toContainText(/buyer-\d waits in q\.get\(\)/);
    expect(Number(await lab.figure('Still blocked'))).toBeGreaterThan(0);

    await lab.open('scenario=queue-tickets&tickets=3&buyers=5&safe=on&mode=step');
    expect(await lab.stepToEnd()).toBe('ok');
    expect(await lab.figure('Lost')).toBe('0');
  });

  test('producer-consumer: every item consumed once; a zero timeout leaves items behind', async ({ page }) => {
    const lab = new LabPage(page);
    expect(await lab.runClock('scenario=producer-consumer&items=5')).toBe('ok');
    expect(await lab.figure('Produced')).toBe('5');
    expect(await lab.figure('Consumed')).toBe('5');
    expect(await lab.figure('Duplicated')).toBe('0');
    await expect(lab.console).toContainText('the consumer leaves');

    expect(await lab.runClock('scenario=producer-consumer&items=5&timeout=0')).toBe('violated');
    expect(Number(await lab.figure('Lost'))).toBeGreaterThan(0);
  });

  test('sentinels: one None per consumer ends cleanly; one short deadlocks', async ({ page }) => {
    const lab = new LabPage(page);
    expect(await lab.runClock('scenario=sentinels&producers=2&items=5&consumers=2&sentinels=2')).toBe('ok');
    expect(await lab.figure('Consumed')).toBe('10');
    expect(await lab.runClock('scenario=sentinels&producers=2&items=5&consumers=2&sentinels=1')).toBe('deadlock');
    await expect(lab.status).toContainText('get()');
  });

  test('joinable: join() returns once every task is done and the daemons are terminated; forgetting task_done hangs', async ({ page }) => {
    const lab = new LabPage(page);
    expect(await lab.runClock('scenario=joinable&items=5&consumers=2&taskdone=on')).toBe('ok');
    const processes = page.getByRole('region', { name: 'Processes' });
    await expect(processes.getByText('exitcode -15')).toHaveCount(2);
    expect(await lab.runClock('scenario=joinable&items=5&consumers=2&taskdone=off')).toBe('deadlock');
    await expect(lab.status).toContainText('join()');
  });

  test('pipe: messages arrive in order and recv() ends with EOFError', async ({ page }) => {
    const lab = new LabPage(page);
    for (const duplex of ['on', 'off']) {
      expect(await lab.runClock(`scenario=pipe&messages=4&duplex=${duplex}`)).toBe('ok');
      await expect(lab.console).toContainText('EOFError');
    }
  });

  test('pipe: the Shared state panel shows the pipe, its directions, messages in flight and the closed end', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('scenario=pipe&messages=3&duplex=on&mode=step');
    const card = page.getByRole('region', { name: 'Shared state' }).getByLabel('Pipe “pipe”');
    await expect(card).toBeVisible();
    await expect(card.getByRole('group', { name: 'end 0 → end 1' })).toBeVisible();
    await expect(card.getByRole('group', { name: 'end 1 → end 0' })).toBeVisible();
    await expect(card).toContainText('0 in flight');
    // Step until the sender has sent its first message: it is in flight towards end 0.
    const toMain = card.getByRole('group', { name: 'end 1 → end 0' });
    // One step at a time: wait for each step's events to reach the page before looking again (a quick second
    // click on a slow machine would step past the moment the message is in flight).
    const position = page.getByRole('slider', { name: 'Timeline position' });
    for (let i = 0; i < 40 && !(await toMain.getByText('1 in flight').isVisible()); i++) {
      const before = (await position.getAttribute('max')) ?? '';
      await lab.button('Step').click();
      await expect(position).not.toHaveAttribute('max', before);
    }
    await expect(toMain.locator('.queue-item')).toHaveText(['"message 0"']);

    expect(await lab.runClock('scenario=pipe&messages=3&duplex=off')).toBe('ok');
    const oneWay = page.getByRole('region', { name: 'Shared state' }).getByLabel('Pipe “pipe”');
    await expect(oneWay).toContainText('one-way');
    await expect(oneWay).toContainText('end 1 (closed)');
    await expect(oneWay.getByRole('list', { name: 'Recently received' })).toContainText('received by MainProcess');
  });

  test('queue playground: Full, Empty after the timeout, and a put that blocks until a get', async ({ page }) => {
    const lab = new LabPage(page);
    await page.goto('/?scenario=queue-basics&maxsize=2');
    const call = (name: string) => page.getByRole('button', { name, exact: true });
    const processes = page.getByRole('region', { name: 'Processes' });
    const main = processes.getByRole('listitem', { name: 'MainProcess' });
    await expect(call('put(x)')).toBeEnabled();
    await call('put(x)').click();
    await call('put(x)').click();
    await expect(lab.console.locator('li')).toHaveCount(2);
    await call('put_nowait(x)').click();
    await expect(lab.console).toContainText('raised queue.Full');
    await call('full()').click();
    await expect(lab.console).toContainText('full() -> True');

    // A blocking put into the full queue: the caller is visibly blocked on q.
    await call('put(x)').click();
    await expect(main).toContainText('waits for q');
    // The helper takes one item: the blocked put completes.
    await page.getByRole('radio', { name: 'helper' }).check();
    await call('get()').click();
    await expect(lab.console).toContainText('helper: get() -> 1');
    await expect(lab.console).toContainText('main: put(4)');

    // Drain, then a get with a timeout raises queue.Empty after about three seconds.
    await call('get_nowait()').click();
    await call('get_nowait()').click();
    await expect(lab.console).toContainText('get_nowait() -> 4');
    const started = Date.now();
    await call('get(timeout=3)').click();
    await expect(lab.console).toContainText('raised queue.Empty', { timeout: 10_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
  });
});
