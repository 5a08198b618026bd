import { useId, useState, type ReactNode } from 'react';
import { scenarioById } from '../../scenarios/registry';
import { useLabStore } from '../../lab/labStore';
import { MAX_SEED, MODES, SPEEDS, drawSeed, paramApplies, type LabSettings } from '../../lab/settings';
import { useT } from '../app/useT';
import { useLocalized } from './useLang';
import { NumberField } from './NumberField';

export interface SettingsProps {
  /** `rerun`: the change needs a fresh run (anything but speed and turbo). */
  onChange: (next: LabSettings, rerun: boolean) => void;
  /** A lab's own settings, first in the same region (the Python lab's switches): one region named Settings per page. */
  children?: ReactNode;
}

/** Parameters, options (on/off switches first), mode, seed, speed, turbo. */
export function Settings({ onChange, children }: SettingsProps) {
  const t = useT();
  const L = useLocalized();
  const settings = useLabStore((s) => s.settings);
  const sc = scenarioById.get(settings.scenarioId);
  const seedId = useId();
  const paramId = useId();
  const modeHintId = useId();
  const turboNoteId = useId();
  /** The mode just chosen, for the note that the run restarted (shown while that mode is on). */
  const [modeChosen, setModeChosen] = useState<{ scenarioId: string; mode: LabSettings['mode'] } | null>(null);
  if (!sc) return null;
  const setParam = (name: string, value: number | string) => onChange({ ...settings, params: { ...settings.params, [name]: value } }, true);
  /** Apply a settled number; reads the store afresh, as a field's timer may fire after other settings changed. */
  const applyParam = (name: string) => (value: number) => {
    const now = useLabStore.getState().settings;
    if (now.params[name] !== value) onChange({ ...now, params: { ...now.params, [name]: value } }, true);
  };
  const applySeed = (seed: number) => {
    const now = useLabStore.getState().settings;
    if (now.seed !== seed) onChange({ ...now, seed }, true);
  };
  const switches = sc.options.filter((o) => o.switch);
  const otherOpts = sc.options.filter((o) => !o.switch);
  return (
    <section className="panel settings" aria-label={t('lab.settings')}>
      {children}
      {switches.map((o) => {
        const on = settings.params[o.name] === 'on';
        return (
          <div className="lock-switch" key={o.name}>
            <button type="button" role="switch" aria-checked={on} aria-label={L(o.label)} className={`switch ${on ? 'on' : 'off'}`} onClick={() => setParam(o.name, on ? 'off' : 'on')}>
              <span className="switch-knob" aria-hidden="true" />
            </button>
            <span className="switch-label">
              <strong>{L(o.label)}</strong> — {L(on ? o.switch!.on : o.switch!.off)}
            </span>
          </div>
        );
      })}
      <div className="settings-grid">
        {sc.params.filter((p) => paramApplies(p, settings.params)).map((p) => (
          <label key={p.name}>
            <span id={`${paramId}-${p.name}`}>{L(p.label)}</span>
            <NumberField name={p.name} labelledBy={`${paramId}-${p.name}`} min={p.min} max={p.max} value={Number(settings.params[p.name])} onApply={applyParam(p.name)} />
          </label>
        ))}
        {otherOpts.map((o) => (
          <label key={o.name}>
            <span>{L(o.label)}</span>
            <select name={o.name} value={settings.params[o.name]} onChange={(e) => setParam(o.name, e.target.value)}>
              {o.values.map((v) => (
                <option key={v} value={v}>
                  {o.valueLabels?.[v] ? L(o.valueLabels[v]) : v}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="mode-field">
          <span>{t('lab.mode')}</span>
          <select aria-label={t('lab.mode')} aria-describedby={modeHintId} value={settings.mode} disabled={!!sc.onlyMode} onChange={(e) => {
              const mode = e.target.value as LabSettings['mode'];
              setModeChosen({ scenarioId: settings.scenarioId, mode });
              onChange({ ...settings, mode }, true);
            }}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`lab.mode.${m}`)}
              </option>
            ))}
          </select>
          <small id={modeHintId}>{t('lab.modeRestarts')}</small>
          <small className="mode-note" aria-live="polite">
            {modeChosen && modeChosen.scenarioId === settings.scenarioId && modeChosen.mode === settings.mode && t('lab.modeChanged', { mode: t(`lab.mode.${settings.mode}`) })}
          </small>
        </label>
        <div className="seed">
          <label htmlFor={seedId}>{t('lab.seed')}</label>
          <NumberField id={seedId} min={0} max={MAX_SEED} value={settings.seed} onApply={applySeed} />
          <button type="button" onClick={() => onChange({ ...settings, seed: drawSeed() }, true)}>
            {t('lab.newSeed')}
          </button>
        </div>
        <label>
          <span>{t('lab.speed')}</span>
          <select value={settings.speed} onChange={(e) => onChange({ ...settings, speed: Number(e.target.value) }, false)}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.turbo && !sc.noTurbo}
            disabled={!!sc.noTurbo}
            aria-describedby={sc.noTurbo ? turboNoteId : undefined}
            onChange={(e) => onChange({ ...settings, turbo: e.target.checked }, false)}
          />
          <span>{t('lab.turbo')}</span>
        </label>
        {sc.noTurbo && (
          <small className="turbo-note" id={turboNoteId}>
            {L(sc.noTurbo)}
          </small>
        )}
      </div>
    </section>
  );
}
