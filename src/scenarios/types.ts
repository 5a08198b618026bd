/**
 * The scenario contract. A scenario is a data module: its Python source, the
 * programs that stand for it, its parameters and options, and how to judge a
 * run. The UI, the URL, the kernel and the e2e tests all read the same module.
 */
import type { RunnableScenario } from '../core/process';
import type { ConsoleLine } from '../core/data';
import type { World } from '../core/world';
import type { Mailbox } from '../core/mailbox';
import type { Lang } from '../i18n/i18n';
import type { Topic } from './topics';
import type { Challenge } from './challenges';

/** A numeric parameter, read from the URL by `name`. */
export interface ParamSpec {
  name: string;
  default: number;
  min: number;
  max: number;
  label: Localized;
  /**
   * Applies only when these options have these values (`{ case: 'philosophers' }`): the form hides
   * it otherwise, and a URL value for it is then ignored (no notice), not an error.
   */
  when?: Readonly<Record<string, string>>;
}

/** An on/off or one-of choice (the lock, a safe form…), read from the URL by `name`. */
export interface OptionSpec {
  name: string;
  values: readonly string[];
  default: string;
  label: Localized;
  /** Labels of each value, when not self-explanatory. */
  valueLabels?: Record<string, Localized>;
  /** An `on`/`off` option drawn as a switch named by its label, with a sentence for each state (the race lab's Lock). */
  switch?: { on: Localized; off: Localized };
}

export type Localized = Record<Lang, string>;

export type ScenarioParams = Record<string, number | string>;

/** `error`: a process of the learner's own program ended with an uncaught exception (the Python lab). */
export type Verdict = 'idle' | 'running' | 'ok' | 'violated' | 'deadlock' | 'error';

/** One figure of the "Outcome" region (a dt/dd pair). `key` is its English name, the contract. */
export interface Figure {
  key: string;
  label: Localized;
  value: string | number;
}

/** A process as the judge sees it at the end. */
export interface ProcSummary {
  pid: number;
  name: string;
  state: string;
  exitcode: number | null;
  error: string | null;
  blockedOn: number;
}

/** What a run left behind, for the judge. */
export interface RunResult<O> {
  objs: O;
  world: World;
  console: ConsoleLine[];
  procs: ProcSummary[];
  /** 'finished' | 'deadlock' | 'running' (a live run or a paused one). */
  status: 'running' | 'finished' | 'deadlock';
  /** Per queue/pipe object id: how many times each item serial was got. */
  takes: Map<number, Map<number, number>>;
  /** Per queue/pipe object id: serials put. */
  puts: Map<number, number[]>;
}

export interface Judgement {
  verdict: Verdict;
  /** One sentence, in both languages. */
  explanation: Localized;
  figures: Figure[];
}

/**
 * A scenario the learner drives with commands (buttons in its own panel): the
 * page posts a command `C` to process number `to` through that process's
 * Mailbox, never blocking; the process takes it with a blocking op. The page
 * side is a `CommandPort<C>` (src/lab/commandPort.ts); the panel is registered
 * in src/ui/lab/panels.ts.
 */
export interface Commands<O, C> {
  /** The mailbox of each process the page may command, by number. */
  inboxes(objs: O): readonly Mailbox[];
  /** Only for the type: what a command looks like. */
  readonly command?: C;
}

// Scenarios differ in objects and parameters; the registry holds them side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Scenario<O = any, P extends ScenarioParams = any, C = any> extends RunnableScenario<O, P> {
  title: Localized;
  /** Two or three sentences: what to try, what to look for. */
  summary: Localized;
  /** Where the start page lists it; `topicOf` gives the default ('processes'). */
  topic?: Topic;
  /** One line that makes a newcomer want to open it (the start page); `hookOf` falls back to the summary's first sentence. */
  hook?: Localized;
  /** Goals checked from the run itself (src/scenarios/challenges.ts). */
  challenges?: Challenge[];
  params: ParamSpec[];
  options: OptionSpec[];
  /** The Python program shown beside the lanes (lines are 1-based, as tagged by `p.at`). */
  python(params: P): string;
  /** Lines of the Python source that these params take out of the program (struck through, e.g. the lock's with the lock off). */
  struckLines?(params: P): number[];
  /**
   * How many times faster than the engine's pacing a Run at 1× goes (default 1), so that Run at 1×
   * in the default mode ends in about 10–20 s (a long scenario, e.g. the bank's 613 ops, otherwise takes minutes).
   * Step and clock mode only: parallel sleeps are real time over the learner's speed (`effectivePace`).
   */
  pace?: number;
  /** How many process slots a run may need (main included). */
  maxProcesses(params: P): number;
  /** Judge the run so far (also called while running, for live figures). */
  judge(result: RunResult<O>, params: P): Judgement;
  /**
   * The judge's verdict and figures do not depend on the order of console lines from different processes
   * (it reads none, or counts them), and the console has room for every line a run prints. The schedule
   * explorer then lets prints commute: two schedules that differ only in the order of their lines are one
   * (src/explore/footprint.ts). `printsCommute.test.ts` checks the judges with the lines shuffled.
   */
  printsCommute?: boolean;
  /** Default run mode for this scenario. */
  defaultMode?: 'step' | 'clock' | 'parallel';
  /** Runs only in this mode (the playground, driven by the page's commands). */
  onlyMode?: 'step' | 'clock' | 'parallel';
  /**
   * Turbo is not offered, and this says why (shown under the greyed-out switch): a scenario paced by the
   * learner's own clicks, whose child would end before the first one if its sleeps were skipped.
   */
  noTurbo?: Localized;
  /** Driven by the learner's commands: it starts by itself once loaded and then waits for them. */
  commands?: Commands<O, C>;
}
