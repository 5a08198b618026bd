import { describe, expect, it } from 'vitest';
import { RedoFuture } from './redo';

describe('RedoFuture', () => {
  it('undo twice then redo twice walks back to the schedule undone from', () => {
    const h = new RedoFuture();
    expect(h.undo([0, 1, 2, 1])).toEqual([0, 1, 2]);
    expect(h.undo([0, 1, 2])).toEqual([0, 1]);
    expect(h.available(2)).toBe(2);
    expect(h.redo(2)).toEqual([0, 1, 2]);
    expect(h.redo(3)).toEqual([0, 1, 2, 1]);
    expect(h.redo(4)).toBeNull();
    expect(h.available(4)).toBe(0);
  });

  it('a new step drops the future; undoing a different schedule starts a new one', () => {
    const h = new RedoFuture();
    h.undo([0, 1, 2]);
    h.drop();
    expect(h.redo(2)).toBeNull();
    expect(h.available(2)).toBe(0);
    h.undo([0, 1, 2]);
    expect(h.undo([0, 2])).toEqual([0]); // not a prefix of [0,1,2]: [0,2] becomes the future
    expect(h.redo(1)).toEqual([0, 2]);
  });

  it('nothing to undo at step 0', () => {
    expect(new RedoFuture().undo([])).toBeNull();
  });
});
