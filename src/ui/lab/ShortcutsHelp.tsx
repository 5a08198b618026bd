import { memo, useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { StringKey } from '../../i18n/i18n';
import { focusBack, wrapTab } from '../app/modalDialog';
import { useT } from '../app/useT';

/** Every key the labs answer to (ProcessLab's useShortcuts): "?" lists them all. `stop`: only where there is a Stop (the Python lab). */
export const SHORTCUTS: { keys: string[]; action: StringKey; stop?: true }[] = [
  { keys: ['Space', 'N'], action: 'keys.step' },
  { keys: ['1', '…', '9'], action: 'keys.stepLane' },
  { keys: ['U'], action: 'keys.undo' },
  { keys: ['Y'], action: 'keys.redo' },
  { keys: ['R'], action: 'keys.run' },
  { keys: ['S'], action: 'keys.stop', stop: true },
  { keys: ['?'], action: 'keys.help' },
  { keys: ['Esc'], action: 'keys.close' },
];

const useShortcutsHelp = create<{ open: boolean }>(() => ({ open: false }));
/** Where the focus was when the list opened ("?" pressed on a button, or on the page's body). */
let opener: Element | null = null;
export const openShortcutsHelp = () => {
  opener = document.activeElement;
  useShortcutsHelp.setState({ open: true });
};

/**
 * The list of shortcuts, as a modal dialog: the focus moves in, Tab stays in, Esc closes, and the focus goes back
 * where it was (else to the list's button, not the page's body). Memoised: the Python lab
 * renders with every snapshot of a run, and this never changes with one.
 */
export const ShortcutsHelp = memo(function ShortcutsHelp({ stop = false }: { stop?: boolean }) {
  const t = useT();
  const open = useShortcutsHelp((s) => s.open);
  const ref = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <>
      <button ref={button} type="button" className="keys-button" aria-keyshortcuts="?" onClick={openShortcutsHelp}>
        {t('keys.title')} (?)
      </button>
      <dialog
        ref={ref}
        className="keys-dialog"
        aria-labelledby="keys-title"
        onKeyDown={(e) => wrapTab(e.currentTarget, e)}
        onClose={() => {
          useShortcutsHelp.setState({ open: false });
          focusBack(opener, button.current);
          opener = null;
        }}
      >
        <h2 id="keys-title">{t('keys.title')}</h2>
        <dl>
          {SHORTCUTS.filter((s) => stop || !s.stop).map((s) => (
            <div key={s.action}>
              <dt>
                {s.keys.map((k, i) => (k === '…' ? <span key={i}> – </span> : <kbd key={i}>{k}</kbd>))}
              </dt>
              <dd>{t(s.action)}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" autoFocus>
            {t('keys.closeButton')}
          </button>
        </form>
      </dialog>
    </>
  );
});
