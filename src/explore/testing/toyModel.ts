/**
 * A toy machine for testing the search algorithms fast and exhaustively:
 * processes are short lists of instructions on shared registers and locks,
 * with the same blocking shape as the real primitives (a blocked acquire is a
 * transition that parks the process; a release makes its waiters ready again,
 * and they retry).
 */
import { access, type Access } from '../footprint';
import type { Executor, Outcome } from '../search';

export type Instr =
  | { op: 'load'; v: number } // reg = mem[v]
  | { op: 'store'; v: number } // mem[v] = reg + 1
  | { op: 'acq'; l: number }
  | { op: 'rel'; l: number }
  | { op: 'local' }
  | { op: 'print' }; // append the pid to the console

const LOCK_BASE = 100;
const CONSOLE = 200;

export class ToyMachine implements Executor {
  private pc: number[] = [];
  private reg: number[] = [];
  private blocked: boolean[] = [];
  private mem: number[] = [];
  private owner = new Map<number, number>();
  private lines: number[] = [];
  steps = 0;

  constructor(
    readonly programs: Instr[][],
    private readonly vars: number,
    /** Outcome value from the final registers and the console's lines (default: the shared memory). */
    private readonly value: (mem: number[], lines: number[]) => string = (mem) => mem.join(','),
    /** Prints touch nothing (Scenario.printsCommute): sound only when `value` reads the lines in any order. */
    private readonly printsCommute = false,
  ) {}

  reset(): void {
    this.pc = this.programs.map(() => 0);
    this.reg = this.programs.map(() => 0);
    this.blocked = this.programs.map(() => false);
    this.mem = Array.from({ length: this.vars }, () => 0);
    this.owner.clear();
    this.lines = [];
  }

  enabled(): number[] {
    return this.programs.flatMap((prog, pid) => (this.pc[pid]! < prog.length && !this.blocked[pid] ? [pid] : []));
  }

  step(pid: number): Access[] {
    const ins = this.programs[pid]![this.pc[pid]!]!;
    this.steps++;
    switch (ins.op) {
      case 'load':
        this.reg[pid] = this.mem[ins.v]!;
        this.pc[pid]!++;
        return [access(ins.v, false)];
      case 'store':
        this.mem[ins.v] = this.reg[pid]! + 1;
        this.pc[pid]!++;
        return [access(ins.v, true)];
      case 'acq':
        if (this.owner.has(ins.l)) this.blocked[pid] = true;
        else {
          this.owner.set(ins.l, pid);
          this.pc[pid]!++;
        }
        return [access(LOCK_BASE + ins.l, true)];
      case 'rel':
        this.owner.delete(ins.l);
        this.programs.forEach((prog, q) => {
          const next = prog[this.pc[q]!];
          if (this.blocked[q] && next?.op === 'acq' && next.l === ins.l) this.blocked[q] = false;
        });
        this.pc[pid]!++;
        return [access(LOCK_BASE + ins.l, true)];
      case 'local':
        this.pc[pid]!++;
        return [];
      case 'print':
        this.lines.push(pid);
        this.pc[pid]!++;
        return this.printsCommute ? [] : [access(CONSOLE, true)];
    }
  }

  outcome(): Outcome {
    const deadlock = this.blocked.some((b) => b);
    return { status: deadlock ? 'deadlock' : 'finished', verdict: deadlock ? 'deadlock' : 'ok', value: (deadlock ? 'deadlock ' : '') + this.value(this.mem, this.lines) };
  }
}

/** A random small program set (seeded, for property tests). */
export function randomPrograms(next: () => number, procs: number, length: number, vars: number, locks: number, prints = false): Instr[][] {
  const pick = (n: number) => Math.floor(next() * n);
  return Array.from({ length: procs }, () => {
    const prog: Instr[] = [];
    while (prog.length < length) {
      if (prints && next() < 0.3) {
        prog.push({ op: 'print' });
        continue;
      }
      const r = pick(locks > 0 ? 5 : 3);
      if (r === 0) prog.push({ op: 'load', v: pick(vars) });
      else if (r === 1) prog.push({ op: 'store', v: pick(vars) });
      else if (r === 2) prog.push({ op: 'local' });
      else {
        // A short critical section: acquire, an access, release.
        const l = pick(locks);
        const v = pick(vars);
        prog.push({ op: 'acq', l }, next() < 0.5 ? { op: 'load', v } : { op: 'store', v }, { op: 'rel', l });
      }
    }
    return prog;
  });
}
