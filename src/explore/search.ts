/**
 * Systematic exploration of a run's schedules (stateless model checking, as
 * in CHESS, loom and shuttle): re-execute the run from its initial state
 * under a chosen prefix of grants, let it finish, then decide which prefix to
 * try next. Runs are deterministic, so a schedule (the list of pids granted)
 * names one execution exactly.
 *
 * Reduction: dynamic partial-order reduction after Flanagan and Godefroid
 * (POPL 2005) with sleep sets (Godefroid 1996). After each execution, every
 * race in its trace (two dependent transitions of different processes with no
 * happens-before path between them other than the direct one) adds, at the
 * state before the first transition, the second's process (or, when it was
 * not enabled there, every enabled process) to that state's backtrack set. A
 * process whose transition was already explored from a state sleeps in the
 * sibling branches until something dependent on it happens, so two schedules
 * that differ only in the order of independent transitions are run once.
 *
 * Preemption bound (CHESS's context bounding, Musuvathi and Qadeer 2007): a
 * switch away from a process that could have continued costs one preemption;
 * schedules over the bound are not run. Bounded searches keep the race
 * backtracking and also add each backtrack point at the start of the racing
 * transition's block, as bounded partial-order reduction does (Coons,
 * Musuvathi and McKinley 2013); sleep sets are off there, since the schedule
 * a sleep set stands for may need more preemptions than the one it pruned.
 *
 * Everything here is pure: an `Executor` runs the transitions (real threads
 * on shared memory in the app, a toy model in tests).
 */
import { dependent, type Access } from './footprint';
import type { Verdict } from '../scenarios/types';

/** The end of one execution, as the scenario's judge sees it. */
export interface Outcome {
  status: 'finished' | 'deadlock';
  verdict: Verdict;
  /** The scenario's main Outcome figure (Tickets sold, Balance…), as shown. */
  value: string;
}

/** Runs one scenario's transitions, one grant at a time, from a fresh start each time. */
export interface Executor {
  /** Start a fresh run at its initial state (the main process parked at its first op). */
  reset(): void;
  /** The pids that may be granted now, ascending. */
  enabled(): number[];
  /** Grant one transition to `pid`; returns what it touched. */
  step(pid: number): Access[];
  /** Judge the run once nothing is enabled. */
  outcome(): Outcome;
  /** A line on the machine's state, for an error message. */
  describe?(): string;
  /**
   * What `pid`'s next transition would touch, read before it runs (its
   * announced op). Needed when a transition can be disabled for good without
   * running (a process killed by `terminate()`): its race is found from this.
   */
  pending?(pid: number): Access[];
}

export interface SearchOptions {
  /** Partial-order reduction (DPOR with sleep sets); off enumerates every interleaving. */
  reduction: boolean;
  /** At most this many preemptions per schedule; null: unbounded. */
  bound: number | null;
  /** Stop after this many schedules (the result says it is not complete). */
  maxSchedules?: number;
  /** An execution longer than this is cut short and the search is not complete (a livelock guard). */
  maxSteps?: number;
}

export interface OutcomeCount {
  value: string;
  /** Schedules that ended with this value. */
  count: number;
  /** Of which violated or deadlocked. */
  bad: number;
  verdicts: Verdict[];
  /** The first schedule that produced it. */
  example: number[];
}

export interface ScheduleInfo {
  schedule: number[];
  preemptions: number;
  outcome: Outcome;
}

export interface SearchProgress {
  /** Executions that ran to an end and were judged. */
  explored: number;
  /** Executions cut short because every enabled process was asleep (redundant by reduction). */
  redundant: number;
  violating: number;
  deadlocked: number;
  outcomes: OutcomeCount[];
  /** Fewest preemptions, then fewest steps, among violated or deadlocked schedules. */
  shortest: ScheduleInfo | null;
  /** Transitions executed, prefixes included. */
  transitions: number;
  longest: number;
  done: boolean;
  /** Done and nothing was cut: every schedule within the bound is covered (up to reduction). */
  complete: boolean;
}

interface Node {
  enabled: number[];
  /** The pid granted from here in the current execution. */
  chosen: number;
  footprint: Access[];
  backtrack: Set<number>;
  done: Set<number>;
  /** Transitions already covered from here (pid → footprint). */
  sleep: Map<number, Access[]>;
  /** Preemptions spent before this state, and the pid that ran into it (-1 at the start). */
  preemptions: number;
  last: number;
  /** The announced footprint of each enabled process here (reduction only). */
  pending: Map<number, Access[]>;
}

const DEFAULT_MAX_STEPS = 5000;

/** A transition for race detection; it may race with transitions before index `upTo`. */
interface Extra {
  pid: number;
  footprint: Access[];
  upTo: number;
}

/** Count a schedule's preemptions: switches away from a process that was still enabled. */
export function preemptionCost(node: { last: number; enabled: readonly number[] }, pid: number): number {
  return node.last >= 0 && pid !== node.last && node.enabled.includes(node.last) ? 1 : 0;
}

