/** The helpers the scenario modules share. */
import { describe, expect, it } from 'vitest';
import { lineMap } from './common';

describe('lineMap', () => {
  it('lineMap finds each marker once and refuses a missing or repeated one', () => {
    expect(lineMap('a\nb\nc', { b: 'b', c: 'c' })).toEqual({ b: 2, c: 3 });
    expect(() => lineMap('a\nb', { x: 'x' })).toThrow(/found 0 times/);
    expect(() => lineMap('a\na', { a: 'a' })).toThrow(/found 2 times/);
  });
});
