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
 * Delay bound (Emmi, Qadeer and Rakamarić, POPL 2011): a deterministic
 * scheduler, round robin without preemption (the process that ran goes on while
 * it can, else the next pid after it that can), and a delay skips one process
 * it would have picked; schedules with more than d delays are not run. With
 * many similar processes this fits better than a preemption bound: bound 0 is
 * one schedule and bound d about steps^d / d!, where preemption bound 0 already
 * orders whole processes every way (n! for n clients). Delay-bounded searches
 * enumerate every schedule within the bound (no race backtracking) and count
 * each trace once (traceKey).
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
  /** At most this many delays per schedule (see the module comment); null or absent: no delay bound. */
  delays?: number | null;
  /** Stop after this many schedules (the result says it is not complete). */
  maxSchedules?: number;
  /** An execution longer than this ends the search, not complete (too big to explore, or a livelock). */
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
  /** Why a search that is done is not complete: the cap (schedules or time), or a run over the step limit. */
  stopped: 'cap' | 'long' | null;
  /** Executions run again at a higher bound of an iterative search, not counted a second time. */
  repeated: number;
  /** Every schedule with at most this many preemptions (or delays: `boundKind`) is covered (an iterative search); -1: none yet. */
  coveredUpTo: number;
  /** The bound the search explores now (an iterative search: the level it is at). */
  level: number | null;
  /** What `coveredUpTo` and `level` count. */
  boundKind: BoundKind;
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
  /** Preemptions and delays spent before this state, and the pid that ran into it (-1 at the start). */
  preemptions: number;
  delays: number;
  last: number;
  /** The announced footprint of each enabled process here (reduction only). */
  pending: Map<number, Access[]>;
}

/** A run longer than this ends an exploration (SearchProgress.stopped 'long'). */
export const MAX_EXPLORE_STEPS = 5000;

/** A transition for race detection; it may race with transitions before index `upTo`. */
interface Extra {
  pid: number;
  footprint: Access[];
  upTo: number;
}

export type BoundKind = 'preemptions' | 'delays';

/** The round-robin scheduler's pick: the process that ran if it can go on, else the next enabled pid after it (cyclic). */
function roundRobin(node: { last: number; enabled: readonly number[] }): number {
  const { last, enabled } = node;
  if (enabled.includes(last)) return last;
  return enabled.find((q) => q > last) ?? enabled[0]!;
}

/** Delays a grant costs: how many enabled processes round robin skips, from its own pick, to reach `pid`. */
export function delayCost(node: { last: number; enabled: readonly number[] }, pid: number): number {
  const n = node.enabled.length;
  return (node.enabled.indexOf(pid) - node.enabled.indexOf(roundRobin(node)) + n) % n;
}

/** A delay-bounded search's choices at a state: the delays, fewest skipped first, then round robin's pick. */
function delayOrder(node: { last: number; enabled: readonly number[] }): number[] {
  const { enabled } = node;
  const rr = enabled.indexOf(roundRobin(node));
  return Array.from({ length: enabled.length }, (_, k) => enabled[(rr + 1 + k) % enabled.length]!);
}

/** Count a schedule's preemptions: switches away from a process that was still enabled. */
export function preemptionCost(node: { last: number; enabled: readonly number[] }, pid: number): number {
  return node.last >= 0 && pid !== node.last && node.enabled.includes(node.last) ? 1 : 0;
}

export class Search {
  private readonly stack: Node[] = [];
  private readonly useSleep: boolean;
  /** Race backtracking (DPOR); off without reduction and under a delay bound, which enumerate. */
  private readonly races: boolean;
  private readonly delayBound: number | null;
  private readonly maxSteps: number;
  private redundant = 0;
  private transitions = 0;
  private repeated = 0;
  private runs = 0;
  private stoppedBy: 'cap' | 'long' | null = null;
  /** The bound kept the search from a choice it would have made: a higher bound explores more. */
  boundHit = false;
  /** Prefix replays that had to be repeated (see replayPrefix). */
  replayRetries = 0;
  lastRetry = '';
  private cut = false;
  private finished = false;

  /**
   * `tally` may be shared: an iterative search counts every level in one. `seen` holds the traces
   * counted so far (traceKey): an execution equivalent to one of them runs but is not counted again.
   * Without reduction a key names one schedule. Bounded searches have no sleep sets and may run
   * equivalent executions; unbounded reduction never does.
   */
  constructor(
    private readonly ex: Executor,
    readonly options: SearchOptions,
    private readonly tally = new OutcomeTally(),
    private readonly seen: Set<string> | null = options.reduction && (options.bound !== null || options.delays != null) ? new Set() : null,
  ) {
    this.delayBound = options.delays ?? null;
    this.races = options.reduction && this.delayBound === null;
    this.useSleep = this.races && options.bound === null;
    this.maxSteps = options.maxSteps ?? MAX_EXPLORE_STEPS;
  }