export class Search {
  private readonly stack: Node[] = [];
  private readonly tally = new OutcomeTally();
  private readonly useSleep: boolean;
  private readonly maxSteps: number;
  private redundant = 0;
  private transitions = 0;
  /** Prefix replays that had to be repeated (see replayPrefix). */
  replayRetries = 0;
  lastRetry = '';
  private cut = false;
  private finished = false;

  constructor(
    private readonly ex: Executor,
    readonly options: SearchOptions,
  ) {
    this.useSleep = options.reduction && options.bound === null;
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  }

  get done(): boolean {
    return this.finished;
  }

  /** End the search here (a time cap): the result says it is not complete. */
  stop(): void {
    if (this.finished) return;
    this.cut = true;
    this.finished = true;
  }

  /** Run one execution and pick the next; false once the search is over. */
  next(): boolean {
    if (this.finished) return false;
    if (this.options.maxSchedules !== undefined && this.tally.runs >= this.options.maxSchedules) {
      this.cut = true;
      this.finished = true;
      return false;
    }
    const asleepAtEnd = this.execute();
    if (this.options.reduction) this.addRaces(asleepAtEnd);
    if (!this.backtrack()) this.finished = true;
    return !this.finished;
  }

  /** Run until done (tests, small cases). */
  runAll(): SearchProgress {
    while (this.next());
    return this.progress();
  }

  progress(): SearchProgress {
    return {
      ...this.tally.report(),
      redundant: this.redundant,
      transitions: this.transitions,
      done: this.finished,
      complete: this.finished && !this.cut,
    };
  }

  private allowed(node: Node, pid: number): boolean {
    return this.options.bound === null || node.preemptions + preemptionCost(node, pid) <= this.options.bound;
  }

  /**
   * Replay the stack's prefix, then extend it to the end of the run.
   * Returns the transitions left asleep when every enabled process was asleep (else []).
   */
  private execute(): Extra[] {
    const ex = this.ex;
    const stack = this.stack;
    this.replayPrefix();
    this.transitions += stack.length;
    for (;;) {
      const enabled = ex.enabled();
      if (enabled.length === 0) break;
      if (stack.length >= this.maxSteps) {
        this.cut = true;
        return [];
      }
      const parent = stack[stack.length - 1];
      const node: Node = {
        enabled,
        chosen: -1,
        footprint: [],
        backtrack: new Set(),
        done: new Set(),
        sleep: new Map(),
        preemptions: parent ? parent.preemptions + preemptionCost(parent, parent.chosen) : 0,
        last: parent ? parent.chosen : -1,
        pending: new Map(),
      };
      if (this.options.reduction && ex.pending) for (const q of enabled) node.pending.set(q, ex.pending(q));
      if (this.useSleep && parent) {
        for (const [q, fp] of parent.sleep) if (q !== parent.chosen && !dependent(fp, parent.footprint)) node.sleep.set(q, fp);
      }
      const pid = this.pick(node);
      if (pid < 0) {
        this.redundant++;
        return [...node.sleep].filter(([q]) => enabled.includes(q)).map(([q, footprint]) => ({ pid: q, footprint, upTo: stack.length }));
      }
      node.chosen = pid;
      node.done.add(pid);
      if (this.options.reduction) node.backtrack.add(pid);
      else for (const q of enabled) node.backtrack.add(q);
      stack.push(node);
      node.footprint = ex.step(pid);
      this.transitions++;
    }
    this.record(ex.outcome());
    return [];
  }

  /**
   * Re-run the stack's prefix from a fresh start. A run is deterministic, so a
   * chosen process is always enabled again; if one is not, the machine did not
   * replay (seen once in ~50,000 runs on a heavily loaded host): run it again
   * once, and give up with a clear error if it still differs.
   */
  private replayPrefix(): void {
    for (let attempt = 0; ; attempt++) {
      this.ex.reset();
      let k = 0;
      for (; k < this.stack.length; k++) {
        const node = this.stack[k]!;
        if (!this.ex.enabled().includes(node.chosen)) break;
        node.footprint = this.ex.step(node.chosen);
      }
      if (k === this.stack.length) return;
      this.replayRetries++;
      const what = `step ${k} could not grant slot ${this.stack[k]!.chosen} again (${this.ex.describe?.() ?? ''}; schedule ${this.stack.map((n) => n.chosen).join('')})`;
      if (attempt >= 1) throw new Error(`the run did not replay: ${what}`);
      this.lastRetry = what;
    }
  }

  /** The first grant from a new state: keep the running process if possible (no preemption). */
  private pick(node: Node): number {
    const ok = (q: number) => !node.sleep.has(q) && this.allowed(node, q);
    if (node.last >= 0 && node.enabled.includes(node.last) && ok(node.last)) return node.last;
    for (const q of node.enabled) if (ok(q)) return q;
    return -1;
  }

  private record(outcome: Outcome): void {
    const last = this.stack[this.stack.length - 1];
    this.tally.record(outcome, this.stack.map((n) => n.chosen), last ? last.preemptions + preemptionCost(last, last.chosen) : 0);
  }

