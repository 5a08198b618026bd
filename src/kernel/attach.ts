/**
 * Attaching the pooled process workers to a run's buffer in one sweep.
 *
 * A run of n processes needs n workers attached to its fresh buffer. Doing it
 * with one request/response call per worker costs the page n replies, n
 * promises and n timers (1,000 of each for 1,000 processes). Instead the page
 * posts each worker a one-way order carrying a ticket, and every worker
 * answers in shared memory: it writes the ticket into its word of the attach
 * board and rings the board's doorbell. The page waits on the doorbell and
 * reads the board; only a failure comes back as a message.
 *
 *   board words: | doorbell | worker 0's ticket | worker 1's ticket | ... |
 *
 * Tickets only grow and the page keeps the one it expects from each worker, so
 * an answer to an older order (an earlier run, or a worker since replaced)
 * never counts, and a worker that gets a newer order while it is still loading
 * for an older one (a Python interpreter) attaches only to the newer.
 */

/** Marks an attach order among a worker's messages (Comlink's calls share the channel). */
const ORDER = 'lockstepAttach';
/** Marks a worker's report that it could not attach. */
const FAILURE = 'lockstepAttachFailed';
/** Marks an order to load a scenario's module ahead of its attach (the pool warms for that scenario). */
const PRELOAD = 'lockstepPreload';

/** Load the module of `scenarioId` now, so the attach that follows only attaches (src/kernel/loadedScenarios.ts). */
export const preloadOrder = (scenarioId: string) => ({ [PRELOAD]: scenarioId });

