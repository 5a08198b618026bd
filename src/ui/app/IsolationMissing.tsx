import { useT } from './useT';

/** Shown instead of the process lab when the page cannot share memory between workers. */
export function IsolationMissing({ missing }: { missing: string[] }) {
  const t = useT();
  return (
    <section className="isolation-missing" role="alert" aria-labelledby="isolation-title">
      <h2 id="isolation-title">{t('isolation.title')}</h2>
      <p>{t('isolation.body')}</p>
      <p>
        <strong>{t('isolation.missing', { what: missing.join(', ') })}</strong>
      </p>
      <p>{t('isolation.fix')}</p>
    </section>
  );
}