  /**
   * Every race in the trace just run adds a backtrack point (see the module
   * comment). `extra` are transitions that were enabled but asleep at its end.
   */
  private addRaces(asleep: Extra[]): void {
    const stack = this.stack;
    const trace: Extra[] = [...stack.map((n, k) => ({ pid: n.chosen, footprint: n.footprint, upTo: k })), ...asleep, ...this.neverRan()];
    const n = trace.length;
    const words = (n + 31) >>> 5;
    const hb: Uint32Array[] = [];
    const has = (set: Uint32Array, i: number) => (set[i >>> 5]! & (1 << (i & 31))) !== 0;
    for (let j = 0; j < n; j++) {
      const tj = trace[j]!;
      const past = new Uint32Array(words);
      const covered = new Uint32Array(words);
      const direct: number[] = [];
      for (let i = 0; i < Math.min(j, tj.upTo); i++) {
        const ti = trace[i]!;
        const same = ti.pid === tj.pid;
        if (!same && !dependent(ti.footprint, tj.footprint)) continue;
        direct.push(i);
        past[i >>> 5]! |= 1 << (i & 31);
        const h = hb[i]!;
        for (let w = 0; w < words; w++) {
          past[w]! |= h[w]!;
          covered[w]! |= h[w]!;
        }
      }
      hb.push(past);
      for (const i of direct) {
        if (trace[i]!.pid === tj.pid || has(covered, i)) continue;
        this.addBacktrack(i, tj.pid);
        if (this.options.bound !== null) {
          let b = i;
          while (b > 0 && stack[b - 1]!.chosen === stack[i]!.chosen) b--;
          if (b !== i) this.addBacktrack(b, tj.pid);
        }
      }
    }
  }

  /**
   * Transitions that were enabled but never ran because a later one disabled
   * them for good (a terminate): Flanagan and Godefroid check every process's
   * next transition at every state, not only those that ran. Each is taken at
   * the last state where it was enabled, with its announced footprint, racing
   * with the transitions up to and including the one that disabled it.
   */
  private neverRan(): Extra[] {
    const stack = this.stack;
    const out: Extra[] = [];
    const seen = new Set<number>();
    for (let m = stack.length - 1; m >= 0; m--) {
      for (const [pid, footprint] of stack[m]!.pending) {
        if (seen.has(pid)) continue;
        seen.add(pid);
        let ran = false;
        for (let k = m; k < stack.length && !ran; k++) ran = stack[k]!.chosen === pid;
        if (!ran) out.push({ pid, footprint, upTo: m + 1 });
      }
    }
    return out;
  }

  private addBacktrack(at: number, pid: number): void {
    const node = this.stack[at]!;
    if (node.enabled.includes(pid)) node.backtrack.add(pid);
    else for (const q of node.enabled) node.backtrack.add(q);
  }

  /** Move to the deepest state with an unexplored, awake, allowed choice. */
  private backtrack(): boolean {
    const stack = this.stack;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (this.useSleep) top.sleep.set(top.chosen, top.footprint);
      for (const q of [...top.backtrack].sort((a, b) => a - b)) {
        if (top.done.has(q) || top.sleep.has(q) || !this.allowed(top, q)) continue;
        top.done.add(q);
        top.chosen = q;
        top.footprint = [];
        return true;
      }
      stack.pop();
    }
    return false;
  }
}

/** Outcomes of many runs: counts per value, violations, deadlocks, the shortest bad schedule. */
export class OutcomeTally {
  runs = 0;
  private violating = 0;
  private deadlocked = 0;
  private longest = 0;
  private shortest: ScheduleInfo | null = null;
  private readonly outcomes = new Map<string, OutcomeCount>();

  record(outcome: Outcome, schedule: number[], preemptions: number): void {
    this.runs++;
    this.longest = Math.max(this.longest, schedule.length);
    const bad = outcome.verdict === 'violated' || outcome.verdict === 'deadlock';
    if (outcome.verdict === 'violated') this.violating++;
    if (outcome.status === 'deadlock') this.deadlocked++;
    let entry = this.outcomes.get(outcome.value);
    if (!entry) this.outcomes.set(outcome.value, (entry = { value: outcome.value, count: 0, bad: 0, verdicts: [], example: schedule }));
    entry.count++;
    if (bad) entry.bad++;
    if (!entry.verdicts.includes(outcome.verdict)) entry.verdicts.push(outcome.verdict);
    if (bad) {
      const s = this.shortest;
      if (!s || preemptions < s.preemptions || (preemptions === s.preemptions && schedule.length < s.schedule.length)) this.shortest = { schedule, preemptions, outcome };
    }
  }

  report(): Pick<SearchProgress, 'explored' | 'violating' | 'deadlocked' | 'outcomes' | 'shortest' | 'longest'> {
    return {
      explored: this.runs,
      violating: this.violating,
      deadlocked: this.deadlocked,
      outcomes: [...this.outcomes.values()].sort((a, b) => compareValues(a.value, b.value)),
      shortest: this.shortest,
      longest: this.longest,
    };
  }
}

/** Numbers in numeric order, then anything else alphabetically. */
export function compareValues(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
