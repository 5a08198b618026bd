/**
 * An idle lab rests: with nothing running, stepping or changing, the page stops asking for a snapshot every
 * animation frame (which kept a core ~12% busy and the browser drawing frames for nothing), and anything the
 * learner does wakes it at once.
 */
import { expect, test, type Page } from './fixtures';
import { LabPage, hook } from './labPage';

/** Animation frames the page asked for during `ms`. */
async function framesAskedFor(page: Page, ms: number): Promise<number> {
  const before = await page.evaluate(() => (window as unknown as { __frames: number }).__frames);
  await page.waitForTimeout(ms);
  return (await page.evaluate(() => (window as unknown as { __frames: number }).__frames)) - before;
}

/** Count the animation frames the page asks for (window.__frames), from its first script on. */
async function countFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __frames: number };
    w.__frames = 0;
    const ask = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => {
      w.__frames++;
      return ask(cb);
    };
  });
}

/** The loop comes to rest: it asks for (almost) no frames in a second (polled: a busy machine may still be loading). */
const rests = (page: Page) => expect.poll(() => framesAskedFor(page, 1000), { timeout: 30_000 }).toBeLessThan(10);

test('an idle lab asks for no frames, and a step or a run still shows at once', async ({ page }) => {
  // Three waits for the lab to rest (up to 30 s each) and a run (up to 60 s) do not fit the default 60 s: with the
  // machine loaded (load 30) the test took 29 s of them, 21 s on the clean-clone CI.
  test.setTimeout(180_000);
  await countFrames(page);
  const lab = new LabPage(page);
  await lab.open('scenario=printer&mode=step&seed=2');
  // The loop rests a second after the last thing happened (on a busy machine the page may still be loading
  // then): it comes to ask for (almost) nothing, where it asked for one every frame before.
  await rests(page);

  // A step wakes it: the step shows without waiting for the resting loop's poll.
  await lab.button('Step').click();
  await expect(lab.status).toHaveAttribute('data-verdict', 'running');
  await rests(page);

  // Run wakes it too, and the run reaches its verdict.
  await lab.button('Run').click();
  await expect(lab.status).toHaveAttribute('data-verdict', 'ok', { timeout: 60_000 });
  await rests(page);
});

test('a lab stopped by its kernel dying rests too (the Run under way when it died left it asking for a frame forever)', async ({ page }) => {
  await countFrames(page);
  const lab = new LabPage(page);
  // A clock run slow enough to be under way (a kernel call in flight) when the kernel dies.
  await lab.open('scenario=bank&n=100000&mode=clock&speed=0.25');
  await lab.button('Run').click();
  await expect(lab.status).toHaveAttribute('data-verdict', 'running');
  await hook(page, 'killKernel');
  await expect(page.getByRole('alert')).toContainText('scheduler’s worker stopped');
  await expect(lab.button('Run')).toBeDisabled();
  await rests(page);
  // Reset wakes it: a new run steps at once.
  await lab.button('Reset').click();
  await expect(lab.status).toHaveText(LabPage.READY);
  await lab.button('Step').click();
  await expect(lab.status).toHaveAttribute('data-verdict', 'running');
});
