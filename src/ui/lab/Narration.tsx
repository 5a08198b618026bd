import { useEffect, useRef, useState } from 'react';
import type { StringKey } from '../../i18n/i18n';
import { useLabStore } from '../../lab/labStore';
import { narrate } from '../../lab/narrate';
import type { Snapshot } from '../../lab/liveRun';
import { useT } from '../app/useT';

/**
 * A polite live region that says, in a sentence, what the last step did
 * ("Process-2, line 12: stores 101 in balance …"). Step by step it narrates
 * every op; during a fast run a screen reader hears the latest one.
 */
export function Narration() {
  const t = useT();
  const [text, setText] = useState('');
  const prev = useRef<Snapshot | null>(null);
  useEffect(
    () =>
      useLabStore.subscribe((s) => {
        const snap = s.snapshot;
        if (!snap || snap === prev.current) return;
        const phrases = narrate(prev.current, snap);
        prev.current = snap;
        if (phrases.length === 0) return;
        setText(
          phrases
            .map((p) => (p.key === 'narrate.did' ? t(p.key, { ...p.vars, op: t(p.vars.opKey as StringKey, { obj: p.vars.obj!, kind: p.vars.kind! }) }) : t(p.key, p.vars)))
            .join(' '),
        );
      }),
    [t],
  );
  return (
    <section className="narration" aria-label={t('narrate.title')} aria-live="polite">
      {text}
    </section>
  );
}
