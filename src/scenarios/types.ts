/**
 * The scenario contract. A scenario is a data module: its Python source, the
 * programs that stand for it, its parameters and options, and how to judge a
 * run. The UI, the URL, the kernel and the e2e tests all read the same module.
 */
import type { RunnableScenario } from '../core/process';
import type { ConsoleLine } from '../core/data';
import type { World } from '../core/world';
import type { Lang } from '../i18n/i18n';

/** A numeric parameter, read from the URL by `name`. */
export interface ParamSpec {
  name: string;
  default: number;
  min: number;
  max: number;
  label: Localized;
}

/** An on/off or one-of choice (the lock, a safe form…), read from the URL by `name`. */
export interface OptionSpec {
  name: string;
  values: readonly string[];
  default: string;
  label: Localized;
  /** Labels of each value, when not self-explanatory. */
  valueLabels?: Record<string, Localized>;
}

export type Localized = Record<Lang, string>;

export type ScenarioParams = Record<string, number | string>;

export type Verdict = 'idle' | 'running' | 'ok' | 'violated' | 'deadlock';

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

// Scenarios differ in objects and parameters; the registry holds them side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Scenario<O = any, P extends ScenarioParams = any> extends RunnableScenario<O, P> {
  title: Localized;
  /** Two or three sentences: what to try, what to look for. */
  summary: Localized;
  params: ParamSpec[];
  options: OptionSpec[];
  /** The Python program shown beside the lanes (lines are 1-based, as tagged by `p.at`). */
  python(params: P): string;
  /** Lines that the lock option removes (struck through when the lock is off). */
  lockLines?(params: P): number[];
  /** How many process slots a run may need (main included). */
  maxProcesses(params: P): number;
  /** Judge the run so far (also called while running, for live figures). */
  judge(result: RunResult<O>, params: P): Judgement;
  /** Default run mode for this scenario. */
  defaultMode?: 'step' | 'clock' | 'parallel';
  /** Runs only in this mode (the playground, driven by the page's commands). */
  onlyMode?: 'step' | 'clock' | 'parallel';
  /** Starts by itself once loaded and then waits for the learner's commands. */
  interactive?: boolean;
}
