import { expect, type Locator, type Page } from '@playwright/test';
import type { LockstepHooks } from '../src/ui/lab/controllerInstance';

/** Call a test hook of the page (`window.__lockstep`). */
export function hook<K extends keyof LockstepHooks>(page: Page, name: K, ...args: Parameters<LockstepHooks[K]>): Promise<Awaited<ReturnType<LockstepHooks[K]>>> {
  return page.evaluate(
    ([n, a]) => {
      const hooks = window.__lockstep as unknown as Record<string, (...x: unknown[]) => unknown>;
      return hooks[n]!(...a);
    },
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<LockstepHooks[K]>>>;
}

/** The process lab as a person sees it: roles and labels only. */
export class LabPage {
  readonly status: Locator;
  readonly outcome: Locator;
  readonly console: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByRole('status');
    this.outcome = page.getByRole('region', { name: 'Outcome' });
    this.console = page.getByRole('region', { name: 'Console' });
  }

  /** The status text of a fresh run. */
  static readonly READY = 'Ready. Step or run to start.';

  /** Open the lab at `query` and wait until it can run (`timeout`: longer for a hundred workers to start). */
  async open(query: string, timeout?: number): Promise<void> {
    await this.page.goto(`/?${query}`);
    await expect(this.button('Reset')).toBeVisible();
    await expect(this.status).toHaveAttribute('data-verdict', 'idle');
    await expect(this.button('Run')).toBeEnabled({ timeout });
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  verdict(): Promise<string | null> {
    return this.status.getAttribute('data-verdict');
  }

  /**
   * Press "Step" until the run has a final verdict. The presses come from inside the page, each as soon
   * as the last one showed (the page's text changed: lanes, narration, console), as fast as the page takes
   * them: driven from here, every step cost several protocol round trips (read the verdict, check the
   * button, click), seconds a step on a loaded machine, and a run of a hundred steps outlasted the test.
   * A press that changed nothing (the run is at its end, or the step is slow to show) is followed by ten
   * quiet frames before the next: while a press's step is under way the page judges no verdict, so
   * pressing every frame at the end of a run, with each step's round trip longer than a frame on a loaded
   * machine, kept the verdict from ever showing in 3 of 12 fast-stepped runs here (60 s, ~2,900 presses).
   */
  async stepToEnd(max = 2000): Promise<string> {
    let pressed = 0;
    // A handle goes stale if React replaces the element: then take them again and go on.
    for (let attempt = 0; attempt < 10 && pressed < max; attempt++) {
      const [button, status] = await Promise.all([this.button('Step').elementHandle(), this.status.elementHandle()]);
      const r = await this.page.evaluate(
        async ([button, status, left]) => {
          const QUIET_FRAMES = 10;
          let changed = false;
          const watch = new MutationObserver(() => (changed = true));
          watch.observe(document.body, { subtree: true, childList: true, characterData: true });
          try {
            let n = 0;
            let quiet = QUIET_FRAMES;
            while (n < left && button.isConnected && status.isConnected) {
              const v = status.getAttribute('data-verdict') ?? '';
              if (v === 'ok' || v === 'violated' || v === 'deadlock') return { verdict: v, n };
              if (!(button as HTMLButtonElement).disabled && (changed || quiet >= QUIET_FRAMES)) {
                (button as HTMLButtonElement).click();
                n++;
                changed = false;
                quiet = 0;
              } else quiet++;
              await new Promise(requestAnimationFrame);
            }
            return { verdict: null, n };
          } finally {
            watch.disconnect();
          }
        },
        [button, status, max - pressed] as const,
      );
      if (r.verdict) return r.verdict;
      pressed += r.n;
    }
    throw new Error('no verdict after stepping');
  }

  /** Run a scheduled scenario to its verdict with the clock mode in turbo (deterministic, fast); `openTimeout` as open's. */
  async runClock(query: string, openTimeout?: number): Promise<string> {
    await this.open(`${query}&mode=clock&turbo=on&seed=5`, openTimeout);
    await this.button('Run').click();
    return this.waitForVerdict();
  }

  async waitForVerdict(timeout = 60_000): Promise<string> {
    await expect(this.status).toHaveAttribute('data-verdict', /^(ok|violated|deadlock)$/, { timeout });
    return (await this.verdict())!;
  }

  /** The description of figure `term` in the Outcome region. */
  async figure(term: string): Promise<string> {
    const dt = this.outcome.locator('dt', { hasText: new RegExp(`^${term}$`) });
    return (await dt.locator('xpath=following-sibling::dd[1]').textContent()) ?? '';
  }

  async consoleText(): Promise<string[]> {
    return this.console.locator('li').allTextContents();
  }
}
