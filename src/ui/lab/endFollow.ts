/**
 * Whether the console follows its newest line: yes until the learner scrolls up (reading earlier lines, they are
 * not pulled down by the next one), and again once they are back at the end, or heading down within the last
 * screen (End or a drag to the bottom lands where the end was when it started, lines short of it when lines keep
 * coming). Looked at after each layout that added lines, from the list's scroll position then: nothing of ours
 * ever moves the list up (appending, following and the virtual list's corrections only move it down), so a
 * position above the last one seen is the learner's.
 *
 * The timeline's moment (`moment`: the scrubbed event, null live) is the page's doing, not the learner's: a scrub
 * shows the console as it was then (fewer lines, the list's position clamped by the browser to its new end, which
 * reads as a move up, and back at the end once more come) and whether it follows its end stays as the learner
 * left it. Only a move up that is not a clamp (above the list's end now) is still theirs.
 */
export class EndFollow {
  private following = true;
  private top = 0;
  private end = 0;
  private lines = 0;
  private moment: number | null = null;

  /**
   * A layout after `lines` lines at `moment`: `top` is the list's scrollTop now, `view` its height, `end` the
   * largest scrollTop it can have now.
   */
  follows(top: number, view: number, lines: number, moment: number | null = null, end = Infinity): boolean {
    // The timeline moved since the last layout, or a scrubbed moment's lines replaced the live ones (they come a
    // moment after the scrub's position): the learner's choice stands, unless they scrolled up meanwhile.
    if (moment !== this.moment || (moment !== null && lines < this.lines)) {
      if (top < this.top - ROUNDING && top < end - ROUNDING) this.following = false;
    } else if (lines < this.lines) this.following = true; // a new run's lines (Run again without a Reset)
    else if (top < this.top - ROUNDING) this.following = false;
    else if (top >= this.end - ROUNDING) this.following = true; // at the end of what was there before these lines
    else if (top > this.top + ROUNDING && this.end - top <= view) this.following = true;
    return this.following;
  }

  /**
   * The learner asked for the newest line (End; the console scrolls there itself, at once): follow from now on,
   * whatever the last position seen was.
   */
  resume(): void {
    this.following = true;
  }

  /** Where the list was left at `moment`: `top` and the largest scrollTop (`end`) it can have now. */
  saw(top: number, end: number, lines: number, moment: number | null = null): void {
    this.top = top;
    this.end = end;
    this.lines = lines;
    this.moment = moment;
  }
}
/** A move of less than this is rounding (fractional positions, a line measured a pixel off), not the learner. */
const ROUNDING = 2;
