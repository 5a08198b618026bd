// @vitest-environment happy-dom
/**
 * Explore's row: the pressed button (Explore) disables itself while its search runs and Cancel appears. Cancel
 * takes the focus; pressing Cancel removes it, and the focus goes back to Explore (it fell to the page's body),
 * without scrolling the page.
 */
import { act, useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useKeepFocus } from './useKeepFocus';
import { rootPerTest } from '../testing/reactRoot';

/** The row as the panel draws it; `set` stands for the job's store (a press starts or cancels the search). */
function Row({ running, set }: { running: boolean; set: (running: boolean) => void }) {
  const group = useRef<HTMLDivElement>(null);
  useKeepFocus(group);
  return (
    <div ref={group}>
      <button type="button" onClick={() => set(true)} disabled={running}>
        Explore
      </button>
      {running && (
        <button type="button" onClick={() => set(false)}>
          Cancel
        </button>
      )}
    </div>
  );
}

describe('useKeepFocus: Explore and its Cancel', () => {
  const at = rootPerTest();

  // A press re-renders inside the act that clicked: no act of its own.
  const render = (running: boolean): void => at.root.render(<Row running={running} set={render} />);
  const draw = (running: boolean): Promise<void> => act(async () => render(running));
  const button = (name: string) => [...at.host.querySelectorAll('button')].find((b) => b.textContent === name)!;

  it('a press on Cancel gives the focus back to Explore, never scrolling the page', async () => {
    await draw(false);
    const focus = vi.spyOn(HTMLElement.prototype, 'focus');
    const explore = button('Explore');
    explore.focus();
    await act(async () => explore.click());
    expect(document.activeElement).toBe(button('Cancel'));
    await act(async () => button('Cancel').click());
    expect(document.activeElement).toBe(explore);
    const moves = focus.mock.calls.slice(1); // the first is the test's own
    expect(moves.length).toBeGreaterThan(0);
    for (const [options] of moves) expect(options).toEqual({ preventScroll: true });
  });

  it('a press on Cancel reached again after the focus left the row keeps the focus in the row', async () => {
    await draw(false);
    const outside = document.body.appendChild(document.createElement('button'));
    try {
      const explore = button('Explore');
      explore.focus();
      await act(async () => explore.click());
      expect(document.activeElement).toBe(button('Cancel'));
      // Tab on to the next control outside the row, then Shift+Tab back to Cancel, and press it.
      outside.focus();
      button('Cancel').focus();
      await act(async () => button('Cancel').click());
      expect(document.activeElement).toBe(explore);
    } finally {
      outside.remove();
    }
  });

  it('a search that ends by itself gives the focus back too', async () => {
    await draw(false);
    const explore = button('Explore');
    explore.focus();
    await act(async () => explore.click());
    expect(document.activeElement).toBe(button('Cancel'));
    await draw(false);
    expect(document.activeElement).toBe(explore);
  });
});

/** The Python lab's top row: Controls' group, then Stop outside it; and a list of jobs, each with its Remove. */
function Page({ stoppable, jobs, set }: { stoppable: boolean; jobs: string[]; set: (stoppable: boolean, jobs: string[]) => void }) {
  const page = useRef<HTMLDivElement>(null);
  useKeepFocus(page);
  return (
    <div ref={page}>
      <div className="lab-top">
        <div role="group">
          <button type="button" disabled={stoppable}>
            Run
          </button>
          <button type="button">Reset</button>
        </div>
        <button type="button" onClick={() => set(false, jobs)} disabled={!stoppable}>
          Stop
        </button>
      </div>
      <dialog>
        <button type="button">Close</button>
      </dialog>
      <ul>
        {jobs.map((j) => (
          <li key={j}>
            <button type="button" onClick={() => set(stoppable, jobs.filter((k) => k !== j))}>
              Remove {j}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

describe('useKeepFocus over the whole page: any button that disables or removes itself', () => {
  const at = rootPerTest();
  const render = (stoppable: boolean, jobs: string[]): void => at.root.render(<Page stoppable={stoppable} jobs={jobs} set={render} />);
  const button = (name: string) => [...at.host.querySelectorAll('button')].find((b) => b.textContent === name)!;

  it('Stop, outside the Controls group, gives the focus to the nearest working button before it', async () => {
    await act(async () => render(true, []));
    button('Stop').focus();
    await act(async () => button('Stop').click());
    expect(button('Stop').disabled).toBe(true);
    expect(document.activeElement).toBe(button('Reset'));
  });

  it('a removed Remove gives it to the row before, the first row to the one after', async () => {
    await act(async () => render(false, ['A', 'B', 'C']));
    button('Remove B').focus();
    await act(async () => button('Remove B').click());
    expect(document.activeElement).toBe(button('Remove A'));
    await act(async () => button('Remove A').click());
    expect(document.activeElement).toBe(button('Remove C'));
    // The last one: the nearest working button before it in the page (Stop is disabled; the closed dialog's Close cannot be focused).
    await act(async () => button('Remove C').click());
    expect(document.activeElement).toBe(button('Reset'));
  });
});

/** The lab's controls at a run's three moments; at the end Run and Pause name Reset (`data-focus-then`), as Controls does. */
function RunRow({ phase, parallel, set }: { phase: 'ready' | 'running' | 'over'; parallel: boolean; set: (p: 'ready' | 'running' | 'over') => void }) {
  const page = useRef<HTMLDivElement>(null);
  useKeepFocus(page);
  const then = phase === 'over' ? 'the-reset' : undefined;
  return (
    <div ref={page}>
      <button type="button" onClick={() => set('running')} disabled={phase !== 'ready'} data-focus-then={then}>
        Run
      </button>
      <button type="button" disabled={parallel || phase !== 'running'} data-focus-then={then}>
        Pause
      </button>
      <button type="button" disabled={parallel || phase !== 'ready'}>
        Step
      </button>
      <button type="button" aria-disabled={parallel || phase === 'running'}>
        Undo
      </button>
      <button type="button">Copy link</button>
      <button type="button" id="the-reset" onClick={() => set('ready')}>
        Reset
      </button>
    </div>
  );
}

describe('useKeepFocus at a run\'s end: the focus Run handed on goes to the control named next', () => {
  const at = rootPerTest();
  const button = (name: string) => [...at.host.querySelectorAll('button')].find((b) => b.textContent === name)!;

  for (const parallel of [false, true]) {
    it(`${parallel ? 'parallel: from Copy link' : 'scheduled: from Pause'} to Reset, not to the next control (Undo, or Copy link kept)`, async () => {
      const render = (phase: 'ready' | 'running' | 'over'): void => at.root.render(<RunRow phase={phase} parallel={parallel} set={render} />);
      await act(async () => render('ready'));
      button('Run').focus();
      await act(async () => button('Run').click());
      expect(document.activeElement).toBe(button(parallel ? 'Copy link' : 'Pause'));
      await act(async () => render('over'));
      expect(document.activeElement).toBe(button('Reset'));
    });
  }

  it('a control the learner went to during the run keeps the focus at its end', async () => {
    const render = (phase: 'ready' | 'running' | 'over'): void => at.root.render(<RunRow phase={phase} parallel={true} set={render} />);
    await act(async () => render('ready'));
    button('Run').focus();
    await act(async () => button('Run').click());
    button('Undo').focus(); // Shift+Tab back from Copy link, say
    await act(async () => render('over'));
    expect(document.activeElement).toBe(button('Undo'));
  });
});
