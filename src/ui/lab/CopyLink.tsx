import { useEffect, useState } from 'react';
import { useT } from '../app/useT';
import { writeScheduleNow } from '../explore/RunTools';

/**
 * "Copy link", the page's one: the address bar reproduces the run (scenario,
 * mode, seed, settings, and in step mode the schedule and how far along), so
 * the link is the page's own URL, brought up to date first (the schedule is
 * written a moment after the last step). Where the clipboard is refused, the
 * link is shown selected to copy by hand.
 */
export function CopyLink() {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    await writeScheduleNow().catch(() => undefined);
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
