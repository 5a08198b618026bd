/** Keys a slider (or a radio group) moves itself with. */
const MOVE_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
/** Inputs whose value is typed: every key is theirs. */
const TYPED = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date', 'time', 'datetime-local', 'month', 'week']);

/**
 * Whether the focused control uses `key` itself, so a page's one-key shortcut must leave it alone. A text
 * field, a select or an editor takes every key; a slider only the keys that move it; a checkbox, a switch
 * or a button only Space and Enter. So a learner who just scrubbed the timeline or ticked Turbo can still
 * press R to run or ? for the list, and typing "r" in a field never starts a run. An open dialog (the tour, the
 * shortcuts list) takes every key: the page behind it is inert, and N there stepped the run unseen.
 */
export function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('dialog[open]')) return true;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  const activates = key === ' ' || key === 'Enter';
  if (target instanceof HTMLInputElement) {
    if (TYPED.has(target.type)) return true;
    if (target.type === 'range') return MOVE_KEYS.has(key);
    if (target.type === 'radio') return activates || MOVE_KEYS.has(key);
    return activates; // checkbox, file, button-like inputs
  }
  // A region focused to be scrolled sideways (a wide chart or table on a phone): its arrows scroll it.
  if ((key === 'ArrowLeft' || key === 'ArrowRight') && scrollsSideways(target)) return true;
  return activates && (target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement || target.tagName === 'SUMMARY');
}

function scrollsSideways(el: HTMLElement): boolean {
  if (el.scrollWidth <= el.clientWidth) return false;
  const x = getComputedStyle(el).overflowX;
  return x === 'auto' || x === 'scroll';
}
