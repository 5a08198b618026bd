/** The helpers the scenario modules share. */
import { describe, expect, it } from 'vitest';
import { lineMap, struckWithoutLock } from './common';
import { scenarioById } from './registry';

describe('lineMap', () => {
  it('lineMap finds each marker once and refuses a missing or repeated one', () => {
    expect(lineMap('a\nb\nc', { b: 'b', c: 'c' })).toEqual({ b: 2, c: 3 });
    expect(() => lineMap('a\nb', { x: 'x' })).toThrow(/found 0 times/);
    expect(() => lineMap('a\na', { a: 'a' })).toThrow(/found 2 times/);
  });
});

describe('struckWithoutLock', () => {
  it('strikes the acquire and release lines only with the lock off, for every scenario that uses it', () => {
    const struck = struckWithoutLock({ acquire: 4, release: 9 });
    expect(struck({ lock: 'off' })).toEqual([4, 9]);
    expect(struck({ lock: 'on' })).toEqual([]);
    for (const id of ['printer', 'tickets', 'manager']) {
      const sc = scenarioById.get(id)!;
      const lines = sc.python({ ...Object.fromEntries(sc.params.map((p) => [p.name, p.default])), lock: 'on' }).split('\n');
      const [a, r] = sc.struckLines!({ ...Object.fromEntries(sc.params.map((p) => [p.name, p.default])), lock: 'off' });
      expect(lines[a! - 1]).toMatch(/acquire|with lock/);
      expect(lines[r! - 1]).toMatch(/release|with lock/);
    }
  });
});
