import { useId } from 'react';
import { useExploreStore } from '../../lab/exploreStore';
import { judged, useLabStore } from '../../lab/labStore';
import { useT } from '../app/useT';
import { useMainFigure } from './useMainFigure';

const norm = (v: string) => v.trim().toLowerCase();
/** A guess of a deadlock, in either language: the Chinese page asks for 死锁, and a learner may type either word. */
const saysDeadlock = (v: string) => ['deadlock', '死锁'].includes(norm(v));

/** Predict, then reveal: the learner's guess of the main figure, compared with the run's end or the explored outcomes. */
export function Prediction() {
  const t = useT();
  const noteId = useId();
  const figure = useMainFigure();
  const prediction = useExploreStore((s) => s.prediction);
  const report = useExploreStore((s) => s.explore);
  const verdict = useLabStore((s) => s.verdict);
  const actual = useLabStore((s) => s.judgement?.figures[0]?.value);
  const guess = prediction?.value.trim() ?? '';
  // Once the outcome is known (the run has ended, or every schedule was explored) a guess would be revealed as
  // it is typed, a prediction in name only: the field is closed until Reset (or, after exploring, a new setting).
  const runOver = judged(verdict);
  const closed = report?.done ? 'predict.closedExplore' : runOver ? 'predict.closedRun' : null;
  let reveal = '';
  if (guess) {
    if (report?.done) {
      const all = report.outcomes.map((o) => o.value).join(', ');
      const hit = report.outcomes.find((o) => norm(o.value) === norm(guess) || (saysDeadlock(guess) && report.deadlocked > 0));
      reveal = hit ? t('predict.exploreHit', { value: guess, count: hit.count, all }) : t('predict.exploreMiss', { value: guess, all });
    } else if (runOver && actual !== undefined) {
      const hit = verdict === 'deadlock' ? saysDeadlock(guess) : norm(String(actual)) === norm(guess);
      reveal = hit ? t('predict.hit', { value: guess }) : t('predict.miss', { value: guess, actual: verdict === 'deadlock' ? t('predict.deadlockWord') : String(actual) });
    }
  }
  return (
    <div className="prediction">
      <label>
        {t('predict.label', { figure })}
        <input
          type="text"
          value={prediction?.value ?? ''}
          placeholder={t('predict.deadlock')}
          readOnly={closed !== null}
          aria-describedby={closed ? noteId : undefined}
          onChange={(e) => useExploreStore.setState({ prediction: { value: e.target.value } })}
        />
      </label>
      {closed && (
        <p id={noteId} className="muted small prediction-closed">
          {t(closed)}
        </p>
      )}
      {/* Said aloud when it appears: it comes at the run's end, away from the field it answers. */}
      <div aria-live="polite">{reveal && <p className="reveal">{reveal}</p>}</div>
    </div>
  );
}
