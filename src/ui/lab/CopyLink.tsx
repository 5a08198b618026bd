import { useEffect, useState } from 'react';
import { useT } from '../app/useT';
import './copyLink.css';

/**
 * "Copy link", each lab's one: the address bar reproduces what is on screen (the process lab's scenario, mode,
 * seed, settings, and in step mode the schedule and how far along; the CPU lab's workload, policy and tick), so
 * the link is the page's own URL, brought up to date first by `update` (the process lab's schedule is written a
 * moment after the last step, the CPU lab's tick not while playing). Where the clipboard is refused, the link is
 * shown selected to copy by hand.
 */
export function CopyLink({ update }: { update: () => Promise<void> | void }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    await Promise.resolve()
      .then(update)
      .catch(() => undefined);
    const clip = navigator.clipboard as Clipboard | undefined;
    if (!clip) return setState('failed');
    clip.writeText(window.location.href).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()}>
        {t('lab.copyLink')}
      </button>
      <span aria-live="polite" className="copy-link-note">
        {state === 'copied' && t('lab.linkCopied')}
        {state === 'failed' && (
          <input
            aria-label={t('lab.linkToCopy')}
            readOnly
            value={window.location.href}
            ref={(el) => el?.select()}
            onBlur={() => setState('idle')}
          />
        )}
      </span>
    </span>
  );
}
