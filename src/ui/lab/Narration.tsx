import { startTransition, useContext, useEffect, useRef, useState } from 'react';
import { joinSentences, type StringKey } from '../../i18n/i18n';
import { useLabStore } from '../../lab/labStore';
import { narrate, type Phrase } from '../../lab/narrate';
import type { Snapshot } from '../../lab/liveRun';
import { useLang, useT } from '../app/useT';
import { RunSize } from './Lanes';
import { pacedRun } from './shownSnapshot';

/**
 * A polite live region that says, in a sentence, what the last step did
 * ("Process-2, line 12: stores 101 in balance …"). Step by step it narrates
 * every op; during a fast run a screen reader hears the latest one.
 * It keeps the phrases, not the sentence: a change of language says it again in the new one.
 */
export function Narration() {
  const t = useT();
  const lang = useLang();
  const [said, setSaid] = useState<Phrase[]>([]);
  const runSize = useContext(RunSize);
  // Scrubbed back: the sentence for the event at the timeline's cursor.
  const scrubbed = useLabStore((s) => (s.scrub === null ? null : s.scrubNarration));
  const say = (phrases: Phrase[]) =>
    joinSentences(
      phrases.map((p) => (p.key === 'narrate.did' ? t(p.key, { ...p.vars, op: t(p.vars.opKey as StringKey, { obj: p.vars.obj!, kind: p.vars.kind! }) }) : t(p.key, p.vars))),
      lang,
    );
  const prev = useRef<Snapshot | null>(null);
  const lastRun = useRef<Snapshot | null>(null);
  useEffect(
    () =>
      useLabStore.subscribe((s, before) => {
        // A new run (Reset, a setting, Undo, a link): its first snapshot is not a step from the last run's, which
        // stays on screen while it loads.
        if (s.phase === 'loading' && before.phase !== 'loading') {
          prev.current = null;
          lastRun.current = s.snapshot;
          setSaid([]);
        }
        const snap = s.snapshot;
        if (!snap || snap === prev.current || snap === lastRun.current) return;
        // A replay's snapshots can be several steps apart: only steps after it are narrated (labStore.narrateFrom).
        const phrases = (prev.current?.seq ?? -1) >= s.narrateFrom ? narrate(prev.current, snap) : [];
        prev.current = snap;
        if (phrases.length === 0) return;
        // A crowded or fast run's snapshots render as transitions (useShownSnapshot): the sentence joins the
        // same commit instead of bringing a frame of its own.
        if (pacedRun(s.fast, Math.max(snap.lanes.length, runSize))) startTransition(() => setSaid(phrases));
        else setSaid(phrases);
      }),
    [runSize],
  );
  return (
    <section className="narration" aria-label={t('narrate.title')} aria-live="polite">
      {say(scrubbed ?? said)}
    </section>
  );
}
