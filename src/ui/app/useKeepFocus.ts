/**
 * A row of buttons whose pressed button may disable itself (Run while the run
 * goes, the last Step, the CPU lab's End): the browser then drops the keyboard
 * focus on the page's body and a keyboard or screen-reader user loses their
 * place. After each render, if that happened to a button of this row, the
 * focus moves to the nearest button of the row that still works: the one
 * before it first (Pause gives it back to Run), else the one after (Run gives
 * it to Pause, the last Step to Undo). A button that appears while the pressed one is disabled (Explore's
 * Cancel) takes the focus too, and gives it back when it goes, pressed or not; one the user came back to by Tab gives it to
 * its nearest neighbour. The moves never scroll: they stay
 * within the row, and a mouse user who scrolled away while a search ran must not be pulled back to it.
 */
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

const usable = (b: HTMLButtonElement) => !b.disabled && b.getAttribute('aria-disabled') !== 'true';

/** The button to move to from `from` (now disabled) in `buttons`, or null. */
export function nearestUsable(buttons: readonly HTMLButtonElement[], from: HTMLButtonElement): HTMLButtonElement | null {
  const i = buttons.indexOf(from);
  if (i < 0) return null;
  for (let k = i - 1; k >= 0; k--) if (usable(buttons[k]!)) return buttons[k]!;
  for (let k = i + 1; k < buttons.length; k++) if (usable(buttons[k]!)) return buttons[k]!;
  return null;
}

export function useKeepFocus(group: RefObject<HTMLElement | null>): void {
  /** The row's button that had the focus last, while nothing else has taken it since. */
  const last = useRef<HTMLButtonElement | null>(null);
  /** Where the focus was moved from and to: it goes back when `from` works again (Step after an Undo's reload). */
  const moved = useRef<{ from: HTMLButtonElement; to: HTMLButtonElement } | null>(null);
  /** This hook is moving the focus: a disabled button can still hold it (Chrome), and its focusout is not the user's. */
  const moving = useRef(false);
  /** A move whose `to` was pressed (Cancel): if the press removes it, the focus goes back to `from`, not to the body. */
  const pressedTo = useRef<{ from: HTMLButtonElement; to: HTMLButtonElement } | null>(null);
  /** The row's buttons when `last` took the focus: where it stood, should it be removed. */
  const rowAtFocus = useRef<HTMLButtonElement[]>([]);

  useEffect(() => {
    const el = group.current;
    if (!el) return;
    const onIn = (e: FocusEvent) => {
      last.current = e.target instanceof HTMLButtonElement ? e.target : null;
      rowAtFocus.current = [...el.querySelectorAll('button')];
      if (e.target !== moved.current?.to) moved.current = null;
      if (e.target !== pressedTo.current?.to) pressedTo.current = null;
    };
    // Focus leaving for another element (relatedTarget) is the user's move; a button disabling itself has none.
    const onOut = (e: FocusEvent) => {
      if (e.relatedTarget && !moving.current) last.current = moved.current = null;
    };
    // A press is the user's choice of where to be: no going back after it (Undo stays on Undo), unless the press
    // removes the very button pressed (Cancel): then back to where the focus was moved from.
    const onClick = (e: MouseEvent) => {
      const m = moved.current;
      pressedTo.current = m && e.target instanceof Node && m.to.contains(e.target) ? m : null;
      moved.current = null;
    };
    el.addEventListener('focusin', onIn);
    el.addEventListener('focusout', onOut);
    el.addEventListener('click', onClick);
    return () => {
      el.removeEventListener('focusin', onIn);
      el.removeEventListener('focusout', onOut);
      el.removeEventListener('click', onClick);
    };
  }, [group]);

  // Every render: a render is what disables a button, and what enables it again.
  useLayoutEffect(() => {
    const el = group.current;
    if (!el) return;
    const active = document.activeElement;
    const m = moved.current;
    // Back to `from` once it works, from `to` or from nowhere if `to` has gone (Explore's Cancel, removed when the search ends).
    const onBody = active === null || active === document.body;
    const stranded = !m?.to.isConnected && onBody;
    if (m && (active === m.to || stranded) && m.from.isConnected && usable(m.from)) {
      moved.current = null;
      m.from.focus({ preventScroll: true });
      return;
    }
    const p = pressedTo.current;
    if (p && !p.to.isConnected && onBody && p.from.isConnected && usable(p.from)) {
      pressedTo.current = null;
      p.from.focus({ preventScroll: true });
      return;
    }
    const from = last.current;
    // The focused button went while no move of ours led to it (Cancel, reached again by Tab): its nearest neighbour that stayed.
    if (from && !from.isConnected && onBody) {
      last.current = null;
      nearestUsable(rowAtFocus.current.filter((b) => b === from || b.isConnected), from)?.focus({ preventScroll: true });
      return;
    }
    if (!from || !from.disabled || (active && active !== document.body && active !== from)) return;
    const to = nearestUsable([...el.querySelectorAll('button')], from);
    if (!to) return;
    moved.current = { from, to };
    moving.current = true;
    try {
      to.focus({ preventScroll: true });
    } finally {
      moving.current = false;
    }
  });
}
