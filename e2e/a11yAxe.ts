import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

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
  const results = await new AxeBuilder({ page }).analyze();
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
