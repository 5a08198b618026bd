/**
 * "The page comes first": a cooperative priority for the page's main thread over a parallel run's
 * process threads. Browsers give workers no lower priority, and on a 2-core machine a run's own
 * threads kept the page waiting in the run queue 60–70% of a queue stress (its 10–30 ms tasks took
 * 250–500 ms of wall time). So the page says, once per animation frame, that it is alive (`beatPage`:
 * the time into `H.pageBeat`, then a bump and notify of `H.pageDrawn`), and a process thread, at an op
 * boundary (`PageFirst`), backs off while that beat is overdue: it sleeps on `H.pageDrawn` until the
 * page draws again, or a slice ends, leaving the core to the page. A back-off is only a slower thread:
 * no lock, queue or race changes meaning.
 *
 * A late beat alone came too late for a heavy frame: the beat is written as the frame begins, so its own 10–20 ms of
 * style, layout and paint ran against every thread of the run (time-sliced with ~10 runnable threads on 2 cores:
 * 50–100 ms of wall time) until it was 24 ms old. So the page also says when the frame is drawn (`closeFrame`, from a
 * task after the frame), and a frame still open PAGE_BUSY_MS after it began counts as late too: a light frame costs
 * the run nothing, a heavy one gets the cores after PAGE_BUSY_MS.
 *
 * Bounds, so a run is never stalled for long:
 * - `H.pageBeat` = 0 (no page watching: Node, tests, the bench's engine rows; a hidden tab): never.
 * - a beat older than PAGE_GONE_MS (a page that no longer draws): never.
 * - per thread, waits asking at most YIELD_BUDGET_MS in each YIELD_WINDOW_MS (a window begins at the first
 *   back-off after the last one ended), one wait at most YIELD_SLICE_MS.
 */
import { H } from './layout';

/** A process thread looks at the page's beat once per this many ops (one Date.now() then: ~50 ns). */
export const CHECK_EVERY_OPS = 32;
/** The page is late when its last frame began this long ago (a frame and a half at 60 Hz). */
export const PAGE_LATE_MS = 24;
/**
 * A frame still being drawn this long after its beat is a heavy one (a snapshot's layout and paint): the threads back
 * off for it as for a late page. A light frame (the page's usual 1–3 ms) is drawn before any thread looks.
 */
export const PAGE_BUSY_MS = 4;
/** ... and gone (hidden, frozen, closed) past this: the run goes on at full speed. */
export const PAGE_GONE_MS = 1000;
/**
 * One frame wakes at most this many threads backing off; the rest end their slice on their own timeouts, which
 * began whenever each thread looked, so they wake spread over the slice. Waking all at once was a herd: at 1,000
 * processes it cost the page more than the back-offs gave it (quiet machine, longest gap median 74 -> 104 ms),
 * and runs of more than 32 processes had to go without page-first.
 */
export const PAGE_WAKE_PER_FRAME = 2;
/**
 * A run of more processes than this gets no beat (its threads never back off). Kept with the wake bound above:
 * at 1,000 processes, parallel turbo, load 40-50, page-first measured no better (5 warm pairs: longest gap median
 * 239 -> 296 ms, Run -> verdict 909 -> 1,067 ms); the page's starvation there came mostly from outside the run.
 */
export const PAGE_FIRST_MAX_PROCS = 32;
/** One back-off waits at most this long for the page to draw. */
export const YIELD_SLICE_MS = 8;
/** A thread backs off at most YIELD_BUDGET_MS in each YIELD_WINDOW_MS of its run. */
export const YIELD_BUDGET_MS = 40;
export const YIELD_WINDOW_MS = 100;

/** The beat word's value for a time (ms): wraps at 32 bits (lateness is a wrapped difference); never 0, which means "no page". */
function beatOf(ms: number): number {
  return ms | 0 || 1;
}

/** The page, at the start of each animation frame: alive now; wake at most `wake` of the threads backing off for it. */
export function beatPage(i32: Int32Array, nowMs: number = Date.now(), wake: number = PAGE_WAKE_PER_FRAME): void {
  const beat = beatOf(nowMs);
  // Open before the beat: a thread that sees this beat sees its frame open (it reads the beat first).
  Atomics.store(i32, H.pageOpen, beat);
  Atomics.store(i32, H.pageBeat, beat);
  Atomics.add(i32, H.pageDrawn, 1);
  Atomics.notify(i32, H.pageDrawn, wake);
}

/** The page, in a task after an animation frame: that frame is drawn; wake at most `wake` of the threads backing off for it. */
export function closeFrame(i32: Int32Array, wake: number = PAGE_WAKE_PER_FRAME): void {
  if (Atomics.load(i32, H.pageOpen) === 0) return;
  Atomics.store(i32, H.pageOpen, 0);
  Atomics.add(i32, H.pageDrawn, 1);
  Atomics.notify(i32, H.pageDrawn, wake);
}

/**
 * The controller, each animation frame: beat for a run page-first applies to, else leave (`resting`: a loop that draws
 * nothing). True when it beat: the controller then closes the frame (`closeFrame`) in a task after it.
 */
