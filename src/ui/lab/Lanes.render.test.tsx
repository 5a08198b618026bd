// @vitest-environment happy-dom
/**
 * Render counts of the real lanes grid (issue 9's frame gaps): a snapshot that moved one lane renders that lane
 * only; the lane of a lock's holder is not rendered again while the objects are unchanged. Each lane's
 * locals component stands in as the counter (one render per lane render).
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LaneView } from '../../lab/liveRun';
import type { ObjectView } from '../../kinds/registry';

const renders = new Map<number, number>();
vi.mock('./ProcessLocals', () => ({
  NO_LOCALS: [],
  ProcessLocals: ({ locals }: { locals: { pid: number } }) => {
    renders.set(locals.pid, (renders.get(locals.pid) ?? 0) + 1);
    return null;
  },
}));

const { Lanes } = await import('./Lanes');

function lane(pid: number, ops: number): LaneView {
  return { pid, name: `Process-${pid}`, state: 'ready', blockedOn: -1, blockedOnName: '', next: null, nextLine: 3, line: 3, exitcode: null, error: null, traceback: null, ppid: 0, daemon: false, steppable: false, ops };
}

const onStep = () => undefined;
/** Each lane's locals, tagged with its pid for the counting stand-in. */
const localsOf = (pids: number[]) => pids.map((pid) => Object.assign([], { pid }));

describe('the lanes grid renders a lane only when its own inputs changed', () => {
  let root: Root;
  beforeEach(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    renders.clear();
    root = createRoot(document.body.appendChild(document.createElement('div')));
  });
  afterEach(async () => {
    await act(async () => root.unmount());
  });

  it('a snapshot that moved process 2 renders its lane and no other, the lock holder included', async () => {
    // Process 1 holds the lock; the objects' array is the same object in both snapshots (the merge keeps it).
    const objects = [{ kind: 'lock', id: 7, ids: [7], name: 'lock', owner: 1, waiters: [] }] as unknown as ObjectView[];
    const first = [lane(0, 1), lane(1, 1), lane(2, 1), lane(3, 1)];
    const locals = localsOf([0, 1, 2, 3]);
    const draw = (lanes: LaneView[]) => <Lanes lanes={lanes} objects={objects} locals={locals} stepMode={false} lastPid={-1} onStep={onStep} />;
    await act(async () => root.render(draw(first)));
    expect([...renders.values()]).toEqual([1, 1, 1, 1]);
    expect(document.querySelector('[data-pid="1"] .lock-key')).not.toBeNull();
    const second = [first[0]!, first[1]!, lane(2, 2), first[3]!];
    await act(async () => root.render(draw(second)));
    expect(Object.fromEntries(renders)).toEqual({ 0: 1, 1: 1, 2: 2, 3: 1 });
  });

  it('a lane whose local values changed renders, with them, and no other (the values come with the snapshot drawn)', async () => {
    const lanes = [lane(0, 1), lane(1, 1), lane(2, 1)];
    const first = localsOf([0, 1, 2]);
    await act(async () => root.render(<Lanes lanes={lanes} objects={[]} locals={first} stepMode={false} lastPid={-1} onStep={onStep} />));
    const second = [first[0]!, localsOf([1])[0]!, first[2]!];
    await act(async () => root.render(<Lanes lanes={lanes} objects={[]} locals={second} stepMode={false} lastPid={-1} onStep={onStep} />));
    expect(Object.fromEntries(renders)).toEqual({ 0: 1, 1: 2, 2: 1 });
  });

  it("a lane shows the pid os.getpid() gives, nonzero and without a thousands separator (slot 0 is pid 1000)", async () => {
    const lanes = [lane(0, 0), lane(1, 0)];
    await act(async () => root.render(<Lanes lanes={lanes} objects={[]} locals={localsOf([0, 1])} stepMode={false} lastPid={-1} onStep={onStep} />));
    expect([...document.querySelectorAll('.lane-pid')].map((e) => e.textContent)).toEqual(['pid 1000', 'pid 1001']);
  });
});
