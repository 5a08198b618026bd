/**
 * What every modal dialog of the page (the tour, the keyboard shortcuts) does with the keyboard: Tab goes
 * round its own controls, and closing puts the focus back where it was.
 */

/**
 * Tab from the last button to the first, Shift+Tab from the first (or the dialog) to the last: a modal dialog
 * lets Tab leave for the browser's own controls, which in a bare window is the page's body.
 */
export function wrapTab(dialog: HTMLElement, e: { key: string; shiftKey: boolean; preventDefault(): void }): void {
  if (e.key !== 'Tab') return;
  const stops = Array.from(dialog.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'));
  const at = document.activeElement;
  const to = e.shiftKey ? (at === stops[0] || at === dialog ? stops.at(-1) : undefined) : at === stops.at(-1) ? stops[0] : undefined;
  if (!to) return;
  e.preventDefault();
  to.focus();
}

/** Where a closing dialog puts the focus: back where it was when it opened, else on `fallback` (never the page's body, where Tab starts again at the top). */
export function focusBack(was: Element | null, fallback: HTMLElement | null): void {
  const back = was instanceof HTMLElement && was !== document.body && was.isConnected ? was : fallback;
  back?.focus();
}
