// @vitest-environment happy-dom
/**
 * Render counts of the process lab while snapshots arrive (issue 9's frame gaps): only the panels that
 * draw the run (RunPanels) render with a snapshot, and each of those only when its own inputs changed.
 * The panels are counting stand-ins (memoised as the real ones are), the lab itself and RunPanels are real.
 */
import { memo, Profiler, type FunctionComponent, type Ref } from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LaneView, Snapshot } from '../../lab/liveRun';

const renders = new Map<string, number>();
const props = new Map<string, Record<string, unknown>[]>();

/** A panel that counts its renders and keeps its props; `memoised` as the real panel is. */
function counting(name: string, memoised: boolean): FunctionComponent<Record<string, unknown>> {
  const Panel = (p: Record<string, unknown>) => {
    renders.set(name, (renders.get(name) ?? 0) + 1);
    props.set(name, [...(props.get(name) ?? []), p]);
    // A panel given a ref has a box (the slow panels: the browser may skip it, see useHeldWhileSkipped).
    return p.ref ? <section ref={p.ref as Ref<HTMLElement>} data-panel={name} /> : null;
  };
  Panel.displayName = name;
  return memoised ? (memo(Panel) as unknown as FunctionComponent<Record<string, unknown>>) : Panel;
}

/** What the run's panels told the controller they drew, in order (the controller's back-pressure). */
const drawn: (Snapshot | null | undefined)[] = [];
/** The Step calls the keyboard made: (pid, repeat). */
const steps: unknown[][] = [];
vi.mock('./controllerInstance', () => ({
  labController: () => ({ port: {}, log: null, step: async (...args: unknown[]) => void steps.push(args), run: async () => undefined, load: async () => undefined, applyPace: () => undefined, drawn: (s: Snapshot | null | undefined) => drawn.push(s) }),
}));
vi.mock('../explore/RunTools', () => ({ openFromUrl: async () => undefined }));
vi.mock('../explore/BeyondOneRun', () => ({ BeyondOneRun: counting('BeyondOneRun', false) }));
vi.mock('./Settings', () => ({ Settings: counting('Settings', false) }));
vi.mock('./Challenges', () => ({ Challenges: counting('Challenges', false) }));
vi.mock('./ScenarioPicker', () => ({ ScenarioPicker: counting('ScenarioPicker', false) }));
vi.mock('./Verdict', () => ({ Verdict: counting('Verdict', false), Outcome: counting('Outcome', false) }));
vi.mock('./Lanes', async (actual) => ({ ...(await actual<typeof import('./Lanes')>()), Lanes: counting('Lanes', true) }));
vi.mock('./PythonSource', () => ({ PythonSource: counting('PythonSource', true) }));
vi.mock('./WaitForGraph', () => ({ WaitForGraph: counting('WaitForGraph', true) }));
vi.mock('./ProcessTree', () => ({ ProcessTree: counting('ProcessTree', true) }));
vi.mock('./SharedState', () => ({ SharedState: counting('SharedState', true) }));
vi.mock('./ConsoleView', () => ({ ConsoleView: counting('ConsoleView', true) }));
vi.mock('./Timeline', () => ({ Timeline: counting('Timeline', true) }));

const { ProcessLab } = await import('./ProcessLab');
const { useLabStore } = await import('../../lab/labStore');
const { mergeSnapshot } = await import('../../view/protocol');

function lane(pid: number, ops: number): LaneView {
  return { pid, name: pid === 0 ? 'MainProcess' : `Client-${pid}`, state: 'ready', blockedOn: -1, blockedOnName: '', next: null, nextLine: 3, line: 3, exitcode: null, error: null, traceback: null, ppid: pid === 0 ? -1 : 0, daemon: false, steppable: true, ops };
}

/** What the view worker's delta would carry: `lanes` changed, `console` appended. */
function next(prev: Snapshot | null, seq: number, lanes: LaneView[], console: Snapshot['console']): Snapshot {
  const laneCount = Math.max(prev?.lanes.length ?? 0, ...lanes.map((l) => l.pid + 1));
  const consoleFrom = prev?.console.length ?? 0;
  return mergeSnapshot(prev, { seq, logLength: seq, logOverflow: 0, clock: seq, last: null, lastPid: lanes[0]?.pid ?? prev?.lastPid ?? -1, laneCount, lanes, consoleFrom, console, objectCount: 0, objects: [], locals: [] });
}

