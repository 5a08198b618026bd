/**
 * Calls to a worker that fail as soon as the worker dies, instead of never
 * answering. Each call waiting registers its own rejecter and removes it when
 * it settles, so nothing accumulates over a page's life. (Racing every call
 * against one never-settling "death" promise did: each race left a reaction on
 * it, holding the call's promise and result, for as long as the worker lived;
 * two per run, a page of a thousand runs grew for it.)
 */
export interface DeathWatch {
  /** `call`'s outcome, or a rejection with the worker's death, whichever comes first. */
  untilDeath<R>(call: Promise<R>): Promise<R>;
  /** The worker died: every call still waiting, and every later one, fails with `reason`. */
  die(reason: Error): void;
  /** Calls waiting now (the tests' measure of what is held). */
  readonly waiting: number;
}

export function deathWatch(): DeathWatch {
  const waiting = new Set<(e: Error) => void>();
  let death: Error | null = null;
  return {
    untilDeath<R>(call: Promise<R>): Promise<R> {
      if (death) return Promise.reject(death);
      return new Promise<R>((resolve, reject) => {
        waiting.add(reject);
        call.then(resolve, reject).finally(() => waiting.delete(reject));
      });
    },
    die(reason: Error): void {
      death ??= reason;
      for (const reject of waiting) reject(reason);
      waiting.clear();
    },
    get waiting() {
      return waiting.size;
    },
  };
}

/** The scheduler's worker closed, or died with no error text: the page words it (lab.error.kernelGone). */
export class KernelGone extends Error {
  constructor() {
    super('the kernel worker closed');
    this.name = 'KernelGone';
  }
}

/** Who did not answer in time: a process worker, the scheduler's worker, or a worker asked to take its life lock. */
export type Silent = 'worker' | 'kernel' | 'lifeLock';

/** A worker that did not answer within `ms`: data the page words in its language (the message is for logs and tests). */
export class NoAnswer extends Error {
  constructor(
    readonly who: Silent,
    readonly ms: number,
  ) {
    super(`${who === 'lifeLock' ? 'a worker taking its life lock' : who} did not answer within ${ms} ms`);
    this.name = 'NoAnswer';
  }
}

/** `p`, or a NoAnswer from `who` once `ms` have passed without an answer. */
export function withTimeout<T>(p: Promise<T>, ms: number, who: Silent): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new NoAnswer(who, ms)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** The worker's side of `watchLife`: hold Web Lock `name` for as long as this worker lives; resolves once held. */
export function holdLifeLock(name: string): Promise<void> {
  return new Promise<void>((held) => {
    void navigator.locks.request(name, () => {
      held();
      return new Promise<never>(() => {});
    });
  });
}

/**
 * A worker that closes or is killed fires no event. Asked to (`hold`, its `holdLifeLock`), it holds a Web Lock
 * for as long as it lives; asking for the same lock here queues behind it, so the grant means the worker is
 * gone, and `gone` is called. A worker that does not take the lock within `answerMs` is not watched (its
 * calls report that). Returns what stops the watch (a worker replaced on purpose).
 */
export function watchLife(hold: (name: string) => Promise<void>, gone: () => void, answerMs: number): () => void {
  if (typeof navigator === 'undefined' || !navigator.locks) return () => {};
  const name = `lockstep-life-${crypto.randomUUID()}`;
  const abort = new AbortController();
  void (async () => {
    try {
      await withTimeout(hold(name), answerMs, 'lifeLock');
      await navigator.locks.request(name, { signal: abort.signal }, () => undefined);
    } catch {
      return; // dropped on purpose, or too slow to answer
    }
    gone();
  })();
  return () => abort.abort();
}
