import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/**
 * axe-core's serious and critical violations on the page as it is now, one line each
 * (rule, help, the first few elements). Waits until no animation runs, so axe judges
 * what stays on screen, not a fade-in caught half way (a new file content fades in from 40 %).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Three frames in a row with no running animation: one quiet moment can fall between a card's mount
  // and the start of its fade (motion starts it on a later frame), and axe then read 40 % text.
  const running = await page.evaluate(async () => {
    // motion may drive a fade from script (an inline opacity below 1, no Web Animation): count that too.
    const fading = () => Array.from(document.querySelectorAll<HTMLElement>('[style*="opacity"]')).filter((el) => el.style.opacity !== '' && Number(el.style.opacity) < 1 && !el.closest('[aria-hidden="true"]')).length;
    const count = () => document.getAnimations().filter((a) => a.playState === 'running').length + fading();
    for (let calm = 0, frames = 0; calm < 10 && frames < 600; frames++) {
      await new Promise(requestAnimationFrame);
      calm = count() > 0 ? 0 : calm + 1;
    }
    return count();
  });
  expect(running, 'animations still running after 600 frames').toBe(0);
  return serious(await axe(page).analyze());
}

/**
 * axe-core on `page`, run the cheap way; the violations are the same. The default (runPartial) serializes every
 * checked node of every rule, passes included (a CSS selector each), sends that JSON to a blank page it opens and
 * runs finishRun there: 1.5-2.9 CPU-s per analyze of a stepped lab page at load 17-22, against 0.46-0.71 s here. The
 * app has no iframes, the one thing legacy mode (axe.run in the page) checks differently, and resultTypes only trims
 * the passes, incomplete and inapplicable lists to one node each. e2e/a11y.spec.ts checks both ways agree.
 */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
}

/** The serious and critical violations in `results`, one line each (rule, help, the first few elements). */
export function serious(results: AxeResults): string[] {
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${colours(n.any[0]?.data)}`).join(' | ')}`);
}

/** A contrast failure's colours and ratio, so the message says what to change. */
function colours(data: unknown): string {
  const d = data as { fgColor?: string; bgColor?: string; contrastRatio?: number } | null | undefined;
  return d?.contrastRatio ? ` (${d.fgColor} on ${d.bgColor}: ${d.contrastRatio})` : '';
}

/** Every language with every colour scheme: the variants the axe specs check. */
export const VARIANTS = [
  { lang: 'en', scheme: 'light' },
  { lang: 'zh', scheme: 'light' },
  { lang: 'en', scheme: 'dark' },
  { lang: 'zh', scheme: 'dark' },
] as const;