const count = (name: string) => renders.get(name) ?? 0;

/**
 * Until `done()` holds, letting timers and React's work run in between: the slow panels follow at a
 * 200 ms pace, whose timer a loaded machine fires late (a fixed 400 ms wait was not always enough).
 * Gives up after 20 s and leaves the verdict to the assertions that follow.
 */
async function until(done: () => boolean): Promise<void> {
  for (const t0 = Date.now(); !done() && Date.now() - t0 < 20_000; ) await act(async () => new Promise((r) => setTimeout(r, 20)));
}
const NOT_LIVE = ['Settings', 'Challenges', 'BeyondOneRun', 'ScenarioPicker', 'Verdict', 'Outcome'];
const LIVE = ['Lanes', 'PythonSource', 'WaitForGraph', 'ProcessTree', 'SharedState', 'ConsoleView'];

/** Commits of the lab's tree (React's Profiler reports one per commit). */
let commits = 0;
const onCommit = () => void commits++;

/** What React logged as an error while the lab mounted (the last mount). */
let mountErrors: string[] = [];

/** Mount the lab at `query` with a run going; unmount after each test. */
function mountLab(query: string): void {
  let root: Root;
  beforeEach(async () => {
    mountErrors = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void mountErrors.push(args.map(String).join(' ')));
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    window.history.replaceState(null, '', `/?${query}`);
    renders.clear();
    props.clear();
    root = createRoot(document.body.appendChild(document.createElement('div')));
    await act(async () =>
      root.render(
        <Profiler id="lab" onRender={onCommit}>
          <ProcessLab />
        </Profiler>,
      ),
    );
    spy.mockRestore();
    await act(async () => useLabStore.setState({ phase: 'running', verdict: 'running' }));
  });
  afterEach(async () => {
    await act(async () => root.unmount());
    useLabStore.setState({ snapshot: null, phase: 'loading', verdict: 'idle', fast: false });
  });
}

