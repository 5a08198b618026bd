/**
 * An idle lab rests: with nothing running, stepping or changing, the page stops asking for a snapshot every
 * animation frame (which kept a core ~12% busy and the browser drawing frames for nothing), and anything the
 * learner does wakes it at once.
 */
import { expect, test, type Page } from './fixtures';
import { LabPage } from './labPage';

/** Animation frames the page asked for during `ms`. */
async function framesAskedFor(page: Page, ms: number): Promise<number> {
  const before = await page.evaluate(() => (window as unknown as { __frames: number }).__frames);
  await page.waitForTimeout(ms);
  return (await page.evaluate(() => (window as unknown as { __frames: number }).__frames)) - before;
}

test('an idle lab asks for no frames, and a step or a run still shows at once', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __frames: number };
    w.__frames = 0;
    const ask = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => {
      w.__frames++;
      return ask(cb);
    };
  });
  const lab = new LabPage(page);
  await lab.open('scenario=printer&mode=step&seed=2');
  // The loop rests a second after the last thing happened (on a busy machine the page may still be loading
  // then): it comes to ask for (almost) nothing, where it asked for one every frame before.
  const rests = () => expect.poll(() => framesAskedFor(page, 1000), { timeout: 30_000 }).toBeLessThan(10);
  await rests();

  // A step wakes it: the step shows without waiting for the resting loop's poll.
  await lab.button('Step').click();
  await expect(lab.status).toHaveAttribute('data-verdict', 'running');
  await rests();

  // Run wakes it too, and the run reaches its verdict.
  await lab.button('Run').click();
  await expect(lab.status).toHaveAttribute('data-verdict', 'ok', { timeout: 60_000 });
  await rests();
});
