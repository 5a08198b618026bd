import { scenarioById, scenarios } from '../../scenarios/registry';
import { useLabStore } from '../../lab/labStore';
import { useT } from '../app/useT';
import { useLocalized } from './useLang';

export function ScenarioPicker({ onChange }: { onChange: (id: string) => void }) {
  const t = useT();
  const L = useLocalized();
  const id = useLabStore((s) => s.settings.scenarioId);
  const current = scenarioById.get(id);
  // A bench-only scenario (opened by URL) is not listed, but the select names what is open.
  const options = current && !scenarios.includes(current) ? [...scenarios, current] : scenarios;
  return (
    <div className="scenario-picker">
      <label>
        {t('lab.scenario')}{' '}
        <select value={id} onChange={(e) => onChange(e.target.value)}>
          {options.map((s) => (
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