describe('ProcessLab renders per snapshot only what draws the run', () => {
  mountLab('scenario=tickets&clients=4&mode=clock');

  it("the step keys tell a held key's auto-repeat from a press (the controller keeps presses, not repeats)", async () => {
    await act(async () => useLabStore.setState({ snapshot: next(null, 1, [lane(0, 1), lane(1, 1)], []) }));
    steps.length = 0;
    for (const [key, repeat] of [[' ', false], [' ', true], ['n', true], ['2', false], ['2', true]] as const) {
      window.dispatchEvent(new KeyboardEvent('keydown', { key, repeat }));
    }
    expect(steps).toEqual([[null, false], [null, true], [null, true], [1, false], [1, true]]);
  });

  it('mounts as valid HTML (the shortcuts dialog, a heading and a list, is not inside a paragraph)', () => {
    expect(mountErrors.filter((m) => /cannot be a descendant|cannot contain/.test(m))).toEqual([]);
  });

  it('a run of snapshots renders the run panels with each, and nothing else on the page', async () => {
    const before = new Map(renders);
    let snap: Snapshot | null = null;
    for (let i = 1; i <= 20; i++) {
      snap = next(snap, i, [lane(0, i), lane(i % 4, i)], [{ pid: i % 4, text: `line ${i}` }]);
      await act(async () => useLabStore.setState({ snapshot: snap }));
    }
    for (const name of NOT_LIVE) expect(count(name), name).toBe(before.get(name) ?? 0);
    for (const name of LIVE) expect(count(name) - (before.get(name) ?? 0), name).toBe(20);
    // The timeline gets the log's length with each snapshot (its count and slider follow the run).
    expect(count('Timeline') - (before.get('Timeline') ?? 0)).toBe(20);
    expect(props.get('Timeline')!.at(-1)!.length).toBe(snap!.logLength);
    // The panels saw the snapshot's own parts.
    expect(props.get('Lanes')!.at(-1)!.lanes).toBe(snap!.lanes);
    expect(props.get('ConsoleView')!.at(-1)!.lines).toBe(snap!.console);
  });

  it('Run and the verdict (a phase change) render none of the page around the run: each part that follows the phase subscribes itself', async () => {
    const before = new Map(renders);
    for (const phase of ['ended', 'running', 'paused', 'ready'] as const) await act(async () => useLabStore.setState({ phase }));
    // Verdict and Outcome read the verdict, not the phase: the stand-ins count only the lab's own renders.
    for (const name of [...NOT_LIVE, ...LIVE, 'Timeline']) expect(count(name), name).toBe(before.get(name) ?? 0);
    expect(document.querySelector('.process-lab')!.getAttribute('data-phase')).toBe('ready');
  });

  it('a snapshot that only prints renders the console and the panels that count lines, not the lanes, source or tree', async () => {
    let snap = next(null, 1, [lane(0, 1), lane(1, 1)], []);
    await act(async () => useLabStore.setState({ snapshot: snap }));
    const before = new Map(renders);
    snap = next(snap, 2, [], [{ pid: 1, text: 'bought 1' }]);
    await act(async () => useLabStore.setState({ snapshot: snap }));
    const more = (name: string) => count(name) - (before.get(name) ?? 0);
    expect(more('ConsoleView')).toBe(1);
    expect(more('WaitForGraph')).toBe(1); // it watches the printed count (the livelock hint)
    for (const name of ['Lanes', 'PythonSource', 'ProcessTree', 'SharedState', ...NOT_LIVE]) expect(more(name), name).toBe(0);
  });

  it('the real panels are memoised (what the stand-ins above assume)', async () => {
    const memoType = Symbol.for('react.memo');
    const real = await Promise.all([
      vi.importActual<typeof import('./Lanes')>('./Lanes').then((m) => m.Lanes),
      vi.importActual<typeof import('./PythonSource')>('./PythonSource').then((m) => m.PythonSource),
      vi.importActual<typeof import('./WaitForGraph')>('./WaitForGraph').then((m) => m.WaitForGraph),
      vi.importActual<typeof import('./ProcessTree')>('./ProcessTree').then((m) => m.ProcessTree),
      vi.importActual<typeof import('./SharedState')>('./SharedState').then((m) => m.SharedState),
      vi.importActual<typeof import('./ConsoleView')>('./ConsoleView').then((m) => m.ConsoleView),
      vi.importActual<typeof import('./Timeline')>('./Timeline').then((m) => m.Timeline),
    ]);
    for (const c of real) expect((c as unknown as { $$typeof: symbol }).$$typeof).toBe(memoType);
  });
});

describe('a crowded run (100 clients): the source cursors, wait-for graph, tree and cards follow at a slower pace', () => {
  mountLab('scenario=tickets&clients=100&mode=clock');
  const SLOW = ['PythonSource', 'WaitForGraph', 'ProcessTree', 'SharedState'];

  it('snapshots in quick succession render the lanes and console with each, the slow panels at most once, and then with the latest', async () => {
    const before = new Map(renders);
    let snap: Snapshot | null = null;
    const t0 = performance.now();
    for (let i = 1; i <= 10; i++) {
      snap = next(snap, i, [lane(0, i), lane(i, i)], [{ pid: i, text: `line ${i}` }]);
      await act(async () => useLabStore.setState({ snapshot: snap }));
    }
    // At most once per 200 ms (a loaded machine may stretch the ten snapshots past it).
    const paces = 1 + Math.floor((performance.now() - t0) / 200);
    const more = (name: string) => count(name) - (before.get(name) ?? 0);
    for (const name of ['Lanes', 'ConsoleView']) expect(more(name), name).toBe(10);
    for (const name of SLOW) expect(more(name), name).toBeLessThanOrEqual(Math.min(paces, 10));
    // After the pace the latest snapshot arrives (as a transition).
    await until(() => SLOW.every((name) => props.get(name)!.at(-1)!.lanes === snap!.lanes));
    for (const name of SLOW) expect(props.get(name)!.at(-1)!.lanes, name).toBe(snap!.lanes);
    for (const name of NOT_LIVE) expect(more(name), name).toBe(0);
  });

  it('a snapshot renders the panels as a transition, not in the task that brought it (a sync render held the frame), and says when it is drawn', async () => {
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    let snap = next(null, 1, [lane(0, 1), lane(1, 1)], []);
    await act(async () => useLabStore.setState({ snapshot: snap }));
    expect(drawn.at(-1)).toBe(snap);
    const before = count('Lanes');
    snap = next(snap, 2, [lane(1, 2)], []);
    // Outside act, as the controller sets it: a store-driven (sync) render would be done once the microtasks ran.
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      useLabStore.setState({ snapshot: snap });
      await Promise.resolve();
      await Promise.resolve();
      expect(count('Lanes')).toBe(before);
      expect(drawn.at(-1)).not.toBe(snap);
      await vi.waitFor(() => expect(count('Lanes')).toBe(before + 1));
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = true;
    }
    expect(props.get('Lanes')!.at(-1)!.lanes).toBe(snap.lanes);
    expect(drawn.at(-1)).toBe(snap);
  });
});

