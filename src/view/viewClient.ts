/**
 * The page's side of the view worker: hands it each run, pulls snapshots with
 * at most one request in flight (a frame that finds one pending asks for
 * nothing; the worker keeps draining meanwhile), merges each answer into the
 * previous snapshot, and asks for moments of the past with the latest request
 * winning. The event log is read directly from shared memory (`log`).
 */
import { wrap, type Remote } from 'comlink';
import { EventLog } from '../lab/eventLog';
import type { Snapshot } from '../lab/liveRun';
import type { Moment } from '../lab/moment';
import { mergeSnapshot, type SnapshotDelta, type ViewRequest, type ViewRun } from './protocol';
import type { ViewApi } from './serve';
import { deathWatch, watchLife } from '../kernel/deathWatch';

/** A view worker that has not taken its life lock by then is not watched for a silent death (it loads in well under this). */
const VIEW_ANSWER_MS = 15_000;

export interface Pulled {
  delta: SnapshotDelta;
  /** The full snapshot after this answer (unchanged parts keep their identity). */
  snapshot: Snapshot;
}

/** The view worker died: with the browser's own text of its error, or none (`closed`: its thread closed without one); the page words the rest. */
export class ViewDied extends Error {
  constructor(
    readonly text: string | null,
    readonly closed = false,
  ) {
    super(text ?? (closed ? 'the view worker closed' : 'the view worker failed'));
    this.name = 'ViewDied';
  }
}

export class ViewClient {
  readonly api: Remote<ViewApi>;
  private run = 0;
  private opened = 0;
  private snap: Snapshot | null = null;
  private pulling = false;
  private momentBusy = false;
  private momentNext: { index: number; resolve: (m: Moment | null) => void } | null = null;
  /** The current run's event log (shared memory written by the worker), null before one is open. */
  log: EventLog | null = null;
  /** The worker's thread died (it will never answer): the owner spawns a new one. */
  dead = false;
  /** Calls to the worker fail once it dies (an error, or a silent close), instead of never answering. */
  private readonly calls = deathWatch();
  private readonly unwatch: () => void = () => {};

  constructor(readonly endpoint: Worker | Parameters<typeof wrap>[0]) {
    this.api = wrap<ViewApi>(endpoint);
    if (typeof Worker !== 'undefined' && endpoint instanceof Worker) {
      endpoint.addEventListener('error', (e) => {
        e.preventDefault();
        this.died(new ViewDied(e.message || null));
      });
      // A worker that closes or is killed fires no event: its life lock says so (as the kernel's does).
      this.unwatch = watchLife((name) => this.api.hold(name), () => this.died(new ViewDied(null, true)), VIEW_ANSWER_MS);
    }
  }

  /** The worker died: every call waiting (a pull, an open) and every later one fails with `message`. */
  died(reason: ViewDied): void {
    if (this.dead) return;
    this.dead = true;
    this.calls.die(reason);
  }

  /** Stop watching and end the worker's thread (the owner replaces it). */
  terminate(): void {
    this.unwatch();
    if (this.endpoint instanceof Worker) this.endpoint.terminate();
  }

  /** End the worker's thread silently, as a worker that closes would (tests: its owner must notice on its own). */
  kill(): void {
    if (this.endpoint instanceof Worker) this.endpoint.terminate();
  }

  /** The run id the worker answers for (0: none). */
  get current(): number {
    return this.opened;
  }

  /** The last merged snapshot of the current run. */
  get snapshot(): Snapshot | null {
    return this.snap;
  }

  /**
   * Hand the worker a new run (dropping the previous one); resolves once it drains it and its log is readable.
   * The last run's log is let go first: the worker writes the new one into its memory (LogStore), and the old
   * one reads empty from then on.
   */
  async open(spec: ViewRun): Promise<EventLog | null> {
    const id = ++this.run;
    this.opened = 0;
    this.snap = null;
    this.log = null;
    const buffers = await this.calls.untilDeath(this.api.open(id, spec));
    if (id !== this.run) return null;
    this.opened = id;
    this.log = EventLog.attach(buffers);
    return this.log;
  }

  /** Forget the run (the worker lets go of its buffer). */
  close(): void {
    ++this.run;
    this.opened = 0;
    this.snap = null;
    this.log = null;
    void this.api.close();
  }

  /** Tell the worker a process's thread died (it gives up on the sequence gap that leaves). */
  crashed(): void {
    if (this.opened) void this.api.crashed(this.opened);
  }

  /** Whether a pull is in flight (the next frame skips asking). */
  get busy(): boolean {
    return this.pulling;
  }

  /**
   * One snapshot of the current run, or null: one already in flight, no run, or the run
   * changed before the answer came (answers of a dropped run are not merged).
   */
  async pull(req: ViewRequest): Promise<Pulled | null> {
    const id = this.opened;
    if (!id || this.pulling) return null;
    this.pulling = true;
    try {
      const delta = await this.calls.untilDeath(this.api.snapshot(id, req));
      if (!delta || id !== this.opened) return null;
      this.snap = mergeSnapshot(this.snap, delta);
      return { delta, snapshot: this.snap };
    } finally {
      this.pulling = false;
    }
  }

  /** The page after the first `index` events; a newer request supersedes a waiting one (which resolves null). */
  moment(index: number): Promise<Moment | null> {
    return new Promise((resolve) => {
      this.momentNext?.resolve(null);
      this.momentNext = { index, resolve };
      if (!this.momentBusy) void this.nextMoment();
    });
  }

  private async nextMoment(): Promise<void> {
    while (this.momentNext) {
      const { index, resolve } = this.momentNext;
      this.momentNext = null;
      this.momentBusy = true;
      const id = this.opened;
      const m = id ? await this.calls.untilDeath(this.api.moment(id, index)).catch(() => null) : null;
      this.momentBusy = false;
      // Superseded while it was computed, or of a dropped run: the newer request answers.
      resolve(this.momentNext || id !== this.opened ? null : m);
    }
  }
}
