// @vitest-environment happy-dom
/**
 * The console of a run known to print past VIRTUAL_LINES (issue 9's 1,000 lanes): its virtual list is there before
 * the first line, so the first snapshot's lines fill a list whose virtualizer already has its box, and only the lines
 * in view are drawn. Turned virtual at the 301st line, the console drew every line before it (370 of the 770
 * elements of the run's first frame) and its virtualizer read the list's box inside React's commit mid-run.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaneView } from '../../lab/liveRun';
import { ConsoleView, VIRTUAL_LINES } from './ConsoleView';
import { RunSize } from './Lanes';
import { boxReads } from '../testing/boxReads';
import { idleLane } from '../testing/idleLane';
import { rootPerTest } from '../testing/reactRoot';

const printed = (n: number) => Array.from({ length: n }, (_, i) => ({ pid: 1 + (i % 50), text: `Process-${1 + (i % 50)} bought ticket ${i}` }));

describe('the console of a crowded run', () => {
  const at = rootPerTest();
  let restore = () => undefined as void;
  afterEach(() => restore());
  const draw = (lines: ReturnType<typeof printed>, lanes: LaneView[], size: number) => (
    <RunSize.Provider value={size}>
      <ConsoleView lines={lines} lanes={lanes} />
    </RunSize.Provider>
  );

  it('mounts its virtual list before the first line, and the first lines fill it without a read of its box', async () => {
    // happy-dom lays nothing out: every element is given a box (the console's list is 260 px high, as in lab.css),
    // and its reads are counted once the list is there (each a forced layout in a browser).
    const boxes = boxReads(600, 260);
    restore = boxes.restore;
    await act(async () => at.root.render(draw([], [idleLane(0)], 1001)));
    const list = document.querySelector('ol.console.virtual');
    boxes.watch(list);
    expect(list).not.toBeNull();
    expect(document.querySelector('.console-count')?.textContent).toBe('Nothing printed yet.');
    // The first snapshot of a fast run brings fewer lines than VIRTUAL_LINES: only those in view are drawn.
    const lanes = Array.from({ length: 60 }, (_, i) => idleLane(i));
    await act(async () => at.root.render(draw(printed(185), lanes, 1001)));
    expect(document.querySelector('ol.console.virtual')).toBe(list);
    const drawn = list!.querySelectorAll('li[data-index]').length;
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(185);
    expect(document.querySelector('.console-count')?.textContent).toBe('185 lines; only those in view are drawn: scroll the console to see the others.');
    // Past VIRTUAL_LINES nothing switches: the same list, no read of its box.
    await act(async () => at.root.render(draw(printed(VIRTUAL_LINES + 40), lanes, 1001)));
    expect(document.querySelector('ol.console.virtual')).toBe(list);
    expect(boxes.reads).toBe(0);
  });

  it('a run not known to print that much draws every line until VIRTUAL_LINES, and no list before its first line', async () => {
    await act(async () => at.root.render(draw([], [idleLane(0)], 101)));
    expect(document.querySelector('ol.console')).toBeNull();
    expect(document.querySelector('.console-panel')?.textContent).toContain('Nothing printed yet.');
    await act(async () => at.root.render(draw(printed(185), [idleLane(0)], 101)));
    expect(document.querySelector('ol.console.virtual')).toBeNull();
    expect(document.querySelectorAll('ol.console li').length).toBe(185);
  });
});