describe('a crowded run (100 clients): a slow panel out of view is not rendered while the run plays', () => {
  /** The page's intersection observers, by the box each watches (happy-dom lays nothing out). */
  const observers = new Map<Element, (entries: { isIntersecting: boolean }[]) => void>();
  beforeEach(() => {
    observers.clear();
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly report: (entries: { isIntersecting: boolean }[]) => void) {}
        observe(el: Element) {
          observers.set(el, this.report);
        }
        disconnect() {}
      },
    );
  });
  afterEach(() => void vi.unstubAllGlobals());
  mountLab('scenario=tickets&clients=100&mode=clock');
  /** Scroll `name`'s box out of view or back in (what the observer reports). */
  const skip = (name: string, away: boolean) =>
    act(async () => observers.get(document.querySelector(`[data-panel="${name}"]`)!)!([{ isIntersecting: !away }]));
  /** Snapshots `from`..`to`, then the slow panels' pace, so a panel that follows them has the last (the tree, never skipped here, shows it has come). */
  async function play(prev: Snapshot, from: number, to: number): Promise<Snapshot> {
    let snap = prev;
    for (let i = from; i <= to; i++) {
      snap = next(snap, i, [lane(0, i), lane(i, i)], [{ pid: i, text: `line ${i}` }]);
      await act(async () => useLabStore.setState({ snapshot: snap }));
    }
    await until(() => props.get('ProcessTree')!.at(-1)!.lanes === snap.lanes);
    return snap;
  }

  it('the graph, console and timeline out of view keep what they drew while the tree and lanes follow; each catches up as it comes into view, on a pause and at the end', async () => {
    let snap = await play(next(null, 1, [lane(0, 1), lane(1, 1)], []), 2, 3);
    const last = (name: string) => props.get(name)!.at(-1)!.lanes;
    expect(last('WaitForGraph')).toBe(snap.lanes);
    await skip('WaitForGraph', true);
    const held = { renders: count('WaitForGraph'), lanes: last('WaitForGraph') };
    snap = await play(snap, 4, 8);
    expect(count('WaitForGraph')).toBe(held.renders);
    expect(last('WaitForGraph')).toBe(held.lanes);
    expect(last('ProcessTree')).toBe(snap.lanes);
    // The console and the timeline, per snapshot, likewise.
    await skip('ConsoleView', true);
    await skip('Timeline', true);
    const console0 = { renders: count('ConsoleView'), lines: props.get('ConsoleView')!.at(-1)!.lines };
    const timeline0 = { renders: count('Timeline'), length: props.get('Timeline')!.at(-1)!.length };
    const lanes0 = count('Lanes');
    snap = await play(snap, 9, 11);
    expect(count('Lanes') - lanes0).toBe(3);
    expect(count('ConsoleView')).toBe(console0.renders);
    expect(props.get('ConsoleView')!.at(-1)!.lines).toBe(console0.lines);
    expect(count('Timeline')).toBe(timeline0.renders);
    expect(props.get('Timeline')!.at(-1)!.length).toBe(timeline0.length);
    await skip('ConsoleView', false);
    await skip('Timeline', false);
    expect(props.get('ConsoleView')!.at(-1)!.lines).toBe(snap.console);
    expect(props.get('Timeline')!.at(-1)!.length).toBe(snap.logLength);
    // Scrolled into view: the latest, at once.
    await skip('WaitForGraph', false);
    expect(last('WaitForGraph')).toBe(snap.lanes);
    // Skipped again: a pause shows the moment paused at.
    await skip('WaitForGraph', true);
    snap = await play(snap, 12, 13);
    expect(last('WaitForGraph')).not.toBe(snap.lanes);
    await act(async () => useLabStore.setState({ phase: 'paused' }));
    expect(last('WaitForGraph')).toBe(snap.lanes);
    // Playing again, then the run ends: every panel draws the run's end, in view or not.
    await act(async () => useLabStore.setState({ phase: 'running' }));
    await skip('SharedState', true);
    snap = await play(snap, 14, 15);
    expect(last('WaitForGraph')).not.toBe(snap.lanes);
    expect(last('SharedState')).not.toBe(snap.lanes);
    await act(async () => useLabStore.setState({ phase: 'ended', verdict: 'ok' }));
    expect(last('WaitForGraph')).toBe(snap.lanes);
    expect(last('SharedState')).toBe(snap.lanes);
  });

  it("at the run's end the held panels catch up in the frame after the commit that shows the verdict, not in it", async () => {
    let snap = await play(next(null, 1, [lane(0, 1), lane(1, 1)], []), 2, 3);
    await skip('WaitForGraph', true);
    await skip('ConsoleView', true);
    snap = await play(snap, 4, 8);
    const frames: FrameRequestCallback[] = [];
    const raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((f) => frames.push(f));
    try {
      const consoleRenders = count('ConsoleView');
      await act(async () => useLabStore.setState({ phase: 'ended', verdict: 'ok' }));
      // The graph renders with the verdict (it says whether the run is live), still with what it drew.
      expect(props.get('WaitForGraph')!.at(-1)!.lanes).not.toBe(snap.lanes);
      expect(count('ConsoleView')).toBe(consoleRenders);
      await act(async () => frames.splice(0).forEach((f) => f(performance.now())));
      expect(props.get('WaitForGraph')!.at(-1)!.lanes).toBe(snap.lanes);
      expect(props.get('ConsoleView')!.at(-1)!.lines).toBe(snap.console);
    } finally {
      raf.mockRestore();
    }
  });
});

