/**
 * Helpers the scenario modules share: line maps from source markers, the
 * on/off option labels and the lock option, Python exceptions, start/join
 * loops, and the judging fragments (item-balance figures, who is stuck on
 * what, the deadlock sentence).
 */
import { pidLabel } from '../core/pid';
import { PyError } from '../core/errors';
import { EVENT_KINDS } from '../core/events';
import { PROCESS_OBJ_BASE, S, type Memory } from '../core/layout';
import { Mailbox } from '../core/mailbox';
import type { Child } from '../core/process';
import type { itemBalance } from './result';
import type { Figure, Judgement, Localized, OptionSpec, RunResult, Verdict } from './types';

// ---- Python source ----

/** 1-based line of the one line of `src` containing each marker; throws when a marker is missing or ambiguous. */
export function lineMap<K extends string>(src: string, marks: Record<K, string>): Record<K, number> {
  const lines = src.split('\n');
  const out = {} as Record<K, number>;
  for (const k of Object.keys(marks) as K[]) {
    const hits = lines.flatMap((l, i) => (l.includes(marks[k]) ? [i + 1] : []));
    if (hits.length !== 1) throw new Error(`line marker "${marks[k]}" found ${hits.length} times`);
    out[k] = hits[0]!;
  }
  return out;
}

/** Memoize a per-params line map on a key (the option values that change the source). */
export function memoLines<P, K extends string>(source: (p: P) => string, key: (p: P) => string, marks: (p: P) => Record<K, string>): (p: P) => Record<K, number> {
  const cache = new Map<string, Record<K, number>>();
  return (p) => {
    const k = key(p);
    let m = cache.get(k);
    if (!m) cache.set(k, (m = lineMap(source(p), marks(p))));
    return m;
  };
}

export const pyBool = (on: boolean) => (on ? 'True' : 'False');

/** True when `e` is the Python exception `name` (anything else, an Unwind included, must be rethrown). */
export function isPy(e: unknown, name: PyError['pyName']): e is PyError {
  return e instanceof PyError && e.pyName === name;
}

// ---- options ----

export const onOff = { off: { en: 'off', zh: '关' }, on: { en: 'on', zh: '开' } };

/** The race lab's lock switch (on by default). */
export const lockOption: OptionSpec = {
  name: 'lock',
  values: ['on', 'off'],
  default: 'on',
  label: { en: 'Lock', zh: '锁' },
  valueLabels: onOff,
  switch: {
    on: { en: 'The lock guards the critical section', zh: '锁保护着临界区' },
    off: { en: 'No lock: the critical section is open', zh: '没有锁：临界区是敞开的' },
  },
};

/** The `struckLines` of a scenario whose lock option removes two lines: with the lock off, its acquire and release lines are struck through. */
export function struckWithoutLock(line: { acquire: number; release: number }): (params: { lock?: number | string }) => number[] {
  return (params) => (params.lock === 'off' ? [line.acquire, line.release] : []);
}

// ---- programs ----

type At = { at(line: number): unknown };

/** Python's `for p in procs: p.start()`, each start tagged with `line`. */
export function startEach(p: At, procs: readonly Child[], line: number): void {
  for (const c of procs) {
    p.at(line);
    c.start();
  }
}

/** Python's `for p in procs: p.join()`, each join tagged with `line`. */
export function joinEach(p: At, procs: readonly Child[], line: number): void {
  for (const c of procs) {
    p.at(line);
    c.join();
  }
}

/**
 * The sentinel pattern's main: start the producers and then the consumers, join the producers,
 * put `sentinels` Nones (one per consumer stops them all), join the consumers; each step tagged with its line.
 */
export function producersThenSentinels(
  p: At,
  q: { put(item: null): unknown },
  producers: readonly Child[],
  consumers: readonly Child[],
  sentinels: number,
  line: { start: number; joinProducer: number; putNone: number; joinConsumer: number },
): void {
  startEach(p, [...producers, ...consumers], line.start);
  joinEach(p, producers, line.joinProducer);
  for (let k = 0; k < sentinels; k++) {
    p.at(line.putNone);
    q.put(null);
  }
  joinEach(p, consumers, line.joinConsumer);
}

/**
 * The lock option's effect on a critical section: when `on`, `body` runs
 * between `lock.acquire()` and `lock.release()`, each tagged with its line;
 * otherwise bare. (No finally: like the Python, a raise skips the release.)
 */
export function lockedIf(p: At, lock: { acquire(): unknown; release(): void }, on: boolean, at: { acquire: number; release: number }, body: () => void): void {
  if (on) {
    p.at(at.acquire);
    lock.acquire();
  }
  body();
  if (on) {
    p.at(at.release);
    lock.release();
  }
}

/**
 * The unlisted `script` parameter of a scenario driven by commands (tests and demos): post built-in
 * command list number `script` (1-based; 0 or absent: none), each command to the mailbox `to(cmd)`.
 * It stands for the learner's clicks: posted before anyone runs, not a Python op.
 */
