/**
 * One watch over the whole page for a pressed button that disables itself (Run while the run goes, the last
 * Step, the Python lab's Stop, the CPU lab's End, Timeline's Live) or goes (Explore's Cancel, a job's Remove):
 * the browser then drops the keyboard focus on the page's body and a keyboard or screen-reader user loses
 * their place. After each change of the page (a MutationObserver: disabled, aria-disabled, nodes added or
 * removed), if that happened to the button that had the focus, the focus moves to the nearest control that
 * still works (a button, a slider or a box: Timeline's Live gives it to its slider), in the smallest part of
 * the page around it that has one: the one before it first (Pause gives it back to Run, Stop to Reset), else
 * the one after (Run gives it to Pause, the last Step to Undo). A button that appears while the pressed one is disabled
 * (Explore's Cancel) takes the focus too, and gives it back when it goes, pressed or not. The moves never
 * scroll: a mouse user who scrolled away while a search ran must not be pulled back to it. Mounted once, by
 * the App, so that no button can be forgotten. A button may name the control that comes next
 * (`data-focus-then`, an id): the process lab's Run and Pause name Reset once the run is over, so the focus that
 * Run handed on (to Pause, or Copy link) lands there at the run's end, not on whatever follows Pause.
 */
import { useEffect, type RefObject } from 'react';

/** Where the focus may go: a button, a slider or a box (each leaves a lab's one-key shortcuts working; a text field would not). */
const TARGETS = 'button, input[type="range"], input[type="checkbox"]';
type Target = HTMLButtonElement | HTMLInputElement;

const usable = (b: Target) => !b.disabled && b.getAttribute('aria-disabled') !== 'true';
/** Drawn: a button in a closed dialog or a collapsed panel cannot take the focus. */
const shown = (b: HTMLElement) => (typeof b.checkVisibility === 'function' ? b.checkVisibility() : true);

/** Where a button was: the button itself while it is in the page, else the parent and siblings it was removed from. */
type Place = { node: HTMLButtonElement } | { parent: Node; next: Node | null; prev: Node | null };

/** Whether `b` comes before the place in the page's order. */
function precedes(b: Element, p: Place): boolean {
  const FOLLOWS = Node.DOCUMENT_POSITION_FOLLOWING;
  if ('node' in p) return (b.compareDocumentPosition(p.node) & FOLLOWS) !== 0;
  if (p.next?.isConnected) return (b.compareDocumentPosition(p.next) & FOLLOWS) !== 0;
  if (p.prev?.isConnected) return p.prev === b || p.prev.contains(b) || (b.compareDocumentPosition(p.prev) & FOLLOWS) !== 0;
  return (b.compareDocumentPosition(p.parent) & FOLLOWS) !== 0;
}

/**
 * The controls to move to from a place, best first: in the smallest ancestor (up to `root`) with a usable shown
 * one, the nearest before it, then the nearest after it; then the same in each larger ancestor. Lazy: a larger
 * ancestor (a thousand lanes' Step buttons) is read only if no smaller one had a control that took the focus.
 */
export function* nearestUsable(root: HTMLElement, place: Place): Generator<Target> {
  const tried = new Set<Element>('node' in place ? [place.node] : []);
  let at: Node | null = 'node' in place ? place.node.parentNode : place.parent;
  while (at && at instanceof Element && root.contains(at)) {
    const buttons = [...at.querySelectorAll<Target>(TARGETS)].filter((b) => !tried.has(b) && usable(b) && shown(b));
    const before: Target[] = [];
    const after: Target[] = [];
    for (const b of buttons) {
      tried.add(b);
      (precedes(b, place) ? before : after).push(b);
    }
    yield* before.reverse();
    yield* after;
    if (at === root) break;
    at = at.parentNode;
  }
}

/** Where `el` was removed from, read from the page's changes; null if it was not among them. */
function removedFrom(el: Node, records: readonly MutationRecord[]): Place | null {
  for (const r of records) {
    for (const n of r.removedNodes) if (n === el || n.contains(el)) return { parent: r.target, next: r.nextSibling, prev: r.previousSibling };
  }
  return null;
}

