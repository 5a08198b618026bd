import { explainDecision, explainEvent } from '../../cpu/explain';
import type { SimResult } from '../../cpu/simulate';
import { useAppStore } from '../../app/appStore';
import { useT } from '../app/useT';
import { useFormat } from './useFormat';

/** What happened at the start of the shown tick and why this job runs: a live region. */
export function Decision({ result, cursor }: { result: SimResult; cursor: number }) {
  const t = useT();
  const f = useFormat();
  const lang = useAppStore((s) => s.lang);
  const names = result.jobs.map((j) => j.name);
  const k = result.trace?.[cursor];
  return (
    <section className="panel cpu-decision" role="status" aria-live="polite" aria-label={t('cpu.decision')}>
      {k ? (
        <>
          <p className="cpu-decision-tick">{t('cpu.atTick', { t: f.int(cursor) })}</p>
          {k.events.length > 0 && (
            <ul className="cpu-events">
              {k.events.map((e, i) => (
                <li key={i}>{explainEvent(lang, e, names, result.options)}</li>
              ))}
            </ul>
          )}
          <p className="cpu-decision-text">{explainDecision(lang, k.decision, names, result.options)}</p>
        </>
      ) : (
        <p className="cpu-decision-text">{result.length === 0 ? t('cpu.noJobs') : t('cpu.allDone', { t: f.int(result.length) })}</p>
      )}
    </section>
  );
}
