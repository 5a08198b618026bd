import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { Search, type SearchOptions } from './search';
import { Pct } from './pct';
import { ToyMachine, randomPrograms, type Instr } from './testing/toyModel';

const BRUTE: SearchOptions = { reduction: false, bound: null };
const DPOR: SearchOptions = { reduction: true, bound: null };

function explore(programs: Instr[][], vars: number, opts: SearchOptions) {
  const m = new ToyMachine(programs, vars);
  const r = new Search(m, opts).runAll();
  return { ...r, values: new Set(r.outcomes.map((o) => o.value)), steps: m.steps };
}

const multinomial = (sizes: number[]) => {
  const f = (n: number): number => (n <= 1 ? 1 : n * f(n - 1));
  return f(sizes.reduce((a, b) => a + b, 0)) / sizes.reduce((a, s) => a * f(s), 1);
};

describe('brute force', () => {
  it('runs every interleaving exactly once (the multinomial count)', () => {
    const local = (n: number): Instr[] => Array.from({ length: n }, () => ({ op: 'local' }));
    expect(explore([local(2), local(2)], 0, BRUTE).explored).toBe(multinomial([2, 2]));
    expect(explore([local(3), local(2), local(1)], 0, BRUTE).explored).toBe(multinomial([3, 2, 1]));
  });
});

describe('partial-order reduction', () => {
  it('runs one schedule when every op is independent, where brute force runs all', () => {
    const progs: Instr[][] = [
      [{ op: 'load', v: 0 }, { op: 'store', v: 0 }, { op: 'local' }],
      [{ op: 'load', v: 1 }, { op: 'store', v: 1 }, { op: 'local' }],
      [{ op: 'load', v: 2 }, { op: 'store', v: 2 }],
    ];
    expect(explore(progs, 3, BRUTE).explored).toBe(multinomial([3, 3, 2]));
    expect(explore(progs, 3, DPOR).explored).toBe(1);
  });

  it('treats two reads of the same register as independent', () => {
    const progs: Instr[][] = [[{ op: 'load', v: 0 }], [{ op: 'load', v: 0 }]];
    expect(explore(progs, 1, DPOR).explored).toBe(1);
    expect(explore(progs, 1, BRUTE).explored).toBe(2);
  });

  it('finds the lost update of two unlocked increments (load, store each)', () => {
    const inc: Instr[] = [{ op: 'load', v: 0 }, { op: 'store', v: 0 }];
    const brute = explore([inc, inc], 1, BRUTE);
    const dpor = explore([inc, inc], 1, DPOR);
    expect(brute.values).toEqual(new Set(['1', '2']));
    expect(dpor.values).toEqual(brute.values);
    expect(dpor.explored).toBeLessThan(brute.explored);
  });

  it('finds the AB/BA deadlock', () => {
    const ab: Instr[] = [{ op: 'acq', l: 0 }, { op: 'acq', l: 1 }, { op: 'rel', l: 1 }, { op: 'rel', l: 0 }];
    const ba: Instr[] = [{ op: 'acq', l: 1 }, { op: 'acq', l: 0 }, { op: 'rel', l: 0 }, { op: 'rel', l: 1 }];
    const dpor = explore([ab, ba], 0, DPOR);
    expect(dpor.deadlocked).toBeGreaterThan(0);
    expect(dpor.values).toEqual(explore([ab, ba], 0, BRUTE).values);
    expect(dpor.shortest?.outcome.status).toBe('deadlock');
    expect(dpor.shortest?.preemptions).toBe(1);
  });

  it('agrees with brute force on the outcome set of 300 random programs (soundness)', () => {
    const rng = new Rng(2024);
    let savedOnSome = false;
    for (let t = 0; t < 300; t++) {
      const procs = 2 + rng.int(2);
      const progs = randomPrograms(() => rng.next(), procs, procs === 2 ? 2 + rng.int(3) : 1 + rng.int(3), 2, 1 + rng.int(2));
      const brute = explore(progs, 2, BRUTE);
      const dpor = explore(progs, 2, DPOR);
      expect(dpor.values, JSON.stringify(progs)).toEqual(brute.values);
      expect(dpor.explored).toBeLessThanOrEqual(brute.explored);
      if (dpor.explored < brute.explored) savedOnSome = true;
    }
    expect(savedOnSome).toBe(true);
    // Pure computation (about a second alone); the generous limit is for a shared, busy CPU.
  }, 180_000);
});

describe('preemption bound', () => {
  it('k + 1 reaches a superset of k, bounded reduction agrees with bounded brute force, and unbounded equals the full set', () => {
    const rng = new Rng(7);
    for (let t = 0; t < 60; t++) {
      const progs = randomPrograms(() => rng.next(), 2 + rng.int(2), 2 + rng.int(2), 2, 1);
      let prev = new Set<string>();
      for (const bound of [0, 1, 2, 3]) {
        const reduced = explore(progs, 2, { reduction: true, bound });
        const brute = explore(progs, 2, { reduction: false, bound });
        expect(reduced.values, `bound ${bound}: ${JSON.stringify(progs)}`).toEqual(brute.values);
        for (const v of prev) expect(brute.values.has(v)).toBe(true);
        prev = brute.values;
      }
      const all = explore(progs, 2, BRUTE).values;
      for (const v of prev) expect(all.has(v)).toBe(true);
    }
  }, 180_000);

  it('bound 0 runs each process to its end or its block before switching', () => {
    const inc: Instr[] = [{ op: 'load', v: 0 }, { op: 'store', v: 0 }];
    const r = explore([inc, inc], 1, { reduction: false, bound: 0 });
    expect(r.values).toEqual(new Set(['2']));
    expect(r.explored).toBe(2);
    expect(explore([inc, inc], 1, { reduction: false, bound: 1 }).values).toEqual(new Set(['1', '2']));
  });

  it('reports a cap as incomplete', () => {
    const inc: Instr[] = [{ op: 'load', v: 0 }, { op: 'store', v: 0 }, { op: 'load', v: 0 }, { op: 'store', v: 0 }];
    const r = explore([inc, inc, inc], 1, { ...BRUTE, maxSchedules: 10 });
    expect(r.explored).toBe(10);
    expect(r.done).toBe(true);
    expect(r.complete).toBe(false);
  });
});

describe('PCT', () => {
  it('gives the same runs for the same seed and different ones for another', () => {
    const inc: Instr[] = [{ op: 'load', v: 0 }, { op: 'local' }, { op: 'store', v: 0 }];
    const sample = (seed: number) => {
      const pct = new Pct(new ToyMachine([inc, inc, inc], 1), { seed, depth: 2 });
      return Array.from({ length: 20 }, () => pct.next().schedule.join(''));
    };
    expect(sample(5)).toEqual(sample(5));
    expect(sample(5)).not.toEqual(sample(6));
  });

  it('finds a depth-2 lost update and states its probability bound', () => {
    const inc: Instr[] = [{ op: 'load', v: 0 }, { op: 'store', v: 0 }];
    const pct = new Pct(new ToyMachine([inc, inc], 1), { seed: 1, depth: 2 });
    const values = new Set(Array.from({ length: 60 }, () => pct.next().outcome.value));
    expect(values).toEqual(new Set(['1', '2']));
    expect(pct.probabilityBound()).toBeCloseTo(1 / (2 * 4));
  });
});
