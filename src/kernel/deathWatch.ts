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
