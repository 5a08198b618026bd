/**
 * The CPU scheduling lab's benchmark, run in Node by scripts/bench/node.mjs
 * (`node --import tsx src/bench/cpu.ts`): one JSON line on stdout, the rows of
 * `benchCpu()` (10,000 seeded jobs, every policy, median of 5 runs).
 * Node, not the browser: the simulator is pure TypeScript with no workers,
 * so the page would add nothing but noise.
 */
import { benchCpu } from '../cpu/bench';

console.log(JSON.stringify(benchCpu()));
