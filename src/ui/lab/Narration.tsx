import { startTransition, useContext, useEffect, useRef, useState } from 'react';
import { joinSentences, type StringKey } from '../../i18n/i18n';
import { useLabStore } from '../../lab/labStore';
import { narrate, narrateReplay, type Phrase } from '../../lab/narrate';
import type { Snapshot } from '../../lab/liveRun';
import { useLang, useT } from '../app/useT';
import { RunSize } from './Lanes';
import { pacedRun } from './shownSnapshot';

/**
 * A polite live region that says, in a sentence, what the last step did
 * ("Process-2, line 12: stores 101 in balance …"). Step by step it narrates
 * every op; during a fast run a screen reader hears the latest one. After a replay (Undo, Redo, a link) it says
 * where the replay left the learner, then narrates their own steps again.
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
      phrases.map((p) => (p.vars.opKey !== undefined ? t(p.key, { ...p.vars, op: t(p.vars.opKey as StringKey, { obj: p.vars.obj!, kind: p.vars.kind! }) }) : t(p.key, p.vars))),
      lang,
    );
  const prev = useRef<Snapshot | null>(null);
  const lastRun = useRef<Snapshot | null>(null);
  /** This run's replay has been said. */
  const replaySaid = useRef(false);
  useEffect(
    () =>
      useLabStore.subscribe((s, before) => {
        // A new run (Reset, a setting, Undo, a link): its first snapshot is not a step from the last run's, which
        // stays on screen while it loads.
        if (s.phase === 'loading' && before.phase !== 'loading') {
          prev.current = null;
          lastRun.current = s.snapshot;
          replaySaid.current = false;
          setSaid([]);
        }
        const snap = s.snapshot;
        if (!snap || snap === lastRun.current) return;
        // A replay's snapshots can be several steps apart: only steps after it are narrated (labStore.narrateFrom).
        // Its end is said once, from the first snapshot that shows it (silence left the learner guessing where it
        // stood): a snapshot already shown when the replay is known (pulled as it ended), or the next.
        const atReplayEnd = s.replay !== null && !replaySaid.current && snap.seq >= s.narrateFrom;
        if (snap === prev.current && !atReplayEnd) return;
        if (atReplayEnd) replaySaid.current = true;
        const phrases = atReplayEnd ? narrateReplay(s.replay!, snap) : (prev.current?.seq ?? -1) >= s.narrateFrom ? narrate(prev.current, snap) : [];
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