export function postScript<T>(p: { params: Record<string, unknown>; world: { mem: Memory } }, scripts: readonly (readonly T[])[], to: (cmd: T) => Mailbox, command: (cmd: T) => unknown = (c) => c): void {
  const script = scripts[Number(p.params['script'] ?? 0) - 1];
  if (script) for (const cmd of script) Mailbox.post(p.world.mem, to(cmd).info, command(cmd));
}

// ---- judging ----

export const NOBODY_MOVES: Localized = { en: 'Nobody can move.', zh: '没有进程能继续。' };

/** `say(verdict, en, zh)`: a judgement over fixed figures. */
export function sayWith(figures: Figure[]): (verdict: Verdict, en: string, zh: string) => Judgement {
  return (verdict, en, zh) => ({ verdict, figures, explanation: { en, zh } });
}

export interface WaitingCall {
  pid: number;
  name: string;
  /** The call it waits in, e.g. `q.get()` or `buyer-4.join()`. */
  call: string;
}

/** Processes blocked right now, and the call each waits in. */
export function stuckProcs(result: Pick<RunResult<unknown>, 'procs' | 'world'>): WaitingCall[] {
  const out: WaitingCall[] = [];
  for (const pr of result.procs) {
    if (pr.state !== 'blocked' || pr.blockedOn < 0) continue;
    let call: string;
    if (pr.blockedOn >= PROCESS_OBJ_BASE) {
      const child = result.procs.find((c) => c.pid === pr.blockedOn - PROCESS_OBJ_BASE);
      call = `${child?.name ?? pidLabel(pr.blockedOn - PROCESS_OBJ_BASE)}.join()`;
    } else {
      const obj = result.world.objects[pr.blockedOn]?.name ?? `object ${pr.blockedOn}`;
      const kind = EVENT_KINDS[result.world.mem.load(pr.pid, S.opKind)];
      const method = kind === 'qjoin' ? 'join' : (kind ?? 'wait');
      call = `${obj}.${method}()`;
    }
    out.push({ pid: pr.pid, name: pr.name, call });
  }
  return out;
}

/** "buyer-4 waits in q.get(), MainProcess waits in buyer-4.join()" in both languages. */
export function stuckPhrase(stuck: WaitingCall[]): Localized {
  return {
    en: stuck.map((s) => `${s.name} waits in ${s.call}`).join(', '),
    zh: stuck.map((s) => `${s.name} 卡在 ${s.call}`).join('，'),
  };
}

export type Balance = ReturnType<typeof itemBalance>;

/**
 * The item figures. While the run goes on, an item put and not yet taken is in flight (it may still
 * be taken), not lost: `running` counts it apart, so Lost never reads 1 and then 0 again.
 */
export function balanceFigures(b: Balance, stillBlocked?: number, running = false): Figure[] {
  const f: Figure[] = [
    { key: 'Produced', label: { en: 'Produced', zh: '已生产' }, value: b.produced },
    { key: 'Consumed', label: { en: 'Consumed', zh: '已消费' }, value: b.consumed },
    { key: 'In flight', label: { en: 'In flight', zh: '在途' }, value: running ? b.lost : 0 },
    { key: 'Lost', label: { en: 'Lost', zh: '丢失' }, value: running ? 0 : b.lost },
    { key: 'Duplicated', label: { en: 'Duplicated', zh: '重复' }, value: b.duplicated },
  ];
  if (stillBlocked !== undefined) f.push({ key: 'Still blocked', label: { en: 'Still blocked', zh: '仍在阻塞' }, value: stillBlocked });
  return f;
}

/** The judgement of a deadlocked run: who waits in what. */
export function deadlockJudgement(result: Pick<RunResult<unknown>, 'procs' | 'world'>, figures: Figure[], why: Localized): Judgement {
  const who = stuckPhrase(stuckProcs(result));
  return { verdict: 'deadlock', figures, explanation: { en: `Deadlock: ${who.en}. ${why.en}`, zh: `死锁：${who.zh}。${why.zh}` } };
}

/**
 * What a queue scenario's judge starts from: the balance `b`, who is stuck, the
 * balance figures (with "Still blocked" when `stillBlocked`, then `extra`), a
 * `say` over them and the deadlock judgement for a `why`.
 */
export function queueJudging(result: Pick<RunResult<unknown>, 'procs' | 'world' | 'status'>, b: Balance, stillBlocked: boolean, extra: Figure[] = []) {
  const stuck = stuckProcs(result);
  const figures = [...balanceFigures(b, stillBlocked ? stuck.length : undefined, result.status === 'running'), ...extra];
  return { b, stuck, figures, say: sayWith(figures), deadlock: (why: Localized) => deadlockJudgement(result, figures, why) };
}
