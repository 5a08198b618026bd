/**
 * The lane that moved is ringed in its colour. With a few lanes the ring fades in and out (a step is watched);
 * in a crowded grid it moves with nearly every snapshot (clock ×16: every third frame), so a fade kept two lanes
 * mid-transition all the time and the page restyled and repainted every frame for it. There it simply moves.
 */
import { expect, test } from './fixtures';
import { LabPage } from './labPage';

/**
 * In the page: for each time a lane takes the `moved` class, until `moves` were seen or the run has its verdict, the
 * animations running on lanes right then (getAnimations() brings the style up to date, so a transition the class
 * change starts is listed), and the moved lane's ring. Watching starts before this returns (so before the test's Run).
 */
async function watchMoves(lab: LabPage, moves: number): Promise<() => Promise<{ animated: number[]; rings: string[] }>> {
  await lab.page.evaluate((moves) => {
    const seen = { animated: [] as number[], rings: [] as string[], done: false };
    (window as unknown as { __moves: typeof seen }).__moves = seen;
    const status = document.querySelector('[role="status"]')!;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const lane = r.target as Element;
        if (!lane.matches('li.lane.moved') || (r.oldValue ?? '').split(' ').includes('moved')) continue;
        seen.animated.push(document.getAnimations().filter((a) => (a.effect as KeyframeEffect | null)?.target?.closest('li.lane')).length);
        seen.rings.push(getComputedStyle(lane).boxShadow);
      }
      if (seen.animated.length >= moves || /^(ok|violated|deadlock)$/.test(status.getAttribute('data-verdict') ?? '')) {
        observer.disconnect();
        seen.done = true;
      }
    });
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class', 'data-verdict'], attributeOldValue: true });
  }, moves);
  return async () => {
    await lab.page.waitForFunction(() => (window as unknown as { __moves: { done: boolean } }).__moves.done, undefined, { timeout: 120_000 });
    return lab.page.evaluate(() => (window as unknown as { __moves: { animated: number[]; rings: string[] } }).__moves);
  };
}

/**
 * Run the lab until `moves` lane moves were seen, over as many runs as that takes (at most 5). A run plays in its
 * own time (virtual seconds × speed) whatever the page draws: at load ~40 the crowded run below ended with fewer
 * than 6 snapshots drawn, and a watch that waited for 6 moves waited past the test's timeout (run to its verdict).
 */
async function runUntilMoves(lab: LabPage, moves: number): Promise<{ animated: number[]; rings: string[] }> {
  const all = { animated: [] as number[], rings: [] as string[] };
  for (let run = 0; all.animated.length < moves; run++) {
    expect(run, `lane moves seen in ${run} runs: ${all.animated.length} of ${moves}`).toBeLessThan(5);
    if (run > 0) {
      await lab.button('Reset').click();
      await expect(lab.status).toHaveAttribute('data-verdict', 'idle');
      await expect(lab.button('Run')).toBeEnabled();
    }
    const seen = await watchMoves(lab, moves - all.animated.length);
    await lab.button('Run').click();
    const got = await seen();
    all.animated.push(...got.animated);
    all.rings.push(...got.rings);
  }
  return all;
}

test('a crowded grid rings the lane that moved without a transition; a small one fades it', async ({ page }) => {
  // Up to 5 crowded runs (each ~15 s at load ~40) after an open of 41 workers that may take 120 s.
  test.setTimeout(300_000);
  const lab = new LabPage(page);
  await lab.open('scenario=tickets&clients=40&tickets=40&lock=on&mode=clock&speed=16&seed=3', 120_000);
  const seen = await runUntilMoves(lab, 6);
  expect(seen.animated).toEqual([0, 0, 0, 0, 0, 0]);
  for (const ring of seen.rings) expect(ring).not.toBe('none');

  await lab.open('scenario=tickets&clients=3&tickets=6&lock=on&mode=clock&speed=1&seed=3');
  const fades = await runUntilMoves(lab, 2);
  expect(Math.max(...fades.animated)).toBeGreaterThan(0);
});
