/** Types for scripts/bench/targets.mjs (imported by src/bench/targets.test.ts). */
export interface TargetRow {
  figure: string;
  lockstep: string;
  cpython: string;
  value: string;
  target: string;
  /** 'pass', 'FAIL', 'not measured', 'not available' or '—' (no target). */
  result: string;
  notes: string;
}
export declare function targetRows(results: unknown): TargetRow[];