export function keepFocus(root: HTMLElement): () => void {
  /** The button that had the focus last, while nothing else has taken it since. */
  let last: HTMLButtonElement | null = null;
  /** Where the focus was moved from and to: it goes back when `from` works again (Step after an Undo's reload). */
  let moved: { from: HTMLButtonElement; to: Target } | null = null;
  /** This watch is moving the focus: a disabled button can still hold it (Chrome), and its focusout is not the user's. */
  let moving = false;
  /** A move whose `to` was pressed (Cancel): if the press removes it, the focus goes back to `from`, not to the body. */
  let pressedTo: { from: HTMLButtonElement; to: Target } | null = null;

  const focus = (b: Target): boolean => {
    moving = true;
    try {
      b.focus({ preventScroll: true });
    } finally {
      moving = false;
    }
    return document.activeElement === b;
  };

  const onIn = (e: FocusEvent) => {
    last = e.target instanceof HTMLButtonElement ? e.target : null;
    if (e.target !== moved?.to) moved = null;
    if (e.target !== pressedTo?.to) pressedTo = null;
  };
  // Focus leaving for another element (relatedTarget) is the user's move; a button disabling itself has none.
  const onOut = (e: FocusEvent) => {
    if (e.relatedTarget && !moving) last = moved = null;
  };
  // A press is the user's choice of where to be: no going back after it (Undo stays on Undo), unless the press
  // removes the very button pressed (Cancel): then back to where the focus was moved from.
  const onClick = (e: MouseEvent) => {
    const m = moved;
    pressedTo = m && e.target instanceof Node && m.to.contains(e.target) ? m : null;
    moved = null;
  };

  const check = (records: readonly MutationRecord[]) => {
    if (!last && !moved && !pressedTo) return;
    const active = document.activeElement;
    const onBody = active === null || active === document.body;
    const m = moved;
    // The button the focus was handed from (or the one holding it, disabled) names what comes next now.
    const named = (b: HTMLButtonElement | undefined): Target | null => {
      const id = b?.getAttribute('data-focus-then');
      const to = id ? document.getElementById(id) : null;
      return (to instanceof HTMLButtonElement || to instanceof HTMLInputElement) && usable(to) && shown(to) ? to : null;
    };
    const next = m && active === m.to ? named(m.from) : null;
    if (next && next !== active && focus(next)) {
      moved = null;
      last = null;
      return;
    }
    // Back to `from` once it works, from `to` or from nowhere if `to` has gone (Explore's Cancel, removed when the search ends).
    const stranded = !m?.to.isConnected && onBody;
    if (m && (active === m.to || stranded) && m.from.isConnected && usable(m.from)) {
      moved = null;
      focus(m.from);
      return;
    }
    const p = pressedTo;
    if (p && !p.to.isConnected && onBody && p.from.isConnected && usable(p.from)) {
      pressedTo = null;
      focus(p.from);
      return;
    }
    const from = last;
    if (!from || (active && active !== document.body && active !== from)) return;
    const place: Place | null = from.isConnected ? (from.disabled ? { node: from } : null) : removedFrom(from, records);
    if (!place) return;
    last = null;
    const then = 'node' in place ? named(from) : null;
    if (then && focus(then)) return;
    for (const to of nearestUsable(root, place)) {
      if (!focus(to)) continue;
      // A removed button has nothing to come back to.
      moved = 'node' in place ? { from, to } : null;
      return;
    }
  };

  const watch = new MutationObserver(check);
  watch.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'aria-disabled', 'data-focus-then'] });
  root.addEventListener('focusin', onIn);
  root.addEventListener('focusout', onOut);
  root.addEventListener('click', onClick);
  return () => {
    watch.disconnect();
    root.removeEventListener('focusin', onIn);
    root.removeEventListener('focusout', onOut);
    root.removeEventListener('click', onClick);
  };
}

/** `keepFocus` over `root` while it is mounted (the App's whole page). */
export function useKeepFocus(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = root.current;
    return el ? keepFocus(el) : undefined;
  }, [root]);
}
