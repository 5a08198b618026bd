import { describe, expect, it } from 'vitest';
import { Memory } from './layout';
import { World, heapWordsFor, objectTable } from './world';

/** A setup that allocates `words` heap words, and the probe buffers heapWordsFor asked for. */
function probe(words: number) {
  const sizes: number[] = [];
  const create = (heapWords: number) => {
    sizes.push(heapWords);
    return Memory.create({ maxProcs: 1, ringEvents: 2, heapWords });
  };
  const needed = heapWordsFor((w: World) => w.allocate('blob', 'data', words), create);
  return { needed, sizes };
}

describe('heapWordsFor', () => {
  it('sizes a small setup on a small probe buffer (no 64 MB buffer per Reset)', () => {
    const { needed, sizes } = probe(1000);
    expect(needed).toBe(1000 + 64);
    expect(sizes).toEqual([1 << 16]);
  });

  it('retries on a bigger probe when the setup does not fit, and counts it exactly', () => {
    const { needed, sizes } = probe(300_000);
    expect(needed).toBe(300_000 + 64);
    expect(sizes).toEqual([1 << 16, 1 << 20]);
  });

  it('still reports a setup that fits no probe', () => {
    expect(() => probe(1 << 25)).toThrow(/Shared heap full/);
  });
});

describe('internal channels in the object table', () => {
  it("a Pool's or a Manager's own queue keeps its tag for every reader: setup rows, run-time rows and the page's refresh", () => {
    const mem = Memory.create({ maxProcs: 2, ringEvents: 2, heapWords: 1 << 12 });
    const setup = new World(mem, true);
    setup.allocate('queue', 'pool tasks', 8, true);
    setup.allocate('queue', 'q', 8);
    setup.dynamic = true;
    setup.allocate('manager', 'manager reply to 0', 8, true);
    setup.allocate('manager', 'other', 8);
    const rows = objectTable(mem);
    expect(rows.map((r) => [r.kind, r.name, r.internal === true])).toEqual([
      ['queue', 'pool tasks', true],
      ['queue', 'q', false],
      ['manager', 'manager reply to 0', true],
      ['manager', 'other', false],
    ]);
    const page = new World(mem, false);
    expect(page.refresh().filter((r) => r.internal).map((r) => r.id)).toEqual([0, 2]);
  });
});