/** The scenario a preload order names, or undefined for any other message. */
export function preloadOf(data: unknown): string | undefined {
  const id = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[PRELOAD] : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** What a worker needs to serve process slot `index` of a run. */
export interface AttachOrder<E = unknown> {
  [ORDER]: true;
  /** This order's number: it only grows, and the board says which one each worker answered last. */
  ticket: number;
  board: SharedArrayBuffer;
  index: number;
  sab: SharedArrayBuffer;
  scenarioId: string;
  params: unknown;
  /** What else the worker needs to load first (the page's compiled Python and interpreter snapshot). */
  extra?: E;
}

export interface AttachFailure {
  [FAILURE]: true;
  ticket: number;
  index: number;
  message: string;
}

export function isAttachOrder(data: unknown): data is AttachOrder {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[ORDER] === true;
}

export function isAttachFailure(data: unknown): data is AttachFailure {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[FAILURE] === true;
}

const DOORBELL = 0;

function ring(words: Int32Array): void {
  Atomics.add(words, DOORBELL, 1);
  Atomics.notify(words, DOORBELL);
}

/** What became of the workers a sweep waited for. */
export interface Settled {
  /** Did not answer in time (stuck, or their thread died silently). */
  pending: number[];
  /** Could not attach (they said why, or their thread died), with the reason. */
  failed: { index: number; message: string }[];
}

/** The page's side: the shared board, the order each worker must answer, and waiting for the answers. */
export class AttachBoard {
  private readonly words: Int32Array;
  /** The ticket of the last order sent to each worker (the page's own copy). */
  private readonly expected: Int32Array;
  private tickets = 0;
  private sweeps = 0;
  private readonly failures = new Map<number, { ticket: number; message: string }>();

  constructor(readonly capacity: number) {
    this.words = new Int32Array(new SharedArrayBuffer(4 * (1 + capacity)));
    this.expected = new Int32Array(capacity);
  }

  /** A new sweep (a run being attached): an earlier one still waiting is superseded. */
  beginSweep(): number {
    return ++this.sweeps;
  }

  isCurrentSweep(sweep: number): boolean {
    return sweep === this.sweeps;
  }

  /** A new order for worker `index`; from now on only its answer counts for that worker. */
  order<E>(index: number, sab: SharedArrayBuffer, scenarioId: string, params: unknown, extra?: E): AttachOrder<E> {
    if (index < 0 || index >= this.capacity) throw new RangeError(`worker ${index} is beyond the board (${this.capacity})`);
    const ticket = ++this.tickets;
    this.expected[index] = ticket;
    this.failures.delete(index);
    return { [ORDER]: true, ticket, board: this.words.buffer as SharedArrayBuffer, index, sab, scenarioId, params, ...(extra === undefined ? {} : { extra }) };
  }

  /** A worker reported that it could not attach (its message listener calls this); a report on an older order is ignored. */
  fail(report: Pick<AttachFailure, 'index' | 'ticket' | 'message'>): void {
    if (report.ticket !== this.expected[report.index]) return;
    this.failures.set(report.index, { ticket: report.ticket, message: report.message });
    ring(this.words);
  }

  /** Worker `index` died: its last order will not be answered. */
  abandon(index: number, message: string): void {
    if (index >= 0 && index < this.capacity && this.expected[index]! > 0) this.fail({ index, ticket: this.expected[index]!, message });
  }

  /** Has worker `index` answered its last order? */
  attached(index: number): boolean {
    return this.expected[index]! > 0 && Atomics.load(this.words, 1 + index) === this.expected[index];
  }

  private failure(index: number): string | null {
    const f = this.failures.get(index);
    return f && f.ticket === this.expected[index] ? f.message : null;
  }

  /**
   * Wait until each of `indexes` has answered its last order (attached or
   * failed), for at most `timeoutMs`. Never blocks the thread: it waits
   * asynchronously on the doorbell.
   */
  async settle(indexes: readonly number[], timeoutMs: number): Promise<Settled> {
    const deadline = performance.now() + timeoutMs;
    let open = [...indexes];
    for (;;) {
      const seen = Atomics.load(this.words, DOORBELL);
      open = open.filter((i) => !this.attached(i) && this.failure(i) === null);
      const left = deadline - performance.now();
      if (open.length === 0 || left <= 0) break;
      const w = Atomics.waitAsync(this.words, DOORBELL, seen, left);
      if (w.async) await w.value;
    }
    const failed = indexes.flatMap((index) => {
      const message = this.attached(index) ? null : this.failure(index);
      return message === null ? [] : [{ index, message }];
    });
    return { pending: open, failed };
  }
}

/** How a sweep reaches the workers. */
export interface AttachTarget {
  /** Post `order` to worker `index` (one way). */
  post(index: number, order: AttachOrder): void;
  /** End worker `index` and start another in its place (terminate is the only way to stop a runaway thread). */
  replace(index: number): void;
}

export interface SweepTimeouts {
  /** For the first answers. */
  first: number;
  /** For the answers of replaced workers (they load their module first). */
  retry: number;
}

/** A newer run began attaching the workers while this one waited: this run will never be served. */
export class AttachSuperseded extends Error {
  constructor() {
    super('a newer run took the workers');
    this.name = 'AttachSuperseded';
  }
}

/**
 * Worker `index` could not attach: it said why (`reason`, the worker's own error text), or, replaced, it did not
 * answer within `ms` (`reason` null). Data the page words in its language.
 */
export class AttachFailed extends Error {
  constructor(
    readonly index: number,
    readonly reason: string | null,
    readonly ms: number,
  ) {
    super(reason === null ? `new worker ${index} did not answer within ${ms} ms` : `worker ${index} could not attach: ${reason}`);
    this.name = 'AttachFailed';
  }
}

/**
 * Attach workers 0..count-1: order them all, wait once, then replace every
 * worker that was stuck or failed and order it again; a second failure ends the
 * sweep with its reason. A sweep overtaken by a newer one (a Reset pressed
 * while the previous run was still attaching) stops without touching the
 * workers the newer one now orders.
 */
export async function attachEach(board: AttachBoard, count: number, orderFor: (index: number) => AttachOrder, target: AttachTarget, timeouts: SweepTimeouts): Promise<void> {
  const sweep = board.beginSweep();
  const all = Array.from({ length: count }, (_, i) => i);
  for (const i of all) target.post(i, orderFor(i));
  const first = await board.settle(all, timeouts.first);
  if (!board.isCurrentSweep(sweep)) throw new AttachSuperseded();
  const again = [...first.pending, ...first.failed.map((f) => f.index)].sort((a, b) => a - b);
  if (again.length === 0) return;
  for (const i of again) {
    target.replace(i);
    target.post(i, orderFor(i));
  }
  const second = await board.settle(again, timeouts.retry);
  if (!board.isCurrentSweep(sweep)) throw new AttachSuperseded();
  const failed = second.failed[0];
  if (failed) throw new AttachFailed(failed.index, failed.message, timeouts.retry);
  const stuck = second.pending[0];
  if (stuck !== undefined) throw new AttachFailed(stuck, null, timeouts.retry);
}

/**
 * The worker's side: attaches on each order unless a newer one came, then
 * answers on the board; a failure goes back to the page as a message.
 * `attach` is told whether its order is still the newest before it commits
 * (after an await, say), and does nothing if not.
 */
export class AttachReceiver<E = unknown> {
  private latest = 0;

  constructor(
    private readonly attach: (order: AttachOrder<E>, current: () => boolean) => Promise<void> | void,
    private readonly report: (failure: AttachFailure) => void,
  ) {}

  async receive(order: AttachOrder<E>): Promise<void> {
    if (order.ticket < this.latest) return; // overtaken by a newer order
    this.latest = order.ticket;
    const current = () => this.latest === order.ticket;
    try {
      await this.attach(order, current);
    } catch (e) {
      if (current()) this.report({ [FAILURE]: true, ticket: order.ticket, index: order.index, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (!current()) return;
    const words = new Int32Array(order.board);
    Atomics.store(words, 1 + order.index, order.ticket);
    ring(words);
  }
}
