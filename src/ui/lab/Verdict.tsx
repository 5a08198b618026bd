import { scrubJudgedBefore, shownJudgement, useLabStore } from '../../lab/labStore';
import { scenarioById } from '../../scenarios/registry';
import { sentenceGap } from '../../i18n/i18n';
import { formatNumber } from '../../i18n/plural';
import { useLang, useT } from '../app/useT';
import { useLocalized } from './useLang';

/** Whether the explanation already opens with the verdict word ("Deadlock: …"). */
function startsWithWord(text: string, word: string): boolean {
  return text.toLowerCase().startsWith(word.replace(/[:：]$/, '').toLowerCase());
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
  // Ended with no verdict and no error: the learner pressed Stop (the Python lab); the processes were unwound mid-run.
  const stopped = phase === 'ended' && !final && error === null && verdict === 'running';
  // Ended before it started: Stop pressed while the run was still being prepared.
  const stoppedLoading = phase === 'ended' && error === null && verdict === 'idle';
  const kept = useLabStore((s) => s.kept);
  const mode = useLabStore((s) => s.settings.mode);
  const scrub = useLabStore((s) => s.scrub);
  const commanded = useLabStore((s) => scenarioById.get(s.settings.scenarioId)?.commands !== undefined);
  // The run's own status, not its lanes: "awaiting" is every live process blocked with one waiting for a call
  // (runStatus). All lanes blocked is also a parallel deadlock's quiet period, before it is called one.
  const waitsForCall = useLabStore((s) => commanded && s.verdict === 'running' && s.status === 'awaiting');
  const scrubJudgement = useLabStore((s) => s.scrubJudgement);
  const judgedAt = useLabStore(scrubJudgedBefore);
  if (scrub !== null) {
    // Scrubbed back: the verdict the run had reached at the timeline's cursor. Past event 0 the run had started
    // even where the view had not judged it yet (steps taken faster than it pulls): not "Ready".
    const v = scrubJudgement?.verdict ?? (scrub > 0 ? 'running' : 'idle');
    // The judge reads shared memory, so a moment shows the last judgement before it: one made events earlier (a
    // clock or parallel run is judged once per pull) is said to be, or its "0 sold" contradicts the panels' sale.
    return (
      <div role="status" className={`verdict verdict-${v}`} data-verdict={v} data-scrubbed="">
        <strong className="verdict-word">{judgedAt !== null ? t('lab.verdict.rewoundLags', { n: scrub, at: judgedAt }) : t('lab.verdict.rewound', { n: scrub })}{gap}</strong>
        <span className="verdict-text">{scrubJudgement ? L(scrubJudgement.explanation) : t(v === 'running' ? 'lab.verdict.running' : 'lab.verdict.idle')}</span>
      </div>
    );
  }
  // Between steps of a scheduled run the learner is the scheduler: say so, and say "Paused" after Pause.
  const between = verdict === 'running' && mode !== 'parallel' && phase !== 'running' && !halted;
  const text =
    final && judgement
      ? L(judgement.explanation)
      : phase === 'loading'
        ? // A press kept for the run being prepared is said: in the Python lab a kept R waited seconds in silence.
          t(kept === 'run' ? 'lab.loading.run' : kept === 'step' ? 'lab.loading.step' : 'lab.loading')
        : halted
          ? t('lab.verdict.halted')
          : stopped
            ? t('lab.verdict.stopped')
            : stoppedLoading
              ? t('lab.verdict.stoppedLoading')
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
  const scrub = useLabStore((s) => s.scrub);
  // Rewound: figures worked out before the moment shown lag as the verdict line does, and say so as it does.
  const judgedAt = useLabStore(scrubJudgedBefore);
  return (
    <section className="panel outcome" aria-label={t('lab.outcome')}>
      <h2>{t('lab.outcome')}</h2>
      {judgedAt !== null && <p className="muted small outcome-lag">{t('lab.outcome.asOf', { n: scrub ?? 0, at: judgedAt })}</p>}
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
