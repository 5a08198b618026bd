import { scenarios } from '../../scenarios/registry';
import { useLabStore } from '../../lab/labStore';
import { useT } from '../app/useT';
import { useLocalized } from './useLang';

export function ScenarioPicker({ onChange }: { onChange: (id: string) => void }) {
  const t = useT();
  const L = useLocalized();
  const id = useLabStore((s) => s.settings.scenarioId);
  const current = scenarios.find((s) => s.id === id);
  return (
    <div className="scenario-picker">
      <label>
        {t('lab.scenario')}{' '}
        <select value={id} onChange={(e) => onChange(e.target.value)}>
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {L(s.title)}
            </option>
          ))}
        </select>
      </label>
      {current && <p className="scenario-summary">{L(current.summary)}</p>}
    </div>
  );
}