describe('a crowded run (100 clients): a snapshot is one commit', () => {
  mountLab('scenario=tickets&clients=100&mode=clock');

  it('the progress line, the narration, the lanes and the timeline\'s count all move in the panels\' transition (the slow panels with them), none in a commit of its own', async () => {
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    let snap = next(null, 1, [lane(0, 1), lane(1, 1)], []);
    await act(async () => useLabStore.setState({ snapshot: snap }));
    // The slow panels caught up, and their pace has passed since: the next snapshot brings them too.
    await vi.waitFor(() => expect(props.get('WaitForGraph')!.at(-1)!.lanes).toBe(snap.lanes));
    await act(async () => new Promise((r) => setTimeout(r, 250)));
    const before = { commits, lanes: count('Lanes'), timeline: count('Timeline'), graph: count('WaitForGraph') };
    snap = next(snap, 2, [{ ...lane(1, 7), state: 'blocked', blockedOnName: 'lock' }], []);
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      useLabStore.setState({ snapshot: snap });
      // Nothing in the task that brought it (a store-driven render is done once the microtasks ran).
      await Promise.resolve();
      await Promise.resolve();
      expect(commits).toBe(before.commits);
      await vi.waitFor(() => expect(drawn.at(-1)).toBe(snap));
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = true;
    }
    // One commit brought it all: the lanes, the slow panels, the timeline's count, the ops done (1 + 7), the sentence.
    expect(commits - before.commits).toBe(1);
    expect(count('Lanes') - before.lanes).toBe(1);
    expect(count('WaitForGraph') - before.graph).toBe(1);
    expect(props.get('Timeline')!.at(-1)!.length).toBe(2);
    expect(count('Timeline') - before.timeline).toBe(1);
    expect(document.querySelector('.run-progress')?.textContent).toMatch(/^8 ops done/);
    expect(document.querySelector('.narration')?.textContent).toMatch(/Client-1/);
  });
});

