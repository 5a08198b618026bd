/**
 * The lane that moved is ringed in its colour. With a few lanes the ring fades in and out (a step is watched);
 * in a crowded grid it moves with nearly every snapshot (clock ×16: every third frame), so a fade kept two lanes
 * mid-transition all the time and the page restyled and repainted every frame for it. There it simply moves.
 */
import { expect, test } from './fixtures';
import { LabPage } from './labPage';

/**
 * In the page: for each of the next `moves` times a lane takes the `moved` class, the animations running on lanes
 * right then (getAnimations() brings the style up to date, so a transition the class change starts is listed), and
 * the moved lane's ring.
 */
function watchMoves(lab: LabPage, moves: number) {
  return lab.page.evaluate(
    (moves) =>
      new Promise<{ animated: number[]; rings: string[] }>((resolve) => {
        const animated: number[] = [];
        const rings: string[] = [];
        const observer = new MutationObserver((records) => {
          for (const r of records) {
            const lane = r.target as Element;
            if (!lane.matches('li.lane.moved') || (r.oldValue ?? '').split(' ').includes('moved')) continue;
            animated.push(document.getAnimations().filter((a) => (a.effect as KeyframeEffect | null)?.target?.closest('li.lane')).length);
            rings.push(getComputedStyle(lane).boxShadow);
          }
          if (animated.length >= moves) {
            observer.disconnect();
            resolve({ animated, rings });
          }
        });
        observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true });
      }),
    moves,
  );
}

test('a crowded grid rings the lane that moved without a transition; a small one fades it', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = new LabPage(page);
  await lab.open('scenario=tickets&clients=40&tickets=40&lock=on&mode=clock&speed=16&seed=3', 120_000);
  const crowded = watchMoves(lab, 6);
  await lab.button('Run').click();
  const seen = await crowded;
  expect(seen.animated).toEqual([0, 0, 0, 0, 0, 0]);
  for (const ring of seen.rings) expect(ring).not.toBe('none');

  await lab.open('scenario=tickets&clients=3&tickets=6&lock=on&mode=clock&speed=1&seed=3');
  const small = watchMoves(lab, 2);
  await lab.button('Run').click();
  const fades = await small;
  expect(Math.max(...fades.animated)).toBeGreaterThan(0);
});