  /** Executions this search ran to their end: counted, plus those repeated from a lower bound (the tally may hold other searches' too). */
  get executions(): number {
    return this.runs;
  }

  get done(): boolean {
    return this.finished;
  }

  /** End the search here (a time cap): the result says it is not complete. */
  stop(): void {
    if (this.finished) return;
    this.cut = true;
    this.stoppedBy = 'cap';
    this.finished = true;
  }

  /** Run one execution and pick the next; false once the search is over. */
  next(): boolean {
    if (this.finished) return false;
    if (this.options.maxSchedules !== undefined && this.executions >= this.options.maxSchedules) {
      this.stop();
      return false;
    }
    const asleepAtEnd = this.execute();
    if (this.finished) return false;
    if (this.races) this.addRaces(asleepAtEnd);
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
      stopped: this.finished ? this.stoppedBy : null,
      repeated: this.repeated,
      coveredUpTo: this.finished && !this.cut ? (this.delayBound ?? this.options.bound ?? -1) : -1,
      level: this.delayBound ?? this.options.bound,
      boundKind: this.delayBound === null ? 'preemptions' : 'delays',
    };
  }

  private allowed(node: Node, pid: number): boolean {
    const { bound } = this.options;
    const ok = (bound === null || node.preemptions + preemptionCost(node, pid) <= bound) && (this.delayBound === null || node.delays + delayCost(node, pid) <= this.delayBound);
    if (!ok) this.boundHit = true;
    return ok;
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
        // Every schedule shares this run's length or near it: the rest would be cut too, for minutes.
        this.cut = true;
        this.finished = true;
        this.stoppedBy = 'long';
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
        delays: parent ? parent.delays + delayCost(parent, parent.chosen) : 0,
        last: parent ? parent.chosen : -1,
        pending: new Map(),
      };
      if (this.races && ex.pending) for (const q of enabled) node.pending.set(q, ex.pending(q));
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
      if (this.races) node.backtrack.add(pid);
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

  /**
   * The first grant from a new state: keep the running process if possible (no preemption). Under a
   * delay bound, a delay first while the budget allows (round robin's own pick last): the depth-first
   * search then tries the earliest delays first, not those at the end of the run (bank n=100: the lost
   * update needs a delay in the withdrawer's block, which the last-first order reached at run 302).
   */
  private pick(node: Node): number {
    const ok = (q: number) => !node.sleep.has(q) && this.allowed(node, q);
    if (this.delayBound !== null) return delayOrder(node).find(ok) ?? -1;
    if (node.last >= 0 && node.enabled.includes(node.last) && ok(node.last)) return node.last;
    for (const q of node.enabled) if (ok(q)) return q;
    return -1;
  }

  private record(outcome: Outcome): void {
    const last = this.stack[this.stack.length - 1];
    const preemptions = last ? last.preemptions + preemptionCost(last, last.chosen) : 0;
    this.runs++;
    const pids = this.stack.map((n) => n.chosen);
    const key = () => (this.options.reduction ? traceKey(pids, this.stack.map((n) => n.footprint)) : scheduleKey(pids));
    if (this.seen && !fresh(this.seen, key())) this.repeated++;
    else this.tally.record(outcome, pids, preemptions);
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
      for (const q of this.delayBound !== null ? delayOrder(top) : [...top.backtrack].sort((a, b) => a - b)) {
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

/** One level of an iterative search: a bound on delays or on preemptions, or null (no bound). */
export type Level = { delays: number } | { preemptions: number } | null;

/**
 * Iterative bounding (CHESS's iterative context bounding, Musuvathi and Qadeer 2007, with delays in
 * place of preemptions), then the full search: every schedule with at most 0 delays (one), then at
 * most 1, then without a bound (DPOR with sleep sets), stopping early at a level the bound never
 * pruned (it covered every schedule). The races that need one switch, the usual ones, come first,
 * and a stop at the cap still proves something: every schedule with at most `coveredUpTo` delays is
 * covered. A plain depth-first search spends its cap reordering the end of the run instead
 * (search.test.ts: 253 schedules before its first lost update). Delays, not preemptions: preemption
 * bound 0 alone orders whole processes every way (tickets, 10 clients: 10! orders, never finished), where
 * delay bound d runs about steps^d / d! schedules (tickets, 10 clients: the double sale at schedule 16).
 * No delay-2 level: about steps^2 / 2 runs that the full search mostly runs again (bank n=2 with the lock
 * took 148 runs to its proof with it, 33 without; tickets 3 clients with the lock 1,286 and 901).
 * Each execution is counted once across the levels (its trace key, or its schedule without reduction);
 * `repeated` says how many ran again.
 */
export class IterativeSearch {
  private readonly tally = new OutcomeTally();
  private readonly seen = new Set<string>();
  private search: Search;
  /** Index into `levels`. */
  private at = 0;
  private coveredUpTo = -1;
  /** Totals of the finished levels. */
  private past = { redundant: 0, transitions: 0, repeated: 0, executions: 0 };
  private finished = false;

  constructor(
    private readonly ex: Executor,
    readonly options: Omit<SearchOptions, 'bound' | 'delays'>,
    private readonly levels: readonly Level[] = [{ delays: 0 }, { delays: 1 }, null],
  ) {
    this.search = this.start();
  }

  private get level(): Level {
    return this.levels[this.at] ?? null;
  }

  private start(): Search {
    const max = this.options.maxSchedules;
    const level = this.level;
    const bound = level && 'preemptions' in level ? level.preemptions : null;
    const delays = level && 'delays' in level ? level.delays : null;
    return new Search(this.ex, { ...this.options, bound, delays, maxSchedules: max === undefined ? undefined : max - this.past.executions }, this.tally, this.seen);
  }

  get done(): boolean {
    return this.finished;
  }

  stop(): void {
    this.search.stop();
    this.finished = true;
  }

  next(): boolean {
    if (this.finished) return false;
    if (this.search.next()) return true;
    const p = this.search.progress();
    if (!p.complete || this.level === null || !this.search.boundHit) {
      if (p.complete && this.level !== null) this.coveredUpTo = p.coveredUpTo;
      this.finished = true;
      return false;
    }
    this.coveredUpTo = p.coveredUpTo;
    this.past = { redundant: this.past.redundant + p.redundant, transitions: this.past.transitions + p.transitions, repeated: this.past.repeated + p.repeated, executions: this.past.executions + this.search.executions };
    this.at++;
    this.search = this.start();
    return true;
  }

  runAll(): SearchProgress {
    while (this.next());
    return this.progress();
  }

  /** What coveredUpTo and level count: the last bounded level's kind, also once the full search runs. */
  private boundKind(): BoundKind {
    const last = this.levels.slice(0, this.at + 1).findLast((l) => l !== null);
    return last && 'delays' in last ? 'delays' : 'preemptions';
  }

  progress(): SearchProgress {
    const p = this.search.progress();
    const level = this.level;
    return {
      ...p,
      redundant: this.past.redundant + p.redundant,
      transitions: this.past.transitions + p.transitions,
      repeated: this.past.repeated + p.repeated,
      done: this.finished,
      complete: this.finished && p.complete,
      stopped: this.finished ? p.stopped : null,
      coveredUpTo: this.coveredUpTo,
      level: level === null ? null : 'delays' in level ? level.delays : level.preemptions,
      boundKind: this.boundKind(),
    };
  }
}

/** A name for one schedule (brute force counts schedules, not traces), hashed as traceKey's. */
export function scheduleKey(pids: readonly number[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const pid of pids) [h1, h2] = mix(h1, h2, pid);
  return `${pids.length}:${h1.toString(36)}:${h2.toString(36)}`;
}

function mix(h1: number, h2: number, pid: number): [number, number] {
  h1 = Math.imul(h1 ^ pid, 0x01000193) >>> 0;
  h2 = Math.imul(h2 ^ (pid + 0x9e37), 0x5bd1e995) >>> 0;
  return [h1, (h2 ^ (h2 >>> 15)) >>> 0];
}

const fresh = (set: Set<string>, key: string): boolean => !set.has(key) && !!set.add(key);

/**
 * A name for an execution's Mazurkiewicz trace: the same for two executions that differ only in the
 * order of independent transitions. It is the trace's lexicographically least schedule (at each step
 * the lowest pid whose next transition has nothing dependent left before it), hashed to 64 bits so that
 * 50,000 long runs fit in memory (a collision among 50,000 keys: about 1 in 10^10).
 */
export function traceKey(pids: readonly number[], footprints: readonly Access[][]): string {
  const n = pids.length;
  const need = new Int32Array(n);
  const after: number[][] = Array.from({ length: n }, () => []);
  const lastOf = new Map<number, number>();
  for (let j = 0; j < n; j++) {
    const prev = lastOf.get(pids[j]!);
    for (let i = 0; i < j; i++) {
      if (i === prev || (pids[i] !== pids[j] && dependent(footprints[i]!, footprints[j]!))) {
        after[i]!.push(j);
        need[j]!++;
      }
    }
    lastOf.set(pids[j]!, j);
  }
  // The ready transitions, at most one per process (its earliest not yet taken).
  const ready: number[] = [];
  for (let j = 0; j < n; j++) if (need[j] === 0) ready.push(j);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let k = 0; k < n; k++) {
    let best = 0;
    for (let r = 1; r < ready.length; r++) if (pids[ready[r]!]! < pids[ready[best]!]!) best = r;
    const j = ready[best]!;
    ready[best] = ready[ready.length - 1]!;
    ready.pop();
    [h1, h2] = mix(h1, h2, pids[j]!);
    for (const m of after[j]!) if (--need[m]! === 0) ready.push(m);
  }
  return `${n}:${h1.toString(36)}:${h2.toString(36)}`;
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