export function pageFrame(i32: Int32Array, maxProcs: number, resting: boolean): boolean {
  if (resting || maxProcs > PAGE_FIRST_MAX_PROCS) {
    leavePage(i32);
    return false;
  }
  beatPage(i32);
  return true;
}

/** The page stops watching (hidden, or the run is left): nobody backs off for it, and whoever does wakes now. */
export function leavePage(i32: Int32Array): void {
  Atomics.store(i32, H.pageBeat, 0);
  Atomics.store(i32, H.pageOpen, 0);
  Atomics.add(i32, H.pageDrawn, 1);
  Atomics.notify(i32, H.pageDrawn);
}

/** How long one thread may back off (a test machine makes a wait long, so only a frame ends it). */
export interface YieldBounds {
  sliceMs: number;
  budgetMs: number;
  windowMs: number;
}
export const YIELD_BOUNDS: YieldBounds = { sliceMs: YIELD_SLICE_MS, budgetMs: YIELD_BUDGET_MS, windowMs: YIELD_WINDOW_MS };

/** What a thread's back-offs came to (tests, diagnostics). */
export interface YieldStats {
  /** Back-offs begun; of them, ended by the page's frame (a notify, or a frame between the look and the wait). */
  backoffs: number;
  woken: number;
  /** Back-offs while the page's frame was still open past PAGE_BUSY_MS (a heavy frame; it may be late too). */
  busy: number;
  /** The waits' timeouts summed (at most budgetMs per window), and the wall time they took. */
  askedMs: number;
  backedOffMs: number;
  /** Budget windows begun. */
  windows: number;
}

/** A process thread's side (parallel policy only; scheduled modes are paced by the kernel). */
export class PageFirst {
  // The first op looks too: a short process (a ticket client's handful of ops) would never reach the 32nd, and a
  // thousand of them starting at once are what keeps a crowded run's page waiting.
  private left = 1;
  private windowStart = -Infinity;
  private spent = 0;
  readonly stats: YieldStats = { backoffs: 0, woken: 0, busy: 0, askedMs: 0, backedOffMs: 0, windows: 0 };

  constructor(
    private readonly i32: Int32Array,
    private readonly bounds: YieldBounds = YIELD_BOUNDS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** At an op boundary: every CHECK_EVERY_OPS ops, back off if the page is late; the ms waited. */
  op(): number {
    if (--this.left > 0) return 0;
    this.left = CHECK_EVERY_OPS;
    return this.yieldIfLate();
  }

  /** Back off once if the page is late (or its frame heavy) and the budget allows; the ms waited (0: not late, no page, no budget). */
  yieldIfLate(): number {
    const i32 = this.i32;
    const beat = Atomics.load(i32, H.pageBeat);
    if (beat === 0) return 0;
    const start = this.clock();
    const late = (beatOf(start) - beat) | 0;
    if (late > PAGE_GONE_MS) return 0;
    // Late: no frame for PAGE_LATE_MS. Busy: this beat's frame is still being drawn PAGE_BUSY_MS after it began.
    let busy = late >= PAGE_BUSY_MS && Atomics.load(i32, H.pageOpen) === beat;
    if (late < PAGE_LATE_MS && !busy) return 0;
    const { sliceMs, budgetMs, windowMs } = this.bounds;
    if (start - this.windowStart >= windowMs) {
      this.windowStart = start;
      this.spent = 0;
      this.stats.windows++;
    }
    const asked = Math.min(sliceMs, budgetMs - this.spent);
    if (asked <= 0) return 0;
    const drawn = Atomics.load(i32, H.pageDrawn);
    // The page beats before it bumps `drawn`: a beat seen unchanged after `drawn` was read means the wait below
    // is for a frame still to come (else it would sleep a whole slice past a frame already drawn).
    if (Atomics.load(i32, H.pageBeat) !== beat) return 0;
    // Likewise the frame's close: one after `drawn` was read bumps it, so the wait returns at once.
    if (busy && Atomics.load(i32, H.pageOpen) !== beat) {
      if (late < PAGE_LATE_MS) return 0;
      busy = false;
    }
    Atomics.add(i32, H.pageYielding, 1);
    const end = Atomics.wait(i32, H.pageDrawn, drawn, asked);
    Atomics.sub(i32, H.pageYielding, 1);
    const waited = Math.max(0, this.clock() - start);
    // The budget counts the time asked for, not the wall time: a thread woken late by a loaded machine lost that time to the load, not to the page.
    this.spent += asked;
    const s = this.stats;
    s.backoffs++;
    if (end !== 'timed-out') s.woken++;
    s.askedMs += asked;
    s.backedOffMs += waited;
    Atomics.add(i32, H.pageBackoffs, 1);
    if (busy) {
      s.busy++;
      Atomics.add(i32, H.pageBusyBackoffs, 1);
    }
    Atomics.add(i32, H.pageBackoffMs, Math.round(waited));
    return waited;
  }
}
