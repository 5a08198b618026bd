import { LIMITS } from '../../cpu/params';
import { POLICIES, TIE_RULES, mlfqAllotments, mlfqQuanta, type PolicyId, type PreemptedPlace, type TieRule } from '../../cpu/types';
import { useT } from '../app/useT';
import { useCpuStore } from './cpuStore';
import { DraftField, parseIntIn } from './fields';

function parseList(min: number, max: number, maxLen: number) {
  return (s: string): number[] | undefined => {
    const parts = s.split(',').map((p) => p.trim());
    if (parts.length < 1 || parts.length > maxLen) return undefined;
    const out: number[] = [];
    for (const p of parts) {
      if (!/^\d+$/.test(p)) return undefined;
      const n = Number(p);
      if (n < min || n > max) return undefined;
      out.push(n);
    }
    return out;
  };
}

/** The policy and the options it uses (only those are shown). */
export function PolicySettings() {
  const t = useT();
  const o = useCpuStore((s) => s.config.options);
  const { setOptions } = useCpuStore.getState();
  const sliced = o.policy === 'rr' || o.policy === 'mlfq';
  const mlfq = o.policy === 'mlfq';
  const quanta = mlfqQuanta(o);
  const allot = mlfqAllotments(o, quanta.length);
  const ostepRules = o.preempted === 'head' && o.ties === 'ended-first';

  return (
    <section className="panel cpu-settings" aria-labelledby="cpu-settings-title">
      <h3 id="cpu-settings-title">{t('cpu.settings')}</h3>
      <div className="cpu-settings-grid">
        <label className="wide">
          {t('cpu.policy')}
          <select aria-label={t('cpu.policy')} value={o.policy} onChange={(e) => setOptions({ policy: e.target.value as PolicyId })}>
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {t(`cpu.policy.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {sliced && !(mlfq && o.quanta) && (
          <label>
            {t('cpu.quantum')}
            <DraftField label={t('cpu.quantum')} value={o.quantum} format={String} parse={parseIntIn(1, LIMITS.quantum)} onCommit={(quantum) => setOptions({ quantum })} />
          </label>
        )}
        {mlfq && !o.quanta && (
          <label>
            {t('cpu.levels')}
            <DraftField label={t('cpu.levels')} value={o.levels} format={String} parse={parseIntIn(1, LIMITS.levels)} onCommit={(levels) => setOptions({ levels, allotment: typeof o.allotment === 'number' ? o.allotment : allot[0]! })} />
          </label>
        )}
        {mlfq && (
          <>
            <label>
              {t('cpu.quanta')}
              <DraftField
                label={t('cpu.quanta')}
                title={t('cpu.quantaHint')}
                value={o.quanta ?? null}
                inputMode="text"
                placeholder={quanta.join(',')}
                format={(v) => (v ? v.join(',') : '')}
                parse={(s) => (s.trim() === '' ? null : parseList(1, LIMITS.slice, LIMITS.levels)(s))}
                onCommit={(v) => {
                  if (v) setOptions({ quanta: v, levels: v.length, allotment: typeof o.allotment === 'number' ? o.allotment : allot[0]! });
                  else setOptions({ quanta: undefined, levels: quanta.length });
                }}
              />
            </label>
            <label>
              {t('cpu.allotment')}
              <DraftField
                label={t('cpu.allotment')}
                title={t('cpu.allotmentHint')}
                value={o.allotment}
                inputMode="text"
                format={(v) => (typeof v === 'number' ? String(v) : v.join(','))}
                parse={(s) => {
                  const l = parseList(1, LIMITS.allotment, LIMITS.levels)(s);
                  if (!l) return undefined;
                  if (l.length === 1) return l[0];
                  return l.length === quanta.length ? l : undefined;
                }}
                onCommit={(allotment) => setOptions({ allotment })}
              />
            </label>
            <label>
              {t('cpu.boost')}
              <DraftField label={t('cpu.boost')} title={t('cpu.boostHint')} value={o.boost} format={String} parse={parseIntIn(0, LIMITS.boost)} onCommit={(boost) => setOptions({ boost })} />
            </label>
            <label>
              {t('cpu.preempted')}
              <select aria-label={t('cpu.preempted')} value={o.preempted} onChange={(e) => setOptions({ preempted: e.target.value as PreemptedPlace })}>
                <option value="tail">{t('cpu.preempted.tail')}</option>
                <option value="head">{t('cpu.preempted.head')}</option>
              </select>
            </label>
          </>
        )}
        {sliced && (
          <label>
            {t('cpu.ties')}
            <select aria-label={t('cpu.ties')} value={o.ties} onChange={(e) => setOptions({ ties: e.target.value as TieRule })}>
              {TIE_RULES.map((r) => (
                <option key={r} value={r}>
                  {t(r === 'arrivals-first' ? 'cpu.ties.arrivals' : 'cpu.ties.ended')}
                </option>
              ))}
            </select>
          </label>
        )}
        {o.policy === 'priority' && (
          <label className="checkbox">
            <input type="checkbox" checked={o.preemptive} onChange={(e) => setOptions({ preemptive: e.target.checked })} />
            {t('cpu.preemptive')}
          </label>
        )}
      </div>
      {mlfq && (
        <p className="small">
          <span className="muted">
            {t('cpu.mlfqSummary', { quanta: quanta.join(', '), allot: allot.join(', ') })}{' '}
          </span>
          <button type="button" className="link" aria-pressed={ostepRules} onClick={() => setOptions(ostepRules ? { preempted: 'tail', ties: 'arrivals-first' } : { preempted: 'head', ties: 'ended-first' })}>
            {t('cpu.ostepRules')}
          </button>
        </p>
      )}
    </section>
  );
}
