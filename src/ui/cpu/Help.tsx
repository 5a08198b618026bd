import { useT } from '../app/useT';

/** The model in words: states, the same-tick order, and what each policy does. */
export function Help() {
  const t = useT();
  return (
    <section className="panel cpu-help" aria-labelledby="cpu-help-title">
      <h3 id="cpu-help-title">{t('cpu.help')}</h3>
      <p>{t('cpu.help.states')}</p>
      <p>
        <strong>{t('cpu.help.tiesTitle')}</strong> {t('cpu.help.ties')}
      </p>
      <p>{t('cpu.help.io')}</p>
      <details>
        <summary>{t('cpu.help.policies')}</summary>
        <dl>
          {(['fcfs', 'sjf', 'srtf', 'rr', 'priority', 'mlfq'] as const).map((p) => (
            <div key={p}>
              <dt>{t(`cpu.policy.${p}`)}</dt>
              <dd>{t(`cpu.help.${p}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}
