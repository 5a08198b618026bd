// @vitest-environment happy-dom
/**
 * The process tree of a run known to be crowded (issue 9's first frame of 1,000 lanes): its virtual list is there
 * before the first process, so the snapshot that brings the processes fills a list whose virtualizer already has its
 * box. Mounted with that snapshot, the virtualizer read the list's clientWidth/clientHeight inside React's commit, a
 * forced layout of the whole page in the run's heaviest frame.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaneView } from '../../lab/liveRun';
import { RunSize } from './Lanes';
import { ProcessTree } from './ProcessTree';
import { boxReads } from '../testing/boxReads';
import { idleLane } from '../testing/idleLane';
import { rootPerTest } from '../testing/reactRoot';


describe('the process tree of a crowded run', () => {
  const at = rootPerTest();
  let restore = () => undefined as void;
  afterEach(() => restore());

  it('mounts its virtual list before the first process, and the first processes fill it without a read of its box', async () => {
    const draw = (lanes: LaneView[], size: number) => (
      <RunSize.Provider value={size}>
        <ProcessTree lanes={lanes} />
      </RunSize.Provider>
    );
    // happy-dom lays nothing out: every element is given a box (the tree's list is 420 px high), and its reads are
    // counted once the list is there (each a forced layout in a browser).
    const boxes = boxReads(600, 420);
    restore = boxes.restore;
    await act(async () => at.root.render(draw([], 1001)));
    const list = document.querySelector('ul.process-tree.virtual');
    boxes.watch(list);
    expect(list).not.toBeNull();
    // No process yet: no state to light.
    expect(document.querySelector('.state-figure')).toBeNull();
    expect(document.querySelector('.lanes-count')?.textContent).toBe('0 processes so far, up to 1,001 in this run.');
    await act(async () => at.root.render(draw(Array.from({ length: 60 }, (_, i) => idleLane(i)), 1001)));
    expect(document.querySelector('ul.process-tree.virtual')).toBe(list);
    expect(list!.querySelectorAll('.tree-row').length).toBeGreaterThan(0);
    expect(document.querySelector('.state-figure')).not.toBeNull();
    expect(boxes.reads).toBe(0);
  });

  it('a run not known to be crowded draws no tree before its first process', async () => {
    await act(async () => at.root.render(<ProcessTree lanes={[]} />));
    expect(document.querySelector('.tree-panel')).toBeNull();
  });
});
