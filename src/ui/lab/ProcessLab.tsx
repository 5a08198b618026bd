import { useT } from '../app/useT';

/** Placeholder: the process lab. */
export function ProcessLab() {
  const t = useT();
  return <h2>{t('lab.title')}</h2>;
}
