/**
 * Whether the console follows its newest line: yes until the learner scrolls up (reading earlier lines, they are
 * not pulled down by the next one), and again once they are back at the end, or heading down within the last
 * screen (End or a drag to the bottom lands where the end was when it started, lines short of it when lines keep
 * coming). Looked at after each layout that added lines, from the list's scroll position then: nothing of ours
 * ever moves the list up (appending, following and the virtual list's corrections only move it down), so a
 * position above the last one seen is the learner's.
 */
export class EndFollow {
  private following = true;
  private top = 0;
  private end = 0;
  private lines = 0;

  /** A layout after `lines` lines: `top` is the list's scrollTop now, `view` its height. */
  follows(top: number, view: number, lines: number): boolean {
    if (lines < this.lines) this.following = true; // a new run's lines (Run again without a Reset)
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

  /** Where the list was left: `top` and the largest scrollTop (`end`) it can have now. */
  saw(top: number, end: number, lines: number): void {
    this.top = top;
    this.end = end;
    this.lines = lines;
  }
}
/** A move of less than this is rounding (fractional positions, a line measured a pixel off), not the learner. */
const ROUNDING = 2;
