import { describe, expect, it } from 'vitest';
import { EndFollow } from './endFollow';

/** A list 260 px high whose lines are 18 px: `n` lines end at scrollTop n * 18 - 260. */
const VIEW = 260;
const endOf = (n: number) => n * 18 - VIEW;

describe('the console follows its newest line while the learner has not scrolled away', () => {
  it('follows line after line from the start', () => {
    const f = new EndFollow();
    for (let n = 1; n <= 40; n++) {
      const top = Math.max(0, endOf(n - 1)); // left at the previous end; this line is below it
      expect(f.follows(top, VIEW, n)).toBe(true);
      f.saw(Math.max(0, endOf(n)), Math.max(0, endOf(n)), n);
    }
  });

  it('a learner who scrolled up stays where they are as lines arrive; back at the end, it follows again', () => {
    const f = new EndFollow();
    f.saw(endOf(300), endOf(300), 300);
    expect(f.follows(0, VIEW, 301)).toBe(false); // Home
    f.saw(0, endOf(301), 301);
    expect(f.follows(0, VIEW, 302)).toBe(false);
    f.saw(0, endOf(302), 302);
    expect(f.follows(endOf(302), VIEW, 303)).toBe(true); // dragged to the end
  });

  it('End pressed while lines keep coming lands short of the end: heading down within the last screen follows', () => {
    const f = new EndFollow();
    f.saw(100, endOf(320), 320); // scrolled up, reading
    expect(f.follows(endOf(319), VIEW, 325)).toBe(true); // End's scroll ended where the end was when it started
  });

  it('a learner reading the last screen without moving is not pulled down; one scrolling down through old lines neither', () => {
    const f = new EndFollow();
    f.saw(endOf(320), endOf(320), 320);
    expect(f.follows(endOf(318), VIEW, 321)).toBe(false); // two lines up
    f.saw(endOf(318), endOf(321), 321);
    expect(f.follows(endOf(318), VIEW, 322)).toBe(false);
    f.saw(500, endOf(321), 321);
    expect(f.follows(900, VIEW, 322)).toBe(false); // moving down, but far from the end
  });

  it('the lines of a new run (fewer than before) are followed from their start', () => {
    const f = new EndFollow();
    f.saw(0, endOf(300), 300); // scrolled up in the last run
    expect(f.follows(0, VIEW, 5)).toBe(true);
  });

  it('End resumes following even when the scroll it starts lands more than a screen short (lines arrived meanwhile)', () => {
    const reading = () => {
      const f = new EndFollow();
      f.saw(endOf(320), endOf(320), 320);
      expect(f.follows(0, VIEW, 321)).toBe(false); // Home
      f.saw(0, endOf(340), 340);
      return f;
    };
    const pressed = reading();
    pressed.resume(); // End at 320 lines; 20 more arrive before its scroll ends at 320's end
    expect(pressed.follows(endOf(320), VIEW, 341)).toBe(true);
    // The same stop without End (a drag that far short of the end) is reading.
    expect(reading().follows(endOf(320), VIEW, 341)).toBe(false);
  });
});
