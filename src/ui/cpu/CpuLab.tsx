import { useT } from '../app/useT';

/** Placeholder: the CPU scheduling lab. */
export function CpuLab() {
  const t = useT();
  return <h2>{t('cpu.title')}</h2>;
}