describe('a small run (4 clients) draws each snapshot at once', () => {
  mountLab('scenario=tickets&clients=4&mode=step');

  it('a snapshot renders the lanes in the task that brought it (a step shows in the same frame)', async () => {
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    let snap = next(null, 1, [lane(0, 1), lane(1, 1)], []);
    await act(async () => useLabStore.setState({ snapshot: snap }));
    const before = count('Lanes');
    snap = next(snap, 2, [lane(1, 2)], []);
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      useLabStore.setState({ snapshot: snap });
      await vi.waitFor(() => expect(count('Lanes')).toBe(before + 1), { timeout: 50, interval: 1 });
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = true;
    }
    expect(drawn.at(-1)).toBe(snap);
  });
});

describe('a fast run (4 clients, parallel, faster than the eye) is paced as a crowded one', () => {
  mountLab('scenario=tickets&clients=4&mode=parallel');
  const SLOW = ['PythonSource', 'WaitForGraph', 'ProcessTree', 'SharedState'];

  it('a snapshot renders as a transition, the slow panels at most once per pace, and no lane is ringed as the last mover', async () => {
    await act(async () => useLabStore.setState({ fast: true }));
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    const more = (name: string) => count(name) - (before.get(name) ?? 0);
    let snap: Snapshot | null = next(null, 0, [lane(0, 0), lane(1, 0), lane(2, 0), lane(3, 0)], []);
    await act(async () => useLabStore.setState({ snapshot: snap }));
    const before = new Map(renders);
    const t0 = performance.now();
    for (let i = 1; i <= 10; i++) {
      snap = next(snap, i, [lane(0, i), lane(1 + (i % 3), i)], [{ pid: 1, text: `line ${i}` }]);
      await act(async () => useLabStore.setState({ snapshot: snap }));
    }
    const paces = 1 + Math.floor((performance.now() - t0) / 200);
    for (const name of ['Lanes', 'ConsoleView']) expect(more(name), name).toBe(10);
    for (const name of SLOW) expect(more(name), name).toBeLessThanOrEqual(Math.min(paces, 10));
    expect(props.get('Lanes')!.at(-1)!.lastPid).toBe(-1);
    // Outside act, as the controller sets it: nothing renders in the task that brought the snapshot.
    const lanesBefore = count('Lanes');
    snap = next(snap, 11, [lane(2, 11)], []);
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      useLabStore.setState({ snapshot: snap });
      await Promise.resolve();
      await Promise.resolve();
      expect(count('Lanes')).toBe(lanesBefore);
      await vi.waitFor(() => expect(count('Lanes')).toBe(lanesBefore + 1));
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = true;
    }
    expect(drawn.at(-1)).toBe(snap);
  });

  it('when the run slows down its snapshot shows at once, and a later fast stretch starts from the store, not from the last paced snapshot', async () => {
    const a = next(null, 1, [lane(0, 1), lane(1, 1)], []);
    await act(async () => useLabStore.setState({ fast: true, snapshot: a }));
    await vi.waitFor(() => expect(drawn.at(-1)).toBe(a));
    // Slower than the eye again: the next snapshot renders in the task that brought it (and rings its lane).
    const b = next(a, 2, [lane(1, 2)], []);
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      useLabStore.setState({ fast: false, snapshot: b });
      await vi.waitFor(() => expect(drawn.at(-1)).toBe(b), { timeout: 50, interval: 1 });
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = true;
    }
    expect(props.get('Lanes')!.at(-1)!.lastPid).toBe(1);
    // Fast again, the store still at `b`: nothing may draw `a` again (the first stretch's paced state).
    const mark = drawn.length;
    const lanesMark = props.get('Lanes')!.length;
    await act(async () => useLabStore.setState({ fast: true }));
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(drawn.slice(mark)).not.toContain(a);
    expect(props.get('Lanes')!.slice(lanesMark).map((p) => p.lanes)).not.toContain(a.lanes);
    expect(props.get('Lanes')!.at(-1)!.lanes).toBe(b.lanes);
  });
});
