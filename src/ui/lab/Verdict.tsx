import { shownJudgement, useLabStore } from '../../lab/labStore';
import type { Snapshot } from '../../lab/liveRun';
import { scenarioById } from '../../scenarios/registry';
import { sentenceGap } from '../../i18n/i18n';
import { formatNumber } from '../../i18n/plural';
import { useLang, useT } from '../app/useT';
import { useLocalized } from './useLang';

/** Whether the explanation already opens with the verdict word ("Deadlock: …"). */
function startsWithWord(text: string, word: string): boolean {
  return text.toLowerCase().startsWith(word.replace(/[:：]$/, '').toLowerCase());
}

/**
 * Whether every live process of a run is blocked: in a scenario driven by the learner's calls (its `commands`),
 * nothing moves until a call button is pressed, and "Running…" would leave the learner waiting for the page.
 */
export function allBlocked(snapshot: Snapshot | null): boolean {
  const live = snapshot?.lanes.filter((l) => l.state !== 'done' && l.state !== 'terminated') ?? [];
  return live.length > 0 && live.every((l) => l.state === 'blocked');
}

/** The one role="status" element: data-verdict plus a one-sentence explanation. */
export function Verdict() {
  const t = useT();
  const L = useLocalized();
  const gap = sentenceGap(useLang());
  const verdict = useLabStore((s) => s.verdict);
  const judgement = useLabStore((s) => s.judgement);
  const phase = useLabStore((s) => s.phase);
  const error = useLabStore((s) => s.error);
  const final = verdict === 'ok' || verdict === 'violated' || verdict === 'deadlock' || verdict === 'error';
  // A run that failed to start or lost its kernel is not "ready": the alert below says why.
  const halted = phase === 'ended' && !final && error !== null;
  const mode = useLabStore((s) => s.settings.mode);
  const scrub = useLabStore((s) => s.scrub);
  const commanded = useLabStore((s) => scenarioById.get(s.settings.scenarioId)?.commands !== undefined);
  const waitsForCall = useLabStore((s) => commanded && s.verdict === 'running' && allBlocked(s.snapshot));
  const scrubJudgement = useLabStore((s) => s.scrubJudgement);
  if (scrub !== null) {
    // Scrubbed back: the verdict the run had reached at the timeline's cursor.
    const v = scrubJudgement?.verdict ?? 'idle';
    return (
      <div role="status" className={`verdict verdict-${v}`} data-verdict={v} data-scrubbed="">
        <strong className="verdict-word">{t('lab.verdict.rewound', { n: scrub })}{gap}</strong>
        <span className="verdict-text">{scrubJudgement ? L(scrubJudgement.explanation) : t('lab.verdict.idle')}</span>
      </div>
    );
  }
  // Between steps of a scheduled run the learner is the scheduler: say so, and say "Paused" after Pause.
  const between = verdict === 'running' && mode !== 'parallel' && phase !== 'running' && !halted;
  const text =
    final && judgement
      ? L(judgement.explanation)
      : phase === 'loading'
        ? t('lab.loading')
        : halted
          ? t('lab.verdict.halted')
          : between
            ? t(phase === 'paused' ? 'lab.verdict.paused' : 'lab.verdict.yourMove')
            : waitsForCall
              ? t('lab.verdict.yourCall')
              : t(verdict === 'running' ? 'lab.verdict.running' : 'lab.verdict.idle');
  return (
    <div role="status" className={`verdict verdict-${verdict}`} data-verdict={verdict}>
      {final && !startsWithWord(text, t(`lab.verdict.${verdict}`)) && <strong className="verdict-word">{t(`lab.verdict.${verdict}`)}{gap}</strong>}
      <span className="verdict-text">{text}</span>
    </div>
  );
}

/** The figures of the run as term/description pairs. */
export function Outcome() {
  const t = useT();
  const lang = useLang();
  const L = useLocalized();
  const judgement = useLabStore(shownJudgement);
  return (
    <section className="panel outcome" aria-label={t('lab.outcome')}>
      <h2>{t('lab.outcome')}</h2>
      <dl>
        {(judgement?.figures ?? []).map((f) => (
          <div key={f.key} className="figure" data-key={f.key}>
            <dt>{L(f.label)}</dt>
            <dd>{typeof f.value === 'number' ? formatNumber(f.value, lang) : f.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
