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

  it('scrubbing the timeline shows the console as it was then, and follows its end only if the learner was following', () => {
    // Following: a scrub back to fewer lines (the browser clamps the position to their end: a move up) still follows.
    const following = new EndFollow();
    following.saw(endOf(300), endOf(300), 300, null);
    expect(following.follows(endOf(300), VIEW, 300, 120, endOf(300))).toBe(true); // the moment's position, its lines not yet come
    following.saw(endOf(300), endOf(300), 300, 120);
    expect(following.follows(endOf(40), VIEW, 40, 120, endOf(40))).toBe(true);
    following.saw(endOf(40), endOf(40), 40, 120);
    expect(following.follows(endOf(40), VIEW, 310, null, endOf(310))).toBe(true); // back to live
    // Reading: scrubbed back, the list clamped to the moment's end; forward again, and back to live: still reading.
    const reading = new EndFollow();
    reading.saw(endOf(300), endOf(300), 300, null);
    expect(reading.follows(1000, VIEW, 301, null)).toBe(false); // scrolled up
    reading.saw(1000, endOf(301), 301, null);
    expect(reading.follows(endOf(40), VIEW, 40, 120, endOf(40))).toBe(false);
    reading.saw(endOf(40), endOf(40), 40, 120);
    expect(reading.follows(endOf(40), VIEW, 200, 250, endOf(200))).toBe(false); // at the end of what was there: the clamp, not a drag
    reading.saw(endOf(40), endOf(200), 200, 250);
    expect(reading.follows(endOf(40), VIEW, 320, null, endOf(320))).toBe(false);
  });

  it('a learner who scrolled up between two layouts and then scrubbed has stopped to read: not a clamp, the list could go lower', () => {
    const f = new EndFollow();
    f.saw(endOf(300), endOf(300), 300, null); // following
    expect(f.follows(0, VIEW, 40, 120, endOf(40))).toBe(false); // Home, then a scrub back: at 0, above the moment's end
    const more = new EndFollow();
    more.saw(endOf(40), endOf(40), 40, 120);
    expect(more.follows(100, VIEW, 200, 250, endOf(200))).toBe(false); // scrolled up, then forward
  });
});
