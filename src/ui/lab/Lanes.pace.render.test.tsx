// @vitest-environment happy-dom
/**
 * A crowded run's lanes appear a row per frame (issue 9's "1,000 lanes, parallel turbo" frame gap): the first
 * snapshot brings a screenful of lanes at once, and mounted in one commit their style, layout and paint were the
 * run's heaviest frame. The grid's spacer keeps standing for the rows not yet drawn, so the scroll bar stays true.
 */
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LaneView } from '../../lab/liveRun';
import { Lanes, RunSize } from './Lanes';
import { boxReads } from '../testing/boxReads';
import { idleLane } from '../testing/idleLane';
import { rootPerTest } from '../testing/reactRoot';

const crowd = (n: number) => Array.from({ length: n }, (_, i) => idleLane(i));

describe('the lanes of a crowded run', () => {
  const at = rootPerTest();
  let restore = () => undefined as void;
  afterEach(() => restore());
  const draw = (lanes: LaneView[]) => (
    <RunSize.Provider value={1001}>
      <Lanes lanes={lanes} objects={[]} locals={[]} stepMode={false} lastPid={-1} onStep={() => undefined} />
    </RunSize.Provider>
  );
  /** The animation frames asked for, run one frame at a time. */
  const frames: FrameRequestCallback[] = [];
  const nextFrame = () => act(async () => frames.splice(0).forEach((f) => f(performance.now())));
  const lanesDrawn = () => document.querySelectorAll('li.lane').length;
  const spacer = () => Number.parseFloat((document.querySelectorAll<HTMLElement>('li.virtual-pad').item(0)?.style.height ?? '0') || '0');
  /** The height the drawn rows and the spacer under them stand for (136 px rows, 6 px gaps; the spacer gives the gap after it back). */
  const standsFor = () => spacer() + (lanesDrawn() / 4) * 142;

  it('mount a row per frame as they appear, fewer at once, and the scroll bar stays true meanwhile', async () => {
    // happy-dom lays nothing out: the grid is 830 px wide (4 columns of lanes) and 420 px high (lab.css).
    restore = boxReads(830, 420).restore;
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((f) => frames.push(f));
    await act(async () => at.root.render(draw(crowd(1))));
    await nextFrame();
    expect(lanesDrawn()).toBe(1);
    // The first snapshot brings 60 lanes: one row more than drawn before, then one more row each frame.
    await act(async () => at.root.render(draw(crowd(60))));
    expect(lanesDrawn()).toBe(8);
    const whole = standsFor();
    const counts = [];
    for (let i = 0; i < 6; i++) {
      await nextFrame();
      counts.push(lanesDrawn());
      expect(standsFor()).toBe(whole);
    }
    // Three rows in view and two beyond it: all drawn three frames later, then nothing more is asked for.
    expect(counts).toEqual([12, 16, 20, 20, 20, 20]);
    expect(frames).toEqual([]);
    expect(document.querySelector('.lanes-count')?.textContent).toBe('60 processes; only those in view are drawn: scroll the list to see the others.');
    // Reset: one lane at once; the next run's lanes are paced again.
    await act(async () => at.root.render(draw(crowd(1))));
    expect(lanesDrawn()).toBe(1);
    await nextFrame();
    await act(async () => at.root.render(draw(crowd(60))));
    expect(lanesDrawn()).toBe(8);
  });
});
